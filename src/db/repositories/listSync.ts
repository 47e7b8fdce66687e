import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { importLists, listItems, listSyncRuns, movies } from "../schema";

type ListSyncRunRow = typeof listSyncRuns.$inferSelect;
type ListItemRow = typeof listItems.$inferSelect;

/** What a run of one import list reads and writes: its run record, its items, its content hash. */
export function listSyncRepository(db: Database) {
  return {
    /** Records a started run; returns its id. */
    startRun: async (run: Pick<ListSyncRunRow, "listId" | "trigger" | "startedAt">): Promise<number> =>
      (
        await db
          .insert(listSyncRuns)
          .values({ ...run, status: "started", errors: [] })
          .returning({ id: listSyncRuns.id })
      )[0].id,

    /** Records how a run ended and when the list synced and syncs next, in one transaction. */
    finishRun: async (
      run: { id: number } & Omit<Partial<ListSyncRunRow>, "id">,
      list: { id: number; lastSyncAt: string; nextSyncAt: string },
    ): Promise<void> => {
      const { id: runId, ...values } = run;
      await db.batch([
        db.update(listSyncRuns).set(values).where(eq(listSyncRuns.id, runId)),
        db
          .update(importLists)
          .set({ lastSyncAt: list.lastSyncAt, nextSyncAt: list.nextSyncAt })
          .where(eq(importLists.id, list.id)),
      ]);
    },

    setContentHash: async (listId: number, hash: string): Promise<void> => {
      await db.update(importLists).set({ lastContentHash: hash }).where(eq(importLists.id, listId));
    },

    pendingItemCount: async (listId: number): Promise<number> =>
      (
        await db
          .select({ pending: sql<number>`count(*)` })
          .from(listItems)
          .where(and(eq(listItems.listId, listId), eq(listItems.status, "pending")))
      )[0].pending,

    /** Every item the list holds. */
    items: (listId: number): Promise<ListItemRow[]> => db.select().from(listItems).where(eq(listItems.listId, listId)),

    /** The list's pending items that have a TMDb id. */
    pendingItems: (listId: number): Promise<ListItemRow[]> =>
      db
        .select()
        .from(listItems)
        .where(and(eq(listItems.listId, listId), eq(listItems.status, "pending"), isNotNull(listItems.tmdbId))),

    /** Movies the list imported (at most `limit`). */
    importedMovieIds: (listId: number, limit: number): Promise<{ id: number }[]> =>
      db
        .select({ id: movies.id })
        .from(movies)
        .innerJoin(listItems, eq(listItems.movieId, movies.id))
        .where(and(eq(listItems.listId, listId), eq(listItems.status, "imported")))
        .limit(limit),

    /** When the movie's metadata was last refreshed, if ever. */
    lastInfoSync: async (movieId: number): Promise<string | null | undefined> =>
      (await db.select({ lastInfoSync: movies.lastInfoSync }).from(movies).where(eq(movies.id, movieId)))[0]
        ?.lastInfoSync,
  };
}
