import { and, desc, eq, like, notExists, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { announcedEvents, downloads, healthCheckResults } from "../schema";

export type HealthCheckResultRow = typeof healthCheckResults.$inferSelect;

/**
 * The health checks last found failing and the events raised once. Each write says what it
 * changed (RETURNING), so of two evaluations running at once only one sees a check as new or gone.
 */
export function systemEventRepository(db: Database) {
  return {
    /**
     * Records the checks failing now (one per source): the new ones are inserted and returned,
     * the ones already recorded take the current level and message (kept for their restored event).
     */
    async recordFailing(checks: readonly HealthCheckResultRow[]): Promise<HealthCheckResultRow[]> {
      if (!checks.length) return [];
      const added = await db
        .insert(healthCheckResults)
        .values([...checks])
        .onConflictDoNothing()
        .returning();
      await db
        .insert(healthCheckResults)
        .values([...checks])
        .onConflictDoUpdate({
          target: healthCheckResults.source,
          set: { type: sql`excluded.type`, message: sql`excluded.message`, wikiUrl: sql`excluded.wiki_url` },
        });
      return added;
    },

    /** Deletes the recorded checks whose source is not failing now, and returns them (they were restored). */
    clearRestored(failingSources: readonly string[]): Promise<HealthCheckResultRow[]> {
      const restored = failingSources.length ? notInArray(healthCheckResults.source, [...failingSources]) : undefined;
      return db.delete(healthCheckResults).where(restored).returning();
    },

    /**
     * Deletes the claims no caller can make again, and returns how many: a manual interaction's
     * once its download (that queue item at that grab) is gone, an application update's once a
     * newer one is claimed (only the latest deployment's can be claimed). Other keys are kept.
     */
    async pruneSpent(): Promise<number> {
      const manualInteraction = "manualInteractionRequired:";
      const downloadGone = and(
        like(announcedEvents.key, `${manualInteraction}%`),
        notExists(
          db
            .select({ id: downloads.id })
            .from(downloads)
            .where(
              and(
                // The id first, so the lookup is by primary key; then the grab the key names.
                eq(
                  downloads.id,
                  sql`cast(substr(${announcedEvents.key}, ${manualInteraction.length + 1}, instr(substr(${announcedEvents.key}, ${manualInteraction.length + 1}), ':') - 1) as integer)`,
                ),
                eq(sql`${manualInteraction} || ${downloads.id} || ':' || ${downloads.grabbedAt}`, announcedEvents.key),
              ),
            ),
        ),
      );
      const updates = like(announcedEvents.key, "applicationUpdate:%");
      const [latest] = await db
        .select({ key: announcedEvents.key })
        .from(announcedEvents)
        .where(updates)
        .orderBy(desc(announcedEvents.announcedAt), desc(announcedEvents.key))
        .limit(1);
      const olderUpdates = latest ? and(updates, notInArray(announcedEvents.key, [latest.key])) : undefined;
      const gone = await db
        .delete(announcedEvents)
        .where(or(downloadGone, olderUpdates))
        .returning({ key: announcedEvents.key });
      return gone.length;
    },

    /** Claims `key` for an event raised once: true for the one caller that recorded it first. */
    async claimOnce(key: string, at: string): Promise<boolean> {
      const inserted = await db
        .insert(announcedEvents)
        .values({ key, announcedAt: at })
        .onConflictDoNothing()
        .returning({ key: announcedEvents.key });
      return inserted.length === 1;
    },
  };
}
