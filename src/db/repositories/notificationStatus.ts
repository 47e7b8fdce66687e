import { eq, gte } from "drizzle-orm";
import type { Database } from "../client";
import { notificationStatus, notifications } from "../schema";

/** Each notification target's delivery record: failures in a row, reset by a success. */
export function notificationStatusRepository(db: Database) {
  return {
    async recordSuccess(notificationId: number, at: string) {
      await db
        .insert(notificationStatus)
        .values({ notificationId, consecutiveFailures: 0, lastSuccessAt: at })
        .onConflictDoUpdate({
          target: notificationStatus.notificationId,
          set: { consecutiveFailures: 0, lastSuccessAt: at },
        });
    },
    async recordFailure(notificationId: number, kind: string, at: string) {
      const current = await db
        .select({ failures: notificationStatus.consecutiveFailures })
        .from(notificationStatus)
        .where(eq(notificationStatus.notificationId, notificationId))
        .get();
      const failures = (current?.failures ?? 0) + 1;
      await db
        .insert(notificationStatus)
        .values({ notificationId, consecutiveFailures: failures, lastFailureKind: kind, lastFailureAt: at })
        .onConflictDoUpdate({
          target: notificationStatus.notificationId,
          set: { consecutiveFailures: failures, lastFailureKind: kind, lastFailureAt: at },
        });
    },
    /** The names of the targets whose last `threshold` deliveries (or more) all failed. */
    async failing(threshold: number): Promise<string[]> {
      const rows = await db
        .select({ name: notifications.name })
        .from(notificationStatus)
        .innerJoin(notifications, eq(notifications.id, notificationStatus.notificationId))
        .where(gte(notificationStatus.consecutiveFailures, threshold))
        .orderBy(notifications.name);
      return rows.map((r) => r.name);
    },
  };
}
