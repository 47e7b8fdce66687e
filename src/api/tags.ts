import { createRoute, z } from "@hono/zod-openapi";
import { tagService } from "../services/tags";
import { crudRoutes } from "./crudRoutes";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const tagRouter = createRouter();
const tags = ["Tag"];

export const tagSchema = z.object({ id: z.number().int(), label: z.string() }).openapi("Tag");
const tagDetailSchema = tagSchema
  .extend({
    delayProfileIds: z.array(z.number().int()),
    importListIds: z.array(z.number().int()),
    notificationIds: z.array(z.number().int()),
    releaseProfileIds: z.array(z.number().int()),
    indexerIds: z.array(z.number().int()),
    downloadClientIds: z.array(z.number().int()),
    autoTagIds: z.array(z.number().int()),
    movieIds: z.array(z.number().int()),
  })
  .openapi("TagDetail");
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
    path: "/detail",
    tags,
    responses: { 200: jsonContent(z.array(tagDetailSchema), "Tags with their movies"), ...errorResponses },
  }),
  async (c) => c.json(await tagService(c.get("db")).listWithMovieIds(), 200),
);

tagRouter.openapi(
  createRoute({
    method: "get",
    path: "/detail/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(tagDetailSchema, "The tag with its movies"), ...errorResponses },
  }),
  async (c) => c.json(await tagService(c.get("db")).getWithMovieIds(c.req.valid("param").id), 200),
);

crudRoutes(tagRouter, {
  tags,
  resource: tagSchema,
  input: tagInput,
  describe: { list: "Tags", one: "Tag", created: "Created", updated: "Renamed" },
  service(db) {
    const service = tagService(db);
    return {
      list: service.list,
      get: service.get,
      add: ({ label }) => service.add(label),
      update: (id, { label }) => service.rename(id, label),
      remove: service.remove,
    };
  },
});
