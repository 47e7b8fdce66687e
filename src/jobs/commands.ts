import { z } from "zod";
import * as clock from "../clock";
import type { Database } from "../db/client";
import { type CommandRow, commandRepository } from "../db/repositories/commands";
import { importListsToSync } from "../db/repositories/importLists";
import { movieUpkeepRepository } from "../db/repositories/movieUpkeep";
import { retryDelaySeconds } from "../domain/failures/policies";
import { expireBlocklist } from "../services/blocklist";
import type { ServiceContext } from "../services/context";
import { refreshMonitoredDownloads } from "../services/downloads/tracking";
import { downloadWork } from "../services/downloads/work";
import { checkHealth } from "../services/health";
import { dueImportLists } from "../services/importLists";
import { MovieLibrary } from "../services/movies";
import { searchAndGrab } from "../services/releaseSearch/movieSearch";
import { rssSync } from "../services/releaseSearch/rssSync";
import { cutoffUnmetMovieIds, missingMovieIds } from "../services/releaseSearch/wanted";
import { readSettings } from "../services/settings";
import { StreamingAvailabilityLookup } from "../services/streamingAvailability";
import { importWatchmodeIdMap } from "../services/watchmodeIdMap";
import { enqueueListSync, listSyncStub } from "./listSyncQueue";

interface CommandContext extends ServiceContext {
  trigger: "manual" | "scheduled";
  /** Updates the command's message while it runs (GET /api/v3/command/{id} shows it). */
  progress(message: string): Promise<void>;
}

interface CommandDefinition<Body> {
  name: string;
  description: string;
  body: z.ZodType<Body>;
  run(ctx: CommandContext, body: Body): Promise<{ message: string; result?: Record<string, unknown> }>;
}

const define = <Body>(definition: CommandDefinition<Body>) => definition as CommandDefinition<unknown>;

// Movies refreshed per scheduled run: bounded so a big library spreads its TMDb calls over the day.
const REFRESH_BATCH = 50;
// Streaming-unmonitored movies re-checked per run (each is at most one cached TMDb call).
const STREAMING_CHECK_BATCH = 500;

/** Every command, by Radarr's name where Radarr has one. Adding a command is adding one entry. */
const COMMANDS = [
  define({
    name: "RefreshMovie",
    description: "Refresh movie metadata from TMDb (the given movies, or those refreshed longest ago)",
    body: z.object({ movieIds: z.array(z.number().int().positive()).max(1000).optional() }),
    async run(ctx, { movieIds }) {
      const { db } = ctx;
      const library = new MovieLibrary(ctx);
      const targets = movieIds?.length
        ? await movieUpkeepRepository(db).existingIds(movieIds)
        : await movieUpkeepRepository(db).leastRecentlyRefreshed(REFRESH_BATCH);
      const failures: string[] = [];
      for (const { id } of targets) {
        try {
          await library.refresh(id);
        } catch (error) {
          failures.push(`movie ${id}: ${(error as Error).message}`);
        }
      }
      const refreshed = targets.length - failures.length;
      if (failures.length && refreshed === 0 && targets.length) throw new Error(failures[0]);
      return {
        message: `Refreshed ${refreshed} of ${targets.length} movies`,
        result: { refreshed, failed: failures.length, failures: failures.slice(0, 10) },
      };
    },
  }),
  define({
    name: "ImportListSync",
    description: "Sync import lists: the given list, or every enabled list (scheduled runs take the due ones)",
    body: z.object({ listId: z.number().int().positive().optional() }),
    async run(ctx, { listId }) {
      const { env, db } = ctx;
      if (ctx.trigger === "scheduled" && listId === undefined) {
        const due = await dueImportLists(db, clock.nowDate());
        for (const list of due) await enqueueListSync(env, db, list.id, "scheduled");
        return { message: `Queued ${due.length} due lists`, result: { queued: due.map((l) => l.id) } };
      }
      const lists = await importListsToSync(db, listId);
      if (listId !== undefined && lists.length === 0) throw new Error(`Import list ${listId} does not exist`);
      const results: Record<string, unknown>[] = [];
      for (const [index, list] of lists.entries()) {
        await ctx.progress(`Syncing ${list.name} (${index + 1} of ${lists.length})`);
        const result = await listSyncStub(env, list.id).sync(list.id, "manual");
        if (result.ok) {
          const o = result.outcome;
          results.push({
            listId: list.id,
            status: o.status,
            found: o.found,
            added: o.added,
            removed: o.removed,
            joined: result.joined,
          });
        } else {
          results.push({ listId: list.id, status: "failed", kind: result.kind, error: result.message });
          // A transient failure goes on to the queue's retry schedule, as a scheduled sync would.
          if (retryDelaySeconds(result.kind, 1) !== null) await enqueueListSync(env, db, list.id, "retry");
        }
      }
      const failed = results.filter((r) => r.status === "failed");
      if (failed.length && failed.length === lists.length) throw new Error(String(failed[0].error));
      return { message: `Synced ${lists.length - failed.length} of ${lists.length} lists`, result: { lists: results } };
    },
  }),
  define({
    name: "WatchmodeIdMapRefresh",
    description: "Import Watchmode's daily TMDb/IMDb id map (skipped when the file has not changed)",
    body: z.object({}),
    async run(ctx) {
      if (!ctx.env.WATCHMODE_API_KEY) return { message: "Watchmode is not configured" };
      const outcome = await importWatchmodeIdMap(ctx);
      const message =
        outcome.status === "unchanged"
          ? `Watchmode id map unchanged (${outcome.rows} titles)`
          : `Imported ${outcome.rows} Watchmode titles (${outcome.written} added or changed, ${outcome.removed} removed)`;
      return { message, result: { ...outcome } };
    },
  }),
  define({
    name: "StreamingAvailabilityCheck",
    description:
      "Re-monitor movies a list added unmonitored because they streamed on a subscribed service, once they no longer do",
    body: z.object({}),
    async run(ctx) {
      const { db } = ctx;
      const lookup = await StreamingAvailabilityLookup.open(ctx);
      const upkeep = movieUpkeepRepository(db);
      const rows = await upkeep.streamingUnmonitored(STREAMING_CHECK_BATCH);
      // Monitored since by hand: no longer ours to re-monitor.
      const released = rows.filter((r) => r.monitored).map((r) => r.id);
      const candidates = rows.filter((r) => !r.monitored);
      // No subscriptions left: nothing streams on a subscribed service any more.
      const { services, errors } = await lookup.servicesFor(candidates.map((r) => r.tmdbId));
      const now = clock.nowIso();
      const remonitored: { movieId: number; title: string; previousService: string }[] = [];
      const moved: { movieId: number; title: string; service: string }[] = [];
      for (const row of candidates) {
        if (lookup.active && !services.has(row.tmdbId)) continue; // lookup failed: try next run
        const service = services.get(row.tmdbId) ?? null;
        if (!service) remonitored.push({ movieId: row.id, title: row.title, previousService: row.service ?? "" });
        else if (service !== row.service) moved.push({ movieId: row.id, title: row.title, service });
      }
      const ids = remonitored.map((r) => r.movieId);
      if (ids.length) await upkeep.remonitor(ids, now);
      if (released.length) await upkeep.releaseStreamingUnmonitored(released);
      for (const m of moved) await upkeep.moveStreamingService(m.movieId, m.service);
      if (errors.length && errors.length === candidates.length) throw new Error(errors[0]);
      return {
        message: `Re-monitored ${remonitored.length} of ${candidates.length} movies left unmonitored for streaming`,
        result: {
          checked: candidates.length,
          remonitored,
          stillStreaming: candidates.length - remonitored.length - errors.length,
          serviceChanged: moved,
          clearedManuallyMonitored: released.length,
          failed: errors.length,
          errors: errors.slice(0, 10),
        },
      };
    },
  }),
  define({
    name: "MoviesSearch",
    description: "Search the indexers for the given movies and grab the best accepted release of each",
    body: z.object({ movieIds: z.array(z.number().int().positive()).min(1, "name at least one movie").max(1000) }),
    run: (ctx, { movieIds }) => searchMovies(ctx, movieIds),
  }),
  define({
    name: "MissingMoviesSearch",
    description: "Search for every monitored, available movie without a file",
    body: z.object({}),
    run: async (ctx) => searchMovies(ctx, await missingMovieIds(ctx.db)),
  }),
  define({
    name: "CutoffUnmetMoviesSearch",
    description: "Search for every monitored movie whose file has not reached its profile's cutoff",
    body: z.object({}),
    run: async (ctx) => searchMovies(ctx, await cutoffUnmetMovieIds(ctx.db)),
  }),
  define({
    name: "RssSync",
    description: "Read every RSS-enabled indexer's newest releases and grab what monitored movies want",
    body: z.object({}),
    async run(ctx) {
      const { db } = ctx;
      if (ctx.trigger === "scheduled") {
        // The cron fires every 15 minutes; the indexer settings' RSS interval decides (0 turns it off).
        const { rssSyncInterval } = await readSettings(db, "indexer");
        const started = await commandRepository(db).lastCompletedStart("RssSync");
        const since = started ? (clock.now() - Date.parse(started)) / 60_000 : Number.POSITIVE_INFINITY;
        if (rssSyncInterval === 0) return { message: "RSS sync is turned off (RSS sync interval 0)" };
        // A minute's slack so a 15-minute interval is not skipped by a cron that fires a little early.
        if (since < rssSyncInterval - 1)
          return { message: `RSS sync ran ${Math.round(since)} minutes ago (interval ${rssSyncInterval})` };
      }
      const outcome = await rssSync(ctx);
      const failed = outcome.indexers.filter((i) => i.status === "failed");
      if (failed.length && failed.length === outcome.indexers.length)
        throw new Error(`Every RSS indexer failed: ${failed.map((i) => `${i.indexer}: ${i.error}`).join("; ")}`);
      return {
        message: `RSS sync: ${outcome.releases} releases from ${outcome.indexers.length} indexers, ${outcome.movies} movies wanted some, ${outcome.grabbed.length} grabbed`,
        result: { ...outcome },
      };
    },
  }),
  define({
    name: "RefreshMonitoredDownloads",
    description: "Poll the download clients: progress, stalls and failures, and import finished downloads",
    body: z.object({}),
    async run(ctx) {
      const outcome = await refreshMonitoredDownloads(downloadWork(ctx));
      if (outcome.errors.length && outcome.checked === 0 && outcome.clients > 0) throw new Error(outcome.errors[0]);
      return {
        message: `Checked ${outcome.checked} downloads on ${outcome.clients} clients: ${outcome.imported} imported, ${outcome.failed} failed, ${outcome.retrying} retrying`,
        result: { ...outcome },
      };
    },
  }),
  define({
    name: "CheckForFinishedDownload",
    description: "Import the downloads their clients report finished",
    body: z.object({}),
    async run(ctx) {
      const outcome = await refreshMonitoredDownloads(downloadWork(ctx), { onlyFinished: true });
      return { message: `Imported ${outcome.imported} finished downloads`, result: { ...outcome } };
    },
  }),
  define({
    name: "ExpireBlocklist",
    description: "Remove blocklist entries whose block has run out",
    body: z.object({}),
    async run({ db }) {
      const removed = await expireBlocklist(db);
      return { message: `Removed ${removed} expired blocklist entries`, result: { removed } };
    },
  }),
  define({
    name: "CheckHealth",
    description: "Run the health checks",
    body: z.object({}),
    async run({ env, db }) {
      const checks = await checkHealth(env, db);
      return { message: checks.length ? `${checks.length} health issues` : "Healthy", result: { checks } };
    },
  }),
];

export const COMMAND_NAMES = COMMANDS.map((c) => c.name);

export type { CommandRow };

export function findCommand(name: string) {
  return COMMANDS.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** Searches movies one after another (indexers are paced), grabbing the best accepted release of each. */
async function searchMovies(ctx: CommandContext, movieIds: readonly number[]) {
  const results: Record<string, unknown>[] = [];
  let grabbed = 0;
  let failed = 0;
  for (const [index, movieId] of movieIds.entries()) {
    await ctx.progress(`Searching movie ${movieId} (${index + 1} of ${movieIds.length})`);
    try {
      const outcome = await searchAndGrab(ctx, movieId);
      if (outcome.grabbed) grabbed++;
      results.push({
        movieId,
        releases: outcome.decisions.length,
        accepted: outcome.decisions.filter((d) => d.accepted).length,
        grabbed: outcome.grabbed?.release.title ?? null,
      });
    } catch (error) {
      failed++;
      results.push({ movieId, error: (error as Error).message });
    }
  }
  if (failed && failed === movieIds.length) throw new Error(String(results[0].error));
  return {
    message: `Searched ${movieIds.length - failed} of ${movieIds.length} movies, grabbed ${grabbed}`,
    result: { searched: movieIds.length - failed, grabbed, failed, movies: results.slice(0, 100) },
  };
}

/** Records a command as queued; the body must already be valid for it. */
export async function queueCommand(
  db: Database,
  name: string,
  body: Record<string, unknown>,
  trigger: "manual" | "scheduled",
): Promise<CommandRow> {
  return commandRepository(db).queue({ name, body, trigger, queued: clock.nowIso() });
}

/** Runs a queued command, recording started/completed/failed with its message and result. */
export async function executeCommand(base: ServiceContext, row: CommandRow): Promise<void> {
  const repo = commandRepository(base.db);
  const ctx: CommandContext = {
    ...base,
    trigger: row.trigger,
    progress: async (message) => {
      await repo.setMessage(row.id, message);
    },
  };
  const definition = findCommand(row.name);
  const started = clock.nowIso();
  await repo.markStarted(row.id, started);
  try {
    if (!definition) throw new Error(`Unknown command ${row.name}`);
    const outcome = await definition.run(ctx, definition.body.parse(row.body));
    await repo.markCompleted(row.id, {
      ended: clock.nowIso(),
      message: outcome.message,
      result: outcome.result ?? null,
    });
    ctx.logger.info("command completed", { command: row.name, commandId: row.id, message: outcome.message });
  } catch (error) {
    const message = (error as Error).message;
    await repo.markFailed(row.id, clock.nowIso(), message);
    ctx.logger.error("command failed", { command: row.name, commandId: row.id, error: message });
  }
}

/** The latest run of each command name (for the task list). */
export async function lastRuns(db: Database, names: readonly string[]): Promise<Map<string, CommandRow>> {
  const out = new Map<string, CommandRow>();
  for (const name of names) {
    const row = await commandRepository(db).latestNamed(name);
    if (row) out.set(name, row);
  }
  return out;
}
