import { and, asc, eq, gte, isNotNull, isNull, lt, min, not, or } from "drizzle-orm";
import { type Database, inList } from "../client";
import { movies } from "../schema";

/** The movies the scheduled upkeep commands walk: metadata refresh and streaming re-monitoring. */
export function movieUpkeepRepository(db: Database) {
  return {
    /** Those of the given ids that are movies in the library. */
    existingIds: (ids: number[]): Promise<{ id: number }[]> =>
      db.select({ id: movies.id }).from(movies).where(inList(movies.id, ids)),

    /** The earliest metadata refresh in the library (null when none was ever refreshed). */
    oldestInfoSync: async (): Promise<string | null> =>
      (await db.select({ oldest: min(movies.lastInfoSync) }).from(movies))[0]?.oldest ?? null,

    /** The library's movies among the given TMDb ids. */
    idsForTmdbIds: (tmdbIds: number[]): Promise<{ id: number }[]> =>
      db.select({ id: movies.id }).from(movies).where(inList(movies.tmdbId, tmdbIds)),

    /** Movies never refreshed or last refreshed before `beforeIso`, stalest first. */
    refreshedBefore: (beforeIso: string, limit: number): Promise<{ id: number }[]> =>
      db
        .select({ id: movies.id })
        .from(movies)
        .where(or(isNull(movies.lastInfoSync), lt(movies.lastInfoSync, beforeIso)))
        .orderBy(asc(movies.lastInfoSync))
        .limit(limit),

    /** Marks as checked at `now` the movies last refreshed in [fromIso, beforeIso), except `exceptIds`. */
    markChecked: async (fromIso: string, beforeIso: string, exceptIds: number[], now: string): Promise<number> => {
      // Counted from the rows themselves: D1's meta.changes also counts the search index's trigger writes.
      const marked = await db
        .update(movies)
        .set({ lastInfoSync: now })
        .where(
          and(gte(movies.lastInfoSync, fromIso), lt(movies.lastInfoSync, beforeIso), not(inList(movies.id, exceptIds))),
        )
        .returning({ id: movies.id });
      return marked.length;
    },

    /** Movies a list added unmonitored because they streamed on a subscribed service. */
    streamingUnmonitored: (limit: number) =>
      db
        .select({
          id: movies.id,
          tmdbId: movies.tmdbId,
          title: movies.title,
          monitored: movies.monitored,
          service: movies.streamingUnmonitoredService,
        })
        .from(movies)
        .where(isNotNull(movies.streamingUnmonitoredService))
        .orderBy(asc(movies.id))
        .limit(limit),

    /** Monitors those movies again and forgets their streaming service. */
    remonitor: async (ids: number[], updatedAt: string): Promise<void> => {
      await db
        .update(movies)
        .set({ monitored: true, streamingUnmonitoredService: null, updatedAt })
        .where(inList(movies.id, ids));
    },

    /** Forgets the streaming service of movies monitored since by hand. */
    releaseStreamingUnmonitored: async (ids: number[]): Promise<void> => {
      await db.update(movies).set({ streamingUnmonitoredService: null }).where(inList(movies.id, ids));
    },

    /** Records the service an unmonitored movie now streams on. */
    moveStreamingService: async (id: number, service: string): Promise<void> => {
      await db
        .update(movies)
        .set({ streamingUnmonitoredService: service })
        .where(and(eq(movies.id, id), eq(movies.monitored, false)));
    },
  };
}
