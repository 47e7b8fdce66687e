import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { loginFailures } from "../schema";

type LoginWindow = typeof loginFailures.$inferSelect;

/** Login attempts counted per client address in fixed windows. */
export function loginAttemptRepository(db: Database) {
  return {
    /**
     * Counts one attempt for `clientKey` at `now` in a single upsert (RETURNING the window), so
     * parallel attempts cannot slip between a read and a write. A window started at or before
     * `now - windowMs` has ended: it restarts at `now` with 1.
     */
    async count(clientKey: string, now: number, windowMs: number): Promise<LoginWindow> {
      const expired = sql`${loginFailures.windowStart} <= ${now - windowMs}`;
      const [row] = await db
        .insert(loginFailures)
        .values({ clientKey, windowStart: now, failures: 1 })
        .onConflictDoUpdate({
          target: loginFailures.clientKey,
          set: {
            failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginFailures.failures} + 1 END`,
            windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${loginFailures.windowStart} END`,
          },
        })
        .returning();
      return row;
    },

    async clear(clientKey: string): Promise<void> {
      await db.delete(loginFailures).where(eq(loginFailures.clientKey, clientKey));
    },
  };
}
