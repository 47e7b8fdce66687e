/**
 * The pure rules of Trakt's OAuth device flow and token lifetime: what a poll's status means,
 * how the polling interval changes, when tokens expire and when to refresh them. No I/O.
 */

/** Why a device flow stopped without tokens, or why stored tokens were lost. */
export const TRAKT_AUTH_ERROR_CODES = [
  "invalidCode",
  "alreadyUsed",
  "expired",
  "denied",
  "refreshFailed",
  "upstreamError",
] as const;
export type TraktAuthErrorCode = (typeof TRAKT_AUTH_ERROR_CODES)[number];

export type DevicePollOutcome =
  | { kind: "approved" }
  | { kind: "pending" }
  | { kind: "slowDown" }
  | { kind: "stopped"; code: TraktAuthErrorCode; message: string }
  | { kind: "retry"; message: string };

/** What one `/oauth/device/token` answer means (statuses as Trakt documents them). */
export function devicePollOutcome(status: number): DevicePollOutcome {
  switch (status) {
    case 200:
      return { kind: "approved" };
    case 400:
      return { kind: "pending" };
    case 404:
      return { kind: "stopped", code: "invalidCode", message: "Trakt does not know this device code; start again" };
    case 409:
      return { kind: "stopped", code: "alreadyUsed", message: "This code was already used; start again" };
    case 410:
      return {
        kind: "stopped",
        code: "expired",
        message: "The code expired before it was entered at Trakt; start again",
      };
    case 418:
      return { kind: "stopped", code: "denied", message: "The Trakt user denied access to Radarr Edge" };
    case 429:
      return { kind: "slowDown" };
    default:
      return { kind: "retry", message: `Trakt answered HTTP ${status}; polling continues` };
  }
}

/** Trakt asks a client that polls too fast (429) to wait longer: the interval grows by 5 s. */
const SLOW_DOWN_STEP_SECONDS = 5;

export function slowedInterval(intervalSeconds: number): number {
  return intervalSeconds + SLOW_DOWN_STEP_SECONDS;
}

/** When tokens expire: Trakt's created_at (epoch seconds) + expires_in (seconds), in ms. */
export function tokenExpiresAtMs(createdAtSeconds: number, expiresInSeconds: number): number {
  return (createdAtSeconds + expiresInSeconds) * 1000;
}

/** Refresh this long before expiry (Trakt tokens may live only 24 h). */
export const REFRESH_MARGIN_MS = 60 * 60 * 1000;

/**
 * When to refresh tokens that expire at `expiresAtMs` after living `lifetimeMs`: a margin before
 * expiry, at most half the lifetime so short-lived tokens are not refreshed the moment they arrive.
 */
export function refreshDueAtMs(expiresAtMs: number, lifetimeMs: number): number {
  return expiresAtMs - Math.min(REFRESH_MARGIN_MS, Math.max(0, lifetimeMs) / 2);
}

/** A stored access token is handed out only while it has this much life left. */
export const MIN_TOKEN_LIFE_MS = 5 * 60 * 1000;

export function isTokenUsable(expiresAtMs: number, now: number): boolean {
  return expiresAtMs - now > MIN_TOKEN_LIFE_MS;
}
