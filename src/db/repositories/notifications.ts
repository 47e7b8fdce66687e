import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { notifications } from "../schema";
import { providerRepository } from "./providers";

export type NotificationRow = typeof notifications.$inferSelect;

/** The flags that subscribe a target to an event. */
type EventFlag =
  | "onGrab"
  | "onDownload"
  | "onUpgrade"
  | "onDownloadFailure"
  | "onHealthIssue"
  | "onMovieAdded"
  | "onImportListSync";

/** Notification targets, listed by name. */
export function notificationRepository(db: Database) {
  return {
    ...providerRepository(db, notifications, [asc(notifications.name)]),
    /** The targets subscribed to an event (its flag set). */
    subscribedTo: (flag: EventFlag): Promise<NotificationRow[]> =>
      db.select().from(notifications).where(eq(notifications[flag], true)),
  };
}
