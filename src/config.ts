import type { ApiBudget } from "../durable-objects/ApiBudget";
import type { ListSync } from "../durable-objects/ListSync";
import type { TraktAuth } from "../durable-objects/TraktAuth";
import * as clock from "./clock";
import type { DownloadJobMessage } from "./jobs/downloadQueue";
import type { ListSyncMessage } from "./jobs/listSyncQueue";

/** Bindings and variables the Worker receives (names fixed by DESIGN.md). */
export interface Env {
  DB: D1Database;
  CACHE: KVNamespace;
  ASSETS?: Fetcher;
  /** One ListSync object per import list. */
  LIST_SYNC: DurableObjectNamespace<ListSync>;
  /** One ApiBudget object per rationed upstream (named by service). */
  API_BUDGET: DurableObjectNamespace<ApiBudget>;
  /** The Trakt device flow and token refresh (one object, "default"). */
  TRAKT_AUTH: DurableObjectNamespace<TraktAuth>;
  LIST_SYNC_QUEUE: Queue<ListSyncMessage>;
  LIST_SYNC_DLQ: Queue<ListSyncMessage>;
  /** Download work retried later: pending grabs, imports, re-searches after a failure. */
  DOWNLOAD_QUEUE: Queue<DownloadJobMessage>;
  DOWNLOAD_DLQ: Queue<DownloadJobMessage>;
  API_KEY?: string;
  ADMIN_PASSWORD?: string;
  ENCRYPTION_KEY?: string;
  TMDB_API_KEY?: string;
  TMDB_READ_TOKEN?: string;
  TRAKT_CLIENT_ID?: string;
  TRAKT_CLIENT_SECRET?: string;
  WATCHMODE_API_KEY?: string;
  TMDB_API_URL: string;
  TMDB_IMAGE_URL: string;
  TRAKT_API_URL: string;
  TRAKT_AUTH_URL: string;
  WATCHMODE_API_URL: string;
  IMDB_URL: string;
  PLEX_DISCOVER_URL: string;
  HDBITS_URL: string;
  DEFAULT_REGION: string;
  /** "true" when upstream URLs point at the simulator (npm start's demo mode). */
  DEMO_MODE?: string;
  /** Per-attempt timeout for upstream calls, milliseconds. */
  UPSTREAM_TIMEOUT_MS?: string;
  /** Longest Retry-After the app waits out inside one request, seconds. */
  UPSTREAM_MAX_RETRY_WAIT_S?: string;
  BUILD_TIME?: string;
  /** Starts the clock at this instant (tests and date runs only; see src/clock.ts). */
  SIM_NOW?: string;
  /** When, in real time (epoch ms), the clock read SIM_NOW (see src/clock.ts). */
  SIM_CLOCK_START?: string;
}

export const APP_NAME = "Radarr Edge";
export const APP_VERSION = "0.1.0";

export interface UpstreamPolicy {
  timeoutMs: number;
  maxRetryWaitSeconds: number;
}

export function upstreamPolicy(env: Env): UpstreamPolicy {
  return {
    timeoutMs: positiveNumber(env.UPSTREAM_TIMEOUT_MS, 10_000),
    maxRetryWaitSeconds: positiveNumber(env.UPSTREAM_MAX_RETRY_WAIT_S, 10),
  };
}

export function isDemoMode(env: Env): boolean {
  return env.DEMO_MODE === "true";
}

function positiveNumber(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

let isolateStart: string | undefined;

/**
 * When this isolate served its first request. Workers have no process, and their clock reads 0
 * while a module loads, so the time is taken by the first request (requestContext calls this).
 */
export function isolateStartTime(): string {
  isolateStart ??= clock.nowIso();
  return isolateStart;
}
