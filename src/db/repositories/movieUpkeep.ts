import { and, asc, eq, isNotNull } from "drizzle-orm";
import { type Database, inList } from "../client";
import { movies } from "../schema";

/** The movies the scheduled upkeep commands walk: metadata refresh and streaming re-monitoring. */
export function movieUpkeepRepository(db: Database) {
  return {
    /** Those of the given ids that are movies in the library. */
    existingIds: (ids: number[]): Promise<{ id: number }[]> =>
      db.select({ id: movies.id }).from(movies).where(inList(movies.id, ids)),

    /** The movies whose metadata was refreshed longest ago. */
    leastRecentlyRefreshed: (limit: number): Promise<{ id: number }[]> =>
      db.select({ id: movies.id }).from(movies).orderBy(asc(movies.lastInfoSync)).limit(limit),

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
