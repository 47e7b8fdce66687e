import * as clock from "../clock";
import { exclusionRepository } from "../db/repositories/exclusions";
import { listMovieRepository } from "../db/repositories/listMovies";
import { MovieRepository } from "../db/repositories/movies";
import { tmdbImages } from "../domain/library/collections";
import { languageForIso } from "../domain/library/language";
import { deriveMovieStatus } from "../domain/library/movieStatus";
import { movieFolderName, sortTitle } from "../domain/library/titles";
import { tmdbMoviePageSchema } from "../domain/lists/sources/tmdb/responses";
import { cachedJson } from "../integrations/cache";
import { readJson } from "../integrations/http";
import { tmdbGet } from "../integrations/tmdb/client";
import { TmdbDiscovery } from "../integrations/tmdb/discovery";
import { TMDB_MOVIE_GENRES } from "../integrations/tmdb/genres";
import type { ServiceContext } from "./context";

/** What TMDb (and a list's stored item) tells about a movie: the fields read here. */
interface MovieSummary {
  id: number;
  title: string;
  imdbId?: string | null;
  overview?: string | null;
  release_date?: string | null;
  poster_path?: string | null;
  backdrop_path?: string | null;
  popularity?: number;
  vote_average?: number;
  vote_count?: number;
  genre_ids?: number[];
  original_language?: string;
}

const POPULAR_TTL_SECONDS = 12 * 60 * 60;

function discoverResource(movie: MovieSummary, imageBase: string) {
  const release = movie.release_date && !Number.isNaN(Date.parse(movie.release_date)) ? movie.release_date : null;
  const inCinemas = release ? new Date(release).toISOString() : undefined;
  const year = release ? Number(release.slice(0, 4)) || 0 : 0;
  const images = tmdbImages(imageBase, movie.poster_path, movie.backdrop_path);
  const poster = images.find((i) => i.coverType === "poster")?.remoteUrl;
  return {
    id: 0,
    title: movie.title,
    sortTitle: sortTitle(movie.title),
    originalLanguage: languageForIso(movie.original_language),
    status: deriveMovieStatus(
      undefined,
      { inCinemas: inCinemas ?? null, digitalRelease: null, physicalRelease: null },
      clock.now(),
    ),
    overview: movie.overview ?? "",
    ...(inCinemas ? { inCinemas } : {}),
    images,
    ...(poster ? { remotePoster: poster } : {}),
    year,
    ...(movie.imdbId ? { imdbId: movie.imdbId } : {}),
    tmdbId: movie.id,
    folder: movieFolderName(movie.title, year),
    popularity: movie.popularity ?? 0,
    genres: (movie.genre_ids ?? []).map((id) => TMDB_MOVIE_GENRES[id]).filter(Boolean),
    ratings: { tmdb: { votes: movie.vote_count ?? 0, value: movie.vote_average ?? 0, type: "user" } },
    isExcluded: false,
    isExisting: false,
    isTrending: false,
    isPopular: false,
    isRecommendation: false,
    lists: [] as number[],
  };
}
type DiscoverResource = ReturnType<typeof discoverResource>;

export interface DiscoverQuery {
  includeRecommendations: boolean;
  includeTrending: boolean;
  includePopular: boolean;
}

/** TMDb's popular movies (first page), through a 12-hour cache. */
async function popularMovies(ctx: ServiceContext): Promise<MovieSummary[]> {
  const cached = await cachedJson(ctx.env.CACHE, "tmdb", "tmdb:popular:1:v1", POPULAR_TTL_SECONDS, async () =>
    readJson(
      "tmdb",
      await tmdbGet(ctx.env, "/3/movie/popular", { page: 1 }, ctx.logger, ctx.work),
      tmdbMoviePageSchema,
    ),
  );
  return cached.value.results;
}

/**
 * Radarr's Discover (GET /importlist/movie): what the enabled import lists hold, with TMDb's
 * trending and popular movies when asked, one entry per movie with the lists offering it and
 * whether it is in the library or excluded (as Radarr flags them; the client filters).
 * Radarr's recommendations come from the recommendations it stores with each movie's metadata;
 * the app stores none, so includeRecommendations adds nothing.
 */
export async function discoverMovies(ctx: ServiceContext, query: DiscoverQuery): Promise<DiscoverResource[]> {
  const imageBase = ctx.env.TMDB_IMAGE_URL;
  const byTmdbId = new Map<number, DiscoverResource>();
  const take = (movie: MovieSummary, mark: (r: DiscoverResource) => void) => {
    const resource = byTmdbId.get(movie.id) ?? discoverResource(movie, imageBase);
    mark(resource);
    byTmdbId.set(movie.id, resource);
  };
  if (query.includeTrending) {
    const trending = await new TmdbDiscovery(ctx.env, ctx.background, ctx.logger).trending("movie", "week");
    for (const movie of trending.value.results) take(movie, (r) => (r.isTrending = true));
  }
  if (query.includePopular) {
    for (const movie of await popularMovies(ctx)) take(movie, (r) => (r.isPopular = true));
  }
  for (const item of await listMovieRepository(ctx.db).enabledListItems()) {
    const meta = item.metadata as Partial<MovieSummary>;
    const summary = { ...meta, id: item.tmdbId as number, title: item.title, imdbId: item.imdbId };
    take(summary, (r) => {
      if (!r.lists.includes(item.listId)) r.lists.push(item.listId);
    });
  }
  const tmdbIds = [...byTmdbId.keys()];
  const [inLibrary, excluded] = await Promise.all([
    new MovieRepository(ctx.db).idsByTmdbIds(tmdbIds),
    exclusionRepository(ctx.db).excludedTmdbIds(tmdbIds),
  ]);
  return [...byTmdbId.values()].map((r) => ({
    ...r,
    isExisting: inLibrary.has(r.tmdbId),
    isExcluded: excluded.has(r.tmdbId),
  }));
}
