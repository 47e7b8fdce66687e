import type { Database } from "../db/client";
import { dueImportLists as dueAt } from "../db/repositories/importLists";

/** Enabled, automatic lists whose next sync time has come (or that never synced). */
export async function dueImportLists(db: Database, now: Date) {
  return dueAt(db, now.toISOString());
}
