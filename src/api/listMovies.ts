import { createRoute, z } from "@hono/zod-openapi";
import { requestContext } from "../services/context";
import { discoverMovies } from "../services/listMovies";
import { importMovies } from "../services/movieImport";
import { searchAdded } from "./movieImport";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, queryBoolean } from "./schemas/common";
import { movieAddSchema, movieResourceSchema } from "./schemas/movie";

/** Mounted at /api/v3/importlist/movie (before the import list router, whose /{id} it would be read as). */
export const listMovieRouter = createRouter();

const tags = ["ImportList"];

const imageSchema = z.object({ coverType: z.string(), url: z.string(), remoteUrl: z.string() });

const discoverMovieSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    sortTitle: z.string(),
    originalLanguage: z.object({ id: z.number().int(), name: z.string() }),
    status: z.string(),
    overview: z.string(),
    inCinemas: z.string().optional(),
    images: z.array(imageSchema),
    remotePoster: z.string().optional(),
    year: z.number().int(),
    imdbId: z.string().optional(),
    tmdbId: z.number().int(),
    folder: z.string(),
    popularity: z.number(),
    genres: z.array(z.string()),
    ratings: z.record(z.string(), z.object({ votes: z.number(), value: z.number(), type: z.string() })),
    isExcluded: z.boolean(),
    isExisting: z.boolean(),
    isTrending: z.boolean(),
    isPopular: z.boolean(),
    isRecommendation: z.boolean(),
    lists: z.array(z.number().int()),
  })
  .openapi("ImportListMovie");

listMovieRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary:
      "Radarr's Discover: the movies the enabled import lists hold (and TMDb's trending and popular ones when asked), flagged isExisting/isExcluded",
    request: {
      query: z.object({
        includeRecommendations: queryBoolean.default(false),
        includeTrending: queryBoolean.default(false),
        includePopular: queryBoolean.default(false),
      }),
    },
    responses: { 200: jsonContent(z.array(discoverMovieSchema), "Movies to discover"), ...errorResponses },
  }),
  async (c) => c.json(await discoverMovies(requestContext(c), c.req.valid("query")), 200),
);

listMovieRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary:
      "Add movies from Discover (Radarr's MovieResource each); one that cannot be added is skipped, one in the library answered as it is",
    request: { body: jsonBody(z.array(movieAddSchema).min(1).max(500)) },
    responses: {
      200: jsonContent(z.array(movieResourceSchema), "The movies added or already there"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const result = await importMovies(requestContext(c), c.req.valid("json"), { skipInvalid: true });
    await searchAdded(c, result.added);
    return c.json(result.movies, 200);
  },
);
