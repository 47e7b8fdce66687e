import { listSyncBulkRepository } from "../../db/repositories/listSync";
import type { ServiceContext } from "../context";
import { readSettings } from "../settings";
import { chunks, type ImportListRow, type StoredItem, type SyncOutcome, writeBatch } from "./outcome";

/** Movies this list brought in that no list holds any more get the clean-library treatment. */
export async function cleanLibrary(
  ctx: ServiceContext,
  list: ImportListRow,
  removed: StoredItem[],
  outcome: SyncOutcome,
) {
  const { db, logger: log } = ctx;
  const { listSyncLevel } = await readSettings(db, "importlist");
  if (listSyncLevel === "disabled") return;
  const bulk = listSyncBulkRepository(db);
  const candidates = removed.map((r) => r.tmdbId).filter((id): id is number => id !== null);
  const orphans: { id: number; title: string }[] = [];
  for (const part of chunks(candidates)) {
    orphans.push(...(await bulk.orphans(list.id, part)));
  }
  if (orphans.length === 0) return;
  log.info("movies left every list", {
    listSyncLevel,
    movies: orphans.length,
    titles: orphans.slice(0, 10).map((o) => o.title),
  });
  if (listSyncLevel === "logOnly") return;
  const ids = orphans.map((o) => o.id);
  if (listSyncLevel === "keepAndUnmonitor") {
    await writeBatch(db, outcome, [bulk.unmonitorMovies(ids)]);
  } else {
    // removeAndKeep and removeAndDelete both remove the movie; files live on the download
    // client's host, which has none to delete until download clients land.
    await writeBatch(db, outcome, [bulk.deleteMovies(ids)]);
  }
}
