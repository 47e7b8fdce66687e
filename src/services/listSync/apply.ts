import * as clock from "../../clock";
import { listSyncBulkRepository, listSyncRepository, type NewListItem } from "../../db/repositories/listSync";
import { diffListItems, itemKey } from "../../domain/lists/items";
import type { ListItem } from "../../domain/lists/source";
import type { ServiceContext } from "../context";
import { cleanLibrary } from "./cleanLibrary";
import { importPendingItems } from "./importPending";
import { chunks, type ImportListRow, type StoredItem, type SyncOutcome, writeBatch } from "./outcome";

/** Writes the diff: stored items, new movies, provenance, statuses, and the clean-library level. */
export async function applyItems(ctx: ServiceContext, list: ImportListRow, items: ListItem[], outcome: SyncOutcome) {
  const { db } = ctx;
  const bulk = listSyncBulkRepository(db);
  const now = clock.nowDate();
  const iso = now.toISOString();
  const stored = await listSyncRepository(db).items(list.id);
  const diff = diffListItems<StoredItem>(items, stored);
  outcome.updated = diff.changed.length;
  outcome.removed = diff.removed.length;

  const statements: D1PreparedStatement[] = [];
  for (const part of chunks(diff.added)) {
    const rows = part.map(
      (i): NewListItem => ({
        key: itemKey(i),
        tmdbId: i.tmdbId ?? null,
        imdbId: i.imdbId ?? null,
        title: i.title,
        year: i.year,
        metadata: i.metadata ?? {},
        status: i.tmdbId ? "pending" : "unresolved",
      }),
    );
    statements.push(bulk.insertItems(list.id, iso, rows));
  }
  for (const part of chunks(diff.changed)) {
    const rows = part.map(({ item, stored }) => ({
      id: stored.id,
      title: item.title,
      year: item.year,
      metadata: item.metadata ?? {},
    }));
    statements.push(bulk.updateItems(rows));
  }
  for (const part of chunks(diff.removed)) {
    statements.push(bulk.deleteItems(part.map((s) => s.id)));
  }
  await writeBatch(db, outcome, statements);

  await importPendingItems(ctx, list, outcome, iso);
  if (diff.removed.length) await cleanLibrary(ctx, list, diff.removed, outcome);
}
