import { z } from "@hono/zod-openapi";

export const errorSchema = z
  .object({
    message: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Error");

export const idParamSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

/** Query-string booleans: "true"/"false" (and 1/0), as Radarr's clients send them. */
export const queryBoolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** `?forceSave=true`: save a provider (indexer, download client) without testing it first. */
export const forceSaveQuery = z.object({
  forceSave: queryBoolean.optional().openapi({ description: "Save without testing the connection first" }),
});

export const errorResponses = {
  400: {
    content: { "application/json": { schema: errorSchema } },
    description: "Invalid input; errors name the fields",
  },
  401: { content: { "application/json": { schema: errorSchema } }, description: "Missing or wrong API key" },
  404: { content: { "application/json": { schema: errorSchema } }, description: "No such resource" },
} as const;
