import type { Context, Hono } from "hono";
import { type Movie, movieById } from "../data/catalogue";
import { movieDetails } from "../data/details";
import {
  discoverMovies,
  isDiscoverSort,
  type ListEntry,
  MOVIE_RANKING_NAMES,
  movieRanking,
  type TmdbUserList,
  type TvShowEntry,
  tmdbUserList,
} from "../data/lists-tmdb";
import { castMovieIds, crewMovieIds } from "../data/lists-tmdb-credits";
import { personById } from "../data/people";

/**
 * The TMDb routes import lists read: v4 user lists (`/4/list/{id}`), person movie credits,
 * discover, and the movie rankings (popular, top_rated, upcoming, now_playing), with TMDb's field
 * names and paging (20 results a page, `page` from 1 to 500, `total_pages`, `total_results`).
 * tmdb.ts mounts them before its `/3/movie/:id` route, which would otherwise take "popular" for
 * an id, and hands over its own item shapes so a movie looks the same on every route.
 */

export interface TmdbShapes {
  /** A movie as search and discover results show it. */
  movieListItem(movie: Movie): Record<string, unknown>;
  /** The same with `media_type: "movie"`, as lists and collections show it. */
  movieMediaItem(movie: Movie): Record<string, unknown>;
  /** The `page` query parameter: 1 when absent, null when not an integer from 1 to 500. */
  pageParam(c: Context): number | null;
  /** TMDb's error body for a status (and TMDb status code). */
  error(status: number, code?: number): Response;
}

const RESULTS_PER_PAGE = 20;
const MAX_PAGE = 500;
/** TMDb's status code 22: "Invalid page". */
const INVALID_PAGE = 22;

/** TMDb's body for a list only its owner may read (status code 3, "Authentication failed"). */
function privateListError(): Response {
  return new Response(
    JSON.stringify({
      status_code: 3,
      status_message: "Authentication failed: You do not have permissions to access the service.",
      success: false,
    }),
    { status: 401, headers: { "content-type": "application/json;charset=utf-8" } },
  );
}

function pageOf<T>(items: readonly T[], page: number) {
  return {
    slice: items.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE),
    totalPages: Math.min(MAX_PAGE, Math.max(1, Math.ceil(items.length / RESULTS_PER_PAGE))),
  };
}

function tvListItem(show: TvShowEntry) {
  return {
    adult: false,
    backdrop_path: null,
    first_air_date: show.firstAirDate,
    genre_ids: show.genreIds,
    id: show.id,
    media_type: "tv",
    name: show.name,
    origin_country: ["US"],
    original_language: "en",
    original_name: show.name,
    overview: `${show.name} is a demo TV series.`,
    popularity: show.popularity,
    poster_path: null,
    vote_average: show.voteAverage,
    vote_count: show.voteCount,
  };
}

const entryKey = (entry: ListEntry) =>
  entry.mediaType === "movie" ? `movie:${entry.movie.id}` : `tv:${entry.show.id}`;

function v4ListBody(list: TmdbUserList, page: number, shapes: TmdbShapes) {
  const entries = list.entries();
  const { slice, totalPages } = pageOf(entries, page);
  const movies = entries.flatMap((entry) => (entry.mediaType === "movie" ? [entry.movie] : []));
  const rated = movies.filter((movie) => movie.voteCount > 0);
  return {
    average_rating: rated.length
      ? Math.round((rated.reduce((sum, movie) => sum + movie.voteAverage, 0) / rated.length) * 1000) / 1000
      : 0,
    backdrop_path: null,
    comments: Object.fromEntries(slice.map((entry) => [entryKey(entry), null])),
    created_by: {
      avatar_path: null,
      gravatar_hash: "",
      id: "5f0c0ffee0000000000000a1",
      name: "Radarr Edge demo",
      username: "radarr-edge-demo",
    },
    description: list.description,
    id: list.id,
    iso_3166_1: "US",
    iso_639_1: "en",
    item_count: entries.length,
    name: list.name,
    object_ids: {},
    page,
    poster_path: null,
    public: list.public,
    results: slice.map((entry) =>
      entry.mediaType === "movie" ? shapes.movieMediaItem(entry.movie) : tvListItem(entry.show),
    ),
    revenue: 0,
    runtime: movies.reduce((sum, movie) => sum + movie.runtime, 0),
    sort_by: "original_order.asc",
    total_pages: totalPages,
    total_results: entries.length,
  };
}

/** A person's movie credits as /3/person/{id}/movie_credits gives them (cast and crew, any order). */
function personMovieCredits(personId: number, shapes: TmdbShapes) {
  const cast = castMovieIds(personId).flatMap((movieId) => {
    const movie = movieById(movieId);
    if (!movie) return [];
    return movieDetails(movie)
      .cast.filter((credit) => credit.person.id === personId)
      .map((credit) => ({
        ...shapes.movieListItem(movie),
        character: credit.character,
        credit_id: credit.creditId,
        order: credit.order,
      }));
  });
  const crew = crewMovieIds(personId).flatMap((movieId) => {
    const movie = movieById(movieId);
    if (!movie) return [];
    return movieDetails(movie)
      .crew.filter((credit) => credit.person.id === personId)
      .map((credit) => ({
        ...shapes.movieListItem(movie),
        credit_id: credit.creditId,
        department: credit.department,
        job: credit.job,
      }));
  });
  return { cast, crew, id: personId };
}

function optionalNumber(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

export function mountTmdbListRoutes(app: Hono, shapes: TmdbShapes): void {
  app.get("/4/list/:id", (c) => {
    const id = c.req.param("id");
    const list = /^\d+$/.test(id) ? tmdbUserList(Number(id)) : undefined;
    if (!list) return shapes.error(404);
    if (!list.public) return privateListError();
    const page = shapes.pageParam(c);
    if (page === null) return shapes.error(400, INVALID_PAGE);
    return c.json(v4ListBody(list, page, shapes));
  });

  app.get("/3/person/:id/movie_credits", (c) => {
    const id = c.req.param("id");
    const person = /^\d+$/.test(id) ? personById(Number(id)) : undefined;
    if (!person) return shapes.error(404);
    return c.json(personMovieCredits(person.id, shapes));
  });

  app.get("/3/discover/movie", (c) => {
    const page = shapes.pageParam(c);
    if (page === null) return shapes.error(400, INVALID_PAGE);
    const sortBy = c.req.query("sort_by");
    if (sortBy && !isDiscoverSort(sortBy)) return shapes.error(422);
    const movies = discoverMovies({
      withKeywords: c.req.query("with_keywords"),
      withCompanies: c.req.query("with_companies"),
      withGenres: c.req.query("with_genres"),
      sortBy,
      includeAdult: c.req.query("include_adult") === "true",
      voteCountGte: optionalNumber(c.req.query("vote_count.gte")),
      voteAverageGte: optionalNumber(c.req.query("vote_average.gte")),
    });
    const { slice, totalPages } = pageOf(movies, page);
    return c.json({
      page,
      results: slice.map(shapes.movieListItem),
      total_pages: totalPages,
      total_results: movies.length,
    });
  });

  for (const name of MOVIE_RANKING_NAMES) {
    app.get(`/3/movie/${name}`, (c) => {
      const page = shapes.pageParam(c);
      if (page === null) return shapes.error(400, INVALID_PAGE);
      const { movies, dates } = movieRanking(name);
      const { slice, totalPages } = pageOf(movies, page);
      return c.json({
        ...(dates ? { dates } : {}),
        page,
        results: slice.map(shapes.movieListItem),
        total_pages: totalPages,
        total_results: movies.length,
      });
    });
  }
}
