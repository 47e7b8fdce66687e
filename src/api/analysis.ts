import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { GROUP_FACTOR_WEIGHTS, GROUP_FACTORS, GROUP_TIERS, groupsToCsv } from "../domain/analysis/releaseGroups";
import { resourceNotFound } from "../domain/failures/failure";
import { collectedReleasesOf } from "../services/analyzerReputations";
import { groupReputations } from "../services/groupAnalysis";
import { registerCollectionRoutes } from "./analyzerCollection";
import type { AppEnv } from "./context";
import { createRouter, jsonContent } from "./router";
import { groupDetailSchema, groupSchema } from "./schemas/analysis";
import { errorResponses } from "./schemas/common";

/**
 * Scene-group analysis (`/api/v3/analysis/groups`): reputations from the HDBits analyzer's
 * collected set and from the HDBits torrents searches saw, as JSON or CSV; one group's releases;
 * and the analyzer's collection (`/api/v3/analysis/collection`, ./analyzerCollection.ts).
 */
export const analysisRouter = createRouter();
const tags = ["Analysis"];

const groupsQuery = z.object({
  format: z.enum(["json", "csv"]).default("json"),
  minReleases: z.coerce.number().int().min(1).max(100_000).default(1),
  tier: z.enum(GROUP_TIERS).optional(),
  quality: z
    .string()
    .regex(/^(\d{3,4}p|unknown)$/, "a resolution such as 1080p")
    .optional()
    .openapi({ description: "Only groups with releases in this resolution" }),
  search: z.string().max(100).optional().openapi({ description: "Part of the group's name" }),
});

async function groups(
  c: Context<AppEnv>,
  query: { minReleases: number; tier?: string; quality?: string; search?: string },
) {
  const all = await groupReputations(c.get("db"));
  const needle = query.search?.trim().toUpperCase();
  return all.filter(
    (g) =>
      g.releases >= query.minReleases &&
      (!query.tier || g.tier === query.tier) &&
      (!query.quality || (g.qualities[query.quality] ?? 0) > 0) &&
      (!needle || g.group.includes(needle)),
  );
}

const download = (body: string, type: string, name: string) =>
  new Response(body, {
    status: 200,
    headers: { "content-type": `${type}; charset=utf-8`, "content-disposition": `attachment; filename="${name}"` },
  });

analysisRouter.openapi(
  createRoute({
    method: "get",
    path: "/groups",
    tags,
    summary: `Release-group reputations (0–100, best first) with sample size and confidence; factor weights: ${GROUP_FACTORS.map((f) => `${f} ${GROUP_FACTOR_WEIGHTS[f]}`).join(", ")}`,
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
    if (query.format === "csv") return download(groupsToCsv(list), "text/csv", "release-groups.csv") as never;
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
  async (c) => download(groupsToCsv(await groups(c, c.req.valid("query"))), "text/csv", "release-groups.csv") as never,
);

analysisRouter.openapi(
  createRoute({
    method: "get",
    path: "/groups.json",
    tags,
    summary: "The release-group reputations as a JSON download",
    request: { query: groupsQuery.omit({ format: true }) },
    responses: {
      200: { content: { "application/json": { schema: z.array(groupSchema) } }, description: "JSON file" },
      ...errorResponses,
    },
  }),
  async (c) =>
    download(
      JSON.stringify(await groups(c, c.req.valid("query")), null, 2),
      "application/json",
      "release-groups.json",
    ) as never,
);

const RELEASES_PER_GROUP = 500;

analysisRouter.openapi(
  createRoute({
    method: "get",
    path: "/groups/{group}",
    tags,
    summary: `One group's reputation and its collected releases (newest ${RELEASES_PER_GROUP})`,
    request: { params: z.object({ group: z.string().min(1).max(100) }) },
    responses: { 200: jsonContent(groupDetailSchema, "The group"), ...errorResponses },
  }),
  async (c) => {
    const { group } = c.req.valid("param");
    const db = c.get("db");
    const [reputation] = await groupReputations(db, [group]);
    if (!reputation) throw resourceNotFound(`Release group ${group}`);
    const releases = await collectedReleasesOf(db, reputation.group, RELEASES_PER_GROUP);
    return c.json({ reputation, releases }, 200);
  },
);

registerCollectionRoutes(analysisRouter);
