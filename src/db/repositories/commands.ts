import { and, count, desc, eq, inArray, lt, lte } from "drizzle-orm";
import type { Database } from "../client";
import { commands } from "../schema";

export type CommandRow = typeof commands.$inferSelect;

/** A command still running: only these can end (completed, failed, cancelled). */
const RUNNING: CommandRow["status"][] = ["queued", "started"];

interface QueuedCommand {
  name: string;
  body: Record<string, unknown>;
  trigger: CommandRow["trigger"];
  priority: CommandRow["priority"];
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
          .values({ ...command, status: "queued", heartbeat: command.queued })
          .returning()
      )[0],

    /** Replaces a command's body (a finished migration drops the secrets it carried). */
    setBody: async (id: number, body: Record<string, unknown>): Promise<void> => {
      await db.update(commands).set({ body }).where(eq(commands.id, id));
    },

    setMessage: async (id: number, message: string): Promise<void> => {
      await db.update(commands).set({ message }).where(eq(commands.id, id));
    },

    markStarted: async (id: number, started: string): Promise<void> => {
      await db
        .update(commands)
        .set({ status: "started", started, heartbeat: started })
        .where(and(eq(commands.id, id), eq(commands.status, "queued")));
    },

    markCompleted: async (
      id: number,
      outcome: {
        ended: string;
        message: string;
        result: Record<string, unknown> | null;
        progress?: { done: number; total: number };
      },
    ): Promise<void> => {
      const { progress, ...rest } = outcome;
      await db
        .update(commands)
        .set({
          status: "completed",
          ...rest,
          cursor: null,
          ...(progress ? { progressDone: progress.done, progressTotal: progress.total } : {}),
        })
        .where(and(eq(commands.id, id), inArray(commands.status, RUNNING)));
    },

    markFailed: async (id: number, ended: string, message: string): Promise<void> => {
      await db
        .update(commands)
        .set({ status: "failed", ended, message, cursor: null })
        .where(and(eq(commands.id, id), inArray(commands.status, RUNNING)));
    },
  };
}

/** The chunk bookkeeping of commands running on the commands queue (src/jobs/commandRunner.ts). */
export function commandChunkRepository(db: Database) {
  return {
    /**
     * Saves chunk `chunks - 1`'s outcome: where the next chunk resumes, the progress so far. False
     * when another delivery of the same chunk saved first (the caller then sends nothing on).
     */
    saveChunk: async (
      id: number,
      chunk: {
        chunks: number;
        cursor: Record<string, unknown>;
        message: string;
        done: number;
        total: number;
        heartbeat: string;
      },
    ): Promise<boolean> => {
      const saved = await db
        .update(commands)
        .set({
          chunks: chunk.chunks,
          cursor: chunk.cursor,
          message: chunk.message,
          progressDone: chunk.done,
          progressTotal: chunk.total,
          heartbeat: chunk.heartbeat,
        })
        .where(and(eq(commands.id, id), eq(commands.chunks, chunk.chunks - 1)))
        .returning({ id: commands.id });
      return saved.length > 0;
    },

    /** Queued or started commands not heard from since `before` (their queue message was lost). */
    stalled: (before: string): Promise<CommandRow[]> =>
      db
        .select()
        .from(commands)
        .where(and(inArray(commands.status, RUNNING), lt(commands.heartbeat, before)))
        .limit(20),

    /**
     * Cancels a queued or started command (a started one stops at its next chunk); false when it
     * has already ended.
     */
    cancel: async (id: number, ended: string): Promise<boolean> => {
      const cancelled = await db
        .update(commands)
        .set({ status: "cancelled", ended, message: "Cancelled", cursor: null })
        .where(and(eq(commands.id, id), inArray(commands.status, RUNNING)))
        .returning({ id: commands.id });
      return cancelled.length > 0;
    },

    /**
     * How many commands of these priorities are ready to run a chunk: queued, or started and not
     * paused (a paused command's heartbeat is when its next chunk is due, so it is later than now).
     */
    readyCount: async (priorities: CommandRow["priority"][], now: string): Promise<number> => {
      if (priorities.length === 0) return 0;
      const [row] = await db
        .select({ n: count() })
        .from(commands)
        .where(
          and(inArray(commands.status, RUNNING), inArray(commands.priority, priorities), lte(commands.heartbeat, now)),
        );
      return row?.n ?? 0;
    },

    /** Marks a command as just heard from (re-queued after a stall). */
    touch: async (id: number, heartbeat: string): Promise<void> => {
      await db.update(commands).set({ heartbeat }).where(eq(commands.id, id));
    },
  };
}
