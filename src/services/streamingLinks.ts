import { watchmodeIdMapRepository } from "../db/repositories/watchmodeIdMap";
import type { WatchmodeTitleSource } from "../domain/streaming/watchLinks";
import type { TmdbType } from "../domain/streaming/watchmodeIdMap";
import { WatchmodeClient } from "../integrations/watchmode/client";
import type { ServiceContext } from "./context";

/**
 * Watchmode's sources of these titles that are already cached (the movie page's lookups keep
 * them a day), by TMDb id. Spends no Watchmode call: Watchmode allows 33 a day, too few to ask
 * for every trending title, so Trending uses the deep links already known and search links else.
 */
export async function knownWatchmodeSources(
  ctx: ServiceContext,
  tmdbIds: readonly number[],
  type: TmdbType,
): Promise<Map<number, WatchmodeTitleSource[]>> {
  const client = new WatchmodeClient(ctx.env, ctx.background, ctx.logger);
  const found = new Map<number, WatchmodeTitleSource[]>();
  if (!client.configured || tmdbIds.length === 0) return found;
  const ids = await watchmodeIdMapRepository(ctx.db).watchmodeIdsForTmdb(tmdbIds, type);
  await Promise.all(
    [...ids].map(async ([tmdbId, watchmodeId]) => {
      const sources = await client.cachedTitleSources(watchmodeId);
      if (sources) found.set(tmdbId, sources);
    }),
  );
  return found;
}
