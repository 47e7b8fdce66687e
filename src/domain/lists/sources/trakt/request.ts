import { Failure } from "../../../failures/failure";
import type { ListRequest, ListSourceEnvironment } from "../../source";

/**
 * Trakt allows 1,000 GET calls per 5 minutes per user (and as many per app for calls without a
 * user): a window budget, not a spacing rule. Three a second sustained stays under it even for a
 * sync that ran the whole window, and a burst of 100 lets a 10,000-item list (40 pages of 250)
 * read at once instead of in 13 seconds.
 */
export const TRAKT_REQUESTS_PER_SECOND = 3;
export const TRAKT_BURST = 100;

/**
 * The largest page Trakt serves: it clamps any bigger `limit` to 250 (docs.trakt.tv pagination;
 * trakt/trakt-api#924/#925), so whole lists are read 250 items a request.
 */
export const TRAKT_MAX_PAGE_SIZE = 250;

/** Trakt's name for the signed-in user in paths (`/users/me/...`). */
export const TRAKT_SIGNED_IN_USER = "me";

type Query = Record<string, string | number | undefined>;

/**
 * A GET to Trakt with its required headers: `trakt-api-version: 2`, `trakt-api-key` (the app's
 * client id, when configured; Trakt answers 403 without one) and, once a Trakt account is
 * connected, `Authorization: Bearer <token>` (needed for the signed-in user's and private lists).
 */
export function traktRequest(env: ListSourceEnvironment, path: string, query: Query = {}): ListRequest {
  const url = new URL(`${env.traktApiUrl}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { "Content-Type": "application/json", "trakt-api-version": "2" };
  if (env.traktClientId) headers["trakt-api-key"] = env.traktClientId;
  if (env.traktAccessToken) headers.Authorization = `Bearer ${env.traktAccessToken}`;
  return { service: "trakt", url: url.toString(), headers };
}

/**
 * Trakt answers 401 when a list or profile needs an account that can see it (none connected, or
 * not its owner's) and 403 when it refuses the app's client id: either way the fix is connecting
 * the right account or configuring TRAKT_CLIENT_ID, not waiting.
 */
export const traktRefusalKind = (): "authenticationFailed" => "authenticationFailed";

/** Throws unless a Trakt account is connected: what the signed-in user's own lists need. */
export function requireTraktAccount(env: ListSourceEnvironment, what: string): void {
  if (!env.traktAccessToken) {
    throw new Failure(
      "authenticationFailed",
      `Connect your Trakt account (Trakt sign-in) to import ${what}, or enter the Trakt username whose public lists to read`,
    );
  }
}

/** A Trakt username as it appears in paths; empty means the signed-in user ("me"). */
export function traktUserPath(username: string | undefined): string {
  const name = username?.trim();
  return name ? encodeURIComponent(name.toLowerCase()) : TRAKT_SIGNED_IN_USER;
}
