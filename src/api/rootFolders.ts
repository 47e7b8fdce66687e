import { createRoute, z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { movies, rootFolders } from "../db/schema";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import { absolutePathSetting } from "../domain/validation/paths";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const rootFolderRouter = createRouter();
const tags = ["RootFolder"];

const rootFolderSchema = z
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

/**
 * The Worker has no file system of its own: folders live on the download client's host, so
 * space and unmapped folders are unknown here (null / empty) rather than guessed.
 */
async function listRootFolders(db: import("../db/client").Database) {
  const rows = await db
    .select({
      id: rootFolders.id,
      path: rootFolders.path,
      // Qualified by hand: drizzle renders a single-table select's columns unqualified, and a bare
      // "path" inside this subquery would be movies.path, counting nothing.
      movieCount: sql<number>`(select count(*) from ${movies} where ${movies}.root_folder_path = ${rootFolders}.path)`,
    })
    .from(rootFolders)
    .orderBy(rootFolders.path);
  return rows.map(
    (r): z.infer<typeof rootFolderSchema> => ({
      ...r,
      accessible: true,
      freeSpace: null,
      totalSpace: null,
      unmappedFolders: [],
    }),
  );
}

rootFolderRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(rootFolderSchema), "Root folders"), ...errorResponses },
  }),
  async (c) => c.json(await listRootFolders(c.get("db")), 200),
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
    const found = (await listRootFolders(c.get("db"))).find((r) => r.id === id);
    if (!found) throw resourceNotFound(`Root folder ${id}`);
    return c.json(found, 200);
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
    const db = c.get("db");
    const [existing] = await db.select().from(rootFolders).where(eq(rootFolders.path, path));
    if (existing) throw invalidInput("body.path", `Root folder '${path}' already exists`);
    const [row] = await db.insert(rootFolders).values({ path }).returning();
    return c.json(
      {
        id: row.id,
        path: row.path,
        accessible: true,
        freeSpace: null,
        totalSpace: null,
        movieCount: 0,
        unmappedFolders: [],
      },
      201,
    );
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
    const db = c.get("db");
    const found = (await listRootFolders(db)).find((r) => r.id === id);
    if (!found) throw resourceNotFound(`Root folder ${id}`);
    if (found.movieCount > 0)
      throw invalidInput("path.id", `Root folder '${found.path}' still holds ${found.movieCount} movies`);
    await db.delete(rootFolders).where(eq(rootFolders.id, id));
    return c.json({}, 200);
  },
);
