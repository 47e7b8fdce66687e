import { and, asc, eq } from "drizzle-orm";
import type { NotificationFlag } from "../../providers/notifications/events";
import type { Database } from "../client";
import { movieTags, notifications } from "../schema";
import { providerRepository } from "./providers";

export type NotificationRow = typeof notifications.$inferSelect;

/** Notification targets, listed by name. */
export function notificationRepository(db: Database) {
  return {
    ...providerRepository(db, notifications, [asc(notifications.name)]),
    /** The targets subscribed to an event (every one of its flags set). */
    subscribedTo: (flags: readonly NotificationFlag[]): Promise<NotificationRow[]> =>
      db
        .select()
        .from(notifications)
        .where(and(...flags.map((flag) => eq(notifications[flag], true)))),
    /** A movie's tag ids (a target with tags hears only of movies sharing one). */
    movieTagIds: async (movieId: number): Promise<number[]> =>
      (await db.select({ tagId: movieTags.tagId }).from(movieTags).where(eq(movieTags.movieId, movieId))).map(
        (r) => r.tagId,
      ),
  };
}
