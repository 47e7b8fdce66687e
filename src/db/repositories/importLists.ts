import { and, asc, desc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { importLists, listItems, listSyncJobs, listSyncRuns, movieProvenance } from "../schema";
import { providerRepository } from "./providers";

export type ImportListRow = typeof importLists.$inferSelect;

/** Import lists, in their list order. */
export function importListRepository(db: Database) {
  return providerRepository(db, importLists, [asc(importLists.listOrder), asc(importLists.id)]);
}

/** The name of the import list of that id, if any. */
export async function importListName(db: Database, id: number): Promise<string | undefined> {
  const [row] = await db.select({ name: importLists.name }).from(importLists).where(eq(importLists.id, id));
  return row?.name;
}

/** Enabled, automatic lists whose next sync time (ISO) is at or before `now`, or that never synced. */
export function dueImportLists(db: Database, now: string): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: importLists.id, name: importLists.name })
    .from(importLists)
    .where(
      and(
        eq(importLists.enabled, true),
        eq(importLists.enableAuto, true),
        or(isNull(importLists.nextSyncAt), lte(importLists.nextSyncAt, now)),
      ),
    )
    .orderBy(asc(importLists.listOrder), asc(importLists.id));
}

/** The list of that id, or every enabled list, in list order. */
export function importListsToSync(db: Database, listId?: number): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: importLists.id, name: importLists.name })
    .from(importLists)
    .where(listId !== undefined ? eq(importLists.id, listId) : eq(importLists.enabled, true))
    .orderBy(asc(importLists.listOrder), asc(importLists.id));
}

type ListItemStatus = (typeof listItems.$inferSelect)["status"];

export interface ListItemsQuery {
  page: number;
  pageSize: number;
  status?: ListItemStatus;
}

/** What the import lists did: their syncs, what they hold, which movies they brought, their queued jobs. */
export function importListActivityRepository(db: Database) {
  return {
    /** A list's syncs, newest first. */
    runs(listId: number, limit: number) {
      return db
        .select()
        .from(listSyncRuns)
        .where(eq(listSyncRuns.listId, listId))
        .orderBy(desc(listSyncRuns.id))
        .limit(limit);
    },

    /** One page of a list's items (in the order first seen) and the total. */
    async items(listId: number, query: ListItemsQuery) {
      const where = and(eq(listItems.listId, listId), query.status ? eq(listItems.status, query.status) : undefined);
      const [records, [{ total }]] = await db.batch([
        db
          .select({
            id: listItems.id,
            tmdbId: listItems.tmdbId,
            imdbId: listItems.imdbId,
            title: listItems.title,
            year: listItems.year,
            status: listItems.status,
            movieId: listItems.movieId,
            firstSeenAt: listItems.firstSeenAt,
          })
          .from(listItems)
          .where(where)
          .orderBy(listItems.id)
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: sql<number>`count(*)` }).from(listItems).where(where),
      ]);
      return { records, totalRecords: total };
    },

    /** Which lists added or hold a movie, oldest first. */
    provenance(movieId: number) {
      return db
        .select({
          listId: movieProvenance.listId,
          listName: movieProvenance.listName,
          kind: movieProvenance.kind,
          at: movieProvenance.at,
        })
        .from(movieProvenance)
        .where(eq(movieProvenance.movieId, movieId))
        .orderBy(movieProvenance.at);
    },

    /** Enabled lists whose last sync failed, with the first error's message. */
    failingLists(): Promise<{ name: string; message: string | null }[]> {
      return db.all<{ name: string; message: string | null }>(sql`
    select l.name as name, json_extract(r.errors, '$[0].message') as message
    from import_lists l join list_sync_runs r on r.id = (select max(id) from list_sync_runs where list_id = l.id)
    where l.enabled = 1 and r.status = 'failed'`);
    },

    /** The most recent sync jobs on the queue, newest first. */
    recentJobs(limit: number) {
      return db.select().from(listSyncJobs).orderBy(desc(listSyncJobs.id)).limit(limit);
    },
  };
}
