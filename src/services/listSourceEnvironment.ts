import type { Env } from "../config";
import type { ListSourceEnvironment } from "../domain/lists/source";
import { listSourceEnvironment } from "../integrations/lists/fetchList";
import { traktAccessToken } from "./traktTokens";

/**
 * What a list reads with: Trakt lists with the connected account when there is one (private lists,
 * "me"), so a test reads exactly what the sync will.
 */
export async function listSourceEnvironmentFor(env: Env, implementation: string): Promise<ListSourceEnvironment> {
  return listSourceEnvironment(env, implementation.startsWith("Trakt") ? await traktAccessToken(env) : undefined);
}
