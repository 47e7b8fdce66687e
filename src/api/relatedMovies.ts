import { createRoute, z } from "@hono/zod-openapi";
import { STALE_HEADER } from "../integrations/cache";
import { RELATED_KINDS } from "../integrations/tmdb/relatedMovies";
import { requestContext } from "../services/context";
import { relatedMovies } from "../services/relatedMovies";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/** Mounted at /api/v3/movie beside the movie router: TMDb's similar and recommended titles of a library movie. */
export const relatedMovieRouter = createRouter();

const imageSchema = z.object({ coverType: z.string(), url: z.string(), remoteUrl: z.string() });

export const relatedMovieSchema = z
  .object({
    tmdbId: z.number().int(),
    title: z.string(),
    year: z.number().int(),
    overview: z.string(),
    images: z.array(imageSchema),
    ratings: z.object({ tmdb: z.object({ votes: z.number(), value: z.number(), type: z.literal("user") }) }),
    genres: z.array(z.string()),
    movieId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The library movie's id; null when not in the library" }),
    isExcluded: z.boolean(),
  })
  .openapi("RelatedMovie");

const SUMMARIES = {
  similar: "TMDb's titles similar to a library movie (shared genres and keywords), marked in library or excluded",
  recommendations:
    "TMDb's recommendations for a library movie (what its viewers also liked), marked in library or excluded",
} as const;

for (const kind of RELATED_KINDS) {
  relatedMovieRouter.openapi(
    createRoute({
      method: "get",
      path: `/{id}/${kind}`,
      tags: ["Movie"],
      summary: SUMMARIES[kind],
      request: { params: idParamSchema },
      responses: { 200: jsonContent(z.array(relatedMovieSchema), "Related titles"), ...errorResponses },
    }),
    async (c) => {
      const { movies, stale } = await relatedMovies(requestContext(c), c.req.valid("param").id, kind);
      if (stale) c.header(STALE_HEADER, "tmdb");
      return c.json(movies, 200);
    },
  );
}
