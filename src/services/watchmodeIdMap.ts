import * as clock from "../clock";
import {
  WATCHMODE_ID_MAP_BATCH_ROWS,
  type WatchmodeIdMapRepository,
  watchmodeIdMapRepository,
} from "../db/repositories/watchmodeIdMap";
import type { TmdbType, WatchmodeIdMapRow, WatchmodeIdMapState } from "../domain/streaming/watchmodeIdMap";
import {
  WATCHMODE_DISABLED,
  type WatchmodeAnswer,
  WatchmodeClient,
  type WatchmodeTitleSources,
} from "../integrations/watchmode/client";
import { downloadWatchmodeIdMap } from "../integrations/watchmode/idMap";
import type { ServiceContext } from "./context";

export interface WatchmodeIdMapImport {
  status: "imported" | "unchanged";
  rows: number;
  /** D1 batches written while streaming (the final merge not counted). */
  batches: number;
  /** Rows of the map added or changed, and rows swept because the file no longer lists them. */
  written: number;
  removed: number;
  durationMs: number;
}

/**
 * Downloads Watchmode's id map if it changed since the last import and replaces the stored map
 * with it; the map is replaced only once the whole file has parsed, so a bad file changes nothing.
 */
export async function importWatchmodeIdMap({ env, db, logger }: ServiceContext): Promise<WatchmodeIdMapImport> {
  const started = clock.now();
  const repository = watchmodeIdMapRepository(db);
  const previous = await repository.readState();
  const file = await downloadWatchmodeIdMap(env, previous, logger);
  if (!file) {
    const outcome = unchanged(previous, started);
    logger.info("watchmode id map unchanged", { rows: outcome.rows, durationMs: outcome.durationMs });
    return outcome;
  }
  const { rows, batches } = await stage(repository, file.rows);
  const state: WatchmodeIdMapState = {
    etag: file.etag,
    lastModified: file.lastModified,
    rows,
    importedAt: clock.nowIso(),
  };
  const { written, removed } = await repository.replaceWithStaged(state);
  const outcome: WatchmodeIdMapImport = {
    status: "imported",
    rows,
    batches,
    written,
    removed,
    durationMs: clock.now() - started,
  };
  logger.info("watchmode id map imported", { ...outcome });
  return outcome;
}

/**
 * Writes the file's rows into the staging table in batches as they stream in. Returns the rows
 * and batches written; on failure the staging table is cleared and the stored map left as it was.
 */
async function stage(
  repository: WatchmodeIdMapRepository,
  pieces: AsyncIterable<WatchmodeIdMapRow[]>,
): Promise<{ rows: number; batches: number }> {
  await repository.clearStaging();
  let rows = 0;
  let batches = 0;
  const pending: WatchmodeIdMapRow[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    await repository.stage(pending.splice(0));
    batches++;
  };
  try {
    for await (const piece of pieces) {
      for (const row of piece) {
        pending.push(row);
        rows++;
        if (pending.length >= WATCHMODE_ID_MAP_BATCH_ROWS) await flush();
      }
    }
    await flush();
    return { rows, batches };
  } catch (error) {
    await repository.clearStaging().catch(() => undefined);
    throw error;
  }
}

function unchanged(previous: WatchmodeIdMapState | null, started: number): WatchmodeIdMapImport {
  return {
    status: "unchanged",
    rows: previous?.rows ?? 0,
    batches: 0,
    written: 0,
    removed: 0,
    durationMs: clock.now() - started,
  };
}

/**
 * Where a TMDb title can be watched according to Watchmode, every region. The title is found in
 * the imported id map, so a title the map does not have is answered "notMapped" without a call.
 */
export async function watchmodeTitleSources(
  { env, db, background, logger }: ServiceContext,
  tmdbId: number,
  type: TmdbType,
): Promise<WatchmodeAnswer<WatchmodeTitleSources>> {
  const client = new WatchmodeClient(env, background, logger);
  if (!client.configured) return WATCHMODE_DISABLED;
  const repository = watchmodeIdMapRepository(db);
  const watchmodeId = await repository.watchmodeIdForTmdb(tmdbId, type);
  if (watchmodeId === null) {
    const imported = await repository.readState();
    return {
      status: "notMapped",
      message: imported
        ? `Watchmode's id map has no TMDb ${type} ${tmdbId}`
        : "Watchmode's id map has not been imported yet (it is refreshed daily)",
    };
  }
  return client.titleSources(watchmodeId);
}
