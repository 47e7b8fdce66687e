import { z } from "zod";

/**
 * A movie as TMDb v3 lists it (search, discover, lists, collections, credits; documented at
 * developer.themoviedb.org): only the fields we read. The list sources parse it here, and the
 * TMDb client's response schemas (src/integrations/tmdb/schemas.ts, discoverySchemas.ts,
 * discoverRows.ts) build on it.
 */

const nullableString = z.string().nullable().optional();

/** The fields TMDb lists for any title, a movie or a TV show (trending, discover, search). */
export const tmdbTitleFields = {
  id: z.number().int(),
  original_language: z.string().optional(),
  overview: nullableString,
  poster_path: nullableString,
  backdrop_path: nullableString,
  popularity: z.number().optional(),
  vote_average: z.number().optional(),
  vote_count: z.number().optional(),
  genre_ids: z.array(z.number()).optional(),
};

export const tmdbMovieSummarySchema = z.object({
  ...tmdbTitleFields,
  title: z.string(),
  original_title: z.string().optional(),
  release_date: nullableString,
  adult: z.boolean().optional(),
});
export type TmdbMovieSummary = z.infer<typeof tmdbMovieSummarySchema>;
