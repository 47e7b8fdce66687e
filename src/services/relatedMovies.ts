import { exclusionRepository } from "../db/repositories/exclusions";
import { MovieRepository } from "../db/repositories/movies";
import { resourceNotFound } from "../domain/failures/failure";
import { tmdbImages } from "../domain/library/collections";
import type { TmdbTrendingMovies } from "../integrations/tmdb/discoverySchemas";
import { TMDB_MOVIE_GENRES } from "../integrations/tmdb/genres";
import { type RelatedKind, tmdbRelatedMovies } from "../integrations/tmdb/relatedMovies";
import type { ServiceContext } from "./context";

type TmdbMovieSummary = TmdbTrendingMovies["results"][number];

/** A title TMDb relates to a library movie, with where it stands in this library. */
interface RelatedMovie {
  tmdbId: number;
  title: string;
  year: number;
  overview: string;
  images: ReturnType<typeof tmdbImages>;
  ratings: { tmdb: { votes: number; value: number; type: "user" } };
  genres: string[];
  /** The library movie's id when it is in the library, else null. */
  movieId: number | null;
  isExcluded: boolean;
}

export interface RelatedMovies {
  movies: RelatedMovie[];
  /** True when TMDb failed and a day-old copy was served. */
  stale: boolean;
}

function relatedMovie(
  m: TmdbMovieSummary,
  libraryIds: Map<number, number>,
  excluded: Set<number>,
  imageBase: string,
): RelatedMovie {
  return {
    tmdbId: m.id,
    title: m.title,
    year: Number(m.release_date?.slice(0, 4)) || 0,
    overview: m.overview ?? "",
    images: tmdbImages(imageBase, m.poster_path, m.backdrop_path),
    ratings: { tmdb: { votes: m.vote_count ?? 0, value: m.vote_average ?? 0, type: "user" } },
    genres: (m.genre_ids ?? []).map((id) => TMDB_MOVIE_GENRES[id]).filter((g): g is string => Boolean(g)),
    movieId: libraryIds.get(m.id) ?? null,
    isExcluded: excluded.has(m.id),
  };
}

/**
 * TMDb's similar or recommended titles for a library movie (the movie page's rows), each marked
 * in the library (with its id) or excluded, so the page can link or offer an add. An empty list
 * when TMDb no longer knows the movie.
 */
export async function relatedMovies(ctx: ServiceContext, movieId: number, kind: RelatedKind): Promise<RelatedMovies> {
  const movie = await new MovieRepository(ctx.db).get(movieId);
  if (!movie) throw resourceNotFound(`Movie ${movieId}`);
  const found = await tmdbRelatedMovies(ctx.env, movie.tmdbId, kind, ctx.logger, ctx.work);
  const results = (found?.value.results ?? []).filter((m) => m.id !== movie.tmdbId);
  const tmdbIds = results.map((m) => m.id);
  const [libraryIds, excluded] = await Promise.all([
    new MovieRepository(ctx.db).idsByTmdbIds(tmdbIds),
    exclusionRepository(ctx.db).excludedTmdbIds(tmdbIds),
  ]);
  return {
    movies: results.map((m) => relatedMovie(m, libraryIds, excluded, ctx.env.TMDB_IMAGE_URL)),
    stale: found?.stale ?? false,
  };
}
