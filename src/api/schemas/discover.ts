import { z } from "@hono/zod-openapi";
import { DISCOVER_ROWS } from "../../services/discover";
import { availabilitySchema, mediaTypeSchema } from "./streaming";

/** The Discover routes' request and response schemas (see api/discover.ts). */

export const discoverRowSchema = z.enum(DISCOVER_ROWS);

const discoverItemSchema = z
  .object({
    tmdbId: z.number().int(),
    mediaType: mediaTypeSchema,
    title: z.string(),
    year: z.number().int().nullable(),
    releaseDate: z.string().nullable(),
    overview: z.string(),
    posterUrl: z.string().nullable(),
    backdropUrl: z.string().nullable(),
    voteAverage: z.number(),
    voteCount: z.number().int(),
    popularity: z.number(),
    genreIds: z.array(z.number().int()),
    inLibrary: z.boolean(),
    movieId: z.number().int().nullable().openapi({ description: "The library movie's id when it is in the library" }),
    moviesOnly: z.boolean().openapi({
      description: "A TV title: shown for discovery, but this app manages movies only, so it cannot be added",
    }),
  })
  .openapi("DiscoverItem");

const pageFields = {
  page: z.number().int(),
  totalPages: z.number().int(),
  totalResults: z.number().int(),
  results: z.array(discoverItemSchema),
};

export const discoverPageSchema = z
  .object({
    row: z.string().openapi({ description: "trending, popular, topRated, upcoming, genre or studio" }),
    name: z.string().openapi({ description: "The row's heading: its name, the genre's or the studio's" }),
    ...pageFields,
  })
  .openapi("DiscoverPage");

const namedSchema = z.object({ id: z.number().int(), name: z.string() });
export const discoverGenresSchema = z.object({ genres: z.array(namedSchema) }).openapi("DiscoverGenres");
export const discoverStudiosSchema = z.object({ studios: z.array(namedSchema) }).openapi("DiscoverStudios");

export const discoverRecommendedSchema = z
  .object({
    seeds: z
      .array(z.object({ movieId: z.number().int(), tmdbId: z.number().int(), title: z.string() }))
      .openapi({ description: "The library movies the recommendations start from (the latest added)" }),
    results: z.array(
      discoverItemSchema.extend({
        recommendedBy: z.array(z.number().int()).openapi({ description: "TMDb ids of the seeds recommending it" }),
      }),
    ),
  })
  .openapi("DiscoverRecommended");

const castMemberSchema = z.object({
  personTmdbId: z.number().int(),
  name: z.string(),
  character: z.string().nullable(),
  profileUrl: z.string().nullable(),
});

export const discoverMovieSchema = z
  .object({
    tmdbId: z.number().int(),
    imdbId: z.string().nullable(),
    mediaType: z.literal("movie"),
    title: z.string(),
    originalTitle: z.string(),
    year: z.number().int().nullable(),
    releaseDate: z.string().nullable(),
    status: z.string().nullable(),
    overview: z.string(),
    tagline: z.string().nullable(),
    runtime: z.number().int().nullable(),
    genres: z.array(z.string()),
    studios: z.array(z.string()),
    certification: z
      .string()
      .nullable()
      .openapi({ description: "The rating in the streaming region, when TMDb has one" }),
    posterUrl: z.string().nullable(),
    backdropUrl: z.string().nullable(),
    ratings: z.object({ tmdb: z.object({ value: z.number(), votes: z.number().int() }) }),
    directors: z.array(z.string()),
    cast: z.array(castMemberSchema),
    trailer: z
      .object({ site: z.literal("YouTube"), key: z.string() })
      .nullable()
      .openapi({ description: "The official trailer on YouTube (https://www.youtube.com/watch?v={key})" }),
    collection: z.object({ tmdbId: z.number().int(), name: z.string() }).nullable(),
    inLibrary: z.boolean(),
    movieId: z.number().int().nullable(),
    watch: availabilitySchema.pick({ region: true, available: true, link: true, offers: true }).nullable().openapi({
      description: "Where to watch it in the streaming region (JustWatch data via TMDb); null when TMDb did not answer",
    }),
  })
  .openapi("DiscoverMovie");
