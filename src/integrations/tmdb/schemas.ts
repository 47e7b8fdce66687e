import { z } from "zod";
import { tmdbMovieSummarySchema } from "../../domain/lists/sources/tmdb/movieSummary";

/** TMDb v3 responses as documented (developer.themoviedb.org); only the fields we read. */

const nullableString = z.string().nullable().optional();

export const tmdbSearchResponseSchema = z.object({
  page: z.number().int(),
  results: z.array(tmdbMovieSummarySchema),
  total_pages: z.number().int(),
  total_results: z.number().int(),
});
export type TmdbSearchResponse = z.infer<typeof tmdbSearchResponseSchema>;

const releaseDateSchema = z.object({
  certification: z.string().optional().default(""),
  release_date: z.string(),
  type: z.number().int(),
  note: z.string().optional(),
});

const tmdbImageSchema = z.object({
  file_path: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
  iso_639_1: z.string().nullable().optional(),
  vote_average: z.number().optional(),
});

export const tmdbImagesSchema = z.object({
  id: z.number().int().optional(),
  backdrops: z.array(tmdbImageSchema).default([]),
  posters: z.array(tmdbImageSchema).default([]),
  logos: z.array(tmdbImageSchema).optional(),
});

export const tmdbMovieDetailsSchema = tmdbMovieSummarySchema.extend({
  imdb_id: z.string().nullable().optional(),
  runtime: z.number().nullable().optional(),
  status: z.string().optional(),
  tagline: z.string().nullable().optional(),
  homepage: z.string().nullable().optional(),
  genres: z.array(z.object({ id: z.number(), name: z.string() })).default([]),
  production_companies: z.array(z.object({ id: z.number(), name: z.string() })).default([]),
  belongs_to_collection: z
    .object({ id: z.number().int(), name: z.string(), poster_path: nullableString, backdrop_path: nullableString })
    .nullable()
    .optional(),
  release_dates: z
    .object({ results: z.array(z.object({ iso_3166_1: z.string(), release_dates: z.array(releaseDateSchema) })) })
    .optional(),
  alternative_titles: z
    .object({
      titles: z.array(z.object({ iso_3166_1: z.string().optional(), title: z.string(), type: z.string().optional() })),
    })
    .optional(),
  keywords: z.object({ keywords: z.array(z.object({ id: z.number(), name: z.string() })) }).optional(),
  videos: z
    .object({
      results: z.array(
        z.object({ key: z.string(), site: z.string(), type: z.string(), official: z.boolean().optional() }),
      ),
    })
    .optional(),
  external_ids: z.object({ imdb_id: z.string().nullable().optional() }).optional(),
  images: tmdbImagesSchema.optional(),
  credits: z
    .object({
      cast: z
        .array(
          z.object({
            id: z.number(),
            name: z.string(),
            character: z.string().optional(),
            credit_id: z.string().optional(),
            order: z.number().int().optional(),
            profile_path: nullableString,
          }),
        )
        .default([]),
      crew: z
        .array(
          z.object({
            id: z.number(),
            name: z.string(),
            job: z.string().optional(),
            department: z.string().optional(),
            credit_id: z.string().optional(),
            profile_path: nullableString,
          }),
        )
        .default([]),
    })
    .optional(),
});
export type TmdbMovieDetails = z.infer<typeof tmdbMovieDetailsSchema>;

export const tmdbFindResponseSchema = z.object({
  movie_results: z.array(tmdbMovieSummarySchema),
});

/** `GET /3/movie/changes`: ids of movies edited in a window (≤ 14 days), 100 a page. */
export const tmdbChangesSchema = z.object({
  results: z.array(z.object({ id: z.number().int(), adult: z.boolean().nullable().optional() })),
  page: z.number().int(),
  total_pages: z.number().int(),
  total_results: z.number().int().optional(),
});
