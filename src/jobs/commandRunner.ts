import * as clock from "../clock";
import type { Env } from "../config";
import { createDatabase, type Database } from "../db/client";
import { type CommandRow, commandChunkRepository, commandRepository } from "../db/repositories/commands";
import { type Logger, rootLogger } from "../observability/logger";
import { jobD1Meter } from "../observability/metrics";
import { jobContext } from "../services/context";
import type { LocalLibrary } from "../services/radarrMigration";
import { type CommandContext, isContinuation } from "./commandChunks";
import { findCommand } from "./commands";

/**
 * Commands run on the commands queue, one chunk per message: a chunk works until CHUNK_BUDGET_MS
 * has passed (then finishes the item in hand), saves its cursor and progress on the command's row
 * and sends the message for the next chunk. No invocation runs long (Cloudflare stops work left
 * in waitUntil 30 s after a response, and a queue consumer's CPU is limited too), and a restart
 * or a lost message resumes from the last saved chunk.
 */
export interface CommandMessage {
  commandId: number;
  /** The chunk this message runs (0 first); a message for any other chunk is a duplicate. */
  chunk: number;
  /** When this chunk first gave way to higher-priority work (see yieldToPriority). */
  waitingSince?: string;
}

/**
 * A chunk's time budget: a chunk stops taking items after it, so with the item in hand (an
 * indexer search up to its timeout) it still ends well under 30 s. COMMAND_CHUNK_MS overrides it.
 */
const CHUNK_BUDGET_MS = 8_000;

function chunkBudgetMs(env: Env): number {
  const configured = Number(env.COMMAND_CHUNK_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : CHUNK_BUDGET_MS;
}
/**
 * A queued or started command not heard from for this long lost its message (a local restart
 * drops the queue's pending messages): the next cron run (every 5 minutes) resends it. A chunk
 * reports when it ends, so a live command is heard from every chunk budget (8 s) plus its item in
 * hand; a chunk that asked for a pause counts from when its next chunk is due. Resending a live
 * one is harmless: a chunk delivered twice runs once.
 */
const STALL_MS = 60_000;
/**
 * Priority: Queues keep no order by priority, so the consumer decides. A chunk gives way while a
 * command of higher priority is ready to run (queued, or started and not paused): it is sent
 * back with this delay, and the higher-priority message behind it runs first. So a user's sync or
 * search (high) starts before queued scheduled work (low), and scheduled work pauses between its
 * chunks while user work runs. Giving way stops after PRIORITY_WAIT_LIMIT_MS, so a lost message
 * or a long manual migration never starves the scheduled tasks.
 */
const PRIORITY_WAIT_SECONDS = 5;
const PRIORITY_WAIT_LIMIT_MS = 5 * 60_000;
const PRIORITIES: CommandRow["priority"][] = ["high", "normal", "low"];

// A message that failed unexpectedly (D1 unavailable, a bug) comes back after this long; the
// queue's max_retries then hands it to the dead-letter queue.
const UNEXPECTED_FAILURE_DELAY_SECONDS = 30;

/**
 * A command's priority, as Radarr's CommandPriority: scheduled work is low (Radarr's scheduled
 * tasks are), a command run by hand normal (Radarr's API default), and a sync or search run by
 * hand high, so it starts before queued scheduled work.
 */
function commandPriority(name: string, trigger: CommandRow["trigger"]): CommandRow["priority"] {
  if (trigger === "scheduled") return "low";
  return findCommand(name)?.userWaits ? "high" : "normal";
}

/** Records a command as queued and puts its first chunk on the queue; the body must be valid for it. */
export async function enqueueCommand(
  env: Env,
  db: Database,
  name: string,
  body: Record<string, unknown>,
  trigger: CommandRow["trigger"],
): Promise<CommandRow> {
  const priority = commandPriority(name, trigger);
  const row = await commandRepository(db).queue({ name, body, trigger, priority, queued: clock.nowIso() });
  await env.COMMAND_QUEUE.send({ commandId: row.id, chunk: 0 } satisfies CommandMessage);
  return row;
}

/**
 * Sends this chunk's message back for later when higher-priority work is ready to run (and this
 * chunk has not waited past the limit); true when it did.
 */
async function yieldToPriority(env: Env, db: Database, row: CommandRow, message: CommandMessage): Promise<boolean> {
  const higher = PRIORITIES.slice(0, PRIORITIES.indexOf(row.priority));
  const waitingSince = message.waitingSince ?? clock.nowIso();
  if (clock.now() - Date.parse(waitingSince) >= PRIORITY_WAIT_LIMIT_MS) return false;
  const ahead = await commandChunkRepository(db).readyCount(higher, clock.nowIso());
  if (ahead === 0) return false;
  const due = new Date(clock.now() + PRIORITY_WAIT_SECONDS * 1000).toISOString();
  // Heard from (not stalled) until it is due again; the message says why it waits.
  await commandChunkRepository(db).touch(row.id, due);
  await commandRepository(db).setMessage(row.id, `Waiting for ${ahead} higher-priority command${ahead > 1 ? "s" : ""}`);
  await env.COMMAND_QUEUE.send({ ...message, waitingSince } satisfies CommandMessage, {
    delaySeconds: PRIORITY_WAIT_SECONDS,
  });
  return true;
}

/** Runs one chunk of a command: finishes it (completed or failed) or saves it and queues the next chunk. */
async function runCommandChunk(
  env: Env,
  message: CommandMessage,
  logger: Logger = rootLogger,
  library?: LocalLibrary,
): Promise<void> {
  const db = createDatabase(env.DB, jobD1Meter("commands"));
  const repo = commandRepository(db);
  const row = await repo.get(message.commandId);
  // An ended command (a cancelled one included) runs no further chunk; nor does a duplicate message.
  if (!row || (row.status !== "queued" && row.status !== "started") || row.chunks !== message.chunk) return;
  if (await yieldToPriority(env, db, row, message)) return;
  const log = logger.child({ command: row.name, commandId: row.id, chunk: message.chunk });
  const startedAt = clock.now();
  const budgetMs = chunkBudgetMs(env);
  if (row.status === "queued") await repo.markStarted(row.id, clock.nowIso());
  const ctx: CommandContext = {
    ...jobContext(env, log, db),
    trigger: row.trigger,
    commandId: row.id,
    progress: (text) => repo.setMessage(row.id, text),
    cursor: row.cursor,
    outOfTime: () => clock.now() - startedAt >= budgetMs,
    library,
  };
  try {
    const definition = findCommand(row.name);
    if (!definition) throw new Error(`Unknown command ${row.name}`);
    const step = await definition.run(ctx, definition.body.parse(row.body));
    if (isContinuation(step)) {
      const { cursor, done, total, message: text, delaySeconds } = step.next;
      const chunk = message.chunk + 1;
      const saved = await commandChunkRepository(db).saveChunk(row.id, {
        chunks: chunk,
        cursor,
        message: text,
        done,
        total,
        // When the next chunk is due: a paused command is not stalled before then.
        heartbeat: new Date(clock.now() + (delaySeconds ?? 0) * 1000).toISOString(),
      });
      if (!saved) return; // a duplicate delivery of this chunk saved first and sent the next
      await env.COMMAND_QUEUE.send(
        { commandId: row.id, chunk } satisfies CommandMessage,
        delaySeconds ? { delaySeconds: Math.ceil(delaySeconds) } : undefined,
      );
      log.info("command chunk done", { done, total, ms: clock.now() - startedAt });
      return;
    }
    await repo.markCompleted(row.id, {
      ended: clock.nowIso(),
      message: step.message,
      result: step.result ?? null,
      progress: step.progress,
    });
    log.info("command completed", { message: step.message, chunks: message.chunk + 1, ms: clock.now() - startedAt });
  } catch (error) {
    const text = (error as Error).message;
    await repo.markFailed(row.id, clock.nowIso(), text);
    log.error("command failed", { error: text });
  }
}

/**
 * The commands queue consumer: one chunk per message (max_batch_size = 1 in wrangler.toml).
 * `library` is this app's API in-process, passed in by the handler that owns the app.
 */
export async function consumeCommandBatch(
  batch: MessageBatch<CommandMessage>,
  env: Env,
  library?: LocalLibrary,
): Promise<void> {
  for (const message of batch.messages) {
    try {
      await runCommandChunk(env, message.body, rootLogger.child({ attempt: message.attempts }), library);
      message.ack();
    } catch (error) {
      rootLogger.error("command chunk failed unexpectedly", {
        ...message.body,
        error: (error as Error).message,
      });
      message.retry({ delaySeconds: UNEXPECTED_FAILURE_DELAY_SECONDS });
    }
  }
}

/** The dead-letter consumer: a chunk that kept failing unexpectedly fails its command. */
export async function consumeCommandDeadLetters(batch: MessageBatch<CommandMessage>, env: Env): Promise<void> {
  const repo = commandRepository(createDatabase(env.DB, jobD1Meter("commands")));
  for (const message of batch.messages) {
    const row = await repo.get(message.body.commandId);
    if (row && (row.status === "queued" || row.status === "started")) {
      await repo.markFailed(
        row.id,
        clock.nowIso(),
        `Gave up on chunk ${message.body.chunk + 1} after repeated failures`,
      );
    }
    rootLogger.warn("command chunk dead-lettered", { ...message.body });
    message.ack();
  }
}

/** Resends the current chunk of every command whose message was lost (run by each cron). */
export async function resumeStalledCommands(env: Env, db: Database): Promise<number> {
  const repo = commandChunkRepository(db);
  const stalled = await repo.stalled(new Date(clock.now() - STALL_MS).toISOString());
  for (const row of stalled) {
    await repo.touch(row.id, clock.nowIso());
    await env.COMMAND_QUEUE.send({ commandId: row.id, chunk: row.chunks } satisfies CommandMessage);
    rootLogger.warn("resumed a stalled command", { command: row.name, commandId: row.id, chunk: row.chunks });
  }
  return stalled.length;
}
