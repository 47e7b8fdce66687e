import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { GROUP_FACTOR_WEIGHTS, GROUP_FACTORS, GROUP_TIERS, groupsToCsv } from "../domain/analysis/releaseGroups";
import { groupReputations } from "../services/groupAnalysis";
import type { AppEnv } from "./context";
import { createRouter } from "./router";
import { errorResponses } from "./schemas/common";

/** Scene-group analysis from HDBits observations (`/api/v3/analysis/groups`), as JSON or CSV. */
export const analysisRouter = createRouter();
const tags = ["Analysis"];

const factorsSchema = z.object(
  Object.fromEntries(GROUP_FACTORS.map((f) => [f, z.number()])) as Record<(typeof GROUP_FACTORS)[number], z.ZodNumber>,
);

const groupSchema = z
  .object({
    group: z.string(),
    score: z.number().int().min(0).max(100),
    tier: z.enum(GROUP_TIERS),
    releases: z.number().int(),
    factors: factorsSchema,
    internalReleases: z.number().int(),
    exclusiveReleases: z.number().int(),
    seeders: z.number().int(),
    leechers: z.number().int(),
    timesCompleted: z.number().int(),
    averageSize: z.number().int(),
    newestUpload: z.string(),
  })
  .openapi("ReleaseGroupReputation");

const groupsQuery = z.object({
  format: z.enum(["json", "csv"]).default("json"),
  minReleases: z.coerce.number().int().min(1).max(100_000).default(1),
  tier: z.enum(GROUP_TIERS).optional(),
});

async function groups(c: Context<AppEnv>, query: { minReleases: number; tier?: string }) {
  const all = await groupReputations(c.get("db"));
  return all.filter((g) => g.releases >= query.minReleases && (!query.tier || g.tier === query.tier));
}

const csvResponse = (body: string) =>
  new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="release-groups.csv"',
    },
  });

analysisRouter.openapi(
  createRoute({
    method: "get",
    path: "/groups",
    tags,
    summary: `Release-group reputations (0–100, best first) from HDBits observations; factor weights: ${GROUP_FACTORS.map((f) => `${f} ${GROUP_FACTOR_WEIGHTS[f]}`).join(", ")}`,
    request: { query: groupsQuery },
    responses: {
      200: {
        content: {
          "application/json": { schema: z.array(groupSchema) },
          "text/csv": { schema: z.string() },
        },
        description: "Groups as JSON, or CSV with format=csv",
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const list = await groups(c, query);
    if (query.format === "csv") return csvResponse(groupsToCsv(list)) as never;
    return c.json(list, 200);
  },
);

analysisRouter.openapi(
  createRoute({
    method: "get",
    path: "/groups.csv",
    tags,
    summary: "The release-group reputations as a CSV download",
    request: { query: groupsQuery.omit({ format: true }) },
    responses: {
      200: { content: { "text/csv": { schema: z.string() } }, description: "CSV, header row first" },
      ...errorResponses,
    },
  }),
  async (c) => csvResponse(groupsToCsv(await groups(c, c.req.valid("query")))) as never,
);
