import type { Env } from "../../config";

export { traktAppCredentials } from "./oauth";

/** The one TraktAuth object: it owns the device flow and every token refresh. */
export function traktAuthStub(env: Env) {
  return env.TRAKT_AUTH.get(env.TRAKT_AUTH.idFromName("default"));
}
