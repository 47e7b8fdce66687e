import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { resourceNotFound } from "../domain/failures/failure";
import { enqueueCommand } from "../jobs/commandRunner";
import { Collections } from "../services/collections";
import { requestContext } from "../services/context";
import { importMovies, suggestedFolder } from "../services/movieImport";
import type { AppEnv } from "./context";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";
import { movieAddSchema, movieResourceSchema } from "./schemas/movie";

/** Mounted at /api/v3/movie beside the movie router: the folder suggestion and the bulk import. */
export const movieImportRouter = createRouter();

const tags = ["Movie"];

/** Starts one search for the added movies that asked for it (addOptions.searchForMovie), as POST /command would. */
export async function searchAdded(c: Context<AppEnv>, added: { id: number; searchForMovie: boolean }[]) {
  const movieIds = added.filter((m) => m.searchForMovie).map((m) => m.id);
  if (movieIds.length) await enqueueCommand(c.env, c.get("db"), "MoviesSearch", { movieIds }, "manual");
}

/**
 * addOptions.monitor "movieAndCollection": the added movies' collections are monitored, and those
 * that became so are read from TMDb and their movies added by a RefreshCollections.
 */
export async function monitorAddedCollections(c: Context<AppEnv>, movieIds: number[]) {
  const collectionIds = await new Collections(requestContext(c)).monitorForAdded(movieIds);
  if (collectionIds.length) await enqueueCommand(c.env, c.get("db"), "RefreshCollections", { collectionIds }, "manual");
}

movieImportRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}/folder",
    tags,
    summary: "The folder name the naming settings' movieFolderFormat gives the movie",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({ folder: z.string() }), "The suggested folder name"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const folder = await suggestedFolder(requestContext(c), id);
    if (folder === undefined) throw resourceNotFound(`Movie ${id}`);
    return c.json({ folder }, 200);
  },
);

movieImportRouter.openapi(
  createRoute({
    method: "post",
    path: "/import",
    tags,
    summary:
      "Add many movies in one call (Radarr's MovieResource each); a movie already in the library is answered as it is, never added twice",
    request: { body: jsonBody(z.array(movieAddSchema).min(1).max(500)) },
    responses: {
      200: jsonContent(z.array(movieResourceSchema), "The movies, added or already there"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const inputs = c.req.valid("json");
    const result = await importMovies(requestContext(c), inputs);
    c.get("logger").info("movies imported", { added: result.added.length, asked: result.movies.length });
    await searchAdded(c, result.added);
    if (inputs.some((m) => m.addOptions?.monitor === "movieAndCollection"))
      await monitorAddedCollections(
        c,
        result.added.map((m) => m.id),
      );
    return c.json(result.movies, 200);
  },
);
