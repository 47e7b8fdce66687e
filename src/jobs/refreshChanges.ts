import * as clock from "../clock";
import { movieUpkeepRepository } from "../db/repositories/movieUpkeep";
import { Failure } from "../domain/failures/failure";
import { TmdbClient } from "../integrations/tmdb/client";
import { MovieLibrary } from "../services/movies";
import { type CommandContext, type CommandStep, isContinuation, walkIds } from "./commandChunks";
import { feedWindow, isFirstRunOfDay, refreshCallsPerRun } from "./refreshCycle";

/** Where a scheduled RefreshMovie stands between chunks (see refreshCycle.ts for the why). */
interface ScheduledRefresh {
  runStart: string;
  window: { start: string; end: string } | null;
  /** Calls this run may spend (feed pages and refreshes). */
  cap: number;
  page: number;
  totalPages: number;
  feedPages: number;
  /** Library movies the feed lists as changed. */
  changed: number[];
  checked: number;
  /** The refresh walk's cursor once the feed is read. */
  walk: Record<string, unknown> | null;
  refreshing: boolean;
}

// An upstream's pause longer than this ends the run; the next run starts over.
const MAX_PAUSE_SECONDS = 300;

/** RefreshMovie without ids: the change feed, then the changed and uncovered movies, in chunks. */
export async function scheduledRefresh(ctx: CommandContext): Promise<CommandStep> {
  const repo = movieUpkeepRepository(ctx.db);
  const run = (ctx.cursor as ScheduledRefresh | null) ?? (await startRun(ctx));
  if (!run.refreshing && run.window) {
    const stop = await readFeed(ctx, run);
    if (stop) return stop;
    run.checked = await repo.markChecked(
      `${run.window.start}T00:00:00.000Z`,
      run.runStart,
      run.changed,
      clock.nowIso(),
    );
  }
  run.refreshing = true;
  const library = new MovieLibrary(ctx);
  const step = await walkIds(
    { ...ctx, cursor: run.walk },
    {
      select: () => refreshTargets(ctx, run),
      each: async (id) => {
        await library.refresh(id);
        return { tally: ["refreshed"] };
      },
      noun: "movie",
      progress: (done, total) => `Refreshed ${done} of ${total} changed or due movies`,
      finish: ({ ids, failed, failures, tally }) => {
        const refreshed = tally.refreshed ?? 0;
        if (failed && refreshed === 0 && ids.length) throw new Error(failures[0]);
        const feed = run.window ? `; ${run.checked} unchanged per TMDb's change feed (${run.feedPages} pages)` : "";
        return {
          message: `Refreshed ${refreshed} of ${ids.length} movies${feed}`,
          result: {
            refreshed,
            failed,
            failures,
            checked: run.checked,
            feedPages: run.feedPages,
            calls: run.feedPages + ids.length,
          },
        };
      },
    },
  );
  if (!isContinuation(step)) return step;
  return { next: { ...step.next, cursor: { ...run, walk: step.next.cursor } as unknown as Record<string, unknown> } };
}

async function startRun(ctx: CommandContext): Promise<ScheduledRefresh> {
  const runStart = clock.nowIso();
  const today = runStart.slice(0, 10);
  const uncovered = feedWindow(await movieUpkeepRepository(ctx.db).oldestInfoSync(), today);
  // The feed is read once a day, by the day's first scheduled run (or when asked by hand).
  const window = uncovered && (ctx.trigger === "manual" || isFirstRunOfDay(runStart)) ? uncovered : null;
  return {
    runStart,
    window,
    cap: refreshCallsPerRun(window !== null),
    page: 1,
    totalPages: 1,
    feedPages: 0,
    changed: [],
    checked: 0,
    walk: null,
    refreshing: false,
  };
}

/** Reads the feed's pages into `run.changed`; a step when the chunk or the run has to stop there. */
async function readFeed(ctx: CommandContext, run: ScheduledRefresh): Promise<CommandStep | null> {
  const window = run.window as { start: string; end: string };
  const tmdb = new TmdbClient(ctx.env, ctx.logger, ctx.work);
  const repo = movieUpkeepRepository(ctx.db);
  while (run.page <= run.totalPages) {
    const progress = { done: run.page - 1, total: run.totalPages };
    if (run.feedPages >= run.cap) {
      return {
        message: `Stopped at the TMDb background allowance after ${run.feedPages} of ${run.totalPages} change feed pages; the next run resumes`,
        result: { refreshed: 0, failed: 0, checked: 0, feedPages: run.feedPages, calls: run.feedPages },
        progress,
      };
    }
    const message = `Reading TMDb's change feed since ${window.start}: page ${run.page} of ${run.totalPages}`;
    const save = (delaySeconds?: number): CommandStep => ({
      next: {
        cursor: run as unknown as Record<string, unknown>,
        ...progress,
        message,
        ...(delaySeconds ? { delaySeconds } : {}),
      },
    });
    if (ctx.outOfTime()) return save();
    try {
      const { ids, totalPages } = await tmdb.movieChanges(window.start, window.end, run.page);
      run.feedPages++;
      run.totalPages = totalPages;
      if (ids.length) run.changed.push(...(await repo.idsForTmdbIds(ids)).map((m) => m.id));
      run.page++;
    } catch (error) {
      const pause = error instanceof Failure && error.kind === "rateLimited" ? error.retryAfter : undefined;
      if (pause && pause <= MAX_PAUSE_SECONDS) return save(pause);
      throw error;
    }
  }
  run.changed = [...new Set(run.changed)];
  return null;
}

/** The changed movies, then those the feed does not cover (never refreshed or refreshed before its window), stalest first, within the run's calls. */
async function refreshTargets(ctx: CommandContext, run: ScheduledRefresh): Promise<number[]> {
  const left = Math.max(0, run.cap - run.feedPages);
  const changed = run.changed.slice(0, left);
  if (changed.length >= left) return changed;
  // Without the feed: what today's feed run left (changed, not yet refreshed), then never refreshed.
  const coveredFrom = run.window?.start ?? run.runStart.slice(0, 10);
  const due = await movieUpkeepRepository(ctx.db).refreshedBefore(`${coveredFrom}T00:00:00.000Z`, left);
  const ids = new Set(changed);
  for (const { id } of due) if (ids.size < left) ids.add(id);
  return [...ids];
}
