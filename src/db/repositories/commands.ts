import { desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { commands } from "../schema";

export type CommandRow = typeof commands.$inferSelect;

export function commandRepository(db: Database) {
  return {
    /** The latest commands, newest first. */
    recent: (limit: number): Promise<CommandRow[]> =>
      db.select().from(commands).orderBy(desc(commands.id)).limit(limit),

    get: async (id: number): Promise<CommandRow | undefined> =>
      (await db.select().from(commands).where(eq(commands.id, id)))[0],
  };
}
