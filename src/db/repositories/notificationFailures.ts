import { count, desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { notificationFailures } from "../schema";

export type NotificationFailureRow = typeof notificationFailures.$inferSelect;
type NewNotificationFailure = Omit<NotificationFailureRow, "id">;

/** Dead-lettered notification deliveries, newest first. */
export function notificationFailureRepository(db: Database) {
  return {
    async record(failure: NewNotificationFailure): Promise<number> {
      const [row] = await db.insert(notificationFailures).values(failure).returning({ id: notificationFailures.id });
      return row.id;
    },
    async page(page: number, pageSize: number): Promise<{ rows: NotificationFailureRow[]; totalRecords: number }> {
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(notificationFailures)
          .orderBy(desc(notificationFailures.lastAttemptAt), desc(notificationFailures.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db.select({ n: count() }).from(notificationFailures),
      ]);
      return { rows, totalRecords: total?.n ?? 0 };
    },
    get: async (id: number): Promise<NotificationFailureRow | undefined> =>
      db.select().from(notificationFailures).where(eq(notificationFailures.id, id)).get(),
    async delete(id: number): Promise<boolean> {
      const gone = await db
        .delete(notificationFailures)
        .where(eq(notificationFailures.id, id))
        .returning({ id: notificationFailures.id });
      return gone.length > 0;
    },
  };
}
