import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { listSyncJobs } from "../schema";

type ListSyncJobRow = typeof listSyncJobs.$inferSelect;

/** The list sync jobs put on the queue and what became of them. */
export function listSyncJobRepository(db: Database) {
  const set = async (id: number, values: Partial<ListSyncJobRow>) => {
    await db.update(listSyncJobs).set(values).where(eq(listSyncJobs.id, id));
  };
  return {
    get: async (id: number): Promise<ListSyncJobRow | undefined> =>
      (await db.select().from(listSyncJobs).where(eq(listSyncJobs.id, id)))[0],

    /** Records a queued job; returns its id. */
    record: async (listId: number, enqueuedAt: string): Promise<number> =>
      (
        await db
          .insert(listSyncJobs)
          .values({ listId, status: "queued", enqueuedAt })
          .returning({ id: listSyncJobs.id })
      )[0].id,

    markRunning: (id: number, attempts: number) => set(id, { status: "running", attempts }),

    markSucceeded: (id: number) => set(id, { status: "succeeded", lastError: null, failureKind: null }),

    /** A failed attempt: retried at nextAttemptAt, or dead-lettered when that is null. */
    markFailed: (id: number, failure: { lastError: string; failureKind: string; nextAttemptAt: string | null }) =>
      set(id, { status: failure.nextAttemptAt === null ? "deadLettered" : "retrying", ...failure }),

    markDeadLettered: (id: number, lastError: string) => set(id, { status: "deadLettered", lastError }),

    /** How many jobs were dead-lettered in the past day (by the database's clock). */
    deadLetteredInPastDay: async (): Promise<number> =>
      (
        await db.all<{ deadLetters: number }>(
          sql`select count(*) as deadLetters from list_sync_jobs where status = 'deadLettered' and updated_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')`,
        )
      )[0].deadLetters,
  };
}
