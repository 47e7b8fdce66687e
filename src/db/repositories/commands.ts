import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { commands } from "../schema";

export type CommandRow = typeof commands.$inferSelect;

interface QueuedCommand {
  name: string;
  body: Record<string, unknown>;
  trigger: CommandRow["trigger"];
  queued: string;
}

export function commandRepository(db: Database) {
  return {
    /** The latest commands, newest first. */
    recent: (limit: number): Promise<CommandRow[]> =>
      db.select().from(commands).orderBy(desc(commands.id)).limit(limit),

    get: async (id: number): Promise<CommandRow | undefined> =>
      (await db.select().from(commands).where(eq(commands.id, id)))[0],

    /** The latest command of that name, if it ever ran. */
    latestNamed: async (name: string): Promise<CommandRow | undefined> =>
      (await db.select().from(commands).where(eq(commands.name, name)).orderBy(desc(commands.id)).limit(1))[0],

    /** When the latest completed command of that name started, if one did. */
    lastCompletedStart: async (name: string): Promise<string | null | undefined> =>
      (
        await db
          .select({ started: commands.started })
          .from(commands)
          .where(and(eq(commands.name, name), eq(commands.status, "completed")))
          .orderBy(desc(commands.id))
          .limit(1)
      )[0]?.started,

    /** Records a command as queued. */
    queue: async (command: QueuedCommand): Promise<CommandRow> =>
      (
        await db
          .insert(commands)
          .values({ ...command, status: "queued" })
          .returning()
      )[0],

    setMessage: async (id: number, message: string): Promise<void> => {
      await db.update(commands).set({ message }).where(eq(commands.id, id));
    },

    markStarted: async (id: number, started: string): Promise<void> => {
      await db.update(commands).set({ status: "started", started }).where(eq(commands.id, id));
    },

    markCompleted: async (
      id: number,
      outcome: { ended: string; message: string; result: Record<string, unknown> | null },
    ): Promise<void> => {
      await db
        .update(commands)
        .set({ status: "completed", ...outcome })
        .where(eq(commands.id, id));
    },

    markFailed: async (id: number, ended: string, message: string): Promise<void> => {
      await db.update(commands).set({ status: "failed", ended, message }).where(eq(commands.id, id));
    },
  };
}
