import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { settings } from "../schema";

/** The settings table: one JSON value per key (a settings group, or a job's saved state). */
export function settingsRepository(db: Database) {
  return {
    /** The stored value of `key`, or undefined when it was never saved. */
    async value(key: string): Promise<Record<string, unknown> | undefined> {
      const [row] = await db.select().from(settings).where(eq(settings.key, key));
      return row?.value;
    },

    /** Stores `value` under `key`, replacing what was there. */
    async save(key: string, value: Record<string, unknown>, updatedAt: string): Promise<void> {
      await db
        .insert(settings)
        .values({ key, value, updatedAt })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } });
    },
  };
}
