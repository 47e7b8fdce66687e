import { createRoute, z } from "@hono/zod-openapi";
import { absolutePathSetting } from "../domain/validation/paths";
import { rootFolderService } from "../services/rootFolders";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const rootFolderRouter = createRouter();
const tags = ["RootFolder"];

export const rootFolderSchema = z
  .object({
    id: z.number().int(),
    path: z.string(),
    accessible: z.boolean(),
    freeSpace: z.number().nullable(),
    totalSpace: z.number().nullable(),
    movieCount: z.number().int(),
    unmappedFolders: z.array(z.object({ name: z.string(), path: z.string() })),
  })
  .openapi("RootFolder");

// Absolute POSIX paths or Windows drive/UNC paths: where the download client host keeps movies.
const rootFolderInput = z.object({ path: absolutePathSetting() });

rootFolderRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(rootFolderSchema), "Root folders"), ...errorResponses },
  }),
  async (c) => c.json(await rootFolderService(c.get("db")).list(), 200),
);

rootFolderRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(rootFolderSchema, "Root folder"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await rootFolderService(c.get("db")).get(id), 200);
  },
);

rootFolderRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(rootFolderInput) },
    responses: { 201: jsonContent(rootFolderSchema, "Added"), ...errorResponses },
  }),
  async (c) => {
    const { path } = c.req.valid("json");
    return c.json(await rootFolderService(c.get("db")).add(path), 201);
  },
);

rootFolderRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    await rootFolderService(c.get("db")).remove(id);
    return c.json({}, 200);
  },
);
