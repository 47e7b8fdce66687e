import { z } from "zod";

/**
 * A movie as TMDb v3 lists it (search, discover, lists, collections, credits; documented at
 * developer.themoviedb.org): only the fields we read. The list sources parse it here, and the
 * TMDb client's response schemas (src/integrations/tmdb/schemas.ts) build on it.
 */

const nullableString = z.string().nullable().optional();

export const tmdbMovieSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  original_title: z.string().optional(),
  original_language: z.string().optional(),
  overview: z.string().nullable().optional(),
  release_date: z.string().nullable().optional(),
  poster_path: nullableString,
  backdrop_path: nullableString,
  popularity: z.number().optional(),
  vote_average: z.number().optional(),
  vote_count: z.number().optional(),
  genre_ids: z.array(z.number()).optional(),
  adult: z.boolean().optional(),
});
export type TmdbMovieSummary = z.infer<typeof tmdbMovieSummarySchema>;
