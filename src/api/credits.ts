import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requestContext } from "../services/context";
import { MovieExtras } from "../services/movieCredits";
import type { AppEnv } from "./context";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/** Mounted at /api/v3/alttitle. */
export const alternativeTitleRouter = createRouter();
/** Mounted at /api/v3/credit. */
export const creditRouter = createRouter();

const extras = (c: Context<AppEnv>) => new MovieExtras(requestContext(c));

export const alternativeTitleSchema = z
  .object({
    id: z.number().int(),
    sourceType: z.enum(["tmdb", "mappings", "user", "indexer"]),
    movieMetadataId: z.number().int(),
    title: z.string(),
    cleanTitle: z.string(),
  })
  .openapi("AlternativeTitle");

export const creditSchema = z
  .object({
    id: z.number().int(),
    personName: z.string(),
    creditTmdbId: z.string(),
    personTmdbId: z.number().int(),
    movieMetadataId: z.number().int(),
    images: z.array(z.object({ coverType: z.string(), url: z.string(), remoteUrl: z.string() })),
    department: z.string().nullable(),
    job: z.string().nullable(),
    character: z.string().nullable(),
    order: z.number().int(),
    type: z.enum(["cast", "crew"]),
  })
  .openapi("Credit");

/** `movieId` or `movieMetadataId` (the same here: a movie's metadata lives on the movie). */
const byMovieQuery = z.object({
  movieId: z.coerce.number().int().positive().optional(),
  movieMetadataId: z.coerce.number().int().positive().optional(),
});

alternativeTitleRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["AlternativeTitle"],
    summary: "A movie's alternative titles from TMDb (every library movie's without movieId)",
    request: { query: byMovieQuery },
    responses: { 200: jsonContent(z.array(alternativeTitleSchema), "Alternative titles"), ...errorResponses },
  }),
  async (c) => {
    const { movieId, movieMetadataId } = c.req.valid("query");
    return c.json(await extras(c).titles(movieMetadataId ?? movieId), 200);
  },
);

alternativeTitleRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags: ["AlternativeTitle"],
    request: { params: idParamSchema },
    responses: { 200: jsonContent(alternativeTitleSchema, "The alternative title"), ...errorResponses },
  }),
  async (c) => c.json(await extras(c).title(c.req.valid("param").id), 200),
);

creditRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Credit"],
    summary:
      "A movie's cast and crew from TMDb, read on first request and after each refresh (without movieId: every credit read so far)",
    request: { query: byMovieQuery },
    responses: { 200: jsonContent(z.array(creditSchema), "Credits"), ...errorResponses },
  }),
  async (c) => {
    const { movieId, movieMetadataId } = c.req.valid("query");
    return c.json(await extras(c).credits(movieMetadataId ?? movieId), 200);
  },
);

creditRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags: ["Credit"],
    request: { params: idParamSchema },
    responses: { 200: jsonContent(creditSchema, "The credit"), ...errorResponses },
  }),
  async (c) => c.json(await extras(c).credit(c.req.valid("param").id), 200),
);
