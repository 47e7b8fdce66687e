import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { resourceNotFound } from "../domain/failures/failure";
import { enqueueCommand } from "../jobs/commandRunner";
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
    const result = await importMovies(requestContext(c), c.req.valid("json"));
    c.get("logger").info("movies imported", { added: result.added.length, asked: result.movies.length });
    await searchAdded(c, result.added);
    return c.json(result.movies, 200);
  },
);
