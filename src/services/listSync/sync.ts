import * as clock from "../../clock";
import type { Database } from "../../db/client";
import { importListRepository } from "../../db/repositories/importLists";
import { listSyncBulkRepository, listSyncRepository } from "../../db/repositories/listSync";
import { BUDGETS, type BudgetService, isBudgetService } from "../../domain/budgets";
import { Failure, isUpstreamFailure, type RequestFailureKind } from "../../domain/failures/failure";
import type { FailureKind } from "../../domain/failures/kinds";
import { RETRY_POLICIES } from "../../domain/failures/policies";
import { listFingerprint, uniqueItems } from "../../domain/lists/items";
import type { ListItem } from "../../domain/lists/source";
import { findListSource, secretFields } from "../../domain/lists/sources";
import { reserveBulkCalls, returnBulkCalls } from "../../integrations/budget";
import { fetchList, readListSummary } from "../../integrations/lists/fetchList";
import { TmdbClient } from "../../integrations/tmdb/client";
import { incrementCounter, observeHistogram } from "../../observability/metrics";
import { type ServiceContext, withLogFields } from "../context";
import { listSourceEnvironmentFor } from "../listSourceEnvironment";
import { MovieLibrary } from "../movies";
import { openSettings } from "../secrets";
import { applyItems } from "./apply";
import { notifyListSync } from "./notify";
import { chunks, type ImportListRow, type SyncOutcome } from "./outcome";

// Added movies whose full TMDb details are fetched right away; bigger imports are left to
// RefreshMovie, which refreshes never-refreshed movies first.
const IMMEDIATE_REFRESH_LIMIT = 20;
// Concurrent TMDb /find calls when resolving IMDb-only items.
const RESOLVE_CONCURRENCY = 6;

/**
 * The taxonomy kind a request failure is recorded and retried under in a sync run: a private list
 * (forbidden) as its refused access, a record gone meanwhile as notFound.
 */
const SYNC_KIND_OF_REQUEST_FAILURE: Partial<Record<RequestFailureKind, FailureKind>> = {
  forbidden: "authenticationFailed",
  unauthenticated: "authenticationFailed",
  resourceNotFound: "notFound",
};

/**
 * A sync failure's taxonomy kind (and the upstream's Retry-After), for the run's record and the
 * queue's retry policy; `final` when no retry can succeed (a list larger than one sync may ever
 * reserve), so the sync fails at once instead of waiting out its kind's retries.
 */
export function failureKindOf(error: unknown): { kind: FailureKind; retryAfterSeconds?: number; final?: true } {
  if (isUpstreamFailure(error)) return { kind: error.kind, retryAfterSeconds: error.retryAfter };
  if (error instanceof Failure && error.kind === "payloadTooLarge") return { kind: "upstreamError", final: true };
  if (error instanceof Failure) {
    return { kind: SYNC_KIND_OF_REQUEST_FAILURE[error.kind as RequestFailureKind] ?? "upstreamError" };
  }
  return { kind: "upstreamError" };
}

/**
 * TMDb ids already known for IMDb ids (from Watchmode's id map, this list's stored items and the
 * library), so an IMDb list's first sync spends /find calls only on titles the map lacks and a
 * re-sync none on what it resolved before.
 */
async function knownTmdbIds(db: Database, listId: number, items: ListItem[]): Promise<Map<string, number>> {
  const imdbIds = [
    ...new Set(items.filter((i) => !i.tmdbId && i.imdbId).map((i) => (i.imdbId as string).toLowerCase())),
  ];
  const known = new Map<string, number>();
  for (const part of chunks(imdbIds)) {
    const rows = await listSyncBulkRepository(db).tmdbIdsOfImdbIds(listId, part);
    for (const row of rows) known.set(row.imdb_id, row.tmdb_id);
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

/** Pages reserved for one read: `calls` counts down as the read spends them (upstreamFetch's `prepaid`). */
interface PageReservation {
  calls: number;
  service?: BudgetService;
  reservedAt?: number;
}

/**
 * Reserves a list read's pages from the upstream's bulk allowance, all at once: granted, the read
 * spends them without asking again; refused, the sync waits (rateLimited, with when the window
 * frees) before it reads anything, so it is never half-read and never half-applied. A list with
 * more pages than the allowance could ever grant fails for good (payloadTooLarge: no retry).
 */
async function reservePages(ctx: ServiceContext, service: string, pages: number): Promise<PageReservation> {
  if (!isBudgetService(service)) return { calls: 0 };
  const allowance = BUDGETS[service].bulk?.limit;
  if (allowance !== undefined && pages > allowance) {
    throw new Failure(
      "payloadTooLarge",
      `The list needs ${pages} ${service} requests, more than one sync may ever reserve (${allowance} per window); it is not retried: split the list or import a smaller one`,
      { service },
    );
  }
  const { decision, reservedAt } = await reserveBulkCalls(ctx.env, service, pages);
  if (decision.granted) return { calls: pages, service, reservedAt };
  throw new Failure(
    "rateLimited",
    `Waiting for ${service}'s budget: this sync reads ${pages} pages as one unit and they do not fit ${
      decision.reason === "paused" ? `while ${service} asked us to pause` : "this window's allowance"
    }; it goes on in ${decision.retryAfterSeconds} s`,
    { service, status: 429, retryAfter: decision.retryAfterSeconds },
  );
}

/**
 * Gives the budget back the reserved calls the read did not spend (it failed, or the list had
 * fewer pages than its summary counted). Requests still in flight after a failure reserve their
 * own calls from here on. A budget that cannot be reached only costs the calls, never the sync.
 */
async function returnUnspent(ctx: ServiceContext, reservation: PageReservation) {
  const unspent = reservation.calls;
  reservation.calls = 0;
  if (unspent <= 0 || !reservation.service || reservation.reservedAt === undefined) return;
  try {
    await returnBulkCalls(ctx.env, reservation.service, unspent, reservation.reservedAt);
  } catch (error) {
    ctx.logger.warn("could not give reserved calls back", { unspent, error: (error as Error).message });
  }
}

/** What a failed run leaves on the list: when a budget wait ends and why, or null. */
function waitingAfter(error: unknown): { until: string; reason: string } | null {
  const { kind, retryAfterSeconds } = failureKindOf(error);
  if (kind !== "rateLimited") return null;
  const seconds = retryAfterSeconds ?? RETRY_POLICIES.rateLimited.delaySeconds;
  return { until: new Date(clock.now() + seconds * 1000).toISOString(), reason: (error as Error).message };
}

type ListSource = NonNullable<ReturnType<typeof findListSource>>;

/**
 * Reads a list from its upstream. A source with a summary is asked that first (one call): the
 * version the last complete sync stored, with nothing pending, means "unchanged" (no page read)
 * unless `force`; otherwise the pages are reserved up front (reservePages) and read at once, and
 * whatever the read did not spend is given back (returnUnspent).
 */
async function readListItems(
  ctx: ServiceContext,
  list: ImportListRow,
  source: ListSource,
  force: boolean,
): Promise<{ items: ListItem[] | "unchanged"; requests: number; version: string | null }> {
  const { env, db } = ctx;
  const settings = source.settings.parse(await openSettings(env, list.settings, secretFields(source)));
  const read = {
    logger: ctx.logger,
    sourceEnv: await listSourceEnvironmentFor(env, source.implementation),
    work: "background" as const,
  };
  const summary = await readListSummary(source, settings, env, read);
  if (!summary) {
    const fetched = await fetchList(source, settings, env, read);
    return { items: fetched.items, requests: fetched.requests, version: null };
  }
  const same = !force && summary.version === list.lastUpstreamVersion;
  if (same && (await listSyncRepository(db).pendingItemCount(list.id)) === 0) {
    return { items: "unchanged", requests: 1, version: summary.version };
  }
  const prepaid = await reservePages(ctx, summary.service, summary.pages);
  try {
    const fetched = await fetchList(source, settings, env, {
      ...read,
      prepaid,
      work: "bulk",
      knownPages: summary.pages,
    });
    return { items: fetched.items, requests: fetched.requests + 1, version: summary.version };
  } finally {
    await returnUnspent(ctx, prepaid);
  }
}

/**
 * Resolves what was read to TMDb ids and applies it, unless its fingerprint matches the last
 * complete sync's; either way stores the fingerprint and the upstream's version it came with.
 */
async function applyRead(
  ctx: ServiceContext,
  list: ImportListRow,
  read: ListItem[],
  version: string | null,
  outcome: SyncOutcome,
) {
  const { env, db } = ctx;
  const tmdb = new TmdbClient(env, ctx.logger, "background");
  const known = await knownTmdbIds(db, list.id, read);
  for (const item of read) if (!item.tmdbId && item.imdbId) item.tmdbId = known.get(item.imdbId.toLowerCase());
  const resolved = await resolveTmdbIds(uniqueItems(read), tmdb);
  for (const message of resolved.errors) outcome.errors.push({ kind: "upstreamError", message });
  const items = uniqueItems(resolved.items);
  outcome.found = items.length;
  const fingerprint = await listFingerprint(items);
  const pending = await listSyncRepository(db).pendingItemCount(list.id);
  if (fingerprint === list.lastContentHash && pending === 0) {
    outcome.unchanged = true;
    if (version !== list.lastUpstreamVersion)
      await listSyncRepository(db).setContentHash(list.id, fingerprint, version);
  } else {
    await applyItems(ctx, list, items, outcome);
    await listSyncRepository(db).setContentHash(list.id, fingerprint, version);
  }
}

/**
 * One sync of one list: fetch every page, diff against the stored items, add new movies (skipping
 * exclusions; movies already in the library only gain provenance), apply the clean-library level
 * to movies that left every list, and record the run. An unchanged list writes nothing but the run.
 * A source with a summary (Trakt lists) is asked that first: the same version as the last complete
 * sync ends the run there (one call) unless `force`; otherwise its pages are reserved up front.
 * Callers serialise syncs per list (the ListSync Durable Object).
 */
export async function syncImportList(
  ctx: ServiceContext,
  listId: number,
  trigger: "scheduled" | "manual" | "retry",
  /** Items supplied by the caller (an uploaded CSV) instead of fetched from the upstream. */
  suppliedItems?: ListItem[],
  /** Read every page even when the list's summary says nothing changed. */
  force = false,
): Promise<SyncOutcome> {
  const { db } = ctx;
  const started = clock.now();
  const list = await importListRepository(db).get(listId);
  if (!list) throw new Failure("notFound", `Import list ${listId} does not exist`);
  const source = findListSource(list.implementation);
  if (!source) throw new Failure("parseError", `Unknown list implementation ${list.implementation}`);
  const runId = await listSyncRepository(db).startRun({ listId, trigger, startedAt: new Date(started).toISOString() });
  const outcome: SyncOutcome = {
    runId,
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
  const listCtx = withLogFields(ctx, { listId, list: list.name });
  try {
    const read = suppliedItems
      ? { items: suppliedItems, requests: 0, version: null }
      : await readListItems(listCtx, list, source, force);
    outcome.upstreamRequests = read.requests;
    if (read.items === "unchanged") {
      outcome.unchanged = true;
      outcome.found = await listSyncRepository(db).itemCount(listId);
    } else {
      await applyRead(listCtx, list, read.items, read.version, outcome);
    }
    if (outcome.errors.length) outcome.status = "partial";
  } catch (error) {
    outcome.status = "failed";
    outcome.errors.push({ kind: failureKindOf(error).kind, message: (error as Error).message });
    await finishRun(db, list, outcome, started, waitingAfter(error));
    throw error;
  }
  await finishRun(db, list, outcome, started, null);
  await notifyListSync(listCtx, list, outcome);
  delete outcome.addedMovies;
  if (outcome.added > 0 && outcome.added <= IMMEDIATE_REFRESH_LIMIT) await refreshAdded(listCtx, list.id);
  return outcome;
}

async function finishRun(
  db: Database,
  list: ImportListRow,
  outcome: SyncOutcome,
  started: number,
  waiting: { until: string; reason: string } | null,
) {
  outcome.durationMs = clock.now() - started;
  const now = clock.nowDate();
  await listSyncRepository(db).finishRun(
    {
      id: outcome.runId,
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
    },
    {
      id: list.id,
      lastSyncAt: now.toISOString(),
      nextSyncAt: new Date(now.getTime() + list.syncIntervalMinutes * 60_000).toISOString(),
      waiting,
    },
  );
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

async function refreshAdded(ctx: ServiceContext, listId: number) {
  const { db, logger: log } = ctx;
  const library = new MovieLibrary(ctx);
  const repo = listSyncRepository(db);
  const added = await repo.importedMovieIds(listId, IMMEDIATE_REFRESH_LIMIT * 5);
  for (const { id } of added) {
    if (await repo.lastInfoSync(id)) continue;
    try {
      await library.refresh(id);
    } catch (error) {
      log.warn("refresh after list import failed", { movieId: id, error: (error as Error).message });
    }
  }
}
