import { createRoute, z } from "@hono/zod-openapi";
import { EXCLUSION_SORT_KEYS } from "../db/repositories/exclusions";
import { exclusionService } from "../services/exclusions";
import { crudRoutes } from "./crudRoutes";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";
import { pageEnvelope, pagingQuery } from "./schemas/download";

export const exclusionRouter = createRouter();
const tags = ["ImportExclusion"];

export const exclusionSchema = z
  .object({ id: z.number().int(), tmdbId: z.number().int(), movieTitle: z.string(), movieYear: z.number().int() })
  .openapi("ImportExclusion");
const exclusionInput = z.object({
  tmdbId: z.number().int().positive(),
  movieTitle: z.string().trim().min(1).max(500),
  movieYear: z.number().int().min(0).max(2200).default(0),
});

// Fixed paths first: "/{id}" would take /paged and /bulk.
exclusionRouter.openapi(
  createRoute({
    method: "get",
    path: "/paged",
    tags,
    summary: "One page of the exclusions, newest first by default",
    request: { query: z.object(pagingQuery(EXCLUSION_SORT_KEYS, "id", 10)) },
    responses: {
      200: jsonContent(pageEnvelope(exclusionSchema, "ImportExclusionPage"), "A page of exclusions"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    // Radarr's default order is the newest (highest id) first; other keys ascend by default.
    const sortDirection =
      query.sortDirection !== "default" ? query.sortDirection : query.sortKey === "id" ? "descending" : "ascending";
    const page = await exclusionService(c.get("db")).page({ ...query, sortDirection });
    return c.json({ page: query.page, pageSize: query.pageSize, sortKey: query.sortKey, sortDirection, ...page }, 200);
  },
);

exclusionRouter.openapi(
  createRoute({
    method: "post",
    path: "/bulk",
    tags,
    summary: "Add several exclusions; TMDb ids excluded already are skipped",
    request: { body: jsonBody(z.array(exclusionInput).max(1000)) },
    responses: { 200: jsonContent(z.array(exclusionSchema), "The exclusions added"), ...errorResponses },
  }),
  async (c) => c.json(await exclusionService(c.get("db")).addMany(c.req.valid("json")), 200),
);

exclusionRouter.openapi(
  createRoute({
    method: "delete",
    path: "/bulk",
    tags,
    summary: "Delete several exclusions (all or nothing)",
    request: {
      body: jsonBody(z.object({ ids: z.array(z.number().int()).min(1, "ids must be provided").max(1000) })),
    },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    await exclusionService(c.get("db")).removeMany(c.req.valid("json").ids);
    return c.json({}, 200);
  },
);

crudRoutes(exclusionRouter, {
  tags,
  resource: exclusionSchema,
  input: exclusionInput,
  describe: { list: "Exclusions", one: "Exclusion", created: "Created", updated: "Updated" },
  service: exclusionService,
});
