import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { STALE_HEADER } from "../integrations/cache";
import { requestContext } from "../services/context";
import { DiscoverService } from "../services/discover";
import { discoverMovie } from "../services/discoverMovie";
import type { AppEnv } from "./context";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";
import {
  discoverGenresSchema,
  discoverMovieSchema,
  discoverPageSchema,
  discoverRecommendedSchema,
  discoverRowSchema,
  discoverStudiosSchema,
} from "./schemas/discover";
import { pageQuery } from "./schemas/streaming";

/**
 * Discover (our own routes, not Radarr's): TMDb's trending, rankings, genres and studios as rows,
 * recommendations from the library, and a page for any movie. Rows are cached per page in KV
 * (stale-while-revalidate); a response built from an expired copy says so in STALE_HEADER.
 */
export const discoverRouter = createRouter();

const tags = ["Discover"];
const service = (c: Context<AppEnv>) => new DiscoverService(requestContext(c));

function markStale(c: Context<AppEnv>, stale: boolean) {
  if (stale) c.header(STALE_HEADER, "tmdb");
}

const pageQuerySchema = z.object({ page: pageQuery.openapi({ param: { name: "page", in: "query" }, example: 1 }) });
const positiveId = (name: string, example: number) =>
  z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name, in: "path" }, example });

discoverRouter.openapi(
  createRoute({
    method: "get",
    path: "/genres",
    tags,
    summary: "TMDb's movie genres, for the genre rows and chips (cached a week)",
    responses: { 200: jsonContent(discoverGenresSchema, "Genres"), ...errorResponses },
  }),
  async (c) => c.json({ genres: await service(c).genres() }, 200),
);

discoverRouter.openapi(
  createRoute({
    method: "get",
    path: "/studios",
    tags,
    summary: "The studios offered as chips, by TMDb company id",
    responses: { 200: jsonContent(discoverStudiosSchema, "Studios"), ...errorResponses },
  }),
  (c) => c.json({ studios: [...service(c).studios()] }, 200),
);

discoverRouter.openapi(
  createRoute({
    method: "get",
    path: "/recommended",
    tags,
    summary: "Because it's in your library: TMDb's recommendations for the latest added library movies",
    description:
      "Seeded from the three latest added library movies (one TMDb call each, cached a day), merged, without movies already in the library; titles recommended by more seeds first. Empty when the library is.",
    responses: { 200: jsonContent(discoverRecommendedSchema, "Recommended movies"), ...errorResponses },
  }),
  async (c) => c.json(await service(c).recommended(), 200),
);

discoverRouter.openapi(
  createRoute({
    method: "get",
    path: "/genre/{id}",
    tags,
    summary: "Movies of one TMDb genre, most popular first",
    request: { params: z.object({ id: positiveId("id", 878) }), query: pageQuerySchema },
    responses: { 200: jsonContent(discoverPageSchema, "A page of the genre's movies"), ...errorResponses },
  }),
  async (c) => {
    const found = await service(c).genre(c.req.valid("param").id, c.req.valid("query").page);
    markStale(c, found.stale);
    return c.json(found.body, 200);
  },
);

discoverRouter.openapi(
  createRoute({
    method: "get",
    path: "/studio/{id}",
    tags,
    summary: "Movies of one production company (TMDb company id), most popular first",
    request: { params: z.object({ id: positiveId("id", 2) }), query: pageQuerySchema },
    responses: { 200: jsonContent(discoverPageSchema, "A page of the studio's movies"), ...errorResponses },
  }),
  async (c) => {
    const found = await service(c).studio(c.req.valid("param").id, c.req.valid("query").page);
    markStale(c, found.stale);
    return c.json(found.body, 200);
  },
);

discoverRouter.openapi(
  createRoute({
    method: "get",
    path: "/movie/{tmdbId}",
    tags,
    summary: "Any movie by TMDb id: overview, cast, trailer, ratings, where to watch, and whether it is in the library",
    request: { params: z.object({ tmdbId: positiveId("tmdbId", 603) }) },
    responses: { 200: jsonContent(discoverMovieSchema, "The movie"), ...errorResponses },
  }),
  async (c) => {
    const found = await discoverMovie(requestContext(c), c.req.valid("param").tmdbId);
    markStale(c, found.stale);
    return c.json(found.body, 200);
  },
);

// Last: its `{row}` would otherwise take the paths above for a row name.
discoverRouter.openapi(
  createRoute({
    method: "get",
    path: "/{row}",
    tags,
    summary: "One page of a Discover row: trending (movies and TV this week), popular, topRated or upcoming",
    description:
      "TV titles are kept (`mediaType: tv`, `moviesOnly: true`) so the row shows what is trending, but they cannot be added. Each movie says whether it is in the library.",
    request: {
      params: z.object({ row: discoverRowSchema.openapi({ param: { name: "row", in: "path" }, example: "popular" }) }),
      query: pageQuerySchema,
    },
    responses: { 200: jsonContent(discoverPageSchema, "A page of the row"), ...errorResponses },
  }),
  async (c) => {
    const found = await service(c).row(c.req.valid("param").row, c.req.valid("query").page);
    markStale(c, found.stale);
    return c.json(found.body, 200);
  },
);
