import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import type { Database } from "../db/client";
import { importLists } from "../db/schema";

/** Enabled, automatic lists whose next sync time has come (or that never synced). */
export async function dueImportLists(db: Database, now: Date) {
  return db
    .select({ id: importLists.id, name: importLists.name })
    .from(importLists)
    .where(
      and(
        eq(importLists.enabled, true),
        eq(importLists.enableAuto, true),
        or(isNull(importLists.nextSyncAt), lte(importLists.nextSyncAt, now.toISOString())),
      ),
    )
    .orderBy(asc(importLists.listOrder), asc(importLists.id));
}
