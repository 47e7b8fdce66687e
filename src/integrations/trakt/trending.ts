import { z } from "zod";
import { type Env, upstreamPolicy } from "../../config";
import { Failure } from "../../domain/failures/failure";
import { traktRequest } from "../../domain/lists/sources/trakt/request";
import { traktMovieSchema } from "../../domain/lists/sources/trakt/responses";
import type { Logger } from "../../observability/logger";
import { type BackgroundWork, CACHE_TTL_SECONDS, type SwrCached, swrJson } from "../cache";
import { readJson, upstreamFetch } from "../http";
import { listSourceEnvironment } from "../lists/fetchList";

const SERVICE = "trakt";
// Bump when the cached shape changes, so old entries are not read as new ones.
const KEY_VERSION = "v1";

/** `/movies/trending` and `/shows/trending` entries: watchers right now and the title (same shape for both). */
const trendingMoviesSchema = z.array(z.object({ watchers: z.number().int().nonnegative(), movie: traktMovieSchema }));
const trendingShowsSchema = z.array(z.object({ watchers: z.number().int().nonnegative(), show: traktMovieSchema }));

export type TraktMediaType = "movie" | "tv";

export interface TraktTrendingTitle {
  /** Null when Trakt does not know the title's TMDb id. */
  tmdbId: number | null;
  title: string;
  year: number | null;
  watchers: number;
}

/**
 * Trakt's trending movies and shows (what is being watched right now; Trakt has no day/week
 * windows), read with the app's client id and cached stale-while-revalidate for an hour. Needs
 * TRAKT_CLIENT_ID; no account is needed.
 */
export class TraktTrending {
  constructor(
    private readonly env: Env,
    private readonly ctx: BackgroundWork,
    private readonly logger?: Logger,
  ) {}

  /** The top `limit` trending titles (one request: Trakt serves up to 250 a page). */
  trending(mediaType: TraktMediaType, limit: number): Promise<SwrCached<TraktTrendingTitle[]>> {
    if (!this.env.TRAKT_CLIENT_ID?.trim()) {
      return Promise.reject(
        new Failure("authenticationFailed", "Trakt is not configured: set TRAKT_CLIENT_ID", { service: SERVICE }),
      );
    }
    const key = `trakt:trending:${mediaType}:${limit}:${KEY_VERSION}`;
    return swrJson(this.env.CACHE, this.ctx, SERVICE, key, CACHE_TTL_SECONDS.traktTrending, () =>
      this.load(mediaType, limit),
    );
  }

  private async load(mediaType: TraktMediaType, limit: number): Promise<TraktTrendingTitle[]> {
    const path = mediaType === "movie" ? "/movies/trending" : "/shows/trending";
    const request = traktRequest(listSourceEnvironment(this.env), path, { page: 1, limit });
    const response = await upstreamFetch({
      service: SERVICE,
      url: request.url,
      init: { headers: request.headers },
      policy: upstreamPolicy(this.env),
      logger: this.logger,
      budget: { env: this.env, service: SERVICE },
    });
    const entries =
      mediaType === "movie"
        ? (await readJson(SERVICE, response, trendingMoviesSchema)).map((entry) => ({ ...entry, title: entry.movie }))
        : (await readJson(SERVICE, response, trendingShowsSchema)).map((entry) => ({ ...entry, title: entry.show }));
    return entries.map(({ watchers, title }) => ({
      tmdbId: title.ids.tmdb ?? null,
      title: title.title,
      year: title.year ?? null,
      watchers,
    }));
  }
}
