import * as clock from "../../clock";
import type { Env } from "../../config";
import { isTokenUsable } from "./deviceFlow";
import { TraktTokenStore } from "./tokenStore";

export { traktAppCredentials } from "./oauth";

/** The one TraktAuth object: it owns the device flow and every token refresh. */
export function traktAuthStub(env: Env) {
  return env.TRAKT_AUTH.get(env.TRAKT_AUTH.idFromName("default"));
}

/**
 * A Trakt access token fit to use now (refreshed through TraktAuth when near expiry), or
 * undefined when no account is connected or the refresh failed. List syncs and tests read with it
 * through `listSourceEnvironmentFor`.
 */
export async function traktAccessToken(env: Env): Promise<string | undefined> {
  const tokens = await new TraktTokenStore(env).load();
  if (!tokens) return undefined;
  if (isTokenUsable(tokens.expiresAtMs, clock.now())) return tokens.accessToken;
  return traktAuthStub(env).accessToken();
}
