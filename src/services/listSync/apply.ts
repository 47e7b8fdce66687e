import * as clock from "../../clock";
import { listSyncRepository } from "../../db/repositories/listSync";
import { diffListItems, itemKey } from "../../domain/lists/items";
import type { ListItem } from "../../domain/lists/source";
import type { ServiceContext } from "../context";
import { cleanLibrary } from "./cleanLibrary";
import { importPendingItems } from "./importPending";
import { chunks, type ImportListRow, type StoredItem, type SyncOutcome, writeBatch } from "./outcome";

/** Writes the diff: stored items, new movies, provenance, statuses, and the clean-library level. */
export async function applyItems(ctx: ServiceContext, list: ImportListRow, items: ListItem[], outcome: SyncOutcome) {
  const { env, db } = ctx;
  const d1 = env.DB;
  const now = clock.nowDate();
  const iso = now.toISOString();
  const stored = await listSyncRepository(db).items(list.id);
  const diff = diffListItems<StoredItem>(items, stored);
  outcome.updated = diff.changed.length;
  outcome.removed = diff.removed.length;

  const statements: D1PreparedStatement[] = [];
  for (const part of chunks(diff.added)) {
    const rows = part.map((i) => ({
      key: itemKey(i),
      tmdbId: i.tmdbId ?? null,
      imdbId: i.imdbId ?? null,
      title: i.title,
      year: i.year,
      metadata: i.metadata ?? {},
      status: i.tmdbId ? "pending" : "unresolved",
    }));
    statements.push(
      d1
        .prepare(
          `insert or ignore into list_items (list_id, item_key, tmdb_id, imdb_id, title, year, metadata, status, first_seen_at)
           select ?1, json_extract(value, '$.key'), json_extract(value, '$.tmdbId'), json_extract(value, '$.imdbId'),
                  json_extract(value, '$.title'), json_extract(value, '$.year'), json(json_extract(value, '$.metadata')),
                  json_extract(value, '$.status'), ?2
           from json_each(?3)`,
        )
        .bind(list.id, iso, JSON.stringify(rows)),
    );
  }
  for (const part of chunks(diff.changed)) {
    const rows = part.map(({ item, stored }) => ({
      id: stored.id,
      title: item.title,
      year: item.year,
      metadata: item.metadata ?? {},
    }));
    statements.push(
      d1
        .prepare(
          `update list_items set title = json_extract(j.value, '$.title'), year = json_extract(j.value, '$.year'),
                  metadata = json(json_extract(j.value, '$.metadata'))
           from json_each(?1) j where list_items.id = json_extract(j.value, '$.id')`,
        )
        .bind(JSON.stringify(rows)),
    );
  }
  for (const part of chunks(diff.removed)) {
    statements.push(
      d1
        .prepare("delete from list_items where id in (select value from json_each(?1))")
        .bind(JSON.stringify(part.map((s) => s.id))),
    );
  }
  await writeBatch(env, outcome, statements);

  await importPendingItems(ctx, list, outcome, iso);
  if (diff.removed.length) await cleanLibrary(ctx, list, diff.removed, outcome);
}
