import { createRoute, z } from "@hono/zod-openapi";
import { budgetUsages } from "../integrations/budget";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

export const budgetRouter = createRouter();

const budgetWindowSchema = z.object({
  name: z.enum(["second", "fiveMinutes", "day", "month"]),
  limit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  resetsAt: z.string().openapi({ description: "When the window resets (ISO 8601, UTC)" }),
});

export const budgetSchema = z
  .object({
    service: z.string().openapi({ example: "watchmode" }),
    windows: z.array(budgetWindowSchema).openapi({ description: "Hard limits: calls beyond them are refused" }),
    softTarget: z
      .object({ perDay: z.number().int(), usedToday: z.number().int(), over: z.boolean() })
      .optional()
      .openapi({ description: "Calls per UTC day we aim to stay under; never refuses" }),
    bulk: budgetWindowSchema.optional().openapi({
      description:
        "The bulk allowance: what list syncs may reserve per window for all their pages at once (Trakt: half of its 1,000 calls per 5 minutes)",
    }),
    pausedUntil: z
      .string()
      .optional()
      .openapi({ description: "Set while the upstream asked us to pause (429/402): calls resume then" }),
  })
  .openapi("ApiBudget");

budgetRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["System"],
    summary: "Calls used and left per rationed upstream (Watchmode, Trakt, TMDb)",
    responses: { 200: jsonContent(z.array(budgetSchema), "Budgets"), ...errorResponses },
  }),
  async (c) => c.json(await budgetUsages(c.env), 200),
);
