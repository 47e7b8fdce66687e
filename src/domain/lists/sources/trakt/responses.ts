import { z } from "zod";
import { Failure } from "../../../failures/failure";
import type { ListItem, ListRequest, ListResponse, ListSummary } from "../../source";
import { TRAKT_MAX_PAGE_SIZE } from "./request";

/**
 * The Trakt responses list sources read (docs.trakt.tv): arrays of movies, either bare (popular)
 * or wrapped with facts about the entry (`{rank, listed_at, movie}` on lists and the watchlist,
 * `{watchers, movie}` on trending, `{collected_at, movie}`, `{plays, movie}`, …), and the
 * X-Pagination-* headers every paged method sends.
 */

export const traktMovieSchema = z.object({
  title: z.string(),
  year: z.number().int().nullable().optional(),
  ids: z.object({
    trakt: z.number().int().optional(),
    slug: z.string().optional(),
    imdb: z.string().nullable().optional(),
    tmdb: z.number().int().nullable().optional(),
  }),
});
export type TraktMovie = z.infer<typeof traktMovieSchema>;

/** A response is an array of entries: bare movies, or objects wrapping one (or a show, a person…). */
const traktEntriesSchema = z.array(z.record(z.string(), z.unknown()));

function parseError(what: string, error: z.ZodError, at: (string | number)[]): Failure {
  const issue = error.issues[0];
  const path = [...at, ...(issue?.path ?? [])].join(".");
  return new Failure("parseError", `Trakt sent an unexpected ${what} (${path || "body"}: ${issue?.message})`);
}

/**
 * The movies in a response body: each entry's `movie`, or the entry itself when it is a bare
 * movie (popular); entries of other types (a show on a list) are left out.
 */
export function readTraktMovies(response: ListResponse): TraktMovie[] {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new Failure("parseError", "Trakt sent a response that is not valid JSON");
  }
  const entries = traktEntriesSchema.safeParse(body);
  if (!entries.success) throw parseError("response", entries.error, []);
  const movies: TraktMovie[] = [];
  entries.data.forEach((entry, index) => {
    const wrapped = "movie" in entry;
    if (!wrapped && !("title" in entry)) return;
    const movie = traktMovieSchema.safeParse(wrapped ? entry.movie : entry);
    if (!movie.success) throw parseError("movie", movie.error, wrapped ? [index, "movie"] : [index]);
    movies.push(movie.data);
  });
  return movies;
}

/** A Trakt movie as a list item; one with neither a TMDb nor an IMDb id cannot be matched. */
function listItemFromTraktMovie(movie: TraktMovie): ListItem | undefined {
  const tmdbId = movie.ids.tmdb ?? undefined;
  const imdbId = movie.ids.imdb ?? undefined;
  if (!tmdbId && !imdbId) return undefined;
  const metadata: Record<string, unknown> = {};
  if (movie.ids.trakt !== undefined) metadata.trakt_id = movie.ids.trakt;
  if (movie.ids.slug !== undefined) metadata.trakt_slug = movie.ids.slug;
  return {
    ...(tmdbId ? { tmdbId } : {}),
    ...(imdbId ? { imdbId } : {}),
    title: movie.title,
    year: movie.year ?? 0,
    metadata,
  };
}

export function listItemsFromTraktMovies(movies: readonly TraktMovie[]): ListItem[] {
  return movies.flatMap((movie) => {
    const item = listItemFromTraktMovie(movie);
    return item ? [item] : [];
  });
}

export interface TraktPagination {
  page: number;
  pageCount: number;
  limit: number;
  itemCount: number;
}

/** The X-Pagination-* headers, or undefined for an unpaged response (e.g. the box office). */
export function readTraktPagination(headers: Headers): TraktPagination | undefined {
  const read = (name: string) => {
    const value = Number(headers.get(`X-Pagination-${name}`));
    return headers.has(`X-Pagination-${name}`) && Number.isInteger(value) && value >= 0 ? value : undefined;
  };
  const page = read("Page");
  const pageCount = read("Page-Count");
  if (page === undefined || pageCount === undefined) return undefined;
  return { page, pageCount, limit: read("Limit") ?? 0, itemCount: read("Item-Count") ?? 0 };
}

/** The next page's request while the pagination headers say there is one. */
export function nextTraktPage(
  response: ListResponse,
  requestForPage: (page: number) => ListRequest,
): ListRequest | undefined {
  const paging = readTraktPagination(response.headers);
  return paging && paging.page < paging.pageCount ? requestForPage(paging.page + 1) : undefined;
}

/** The fields of a list's summary (GET /users/{id}/lists/{list_id}) a sync reads. */
const traktListSummarySchema = z.object({
  ids: z.object({ trakt: z.number().int() }),
  updated_at: z.string().min(1),
  item_count: z.number().int().min(0),
});

/**
 * A Trakt list's summary as a version (its Trakt id, when its items last changed, how many it
 * holds) and the pages a whole read takes at Trakt's largest page. item_count counts every type
 * (shows too), so the movies may take fewer pages; never fewer than one.
 */
export function readTraktListSummary(response: ListResponse): ListSummary {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new Failure("parseError", "Trakt sent a list summary that is not valid JSON");
  }
  const summary = traktListSummarySchema.safeParse(body);
  if (!summary.success) throw parseError("list summary", summary.error, []);
  const { ids, updated_at, item_count } = summary.data;
  return {
    version: `trakt:${ids.trakt}:${updated_at}:${item_count}`,
    pages: Math.max(1, Math.ceil(item_count / TRAKT_MAX_PAGE_SIZE)),
  };
}
