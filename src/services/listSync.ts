import { and, eq, isNotNull, sql } from "drizzle-orm";
import * as clock from "../clock";
import type { Env } from "../config";
import type { Database } from "../db/client";
import { importLists, listItems, listSyncRuns, movies } from "../db/schema";
import { type FailureKind, failureKindForStatus } from "../domain/failures/kinds";
import { diffListItems, itemKey, listFingerprint, movieRowFromListItem, uniqueItems } from "../domain/lists/items";
import { type ListItem, ListSourceError } from "../domain/lists/source";
import { findListSource, secretFields } from "../domain/lists/sources";
import { UpstreamError } from "../integrations/http";
import { fetchList, listSourceEnvironmentFor } from "../integrations/lists/fetchList";
import { TmdbClient } from "../integrations/tmdb/client";
import { TMDB_MOVIE_GENRES } from "../integrations/tmdb/genres";
import type { Logger } from "../observability/logger";
import { incrementCounter, observeHistogram } from "../observability/metrics";
import { MovieLibrary } from "./movies";
import { movieFolderNamer } from "./naming";
import { openSettings } from "./secrets";
import { readSettings } from "./settings";
import { detachedWork, StreamingAvailabilityLookup } from "./streamingAvailability";

type ImportListRow = typeof importLists.$inferSelect;
type StoredItem = typeof listItems.$inferSelect;

export interface SyncOutcome {
  runId: number;
  listId: number;
  status: "success" | "partial" | "failed";
  found: number;
  added: number;
  updated: number;
  removed: number;
  excluded: number;
  existing: number;
  /** New movies the list's streaming option skipped (item status "streaming"). */
  streamingSkipped: number;
  /** New movies added unmonitored because they stream on a subscribed service. */
  streamingUnmonitored: number;
  unchanged: boolean;
  durationMs: number;
  upstreamRequests: number;
  /** Rows written to the library and list items (D1's rows_written), bookkeeping aside. */
  rowsWritten: number;
  errors: { kind: string; message: string }[];
}

/** Runs a D1 batch and adds the rows it wrote to the outcome. */
async function writeBatch(env: Env, outcome: SyncOutcome, statements: D1PreparedStatement[]) {
  if (statements.length === 0) return [];
  const results = await env.DB.batch(statements);
  for (const r of results) outcome.rowsWritten += r.meta.rows_written ?? 0;
  return results;
}

/** A sync failure with its failure-taxonomy kind, for the queue's retry policy. */
class ListSyncError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ListSyncError";
  }
}

// Items per JSON parameter in bulk statements: D1 binds at most 100 parameters, so rows travel
// as one JSON array each and SQLite unpacks them with json_each.
const BULK_ROWS = 500;
// Added movies whose full TMDb details are fetched right away; bigger imports are left to
// RefreshMovie, which refreshes never-refreshed movies first.
const IMMEDIATE_REFRESH_LIMIT = 20;
// Concurrent TMDb /find calls when resolving IMDb-only items.
const RESOLVE_CONCURRENCY = 6;

function chunks<T>(items: readonly T[], size = BULK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function failureKindOf(error: unknown): { kind: FailureKind; retryAfterSeconds?: number } {
  if (error instanceof ListSyncError) return { kind: error.kind, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof UpstreamError) return { kind: error.kind, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof ListSourceError) {
    const kinds: Record<ListSourceError["kind"], FailureKind> = {
      notFound: "notFound",
      private: "authenticationFailed",
      authenticationFailed: "authenticationFailed",
      parseError: "parseError",
      invalidSettings: "parseError",
    };
    return { kind: kinds[error.kind] };
  }
  const status = (error as { status?: number }).status;
  return { kind: (status && failureKindForStatus(status)) || "upstreamError" };
}

/**
 * TMDb ids already known for IMDb ids (from this list's stored items and the library), so a
 * re-sync of an IMDb list spends no /find calls on what it resolved before.
 */
async function knownTmdbIds(env: Env, listId: number, items: ListItem[]): Promise<Map<string, number>> {
  const imdbIds = [
    ...new Set(items.filter((i) => !i.tmdbId && i.imdbId).map((i) => (i.imdbId as string).toLowerCase())),
  ];
  const known = new Map<string, number>();
  for (const part of chunks(imdbIds)) {
    const json = JSON.stringify(part);
    const [stored, library] = await env.DB.batch<{ imdb_id: string; tmdb_id: number }>([
      env.DB.prepare(
        "select lower(imdb_id) as imdb_id, tmdb_id from list_items where list_id = ?1 and tmdb_id is not null and lower(imdb_id) in (select value from json_each(?2))",
      ).bind(listId, json),
      env.DB.prepare(
        "select lower(imdb_id) as imdb_id, tmdb_id from movies where lower(imdb_id) in (select value from json_each(?1))",
      ).bind(json),
    ]);
    for (const row of [...stored.results, ...library.results]) known.set(row.imdb_id, row.tmdb_id);
  }
  return known;
}

/** Resolves IMDb-only items to TMDb ids through TMDb /find (unresolvable items stay as they are). */
async function resolveTmdbIds(items: ListItem[], tmdb: TmdbClient): Promise<{ items: ListItem[]; errors: string[] }> {
  const errors: string[] = [];
  const pending = items.filter((i) => !i.tmdbId && i.imdbId);
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const item = pending[next++];
      try {
        const [found] = await tmdb.findByImdbId(item.imdbId as string);
        if (found) item.tmdbId = found.id;
      } catch (error) {
        errors.push(`${item.imdbId}: ${(error as Error).message}`);
        if (errors.length > 20) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(RESOLVE_CONCURRENCY, pending.length) }, worker));
  return { items, errors };
}

/**
 * One sync of one list: fetch every page, diff against the stored items, add new movies (skipping
 * exclusions; movies already in the library only gain provenance), apply the clean-library level
 * to movies that left every list, and record the run. An unchanged list writes nothing but the run.
 * Callers serialise syncs per list (the ListSync Durable Object).
 */
export async function syncImportList(
  env: Env,
  db: Database,
  listId: number,
  trigger: "scheduled" | "manual" | "retry",
  logger: Logger,
  /** Items supplied by the caller (an uploaded CSV) instead of fetched from the upstream. */
  suppliedItems?: ListItem[],
): Promise<SyncOutcome> {
  const started = clock.now();
  const [list] = await db.select().from(importLists).where(eq(importLists.id, listId));
  if (!list) throw new ListSyncError("notFound", `Import list ${listId} does not exist`);
  const source = findListSource(list.implementation);
  if (!source) throw new ListSyncError("parseError", `Unknown list implementation ${list.implementation}`);
  const [run] = await db
    .insert(listSyncRuns)
    .values({ listId, trigger, status: "started", startedAt: new Date(started).toISOString(), errors: [] })
    .returning({ id: listSyncRuns.id });
  const outcome: SyncOutcome = {
    runId: run.id,
    listId,
    status: "success",
    found: 0,
    added: 0,
    updated: 0,
    removed: 0,
    excluded: 0,
    existing: 0,
    streamingSkipped: 0,
    streamingUnmonitored: 0,
    unchanged: false,
    durationMs: 0,
    upstreamRequests: 0,
    rowsWritten: 0,
    errors: [],
  };
  const log = logger.child({ listId, list: list.name });
  try {
    const fetched = suppliedItems
      ? { items: suppliedItems, requests: 0 }
      : await fetchList(
          source,
          source.settings.parse(await openSettings(env, list.settings, secretFields(source))),
          env,
          {
            logger: log,
            sourceEnv: await listSourceEnvironmentFor(env, source.implementation),
          },
        );
    outcome.upstreamRequests = fetched.requests;
    const tmdb = new TmdbClient(env, log);
    const known = await knownTmdbIds(env, list.id, fetched.items);
    for (const item of fetched.items)
      if (!item.tmdbId && item.imdbId) item.tmdbId = known.get(item.imdbId.toLowerCase());
    const resolved = await resolveTmdbIds(uniqueItems(fetched.items), tmdb);
    for (const message of resolved.errors) outcome.errors.push({ kind: "upstreamError", message });
    const items = uniqueItems(resolved.items);
    outcome.found = items.length;
    const fingerprint = await listFingerprint(items);
    const [{ pending }] = await db
      .select({ pending: sql<number>`count(*)` })
      .from(listItems)
      .where(and(eq(listItems.listId, listId), eq(listItems.status, "pending")));
    if (fingerprint === list.lastContentHash && pending === 0) {
      outcome.unchanged = true;
    } else {
      await applyItems(env, db, list, items, outcome, log);
      await db.update(importLists).set({ lastContentHash: fingerprint }).where(eq(importLists.id, listId));
    }
    if (outcome.errors.length) outcome.status = "partial";
  } catch (error) {
    outcome.status = "failed";
    outcome.errors.push({ kind: failureKindOf(error).kind, message: (error as Error).message });
    await finishRun(db, list, outcome, started);
    throw error;
  }
  await finishRun(db, list, outcome, started);
  if (outcome.added > 0 && outcome.added <= IMMEDIATE_REFRESH_LIMIT) await refreshAdded(env, db, list.id, log);
  return outcome;
}

async function finishRun(db: Database, list: ImportListRow, outcome: SyncOutcome, started: number) {
  outcome.durationMs = clock.now() - started;
  const now = clock.nowDate();
  await db.batch([
    db
      .update(listSyncRuns)
      .set({
        status: outcome.status,
        endedAt: now.toISOString(),
        durationMs: outcome.durationMs,
        found: outcome.found,
        added: outcome.added,
        updated: outcome.updated,
        removed: outcome.removed,
        excluded: outcome.excluded,
        existing: outcome.existing,
        streamingSkipped: outcome.streamingSkipped,
        streamingUnmonitored: outcome.streamingUnmonitored,
        upstreamRequests: outcome.upstreamRequests,
        unchanged: outcome.unchanged,
        rowsWritten: outcome.rowsWritten,
        errors: outcome.errors.slice(0, 50),
      })
      .where(eq(listSyncRuns.id, outcome.runId)),
    db
      .update(importLists)
      .set({
        lastSyncAt: now.toISOString(),
        nextSyncAt: new Date(now.getTime() + list.syncIntervalMinutes * 60_000).toISOString(),
      })
      .where(eq(importLists.id, list.id)),
  ]);
  incrementCounter("radarr_list_syncs_total", "Import list syncs by outcome", {
    implementation: list.implementation,
    status: outcome.status,
  });
  observeHistogram(
    "radarr_list_sync_duration_seconds",
    "Import list sync duration",
    { implementation: list.implementation },
    outcome.durationMs / 1000,
  );
}

/** Writes the diff: stored items, new movies, provenance, statuses, and the clean-library level. */
async function applyItems(
  env: Env,
  db: Database,
  list: ImportListRow,
  items: ListItem[],
  outcome: SyncOutcome,
  log: Logger,
) {
  const d1 = env.DB;
  const now = clock.nowDate();
  const iso = now.toISOString();
  const stored = await db.select().from(listItems).where(eq(listItems.listId, list.id));
  const diff = diffListItems<StoredItem>(items, stored);
  outcome.updated = diff.changed.length;
  outcome.removed = diff.removed.length;

  const statements: D1PreparedStatement[] = [];
  for (const part of chunks(diff.added)) {
    const rows = part.map((i) => ({
      key: itemKey(i),
      tmdbId: i.tmdbId ?? null,
      imdbId: i.imdbId ?? null,
      title: i.title,
      year: i.year,
      metadata: i.metadata ?? {},
      status: i.tmdbId ? "pending" : "unresolved",
    }));
    statements.push(
      d1
        .prepare(
          `insert or ignore into list_items (list_id, item_key, tmdb_id, imdb_id, title, year, metadata, status, first_seen_at)
           select ?1, json_extract(value, '$.key'), json_extract(value, '$.tmdbId'), json_extract(value, '$.imdbId'),
                  json_extract(value, '$.title'), json_extract(value, '$.year'), json(json_extract(value, '$.metadata')),
                  json_extract(value, '$.status'), ?2
           from json_each(?3)`,
        )
        .bind(list.id, iso, JSON.stringify(rows)),
    );
  }
  for (const part of chunks(diff.changed)) {
    const rows = part.map(({ item, stored }) => ({
      id: stored.id,
      title: item.title,
      year: item.year,
      metadata: item.metadata ?? {},
    }));
    statements.push(
      d1
        .prepare(
          `update list_items set title = json_extract(j.value, '$.title'), year = json_extract(j.value, '$.year'),
                  metadata = json(json_extract(j.value, '$.metadata'))
           from json_each(?1) j where list_items.id = json_extract(j.value, '$.id')`,
        )
        .bind(JSON.stringify(rows)),
    );
  }
  for (const part of chunks(diff.removed)) {
    statements.push(
      d1
        .prepare("delete from list_items where id in (select value from json_each(?1))")
        .bind(JSON.stringify(part.map((s) => s.id))),
    );
  }
  await writeBatch(env, outcome, statements);

  await importPendingItems(env, db, list, outcome, iso, log);
  if (diff.removed.length) await cleanLibrary(env, db, list, diff.removed, outcome, log);
}

/** Turns the list's pending items into movies (or marks them excluded / existing), in bulk. */
async function importPendingItems(
  env: Env,
  db: Database,
  list: ImportListRow,
  outcome: SyncOutcome,
  iso: string,
  log: Logger,
) {
  const d1 = env.DB;
  const pending = await db
    .select()
    .from(listItems)
    .where(and(eq(listItems.listId, list.id), eq(listItems.status, "pending"), isNotNull(listItems.tmdbId)));
  if (pending.length === 0) return;
  const tmdbIds = pending.map((p) => p.tmdbId as number);
  const excluded = new Set<number>();
  const inLibrary = new Set<number>();
  for (const part of chunks(tmdbIds)) {
    const json = JSON.stringify(part);
    const [ex, lib] = await d1.batch<{ tmdb_id: number }>([
      d1.prepare("select tmdb_id from import_exclusions where tmdb_id in (select value from json_each(?1))").bind(json),
      d1.prepare("select tmdb_id from movies where tmdb_id in (select value from json_each(?1))").bind(json),
    ]);
    for (const r of ex.results) excluded.add(r.tmdb_id);
    for (const r of lib.results) inLibrary.add(r.tmdb_id);
  }
  const newMovies = pending.filter((p) => !excluded.has(p.tmdbId as number) && !inLibrary.has(p.tmdbId as number));
  const streaming = await streamingServices(env, db, list, newMovies, outcome, log);
  // "skip": streaming movies are not added; their items get status "streaming" (not pending, so
  // an unchanged list is not re-imported every sync).
  const skipped = new Set(list.streamingOption === "skip" ? streaming.keys() : []);
  const toAdd = newMovies.filter((p) => !skipped.has(p.tmdbId as number));
  const choices = {
    qualityProfileId: list.qualityProfileId,
    rootFolderPath: list.rootFolderPath,
    monitored: list.monitor !== "none",
    minimumAvailability: list.minimumAvailability,
    folderName: await movieFolderNamer(db),
  };
  let unmonitoredForStreaming = 0;
  const statements: D1PreparedStatement[] = [];
  for (const part of chunks(toAdd)) {
    const rows = part.map((p) => {
      const row = movieRowFromListItem(
        {
          tmdbId: p.tmdbId as number,
          imdbId: p.imdbId ?? undefined,
          title: p.title,
          year: p.year,
          metadata: p.metadata,
        },
        choices,
        TMDB_MOVIE_GENRES,
        env.TMDB_IMAGE_URL,
        new Date(iso),
      );
      // "addUnmonitored": the service is recorded so StreamingAvailabilityCheck can re-monitor
      // the movie once it leaves every subscribed service.
      const service =
        row.monitored && list.streamingOption === "addUnmonitored" ? streaming.get(row.tmdbId) : undefined;
      if (service) unmonitoredForStreaming++;
      return {
        ...row,
        monitored: row.monitored && !service ? 1 : 0,
        streamingUnmonitoredService: service ?? null,
        hasFile: 0,
        addOptions: { addMethod: "list", monitor: list.monitor, searchForMovie: list.searchOnAdd },
      };
    });
    const json = JSON.stringify(rows);
    statements.push(
      d1
        .prepare(
          `insert or ignore into movies (tmdb_id, imdb_id, title, original_title, sort_title, clean_title, year, status, runtime,
             in_cinemas, physical_release, digital_release, monitored, minimum_availability, quality_profile_id, root_folder_path,
             path, has_file, size_on_disk, rating, popularity, genres, metadata, add_options, streaming_unmonitored_service, added,
             last_info_sync, updated_at)
           select json_extract(value, '$.tmdbId'), json_extract(value, '$.imdbId'), json_extract(value, '$.title'),
             json_extract(value, '$.originalTitle'), json_extract(value, '$.sortTitle'), json_extract(value, '$.cleanTitle'),
             json_extract(value, '$.year'), json_extract(value, '$.status'), 0, json_extract(value, '$.inCinemas'), null, null,
             json_extract(value, '$.monitored'), json_extract(value, '$.minimumAvailability'), json_extract(value, '$.qualityProfileId'),
             json_extract(value, '$.rootFolderPath'), json_extract(value, '$.path'), 0, 0, json_extract(value, '$.rating'),
             json_extract(value, '$.popularity'), json(json_extract(value, '$.genres')), json(json_extract(value, '$.metadata')),
             json(json_extract(value, '$.addOptions')), json_extract(value, '$.streamingUnmonitoredService'),
             json_extract(value, '$.added'), null, json_extract(value, '$.updatedAt')
           from json_each(?1)`,
        )
        .bind(json),
      d1
        .prepare(
          `insert or ignore into movie_genres (movie_id, genre)
           select m.id, g.value from json_each(?1) j
           join movies m on m.tmdb_id = json_extract(j.value, '$.tmdbId')
           join json_each(json_extract(j.value, '$.genres')) g`,
        )
        .bind(json),
    );
    for (const tagId of list.tags) {
      statements.push(
        d1
          .prepare(
            `insert or ignore into movie_tags (movie_id, tag_id)
             select m.id, ?2 from movies m where m.tmdb_id in (select json_extract(value, '$.tmdbId') from json_each(?1))`,
          )
          .bind(json, tagId),
      );
    }
  }
  // Statuses and provenance for every pending item: excluded, already there ("matched"), skipped
  // for streaming, or added.
  const byStatus: Record<"excluded" | "existing" | "imported" | "streaming", number[]> = {
    excluded: [],
    existing: [],
    imported: [],
    streaming: [],
  };
  for (const p of pending) {
    const id = p.tmdbId as number;
    byStatus[
      excluded.has(id) ? "excluded" : inLibrary.has(id) ? "existing" : skipped.has(id) ? "streaming" : "imported"
    ].push(id);
  }
  for (const [status, ids] of Object.entries(byStatus)) {
    for (const part of chunks(ids)) {
      const json = JSON.stringify(part);
      statements.push(
        d1
          .prepare(
            `update list_items set status = ?2, movie_id = (select id from movies where tmdb_id = list_items.tmdb_id)
             where list_id = ?1 and tmdb_id in (select value from json_each(?3))`,
          )
          .bind(list.id, status, json),
      );
      if (status === "existing" || status === "imported") {
        statements.push(
          d1
            .prepare(
              `insert or ignore into movie_provenance (movie_id, list_id, list_name, kind, at)
               select id, ?1, ?2, ?3, ?4 from movies where tmdb_id in (select value from json_each(?5))`,
            )
            .bind(list.id, list.name, status === "imported" ? "added" : "matched", iso, json),
        );
      }
    }
  }
  await writeBatch(env, outcome, statements);
  outcome.added = byStatus.imported.length;
  outcome.existing = byStatus.existing.length;
  outcome.excluded = byStatus.excluded.length;
  outcome.streamingSkipped = byStatus.streaming.length;
  outcome.streamingUnmonitored = unmonitoredForStreaming;
  if (outcome.streamingSkipped || outcome.streamingUnmonitored)
    log.info("list streaming option applied", {
      option: list.streamingOption,
      skipped: outcome.streamingSkipped,
      unmonitored: outcome.streamingUnmonitored,
    });
}

/**
 * The subscribed service each new movie streams on, when the list's streaming option asks and
 * services are subscribed; empty (and no TMDb call) otherwise. Failed lookups count as not
 * streaming and are recorded as run errors.
 */
async function streamingServices(
  env: Env,
  db: Database,
  list: ImportListRow,
  newMovies: readonly StoredItem[],
  outcome: SyncOutcome,
  log: Logger,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (list.streamingOption === "ignore" || newMovies.length === 0) return out;
  const lookup = await StreamingAvailabilityLookup.open(env, db, detachedWork, log);
  if (!lookup.active) return out;
  const { services, errors } = await lookup.servicesFor(newMovies.map((p) => p.tmdbId as number));
  for (const message of errors) outcome.errors.push({ kind: "upstreamError", message });
  for (const [id, service] of services) if (service) out.set(id, service);
  return out;
}

/** Movies this list brought in that no list holds any more get the clean-library treatment. */
async function cleanLibrary(
  env: Env,
  db: Database,
  list: ImportListRow,
  removed: StoredItem[],
  outcome: SyncOutcome,
  log: Logger,
) {
  const { listSyncLevel } = await readSettings(db, "importlist");
  if (listSyncLevel === "disabled") return;
  const d1 = env.DB;
  const candidates = removed.map((r) => r.tmdbId).filter((id): id is number => id !== null);
  const orphans: { id: number; title: string }[] = [];
  for (const part of chunks(candidates)) {
    const { results } = await d1
      .prepare(
        `select m.id, m.title from movies m
         join movie_provenance p on p.movie_id = m.id and p.list_id = ?1
         where m.tmdb_id in (select value from json_each(?2))
           and not exists (select 1 from list_items li where li.tmdb_id = m.tmdb_id)`,
      )
      .bind(list.id, JSON.stringify(part))
      .all<{ id: number; title: string }>();
    orphans.push(...results);
  }
  if (orphans.length === 0) return;
  log.info("movies left every list", {
    listSyncLevel,
    movies: orphans.length,
    titles: orphans.slice(0, 10).map((o) => o.title),
  });
  if (listSyncLevel === "logOnly") return;
  const ids = JSON.stringify(orphans.map((o) => o.id));
  if (listSyncLevel === "keepAndUnmonitor") {
    await writeBatch(env, outcome, [
      d1
        .prepare(
          "update movies set monitored = 0, streaming_unmonitored_service = null where id in (select value from json_each(?1))",
        )
        .bind(ids),
    ]);
  } else {
    // removeAndKeep and removeAndDelete both remove the movie; files live on the download
    // client's host, which has none to delete until download clients land.
    await writeBatch(env, outcome, [
      d1.prepare("delete from movies where id in (select value from json_each(?1))").bind(ids),
    ]);
  }
}

async function refreshAdded(env: Env, db: Database, listId: number, log: Logger) {
  const library = new MovieLibrary(env, db, log);
  const added = await db
    .select({ id: movies.id })
    .from(movies)
    .innerJoin(listItems, eq(listItems.movieId, movies.id))
    .where(and(eq(listItems.listId, listId), eq(listItems.status, "imported")))
    .limit(IMMEDIATE_REFRESH_LIMIT * 5);
  for (const { id } of added) {
    const [row] = await db.select({ lastInfoSync: movies.lastInfoSync }).from(movies).where(eq(movies.id, id));
    if (row?.lastInfoSync) continue;
    try {
      await library.refresh(id);
    } catch (error) {
      log.warn("refresh after list import failed", { movieId: id, error: (error as Error).message });
    }
  }
}
