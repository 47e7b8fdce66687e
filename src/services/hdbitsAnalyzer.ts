import * as clock from "../clock";
import type { Env } from "../config";
import type { Database } from "../db/client";
import {
  type AnalyzerCollectionRow,
  type CollectedTorrent,
  hdbitsAnalyzerRepository,
} from "../db/repositories/hdbitsAnalyzer";
import { indexerRepository } from "../db/repositories/providers";
import { Failure, invalidInput, isUpstreamFailure } from "../domain/failures/failure";
import type { FailureKind } from "../domain/failures/kinds";
import { RETRY_POLICIES, retryDelaySeconds } from "../domain/failures/policies";
import { parseMediaInfo, parseMovieTitle } from "../domain/parser";
import type { IndexerRelease } from "../integrations/indexers";
import { HdbitsClient } from "../providers/indexers/hdbits/client";
import { hdbits } from "../providers/indexers/hdbits/index";
import { hdbitsSettingsSchema } from "../providers/indexers/hdbits/settings";
import { recomputeCollectedReputations } from "./analyzerReputations";
import type { ServiceContext } from "./context";
import { openSettings } from "./secrets";

/**
 * The HDBits analyzer (docs/hdbits-analyzer.md): apart from the indexer, which searches for
 * grabs, it collects HDBits' movie browse list page by page (newest first) back to a date, one
 * request per HDBITS_ANALYZER_INTERVAL_MS (10 s), through the client's own pacing and upstream
 * policy. Its cursor (next page, oldest date reached, counts, when the next request may go) is a
 * D1 row written with each page, so a restart, a pause or a 429 resumes at the next page.
 */

export const ANALYZER_COMMAND = "HdbitsAnalysis";
export const DEFAULT_ANALYZER_DAYS = 730;
const DEFAULT_INTERVAL_MS = 10_000;
/** HDBits' browse page size (the client asks for 100). */
const PAGE_SIZE = 100;
/** A chunk sleeps at most this long for the next turn; a longer wait is a delayed queue message. */
const MAX_WAIT_IN_CHUNK_MS = 5_000;
const DAY_MS = 86_400_000;

/** The pause between two browse requests: HDBITS_ANALYZER_INTERVAL_MS, else 10 s. */
export function analyzerIntervalMs(env: Env): number {
  const raw = env.HDBITS_ANALYZER_INTERVAL_MS;
  const value = raw === undefined || raw === "" ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_INTERVAL_MS;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hdbitsIndexer(db: Database, indexerId?: number) {
  const repo = indexerRepository(db);
  if (indexerId !== undefined) {
    const row = await repo.get(indexerId);
    if (row?.implementation !== "HDBits") throw invalidInput("body.indexerId", `No HDBits indexer ${indexerId}`);
    return row;
  }
  const row = (await repo.list()).find((r) => r.implementation === "HDBits");
  if (!row) throw invalidInput("body.indexerId", "Add an HDBits indexer first");
  return row;
}

/** Records a new collection (page 0) for the indexer; a running or paused one is a conflict. */
export async function prepareCollection(
  db: Database,
  input: { indexerId?: number; days?: number; since?: string },
): Promise<AnalyzerCollectionRow> {
  const indexer = await hdbitsIndexer(db, input.indexerId);
  const repo = hdbitsAnalyzerRepository(db);
  const current = await repo.collection(indexer.id);
  if (current && (current.status === "running" || current.status === "paused")) {
    throw new Failure("conflict", `A collection for ${indexer.name} is already ${current.status}`);
  }
  const now = clock.nowIso();
  const since = input.since ?? new Date(clock.now() - (input.days ?? DEFAULT_ANALYZER_DAYS) * DAY_MS).toISOString();
  return repo.start({
    indexerId: indexer.id,
    status: "running",
    since,
    nextPage: 0,
    pages: 0,
    releases: 0,
    oldestReached: null,
    nextRequestAt: null,
    commandId: null,
    attempts: 0,
    lastError: null,
    startedAt: now,
    updatedAt: now,
  });
}

/** The collection the API shows: the given indexer's, else the latest touched. */
export async function currentCollection(db: Database, indexerId?: number): Promise<AnalyzerCollectionRow | undefined> {
  const repo = hdbitsAnalyzerRepository(db);
  return indexerId === undefined ? repo.latestCollection() : repo.collection(indexerId);
}

/** Sets a collection's status (pause, resume, cancel) and, optionally, the command now running it. */
export async function setCollectionStatus(
  db: Database,
  row: AnalyzerCollectionRow,
  status: AnalyzerCollectionRow["status"],
  commandId?: number,
): Promise<void> {
  await hdbitsAnalyzerRepository(db).update(row.indexerId, {
    status,
    updatedAt: clock.nowIso(),
    ...(commandId !== undefined ? { commandId } : {}),
    ...(status === "running" ? { attempts: 0 } : {}),
  });
}

function collected(release: IndexerRelease, indexerId: number): CollectedTorrent {
  const parsed = release.parsed ?? parseMovieTitle(release.title);
  const facts = release.hdbits as NonNullable<IndexerRelease["hdbits"]>;
  const quality = parsed?.quality.quality;
  return {
    indexerId,
    torrentId: facts.torrentId,
    infoHash: release.infoHash ?? "",
    name: release.title,
    releaseGroup: (parsed?.releaseGroup ?? "").toUpperCase(),
    qualityId: quality?.id ?? 0,
    resolution: quality?.resolution ?? 0,
    source: quality?.source ?? "",
    codec: parseMediaInfo(release.title).videoCodec ?? "",
    size: release.size,
    seeders: release.seeders ?? 0,
    leechers: release.leechers ?? 0,
    timesCompleted: facts.timesCompleted,
    freeleech: facts.freeleech ? 1 : 0,
    internal: facts.internal ? 1 : 0,
    exclusive: facts.exclusive ? 1 : 0,
    origin: facts.internal ? 1 : 0,
    imdbId: release.imdbId ?? null,
    uploadedAt: facts.uploadedAt,
  };
}

async function openClient(env: Env, db: Database, indexerId: number): Promise<HdbitsClient> {
  const row = await hdbitsIndexer(db, indexerId);
  const settings = hdbitsSettingsSchema.parse(await openSettings(env, row.settings, hdbits.secretFields));
  return new HdbitsClient(env, { id: row.id, name: row.name, priority: row.priority }, settings);
}

export type CollectionStep =
  | { done: { row: AnalyzerCollectionRow; groups?: number } }
  | { next: { row: AnalyzerCollectionRow; delaySeconds?: number } };

/** Stores one fetched page and moves the cursor; true when the collection reached its date or the end. */
async function savePage(db: Database, env: Env, row: AnalyzerCollectionRow, releases: IndexerRelease[]) {
  const sinceMs = Date.parse(row.since);
  const rows = releases.filter((r) => r.hdbits).map((r) => collected(r, row.indexerId));
  const within = rows.filter((r) => Date.parse(r.uploadedAt) >= sinceMs);
  const oldest = rows.reduce<string | null>(
    (min, r) => (min === null || r.uploadedAt < min ? r.uploadedAt : min),
    null,
  );
  const finished = releases.length < PAGE_SIZE || (oldest !== null && Date.parse(oldest) < sinceMs);
  const now = clock.nowIso();
  const cursor: Partial<AnalyzerCollectionRow> = {
    nextPage: row.nextPage + 1,
    pages: row.pages + 1,
    releases: row.releases + within.length,
    oldestReached: oldest && (!row.oldestReached || oldest < row.oldestReached) ? oldest : row.oldestReached,
    nextRequestAt: new Date(clock.now() + analyzerIntervalMs(env)).toISOString(),
    attempts: 0,
    lastError: null,
    updatedAt: now,
    ...(finished ? { status: "completed" as const } : {}),
  };
  await hdbitsAnalyzerRepository(db).savePage(row.indexerId, now, within, cursor);
  return finished;
}

/** A failed page: backed off by the failure policy (Retry-After honoured), or the collection fails. */
async function backOff(db: Database, row: AnalyzerCollectionRow, error: unknown): Promise<number | null> {
  const attempts = row.attempts + 1;
  // An upstream failure is retried by its kind's policy; anything else (a bug) is an upstream error's.
  const kind: FailureKind = isUpstreamFailure(error) && error.kind in RETRY_POLICIES ? error.kind : "upstreamError";
  const retryAfter = isUpstreamFailure(error) ? error.retryAfter : undefined;
  const delay = retryDelaySeconds(kind, attempts, retryAfter);
  const message = (error as Error).message ?? String(error);
  const at = new Date(clock.now() + (delay ?? 0) * 1000).toISOString();
  await hdbitsAnalyzerRepository(db).update(row.indexerId, {
    attempts,
    lastError: message.slice(0, 500),
    nextRequestAt: at,
    updatedAt: clock.nowIso(),
    ...(delay === null ? { status: "failed" as const } : {}),
  });
  return delay;
}

/**
 * Runs the collection until the chunk is out of time: each turn waits for the pace, fetches the
 * next page and saves it with the cursor. Ends when paused, cancelled, finished or failed.
 */
export async function collectChunk(
  ctx: ServiceContext & { outOfTime(): boolean },
  indexerId: number,
): Promise<CollectionStep> {
  const repo = hdbitsAnalyzerRepository(ctx.db);
  const waitDeadline = clock.now() + MAX_WAIT_IN_CHUNK_MS;
  let client: HdbitsClient | undefined;
  let fetched = 0;
  for (;;) {
    const row = await repo.collection(indexerId);
    if (!row) throw new Error(`No collection for indexer ${indexerId}`);
    if (row.status !== "running") {
      const groups =
        row.status === "completed" || row.status === "paused" ? await recomputeCollectedReputations(ctx.db) : undefined;
      return { done: { row, groups } };
    }
    const waitMs = row.nextRequestAt ? Date.parse(row.nextRequestAt) - clock.now() : 0;
    const delaySeconds = waitMs > 0 ? Math.ceil(waitMs / 1000) : undefined;
    // At least one page per chunk, however short its budget; a long wait is the next message's delay.
    if (fetched > 0 && ctx.outOfTime()) return { next: { row, delaySeconds } };
    if (waitMs > 0 && clock.now() + waitMs > waitDeadline) return { next: { row, delaySeconds } };
    if (waitMs > 0) await sleep(waitMs);
    let releases: IndexerRelease[];
    try {
      client ??= await openClient(ctx.env, ctx.db, indexerId);
      releases = await client.browse(row.nextPage);
    } catch (error) {
      ctx.logger.warn("analyzer page failed", { page: row.nextPage, error: (error as Error).message });
      const delay = await backOff(ctx.db, row, error);
      if (delay === null) return { done: { row: { ...row, status: "failed" } } };
      return { next: { row, delaySeconds: delay } };
    }
    await savePage(ctx.db, ctx.env, row, releases);
    fetched++;
  }
}

/** "Page 12: 1,200 releases, back to 2026-11-30 (of 2024-12-07)": the command list's progress. */
export function collectionProgress(row: AnalyzerCollectionRow): { done: number; total: number; message: string } {
  const start = Date.parse(row.startedAt);
  const since = Date.parse(row.since);
  const reached = row.oldestReached ? Date.parse(row.oldestReached) : start;
  const total = Math.max(1, Math.round((start - since) / DAY_MS));
  const done = Math.min(total, Math.max(0, Math.round((start - reached) / DAY_MS)));
  const back = row.oldestReached ? `, back to ${row.oldestReached.slice(0, 10)}` : "";
  const message = `HDBits analyzer: ${row.pages} pages, ${row.releases} releases${back} (collecting to ${row.since.slice(0, 10)})`;
  return { done, total, message };
}
