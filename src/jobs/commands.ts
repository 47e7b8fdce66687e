import { z } from "zod";
import * as clock from "../clock";
import { type CommandRow, commandRepository } from "../db/repositories/commands";
import { importListsToSync } from "../db/repositories/importLists";
import { movieUpkeepRepository } from "../db/repositories/movieUpkeep";
import { applyAutoTagsToPage, libraryMovieCount } from "../services/autoTagging";
import { expireBlocklist } from "../services/blocklist";
import { refreshDiscoveryCaches } from "../services/discoveryCaches";
import { refreshMonitoredDownloads } from "../services/downloads/tracking";
import { downloadWork } from "../services/downloads/work";
import { evaluateHealth } from "../services/healthEvents";
import { dueImportLists } from "../services/importLists";
import { MovieLibrary } from "../services/movies";
import { MIGRATION_NAME, runRadarrMigrationChunk } from "../services/radarrMigration";
import { searchAndGrab } from "../services/releaseSearch/movieSearch";
import { rssSync } from "../services/releaseSearch/rssSync";
import { cutoffUnmetMovieIds, missingMovieIds } from "../services/releaseSearch/wanted";
import { isEncrypted } from "../services/secrets";
import { readSettings } from "../services/settings";
import { StreamingAvailabilityLookup } from "../services/streamingAvailability";
import { importWatchmodeIdMapChunk, type WatchmodeIdMapCursor } from "../services/watchmodeIdMap";
import { ANALYZER_COMMANDS } from "./analyzerCommands";
import { COLLECTION_COMMANDS } from "./collectionCommands";
import { type CommandContext, type CommandStep, walkIds } from "./commandChunks";
import { cronIntervalMinutes, SCHEDULED_TASKS } from "./cronSchedule";
import { FILE_COMMANDS } from "./fileCommands";
import { enqueueListSync, listSyncRetryDelay, listSyncStub } from "./listSyncQueue";
import { scheduledRefresh } from "./refreshChanges";
import { RESCAN_MOVIE } from "./rescanCommand";
import { SYSTEM_COMMANDS } from "./systemCommands";

/**
 * A command. `run` does one chunk: small commands finish in it; those walking many movies or
 * lists return where to continue, and the runner calls them again from the queue.
 */
export interface CommandDefinition<Body> {
  name: string;
  description: string;
  body: z.ZodType<Body>;
  /** A sync or search someone waits on: run by hand, it goes ahead of scheduled work (commandPriority). */
  userWaits?: true;
  run(ctx: CommandContext, body: Body): Promise<CommandStep>;
}

const define = <Body>(definition: CommandDefinition<Body>) => definition as CommandDefinition<unknown>;
// Streaming-unmonitored movies re-checked per run (each is at most one cached TMDb call).
const STREAMING_CHECK_BATCH = 500;

/** Every command, by Radarr's name where Radarr has one. Adding a command is adding one entry. */
const COMMANDS = [
  ...FILE_COMMANDS,
  ...COLLECTION_COMMANDS,
  RESCAN_MOVIE,
  define({
    name: "RefreshMovie",
    description:
      "Refresh movie metadata from TMDb (the given movies, or those TMDb's change feed lists as changed and those due)",
    body: z.object({ movieIds: z.array(z.number().int().positive()).max(1000).optional() }),
    run(ctx, { movieIds }) {
      // No ids: the library's changes per TMDb's change feed, within the background allowance.
      if (!movieIds?.length) return scheduledRefresh(ctx);
      // The given movies, each refreshed directly for the person who asked (interactive budget).
      const library = new MovieLibrary({ ...ctx, work: "interactive" });
      return walkIds(ctx, {
        select: async () => (await movieUpkeepRepository(ctx.db).existingIds(movieIds)).map((m) => m.id),
        each: async (id) => {
          await library.refresh(id);
          return { tally: ["refreshed"] };
        },
        noun: "movie",
        progress: (done, total) => `Refreshed ${done} of ${total} movies`,
        finish: ({ ids, failed, failures, tally }) => {
          const refreshed = tally.refreshed ?? 0;
          if (failed && refreshed === 0 && ids.length) throw new Error(failures[0]);
          return {
            message: `Refreshed ${refreshed} of ${ids.length} movies`,
            result: { refreshed, failed, failures },
          };
        },
      });
    },
  }),
  define({
    name: "ImportListSync",
    description: "Sync import lists: the given list, or every enabled list (scheduled runs take the due ones)",
    userWaits: true,
    body: z.object({ listId: z.number().int().positive().optional(), force: z.boolean().optional() }),
    async run(ctx, { listId, force }) {
      const { env, db } = ctx;
      if (ctx.trigger === "scheduled" && listId === undefined) {
        const due = await dueImportLists(db, clock.nowDate());
        for (const list of due) await enqueueListSync(env, db, list.id, "scheduled");
        return { message: `Queued ${due.length} due lists`, result: { queued: due.map((l) => l.id) } };
      }
      const lists = await importListsToSync(db, listId);
      if (listId !== undefined && lists.length === 0) throw new Error(`Import list ${listId} does not exist`);
      const names = new Map(lists.map((l) => [l.id, l.name]));
      // One list at a time, each as long as its ListSync object takes; a chunk ends between lists.
      return walkIds(ctx, {
        select: async () => lists.map((l) => l.id),
        each: async (id, index, total) => {
          await ctx.progress(`Syncing ${names.get(id) ?? id} (${index + 1} of ${total})`);
          return { item: await syncListNow(ctx, id, force ?? false) };
        },
        noun: "list",
        progress: (done, total) => `Synced ${done} of ${total} lists`,
        finish: ({ ids, items }) => {
          const failed = items.filter((r) => r.status === "failed");
          if (failed.length && failed.length === ids.length) throw new Error(String(failed[0].error));
          return {
            message: `Synced ${ids.length - failed.length} of ${ids.length} lists`,
            result: { lists: items },
          };
        },
      });
    },
  }),
  define({
    name: "WatchmodeIdMapRefresh",
    description: "Import Watchmode's daily TMDb/IMDb id map (skipped when the file has not changed)",
    body: z.object({}),
    async run(ctx) {
      if (!ctx.env.WATCHMODE_API_KEY) return { message: "Watchmode is not configured" };
      const cursor = ctx.cursor as WatchmodeIdMapCursor | null;
      const step = await importWatchmodeIdMapChunk(ctx, cursor, ctx.outOfTime);
      if ("next" in step) {
        const { staged } = step.next;
        return {
          next: {
            cursor: { ...step.next },
            done: staged,
            total: step.estimatedRows,
            message: `Staged ${staged} Watchmode titles`,
          },
        };
      }
      const outcome = step.done;
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
    userWaits: true,
    body: z.object({ movieIds: z.array(z.number().int().positive()).min(1, "name at least one movie").max(1000) }),
    run: (ctx, { movieIds }) => searchMovies(ctx, async () => movieIds),
  }),
  define({
    name: "MissingMoviesSearch",
    description: "Search for every monitored, available movie without a file",
    userWaits: true,
    body: z.object({}),
    run: (ctx) => searchMovies(ctx, () => missingMovieIds(ctx.db)),
  }),
  define({
    name: "CutoffUnmetMoviesSearch",
    description: "Search for every monitored movie whose file has not reached its profile's cutoff",
    userWaits: true,
    body: z.object({}),
    run: (ctx) => searchMovies(ctx, () => cutoffUnmetMovieIds(ctx.db)),
  }),
  define({
    name: "RssSync",
    description: "Read every RSS-enabled indexer's newest releases and grab what monitored movies want",
    userWaits: true,
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
      if (ctx.trigger === "scheduled") {
        // The cron polls every 5 minutes; a longer checkForFinishedDownloadInterval skips polls.
        const { checkForFinishedDownloadInterval: interval } = await readSettings(ctx.db, "downloadclient");
        const started = await commandRepository(ctx.db).lastCompletedStart("RefreshMonitoredDownloads");
        const since = started ? (clock.now() - Date.parse(started)) / 60_000 : Number.POSITIVE_INFINITY;
        if (since < interval - 1)
          return { message: `Downloads were checked ${Math.round(since)} minutes ago (interval ${interval})` };
      }
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
    name: "RefreshDiscoveryCaches",
    description: "Refresh the trending and coming-soon caches that would expire before the next scheduled run",
    body: z.object({}),
    async run(ctx) {
      const task = SCHEDULED_TASKS.find((t) => t.command === "RefreshDiscoveryCaches");
      // Until the next run, with a few minutes' slack for a cron that fires late.
      const aheadSeconds = (cronIntervalMinutes(task?.cron ?? "0 * * * *") + 5) * 60;
      const { refreshed, failed } = await refreshDiscoveryCaches(ctx, aheadSeconds);
      if (failed.length && refreshed.length === 0) throw new Error(failed[0]);
      return {
        message: `Refreshed ${refreshed.length} of ${refreshed.length + failed.length} trending and coming-soon caches`,
        result: { refreshed, failed },
      };
    },
  }),
  define({
    name: MIGRATION_NAME,
    description: "Copy a running Radarr's library and settings here (queued by POST /api/v3/migration/radarr)",
    // The key and typed secrets arrive sealed (ENCRYPTION_KEY) and are dropped when the migration ends.
    body: z.object({
      url: z.string(),
      radarrVersion: z.string(),
      apiKey: z.string().refine(isEncrypted, "apiKey must be sealed"),
      secrets: z.array(
        z.object({
          resource: z.string(),
          name: z.string(),
          field: z.string(),
          value: z.string().refine(isEncrypted, "secrets must be sealed"),
        }),
      ),
    }),
    run(ctx, body) {
      if (!ctx.library) throw new Error("A Radarr migration runs only on the commands queue");
      return runRadarrMigrationChunk(ctx, ctx.commandId, body, ctx.library);
    },
  }),
  define({
    name: "ApplyAutoTags",
    description:
      "Apply the auto tagging rules to every library movie (adding and, where a rule says so, removing tags)",
    body: z.object({}),
    async run(ctx) {
      // The walk goes by movie id, a page at a time; a chunk ends between pages.
      const at = (ctx.cursor as { afterId: number; done: number; changed: number; total: number } | null) ?? {
        afterId: 0,
        done: 0,
        changed: 0,
        total: await libraryMovieCount(ctx.db),
      };
      for (;;) {
        const page = await applyAutoTagsToPage(ctx.db, at.afterId);
        if (page.lastId === undefined) break;
        Object.assign(at, { afterId: page.lastId, done: at.done + page.examined, changed: at.changed + page.changed });
        const message = `Applied auto tags to ${at.done} of ${at.total} movies`;
        if (ctx.outOfTime())
          return { next: { cursor: at, done: at.done, total: Math.max(at.total, at.done), message } };
      }
      return {
        message: `Applied auto tags to ${at.done} movies; the tags of ${at.changed} changed`,
        result: { examined: at.done, changed: at.changed },
        progress: { done: at.done, total: at.done },
      };
    },
  }),
  define({
    name: "CheckHealth",
    description: "Run the health checks; notify of issues new and restored, and of an update deployed",
    body: z.object({}),
    async run(ctx) {
      const checks = await evaluateHealth(ctx);
      return { message: checks.length ? `${checks.length} health issues` : "Healthy", result: { checks } };
    },
  }),
  ...SYSTEM_COMMANDS,
  ...ANALYZER_COMMANDS,
];

export const COMMAND_NAMES = COMMANDS.map((c) => c.name);

export type { CommandRow };

export function findCommand(name: string) {
  return COMMANDS.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** Syncs one list through its ListSync object now; a transient failure also goes on the queue's retry schedule. */
async function syncListNow(ctx: CommandContext, listId: number, force: boolean): Promise<Record<string, unknown>> {
  const result = await listSyncStub(ctx.env, listId).sync(listId, "manual", force);
  if (result.ok) {
    const o = result.outcome;
    return { listId, status: o.status, found: o.found, added: o.added, removed: o.removed, joined: result.joined };
  }
  // A transient failure goes on to the queue's retry schedule, as a scheduled sync would.
  if (listSyncRetryDelay(result, 1) !== null) await enqueueListSync(ctx.env, ctx.db, listId, "retry");
  return { listId, status: "failed", kind: result.kind, error: result.message };
}

/** Searches movies one after another (indexers are paced), grabbing the best accepted release of each. */
function searchMovies(ctx: CommandContext, select: () => Promise<number[]>): Promise<CommandStep> {
  return walkIds(ctx, {
    select,
    each: async (movieId) => {
      const outcome = await searchAndGrab(ctx, movieId, { userInvoked: ctx.trigger === "manual" });
      const item = {
        movieId,
        releases: outcome.decisions.length,
        accepted: outcome.decisions.filter((d) => d.accepted).length,
        grabbed: outcome.grabbed?.release.title ?? null,
      };
      return { item, tally: outcome.grabbed ? ["grabbed"] : [] };
    },
    noun: "movie",
    progress: (done, total) => `Searched ${done} of ${total} movies`,
    finish: ({ ids, failed, items, tally }) => {
      if (failed && failed === ids.length) throw new Error(String(items[0].error));
      const grabbed = tally.grabbed ?? 0;
      return {
        message: `Searched ${ids.length - failed} of ${ids.length} movies, grabbed ${grabbed}`,
        result: { searched: ids.length - failed, grabbed, failed, movies: items },
      };
    },
  });
}
