import { z } from "zod";
import type { Env } from "../../config";
import { Failure } from "../../domain/failures/failure";
import { tmdbMovieSummarySchema } from "../../domain/lists/sources/tmdb/movieSummary";
import type { Logger } from "../../observability/logger";
import { type BackgroundWork, type SwrCached, swrJson } from "../cache";
import { readJson } from "../http";
import { type TmdbParams, tmdbGet } from "./client";
import {
  type TmdbTrendingMovies,
  type TrendingWindow,
  tmdbTrendingMoviesSchema,
  tmdbTvSummarySchema,
} from "./discoverySchemas";

/**
 * The TMDb reads behind the Discover page's rows: trending across movies and TV, the movie
 * rankings, discover by genre or company, the genre list and one movie's recommendations. Each is
 * read through the stale-while-revalidate KV cache, so a row costs TMDb at most one call per TTL
 * however many people open Discover.
 */

const SERVICE = "tmdb";
// Bump when a cached shape changes, so old entries are not read as new ones.
const KEY_VERSION = "v1";

/** How long each row stays fresh: rankings move slowly, trending daily, the genre list almost never. */
const DISCOVER_TTL_SECONDS = {
  trending: 3 * 60 * 60,
  ranking: 6 * 60 * 60,
  discover: 6 * 60 * 60,
  genres: 7 * 24 * 60 * 60,
  recommendations: 24 * 60 * 60,
} as const;

/** `/3/trending/all/{window}`: movies and TV (and people, which Discover leaves out). */
const trendingAllSchema = z.object({
  page: z.number().int(),
  total_pages: z.number().int(),
  total_results: z.number().int(),
  results: z.array(
    z.union([
      tmdbMovieSummarySchema.extend({ media_type: z.literal("movie") }),
      tmdbTvSummarySchema.extend({ media_type: z.literal("tv") }),
      z.object({ id: z.number(), media_type: z.literal("person") }),
    ]),
  ),
});
export type TmdbTrendingAll = z.infer<typeof trendingAllSchema>;

const NO_TITLES: TmdbTrendingMovies = { page: 1, results: [], total_pages: 1, total_results: 0 };

const genreListSchema = z.object({ genres: z.array(z.object({ id: z.number().int(), name: z.string() })) });

/** TMDb's movie rankings Discover shows, by their path segment. */
export type MovieRanking = "popular" | "top_rated" | "upcoming";

export class TmdbDiscoverRows {
  constructor(
    private readonly env: Env,
    private readonly ctx: BackgroundWork,
    private readonly logger?: Logger,
  ) {}

  private cached<T>(key: string, ttlSeconds: number, path: string, params: TmdbParams, schema: z.ZodType<T>) {
    return swrJson(this.env.CACHE, this.ctx, SERVICE, `tmdb:discover:${key}:${KEY_VERSION}`, ttlSeconds, async () =>
      readJson(SERVICE, await tmdbGet(this.env, path, params, this.logger), schema),
    );
  }

  /** `/3/trending/all/{window}`: what is trending this day or week, movies and TV together. */
  trendingAll(window: TrendingWindow, page: number): Promise<SwrCached<TmdbTrendingAll>> {
    return this.cached(
      `trending-all:${window}:${page}`,
      DISCOVER_TTL_SECONDS.trending,
      `/3/trending/all/${window}`,
      { page },
      trendingAllSchema,
    );
  }

  /** `/3/movie/{popular|top_rated|upcoming}`; `region` decides which release dates count as upcoming. */
  ranking(name: MovieRanking, page: number, region: string): Promise<SwrCached<TmdbTrendingMovies>> {
    return this.cached(
      `${name}:${region}:${page}`,
      DISCOVER_TTL_SECONDS.ranking,
      `/3/movie/${name}`,
      { page, region },
      tmdbTrendingMoviesSchema,
    );
  }

  /** `/3/discover/movie` with one genre or one production company, most popular first. */
  discover(filter: { genreId: number } | { companyId: number }, page: number): Promise<SwrCached<TmdbTrendingMovies>> {
    const [key, params] =
      "genreId" in filter
        ? [`genre:${filter.genreId}`, { with_genres: filter.genreId }]
        : [`company:${filter.companyId}`, { with_companies: filter.companyId }];
    return this.cached(
      `${key}:${page}`,
      DISCOVER_TTL_SECONDS.discover,
      "/3/discover/movie",
      { ...params, page, sort_by: "popularity.desc", include_adult: "false" },
      tmdbTrendingMoviesSchema,
    );
  }

  /** `/3/genre/movie/list`: TMDb's movie genres with their names. */
  async genres(): Promise<SwrCached<{ id: number; name: string }[]>> {
    const list = await this.cached("genres", DISCOVER_TTL_SECONDS.genres, "/3/genre/movie/list", {}, genreListSchema);
    return { ...list, value: list.value.genres };
  }

  /**
   * `/3/movie/{id}/recommendations`, first page: what TMDb suggests to people who liked that movie.
   * A movie TMDb does not know has none, and that answer is cached like any other.
   */
  recommendations(tmdbId: number): Promise<SwrCached<TmdbTrendingMovies>> {
    const key = `tmdb:discover:recommendations:${tmdbId}:${KEY_VERSION}`;
    return swrJson(this.env.CACHE, this.ctx, SERVICE, key, DISCOVER_TTL_SECONDS.recommendations, async () => {
      try {
        const response = await tmdbGet(this.env, `/3/movie/${tmdbId}/recommendations`, { page: 1 }, this.logger);
        return await readJson(SERVICE, response, tmdbTrendingMoviesSchema);
      } catch (error) {
        if (error instanceof Failure && error.kind === "notFound") return NO_TITLES;
        throw error;
      }
    });
  }
}
