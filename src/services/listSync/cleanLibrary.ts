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
  const { env, db, logger: log } = ctx;
  const { listSyncLevel } = await readSettings(db, "importlist");
  if (listSyncLevel === "disabled") return;
  const d1 = env.DB;
  const candidates = removed.map((r) => r.tmdbId).filter((id): id is number => id !== null);
  const orphans: { id: number; title: string }[] = [];
  for (const part of chunks(candidates)) {
    const { results } = await d1
      .prepare(
        `select m.id, m.title from movies m
         join movie_provenance p on p.movie_id = m.id and p.list_id = ?1
         where m.tmdb_id in (select value from json_each(?2))
           and not exists (select 1 from list_items li where li.tmdb_id = m.tmdb_id)`,
      )
      .bind(list.id, JSON.stringify(part))
      .all<{ id: number; title: string }>();
    orphans.push(...results);
  }
  if (orphans.length === 0) return;
  log.info("movies left every list", {
    listSyncLevel,
    movies: orphans.length,
    titles: orphans.slice(0, 10).map((o) => o.title),
  });
  if (listSyncLevel === "logOnly") return;
  const ids = JSON.stringify(orphans.map((o) => o.id));
  if (listSyncLevel === "keepAndUnmonitor") {
    await writeBatch(env, outcome, [
      d1
        .prepare(
          "update movies set monitored = 0, streaming_unmonitored_service = null where id in (select value from json_each(?1))",
        )
        .bind(ids),
    ]);
  } else {
    // removeAndKeep and removeAndDelete both remove the movie; files live on the download
    // client's host, which has none to delete until download clients land.
    await writeBatch(env, outcome, [
      d1.prepare("delete from movies where id in (select value from json_each(?1))").bind(ids),
    ]);
  }
}
