import type { Database } from "../../db/client";
import { listSyncBulkRepository } from "../../db/repositories/listSync";
import type { importLists, listItems } from "../../db/schema";

export type ImportListRow = typeof importLists.$inferSelect;
export type StoredItem = typeof listItems.$inferSelect;

export interface SyncOutcome {
  runId: number;
  listId: number;
  status: "success" | "partial" | "failed";
  found: number;
  added: number;
  updated: number;
  removed: number;
  excluded: number;
  existing: number;
  /** New movies the list's streaming option skipped (item status "streaming"). */
  streamingSkipped: number;
  /** New movies added unmonitored because they stream on a subscribed service. */
  streamingUnmonitored: number;
  unchanged: boolean;
  durationMs: number;
  upstreamRequests: number;
  /** Rows written to the library and list items (D1's rows_written), bookkeeping aside. */
  rowsWritten: number;
  errors: { kind: string; message: string }[];
  /**
   * The added movies the list's searchOnAdd asks to search for (the monitored ones). The ListSync
   * object starts a MoviesSearch for them and keeps the result without them.
   */
  searchMovieIds?: number[];
  /** The movies this sync added (for the "movie added" notification; dropped before the result is kept). */
  addedMovies?: { tmdbId: number; title: string; year: number }[];
}

/** Runs statements as one batch (one transaction) and adds the rows they wrote to the outcome. */
export async function writeBatch(db: Database, outcome: SyncOutcome, statements: D1PreparedStatement[]) {
  if (statements.length === 0) return [];
  const results = await listSyncBulkRepository(db).write(statements);
  for (const r of results) outcome.rowsWritten += r.meta.rows_written ?? 0;
  return results;
}

// Items per JSON parameter in bulk statements: D1 binds at most 100 parameters, so rows travel
// as one JSON array each and SQLite unpacks them with json_each.
const BULK_ROWS = 500;

export function chunks<T>(items: readonly T[], size = BULK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
