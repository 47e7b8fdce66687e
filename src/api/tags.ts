import { createRoute, z } from "@hono/zod-openapi";
import { tagService } from "../services/tags";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const tagRouter = createRouter();
const tags = ["Tag"];

export const tagSchema = z.object({ id: z.number().int(), label: z.string() }).openapi("Tag");
const tagDetailSchema = tagSchema.extend({ movieIds: z.array(z.number().int()) }).openapi("TagDetail");
// Radarr's rule: lower-case letters, digits and dashes.
const tagInput = z.object({
  label: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, "label may hold only letters, digits and dashes (1-64)"),
});

tagRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(tagSchema), "Tags"), ...errorResponses },
  }),
  async (c) => c.json(await tagService(c.get("db")).list(), 200),
);

tagRouter.openapi(
  createRoute({
    method: "get",
    path: "/detail",
    tags,
    responses: { 200: jsonContent(z.array(tagDetailSchema), "Tags with their movies"), ...errorResponses },
  }),
  async (c) => c.json(await tagService(c.get("db")).listWithMovieIds(), 200),
);

tagRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(tagSchema, "Tag"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await tagService(c.get("db")).get(id), 200);
  },
);

tagRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(tagInput) },
    responses: { 201: jsonContent(tagSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const { label } = c.req.valid("json");
    return c.json(await tagService(c.get("db")).add(label), 201);
  },
);

tagRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    request: { params: idParamSchema, body: jsonBody(tagInput) },
    responses: { 202: jsonContent(tagSchema, "Renamed"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { label } = c.req.valid("json");
    return c.json(await tagService(c.get("db")).rename(id, label), 202);
  },
);

tagRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    await tagService(c.get("db")).remove(id);
    return c.json({}, 200);
  },
);
