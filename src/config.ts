import * as clock from "./clock";

/**
 * Bindings and variables the Worker receives (names fixed by DESIGN.md): generated from
 * wrangler.toml by `npm run types` into worker-configuration.d.ts (`npm run check:env-types`
 * fails when it no longer matches), plus what the wiring does not declare, typed below.
 */
export type Env = Cloudflare.Env;

declare global {
  namespace Cloudflare {
    interface Env {
      /** Optional secrets: each turns on a feature (the sign-in page, an upstream) when set. */
      ADMIN_PASSWORD?: string;
      TMDB_API_KEY?: string;
      TMDB_READ_TOKEN?: string;
      TRAKT_CLIENT_ID?: string;
      TRAKT_CLIENT_SECRET?: string;
      WATCHMODE_API_KEY?: string;
      /**
       * "true" on Cloudflare: `npm run deploy` sets it (`wrangler deploy --var DEPLOYED:true`).
       * Download client and indexer addresses on a private network are then refused.
       */
      DEPLOYED?: string;
      /** "true" when upstream URLs point at the simulator (npm start's demo mode). */
      DEMO_MODE?: string;
      /** Per-attempt timeout for upstream calls, milliseconds. */
      UPSTREAM_TIMEOUT_MS?: string;
      /** Longest Retry-After the app waits out inside one request, seconds. */
      UPSTREAM_MAX_RETRY_WAIT_S?: string;
      /** Consecutive failed calls that open an upstream's circuit breaker (default 5). */
      UPSTREAM_BREAKER_FAILURES?: string;
      /** Seconds an open circuit breaker refuses calls before it lets a probe through (default 30). */
      UPSTREAM_BREAKER_COOLDOWN_S?: string;
      /** A command chunk's time budget, milliseconds (default 8000; tests shorten it). */
      COMMAND_CHUNK_MS?: string;
      /** The HDBits analyzer's pause between browse pages, milliseconds (default 10000; tests shorten it). */
      HDBITS_ANALYZER_INTERVAL_MS?: string;
      BUILD_TIME?: string;
      /** Starts the clock at this instant (tests and date runs only; see src/clock.ts). */
      SIM_NOW?: string;
      /** When, in real time (epoch ms), the clock read SIM_NOW (see src/clock.ts). */
      SIM_CLOCK_START?: string;
    }
  }
}

export const APP_NAME = "Radarr Edge";
export const APP_VERSION = "0.1.0";
/**
 * The Radarr release whose v3 API this app serves, reported where clients read Radarr's version
 * (`X-Application-Version`, `/system/status` `version`); Prowlarr refuses a Radarr below 4.0.4.
 */
export const RADARR_API_VERSION = "5.28.0.10274";
/** The application name `/system/status` reports as `appName`: clients such as Recyclarr accept only Radarr's. */
export const RADARR_APP_NAME = "Radarr";

/**
 * Attempts a queued notification delivery gets (the first and its retries, each at its failure
 * kind's policy delay) before it is dead-lettered; below the notifications queue's max_retries
 * (wrangler.toml), so the consumer, not the queue, decides when to give up.
 */
export const NOTIFICATION_DELIVERY_ATTEMPTS = 5;

export interface UpstreamPolicy {
  timeoutMs: number;
  maxRetryWaitSeconds: number;
  /** Consecutive failed calls that open the upstream's circuit breaker. */
  breakerFailures: number;
  /** How long an open breaker refuses calls before a probe, milliseconds. */
  breakerCoolDownMs: number;
}

export function upstreamPolicy(env: Env): UpstreamPolicy {
  return {
    timeoutMs: positiveNumber(env.UPSTREAM_TIMEOUT_MS, 10_000),
    maxRetryWaitSeconds: positiveNumber(env.UPSTREAM_MAX_RETRY_WAIT_S, 10),
    breakerFailures: positiveNumber(env.UPSTREAM_BREAKER_FAILURES, 5),
    breakerCoolDownMs: positiveNumber(env.UPSTREAM_BREAKER_COOLDOWN_S, 30) * 1000,
  };
}

export function isDemoMode(env: Env): boolean {
  return env.DEMO_MODE === "true";
}

/** Whether this Worker runs on Cloudflare (see DEPLOYED), where home-network hosts are out of reach. */
export function isDeployed(env: Env): boolean {
  return env.DEPLOYED === "true";
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
