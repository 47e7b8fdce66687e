import type { ZodType } from "zod";
import type { Env } from "../../config";
import { Failure } from "../../domain/failures/failure";
import type { Logger } from "../../observability/logger";
import { type BackgroundWork, CACHE_TTL_SECONDS, type SwrCached, swrJson } from "../cache";
import { readJson } from "../http";
import { type TmdbParams, tmdbGet } from "./client";
import {
  type DiscoveryMediaType,
  type TmdbOnTheAir,
  type TmdbProviderCatalogue,
  type TmdbTitleWatchProviders,
  type TmdbTrendingMovies,
  type TmdbTrendingTv,
  type TmdbUpcoming,
  type TrendingWindow,
  tmdbProviderCatalogueSchema,
  tmdbTitleWatchProvidersSchema,
  tmdbTrendingMoviesSchema,
  tmdbTrendingTvSchema,
  tmdbUpcomingSchema,
} from "./discoverySchemas";

const SERVICE = "tmdb";
// Bump when a cached shape changes, so old entries are not read as new ones.
const KEY_VERSION = "v1";

/**
 * TMDb's discovery endpoints (trending, upcoming, on the air, watch providers), each read through
 * the stale-while-revalidate KV cache so a hot key costs TMDb at most one call per TTL.
 */
export class TmdbDiscovery {
  constructor(
    private readonly env: Env,
    private readonly ctx: BackgroundWork,
    private readonly logger?: Logger,
  ) {}

  private get(path: string, params: TmdbParams = {}): Promise<Response> {
    return tmdbGet(this.env, path, params, this.logger);
  }

  private cached<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<SwrCached<T>> {
    return swrJson(this.env.CACHE, this.ctx, SERVICE, `${key}:${KEY_VERSION}`, ttlSeconds, load);
  }

  /** `/3/trending/{movie|tv}/{day|week}`, one page (20 titles). */
  trending(mediaType: "movie", window: TrendingWindow, page?: number): Promise<SwrCached<TmdbTrendingMovies>>;
  trending(mediaType: "tv", window: TrendingWindow, page?: number): Promise<SwrCached<TmdbTrendingTv>>;
  trending(
    mediaType: DiscoveryMediaType,
    window: TrendingWindow,
    page?: number,
  ): Promise<SwrCached<TmdbTrendingMovies | TmdbTrendingTv>>;
  trending(mediaType: DiscoveryMediaType, window: TrendingWindow, page = 1) {
    const schema: ZodType<TmdbTrendingMovies | TmdbTrendingTv> =
      mediaType === "movie" ? tmdbTrendingMoviesSchema : tmdbTrendingTvSchema;
    return this.cached(`tmdb:trending:${mediaType}:${window}:${page}`, CACHE_TTL_SECONDS.tmdbTrending, async () =>
      readJson(SERVICE, await this.get(`/3/trending/${mediaType}/${window}`, { page }), schema),
    );
  }

  /** `/3/movie/upcoming` for a region (its release dates decide what is upcoming). */
  upcomingMovies(region: string, page = 1): Promise<SwrCached<TmdbUpcoming>> {
    return this.cached(`tmdb:upcoming:${region}:${page}`, CACHE_TTL_SECONDS.tmdbComingSoon, async () =>
      readJson(SERVICE, await this.get("/3/movie/upcoming", { region, page }), tmdbUpcomingSchema),
    );
  }

  /** `/3/tv/on_the_air`: shows with an episode airing in the next seven days. */
  tvOnTheAir(page = 1): Promise<SwrCached<TmdbOnTheAir>> {
    return this.cached(`tmdb:on-the-air:${page}`, CACHE_TTL_SECONDS.tmdbOnTheAir, async () =>
      readJson(SERVICE, await this.get("/3/tv/on_the_air", { page }), tmdbTrendingTvSchema),
    );
  }

  /**
   * Where a title can be watched in `region` (JustWatch data, credited in every response that
   * shows it). TMDb answers every region in one call, so one cache entry serves all regions.
   * Null when TMDb has no such title.
   */
  async watchProviders(
    tmdbId: number,
    mediaType: DiscoveryMediaType,
    region: string,
  ): Promise<(SwrCached<TmdbTitleWatchProviders["results"][string] | undefined> & { region: string }) | null> {
    try {
      const all = await this.cached(
        `tmdb:watch-providers:${mediaType}:${tmdbId}`,
        CACHE_TTL_SECONDS.tmdbWatchProviders,
        async () =>
          readJson(SERVICE, await this.get(`/3/${mediaType}/${tmdbId}/watch/providers`), tmdbTitleWatchProvidersSchema),
      );
      return { ...all, value: all.value.results[region], region };
    } catch (error) {
      if (error instanceof Failure && error.kind === "notFound") return null;
      throw error;
    }
  }

  /** `/3/watch/providers/{movie|tv}?watch_region=`: the services TMDb knows in a region. */
  providerCatalogue(mediaType: DiscoveryMediaType, region: string): Promise<SwrCached<TmdbProviderCatalogue>> {
    return this.cached(
      `tmdb:provider-catalogue:${mediaType}:${region}`,
      CACHE_TTL_SECONDS.tmdbProviderCatalogue,
      async () =>
        readJson(
          SERVICE,
          await this.get(`/3/watch/providers/${mediaType}`, { watch_region: region }),
          tmdbProviderCatalogueSchema,
        ),
    );
  }

  imageUrl(path: string | null | undefined, size = "w342"): string | undefined {
    return path ? `${this.env.TMDB_IMAGE_URL.replace(/\/$/, "")}/t/p/${size}${path}` : undefined;
  }
}
