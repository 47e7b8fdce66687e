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
import { downloadWatchmodeIdMap, type WatchmodeIdMapFile } from "../integrations/watchmode/idMap";
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

/** Where a chunked import stands: the file it is reading and the rows already staged from it. */
export interface WatchmodeIdMapCursor {
  etag: string | null;
  lastModified: string | null;
  /** Rows of the file already in the staging table: the next chunk stages from the row after them. */
  staged: number;
  batches: number;
  /** When the first chunk started, for the import's duration. */
  startedAt: number;
}

/** One chunk's outcome: the import finished, or where the next chunk reads on. */
export type WatchmodeIdMapStep = { done: WatchmodeIdMapImport } | { next: WatchmodeIdMapCursor; estimatedRows: number };

/**
 * Downloads Watchmode's id map if it changed since the last import and replaces the stored map
 * with it, in one go (the command runs it in chunks: importWatchmodeIdMapChunk).
 */
export async function importWatchmodeIdMap(ctx: ServiceContext): Promise<WatchmodeIdMapImport> {
  let cursor: WatchmodeIdMapCursor | null = null;
  for (;;) {
    const step = await importWatchmodeIdMapChunk(ctx, cursor, () => false);
    if ("done" in step) return step.done;
    cursor = step.next;
  }
}

/**
 * One chunk of an import. The first chunk downloads the file conditionally (unchanged: done);
 * it and every later chunk stage rows until `outOfTime()`, then stop reading and return where
 * they stopped. A later chunk downloads the file again and skips the rows already staged; if the
 * file changed in between (another ETag or Last-Modified), staging starts over with the new file.
 * The map is replaced only once a chunk has read the whole file and it parsed, so a bad or cut
 * file changes nothing.
 */
export async function importWatchmodeIdMapChunk(
  { env, db, logger }: ServiceContext,
  cursor: WatchmodeIdMapCursor | null,
  outOfTime: () => boolean,
): Promise<WatchmodeIdMapStep> {
  const startedAt = cursor?.startedAt ?? clock.now();
  const repository = watchmodeIdMapRepository(db);
  const previous = await repository.readState();
  const file = await downloadWatchmodeIdMap(env, previous, logger, { unconditional: cursor !== null });
  if (!file) {
    const outcome = unchanged(previous, startedAt);
    logger.info("watchmode id map unchanged", { rows: outcome.rows, durationMs: outcome.durationMs });
    return { done: outcome };
  }
  const sameFile = cursor !== null && cursor.etag === file.etag && cursor.lastModified === file.lastModified;
  if (cursor && !sameFile) logger.info("watchmode id map changed during the import; staging it again", {});
  const from: WatchmodeIdMapCursor = sameFile
    ? cursor
    : { etag: file.etag, lastModified: file.lastModified, staged: 0, batches: 0, startedAt };
  const staged = await stage(repository, file.rows, from, outOfTime);
  if (!staged.complete)
    return { next: staged.cursor, estimatedRows: estimateRows(file, staged.cursor.staged, previous) };
  const state: WatchmodeIdMapState = {
    etag: file.etag,
    lastModified: file.lastModified,
    rows: staged.cursor.staged,
    importedAt: clock.nowIso(),
  };
  const { written, removed } = await repository.replaceWithStaged(state);
  const outcome: WatchmodeIdMapImport = {
    status: "imported",
    rows: state.rows,
    batches: staged.cursor.batches,
    written,
    removed,
    durationMs: clock.now() - startedAt,
  };
  logger.info("watchmode id map imported", { ...outcome });
  return { done: outcome };
}

/**
 * Writes the file's rows after the first `from.staged` into the staging table in batches as they
 * stream in, until the file ends (complete) or `outOfTime()` after a batch. A fresh import
 * clears the staging table first; on a failure it is cleared and the stored map left as it was.
 */
async function stage(
  repository: WatchmodeIdMapRepository,
  pieces: AsyncGenerator<WatchmodeIdMapRow[]>,
  from: WatchmodeIdMapCursor,
  outOfTime: () => boolean,
): Promise<{ complete: boolean; cursor: WatchmodeIdMapCursor }> {
  if (from.staged === 0) await repository.clearStaging();
  const cursor = { ...from };
  let seen = 0;
  const pending: WatchmodeIdMapRow[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending.splice(0);
    await repository.stage(rows);
    cursor.staged += rows.length;
    cursor.batches++;
  };
  try {
    for await (const piece of pieces) {
      for (const row of piece) {
        if (seen++ < from.staged) continue;
        pending.push(row);
        if (pending.length < WATCHMODE_ID_MAP_BATCH_ROWS) continue;
        await flush();
        // Leaving the loop stops the download (the generator cancels the body).
        if (outOfTime()) return { complete: false, cursor };
      }
    }
    await flush();
    return { complete: true, cursor };
  } catch (error) {
    await repository.clearStaging().catch(() => undefined);
    throw error;
  }
}

/**
 * The file's rows, estimated while it is read: the rows so far scaled by the bytes still to come
 * when the size is announced, else the last import's count.
 */
function estimateRows(file: WatchmodeIdMapFile, staged: number, previous: WatchmodeIdMapState | null): number {
  const read = file.bytesRead();
  if (Number.isFinite(file.expectedBytes) && read > 0)
    return Math.max(staged, Math.round((staged * file.expectedBytes) / read));
  return Math.max(staged, previous?.rows ?? 0);
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
