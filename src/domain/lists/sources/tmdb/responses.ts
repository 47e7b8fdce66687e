import { type ZodType, z } from "zod";
import { Failure } from "../../../failures/failure";
import type { ListItem, ListResponse } from "../../source";
import { type TmdbMovieSummary, tmdbMovieSummarySchema } from "./movieSummary";

/**
 * The TMDb responses list sources read (developer.themoviedb.org), built on the movie summary
 * the TMDb client already validates, and how a TMDb movie becomes a list item.
 */

/** A page of movies: /3/discover/movie and /3/movie/popular|top_rated|upcoming|now_playing. */
export const tmdbMoviePageSchema = z.object({
  page: z.number().int(),
  results: z.array(tmdbMovieSummarySchema),
  total_pages: z.number().int(),
  total_results: z.number().int(),
});

/**
 * A page of a v4 list (/4/list/{id}). Lists mix movies and TV shows, so an entry is only read as
 * a movie once its `media_type` says it is one.
 */
export const tmdbV4ListPageSchema = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  page: z.number().int(),
  results: z.array(z.looseObject({ media_type: z.string() })),
  total_pages: z.number().int(),
  total_results: z.number().int(),
});

/** /3/collection/{id}. */
export const tmdbCollectionSchema = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  parts: z.array(tmdbMovieSummarySchema),
});

/** /3/person/{id}/movie_credits: every movie a person is in the cast or crew of. */
export const tmdbPersonMovieCreditsSchema = z.object({
  id: z.number().int(),
  cast: z.array(tmdbMovieSummarySchema.extend({ character: z.string().nullable().optional() })).default([]),
  crew: z.array(tmdbMovieSummarySchema.extend({ department: z.string(), job: z.string().optional() })).default([]),
});

/** A response body checked against its schema; anything else is a parse error naming the field. */
export function readTmdbResponse<T>(response: ListResponse, schema: ZodType<T>, what: string): T {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new Failure("parseError", `TMDb sent ${what} that is not valid JSON`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Failure(
      "parseError",
      `TMDb sent an unexpected ${what} (${issue?.path.join(".") || "body"}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/** A v4 list entry read as a movie (after its media_type said so). */
export function readV4ListMovie(entry: unknown): TmdbMovieSummary {
  const parsed = tmdbMovieSummarySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Failure(
      "parseError",
      `TMDb sent an unexpected list entry (${issue?.path.join(".") || "entry"}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/** The facts a TMDb result gives that the library keeps with a list item, under TMDb's names. */
const METADATA_FIELDS = [
  "poster_path",
  "backdrop_path",
  "overview",
  "release_date",
  "original_title",
  "original_language",
  "vote_average",
  "vote_count",
  "popularity",
  "genre_ids",
] as const;

/**
 * A TMDb movie as a list item, or undefined when it has no release date yet: without a year a
 * movie cannot be named or matched to releases, so Radarr's TMDb parsers skip those too.
 */
export function listItemFromTmdbMovie(movie: TmdbMovieSummary): ListItem | undefined {
  const year = Number(movie.release_date?.slice(0, 4));
  if (!movie.release_date || !Number.isInteger(year) || year < 1800) return undefined;
  const metadata: Record<string, unknown> = {};
  for (const field of METADATA_FIELDS) if (movie[field] !== undefined) metadata[field] = movie[field];
  return { tmdbId: movie.id, title: movie.title, year, metadata };
}

/** Each movie once, in order (a person can hold several jobs on one film). */
export function listItemsFromTmdbMovies(movies: readonly TmdbMovieSummary[]): ListItem[] {
  const seen = new Set<number>();
  const items: ListItem[] = [];
  for (const movie of movies) {
    const item = listItemFromTmdbMovie(movie);
    if (!item || seen.has(movie.id)) continue;
    seen.add(movie.id);
    items.push(item);
  }
  return items;
}
