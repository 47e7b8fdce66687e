import { createRoute, z } from "@hono/zod-openapi";
import { exclusionService } from "../services/exclusions";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

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
exclusionRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(exclusionSchema), "Exclusions"), ...errorResponses },
  }),
  async (c) => c.json(await exclusionService(c.get("db")).list(), 200),
);

exclusionRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(exclusionSchema, "Exclusion"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await exclusionService(c.get("db")).get(id), 200);
  },
);

exclusionRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(exclusionInput) },
    responses: { 201: jsonContent(exclusionSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    return c.json(await exclusionService(c.get("db")).add(c.req.valid("json")), 201);
  },
);

exclusionRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    await exclusionService(c.get("db")).remove(id);
    return c.json({}, 200);
  },
);
