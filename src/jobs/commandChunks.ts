import { Failure } from "../domain/failures/failure";
import type { ServiceContext } from "../services/context";
import type { LocalLibrary } from "../services/radarrMigration";

/**
 * What a command runs with: the services, plus where it stands. A command runs as a chain of
 * queue messages, one chunk each (src/jobs/commandRunner.ts); `cursor` is what the previous chunk
 * saved (null on the first), and `outOfTime()` says this chunk has used its time budget.
 */
export interface CommandContext extends ServiceContext {
  trigger: "manual" | "scheduled";
  /** The command's row id. */
  commandId: number;
  /** Updates the command's message while it runs (GET /api/v3/command/{id} shows it). */
  progress(message: string): Promise<void>;
  cursor: Record<string, unknown> | null;
  outOfTime(): boolean;
  /** This app's API in-process, from the queue handler that owns the app (a Radarr migration writes through it). */
  library?: LocalLibrary;
}

/** A finished command: Radarr's message (also its completionMessage) and the result. */
interface CommandOutcome {
  message: string;
  result?: Record<string, unknown>;
  /** Items processed of the total, for commands that walk many. */
  progress?: { done: number; total: number };
}

/** An unfinished command: what the next chunk resumes from, and how far it got. */
export interface CommandContinuation {
  next: {
    cursor: Record<string, unknown>;
    done: number;
    total: number;
    message: string;
    /** Wait this long before the next chunk (an upstream asked us to slow down). */
    delaySeconds?: number;
  };
}

export type CommandStep = CommandOutcome | CommandContinuation;

export const isContinuation = (step: CommandStep): step is CommandContinuation => "next" in step;

/** The state a chunked walk over ids saves between chunks. */
interface IdWalk {
  ids: number[];
  /** Index of the next id to process. */
  next: number;
  failed: number;
  /** Named counts the items add to (e.g. grabbed). */
  tally: Record<string, number>;
  /** The first MAX_ITEMS item reports, in order. */
  items: Record<string, unknown>[];
  /** The first MAX_FAILURES failures, as "<noun> <id>: <message>". */
  failures: string[];
}

const MAX_ITEMS = 100;
const MAX_FAILURES = 10;
// An upstream's pause longer than this leaves the items to fail rather than hold the command.
const MAX_PAUSE_SECONDS = 300;

interface IdWalkSpec {
  /** The ids to walk, chosen on the first chunk and kept in the cursor. */
  select(): Promise<number[]>;
  /** Processes one id; throws when it fails. `tally` names counts to add one to. */
  each(id: number, index: number, total: number): Promise<{ item?: Record<string, unknown>; tally?: string[] }>;
  /** What the failures and the progress message call an id ("movie", "list"). */
  noun: string;
  /** The progress message after `done` of `total`. */
  progress(done: number, total: number): string;
  /** The outcome once every id has been processed. */
  finish(walk: IdWalk): CommandOutcome;
}

/**
 * Walks a list of ids in chunks: each chunk processes ids until its time budget is used, then
 * saves where it stopped. An item the upstream refuses for a short while (rate limited, with a
 * Retry-After) ends the chunk and the next one starts after that wait, so the item is not lost.
 */
export async function walkIds(ctx: CommandContext, spec: IdWalkSpec): Promise<CommandStep> {
  const walk: IdWalk = (ctx.cursor as IdWalk | null) ?? {
    ids: await spec.select(),
    next: 0,
    failed: 0,
    tally: {},
    items: [],
    failures: [],
  };
  const total = walk.ids.length;
  while (walk.next < total) {
    if (ctx.outOfTime()) return continueWalk(walk, spec);
    const id = walk.ids[walk.next];
    try {
      const { item, tally } = await spec.each(id, walk.next, total);
      if (item && walk.items.length < MAX_ITEMS) walk.items.push(item);
      for (const name of tally ?? []) walk.tally[name] = (walk.tally[name] ?? 0) + 1;
    } catch (error) {
      const pause = error instanceof Failure && error.kind === "rateLimited" ? error.retryAfter : undefined;
      if (pause && pause <= MAX_PAUSE_SECONDS) return continueWalk(walk, spec, pause);
      const message = (error as Error).message;
      walk.failed++;
      if (walk.items.length < MAX_ITEMS) walk.items.push({ [`${spec.noun}Id`]: id, error: message });
      if (walk.failures.length < MAX_FAILURES) walk.failures.push(`${spec.noun} ${id}: ${message}`);
    }
    walk.next++;
  }
  return { ...spec.finish(walk), progress: { done: total, total } };
}

function continueWalk(walk: IdWalk, spec: IdWalkSpec, delaySeconds?: number): CommandContinuation {
  const total = walk.ids.length;
  return {
    next: {
      cursor: walk as unknown as Record<string, unknown>,
      done: walk.next,
      total,
      message: spec.progress(walk.next, total),
      ...(delaySeconds ? { delaySeconds } : {}),
    },
  };
}
