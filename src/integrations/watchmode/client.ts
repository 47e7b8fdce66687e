import type { ZodType } from "zod";
import * as clock from "../../clock";
import { type Env, upstreamPolicy } from "../../config";
import { isUpstreamFailure } from "../../domain/failures/failure";
import type { Logger } from "../../observability/logger";
import { type BackgroundWork, CACHE_TTL_SECONDS, storedJson, swrJson } from "../cache";
import { readJson, upstreamFetch } from "../http";
import {
  type WatchmodeRelease,
  type WatchmodeSource,
  watchmodeReleasesSchema,
  watchmodeSourcesSchema,
} from "./schemas";

const SERVICE = "watchmode";
// Bump when a cached shape changes, so old entries are not read as new ones.
const KEY_VERSION = "v1";
/** Days ahead the streaming releases cover, from today (UTC). */
const RELEASES_DAYS_AHEAD = 30;
const RELEASES_LIMIT = 250;
const DAY_MS = 86_400_000;

/** How a Watchmode lookup went; every outcome but "ok" is an answer too, never a failed request. */
export const WATCHMODE_STATUSES = ["ok", "notMapped", "budgetExhausted", "disabled", "error"] as const;
type WatchmodeStatus = (typeof WATCHMODE_STATUSES)[number];

export type WatchmodeAnswer<T> =
  | { status: "ok"; value: T; stale: boolean }
  | { status: Exclude<WatchmodeStatus, "ok">; message: string };

export interface WatchmodeTitleSources {
  watchmodeId: number;
  sources: WatchmodeSource[];
}

export interface WatchmodeReleases {
  /** The days the releases cover (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  releases: WatchmodeRelease[];
}

/** The answer of every lookup while Watchmode has no API key. */
export const WATCHMODE_DISABLED = {
  status: "disabled",
  message: "Watchmode is not configured: set WATCHMODE_API_KEY",
} as const satisfies WatchmodeAnswer<never>;

const sourcesKey = (watchmodeId: number) => `watchmode:sources:${watchmodeId}:${KEY_VERSION}`;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const compactDay = (day: string) => day.replaceAll("-", "");

/**
 * Watchmode's title sources and streaming releases. Every call is spent from the Watchmode budget
 * (33 a day) and cached stale-while-revalidate for a day, so a title costs at most one call a day
 * whatever the region asked. Titles are asked by Watchmode id: the id map service finds a TMDb
 * title's id in the imported map, so an id lookup never spends a call.
 */
export class WatchmodeClient {
  constructor(
    private readonly env: Env,
    private readonly ctx: BackgroundWork,
    private readonly logger?: Logger,
  ) {}

  get configured(): boolean {
    return Boolean(this.env.WATCHMODE_API_KEY?.trim());
  }

  /** Where a Watchmode title can be watched, every region (the caller picks one). */
  titleSources(watchmodeId: number): Promise<WatchmodeAnswer<WatchmodeTitleSources>> {
    if (!this.configured) return Promise.resolve(WATCHMODE_DISABLED);
    return this.answer(async () => {
      const cached = await swrJson(
        this.env.CACHE,
        this.ctx,
        SERVICE,
        sourcesKey(watchmodeId),
        CACHE_TTL_SECONDS.watchmodeSources,
        () => this.get(`/v1/title/${watchmodeId}/sources/`, {}, watchmodeSourcesSchema),
      );
      return { value: { watchmodeId, sources: cached.value }, stale: cached.stale };
    });
  }

  /** A title's sources as last fetched (fresh or expired), if they are cached: spends no call. */
  async cachedTitleSources(watchmodeId: number): Promise<WatchmodeSource[] | undefined> {
    if (!this.configured) return undefined;
    return storedJson<WatchmodeSource[]>(this.env.CACHE, sourcesKey(watchmodeId));
  }

  /**
   * Titles landing on streaming services from today to RELEASES_DAYS_AHEAD days on: one call a day,
   * however many regions or readers ask (a stale copy may start before today; callers filter).
   */
  releases(now = clock.now()): Promise<WatchmodeAnswer<WatchmodeReleases>> {
    if (!this.configured) return Promise.resolve(WATCHMODE_DISABLED);
    return this.answer(async () => {
      const cached = await swrJson(
        this.env.CACHE,
        this.ctx,
        SERVICE,
        `watchmode:releases:${KEY_VERSION}`,
        CACHE_TTL_SECONDS.watchmodeReleases,
        async () => {
          const from = isoDay(now);
          const to = isoDay(now + RELEASES_DAYS_AHEAD * DAY_MS);
          const body = await this.get(
            "/v1/releases/",
            { start_date: compactDay(from), end_date: compactDay(to), limit: String(RELEASES_LIMIT) },
            watchmodeReleasesSchema,
          );
          return { from, to, releases: body.releases };
        },
      );
      return { value: cached.value, stale: cached.stale };
    });
  }

  private async get<T>(path: string, params: Record<string, string>, schema: ZodType<T>): Promise<T> {
    const url = new URL(`${this.env.WATCHMODE_API_URL.replace(/\/$/, "")}${path}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    url.searchParams.set("apiKey", this.env.WATCHMODE_API_KEY ?? "");
    const response = await upstreamFetch({
      service: SERVICE,
      url: url.toString(),
      init: { headers: { accept: "application/json" } },
      policy: upstreamPolicy(this.env),
      logger: this.logger,
      // A retry spends another call of a 33-a-day budget: one retry at most.
      attempts: 2,
      budget: { env: this.env, service: SERVICE },
    });
    return readJson(SERVICE, response, schema);
  }

  /** Runs a cached read, turning its failure into the answer that says why. */
  private async answer<T>(read: () => Promise<{ value: T; stale: boolean }>): Promise<WatchmodeAnswer<T>> {
    try {
      return { status: "ok", ...(await read()) };
    } catch (error) {
      if (!isUpstreamFailure(error)) throw error;
      this.logger?.warn("watchmode lookup failed", { kind: error.kind, status: error.status, error: error.message });
      if (error.kind === "rateLimited" || error.status === 402) {
        return { status: "budgetExhausted", message: error.message };
      }
      return { status: "error", message: error.message };
    }
  }
}
