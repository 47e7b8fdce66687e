import * as clock from "../clock";
import type { Database } from "../db/client";
import { blocklistRepository } from "../db/repositories/blocklist";
import { MovieRepository } from "../db/repositories/movies";
import {
  delayProfileRepository,
  type PendingReleaseRow,
  pendingReleaseRepository,
  tagsOfMovie,
} from "../db/repositories/profiles";
import { qualityProfileRepository } from "../db/repositories/qualityProfiles";
import {
  noBetterThan,
  prepareDecisionContext,
  protocolDelay,
  type Release,
  type ReleaseDecision,
  remainingDelay,
} from "../domain/decisions";
import { resourceNotFound } from "../domain/failures/failure";
import type { QualityModel } from "../domain/parser";
import type { ServiceContext } from "./context";
import { loadDecisionContext } from "./decisionContext";
import { bestForTags, delayProfileForMovie } from "./delayProfiles";
import { type GrabResult, grabRelease, openStoredRelease, storedQuality, storedRelease } from "./grab";

/**
 * Pending releases (Radarr's PendingReleaseService): accepted releases an automatic grab holds
 * back while the movie's delay profile waits for a better one. RSS sync judges them again with
 * the new releases; the best one ready is grabbed, the ones no better than it are dropped.
 */

type PendingSource = PendingReleaseRow["source"];

const MINUTE = 60_000;
const ageMinutes = (row: Pick<PendingReleaseRow, "publishDate">, now: number) =>
  (now - Date.parse(row.publishDate)) / MINUTE;

/**
 * The movie's delay as a function of an accepted release: the minutes it must still wait (0: grab
 * now); null when the movie's delay profile delays nothing.
 */
export async function delayGate(
  { db }: ServiceContext,
  movieId: number,
): Promise<((decision: ReleaseDecision) => number) | null> {
  const profile = await delayProfileForMovie(db, movieId);
  if (!profile || (profile.usenetDelay <= 0 && profile.torrentDelay <= 0)) return null;
  const movie = await new MovieRepository(db).get(movieId);
  if (!movie) return null;
  const [context, pending] = await Promise.all([
    loadDecisionContext(db, movie).then(prepareDecisionContext),
    pendingReleaseRepository(db).forMovie(movie.id),
  ]);
  const now = clock.now();
  const oldest = pending.length ? Math.max(...pending.map((row) => ageMinutes(row, now))) : null;
  return (decision) => remainingDelay(decision, context, profile, oldest);
}

/** Stores an accepted release as pending, once (same title, indexer and publish date). */
export async function holdRelease(
  { env, db, logger }: ServiceContext,
  movieId: number,
  decision: ReleaseDecision,
  source: PendingSource,
): Promise<void> {
  const { release } = decision;
  const repo = pendingReleaseRepository(db);
  const publishDate = release.publishDate ?? clock.nowIso();
  const existing = await repo.forMovie(movieId);
  if (existing.some((r) => r.title === release.title && r.indexer === release.indexer && r.publishDate === publishDate))
    return;
  await repo.insert({
    movieId,
    title: release.title,
    indexer: release.indexer,
    protocol: release.protocol,
    publishDate,
    quality: storedQuality(decision.quality as QualityModel),
    customFormatIds: decision.customFormats.map((f) => f.id),
    customFormatScore: decision.customFormatScore,
    languages: decision.languages.map((l) => ({ id: l.id, name: l.name })),
    size: release.size,
    release: await storedRelease(env, { ...release, publishDate }),
    source,
    reason: "delay",
    added: clock.nowIso(),
  });
  logger?.info("release delayed", { movieId, title: release.title, protocol: release.protocol });
}

/** After a grab: the movie's pending releases no better than the grabbed one go (Radarr's RemoveGrabbed). */
export async function dropGrabbed({ db }: ServiceContext, movieId: number, decision: ReleaseDecision): Promise<void> {
  const repo = pendingReleaseRepository(db);
  const pending = await repo.forMovie(movieId);
  if (pending.length === 0 || !decision.quality) return;
  const movie = await new MovieRepository(db).get(movieId);
  const profile = movie && (await qualityProfileRepository(db).get(movie.qualityProfileId));
  if (!profile) return;
  const grabbed = storedQuality(decision.quality);
  await repo.deleteMany(pending.filter((row) => noBetterThan(profile.items, row.quality, grabbed)).map((r) => r.id));
}

/** The stored pending release, ready to judge and send again (its download link decrypted). */
export async function openPendingRelease(ctx: ServiceContext, row: PendingReleaseRow): Promise<Release> {
  return openStoredRelease(ctx.env, row);
}

/** Radarr's queue id of a pending release: a stable hash, above every download's id. */
function pendingQueueId(row: Pick<PendingReleaseRow, "id" | "movieId">): number {
  let hash = 0x811c9dc5;
  for (const char of `pending-${row.id}-movie${row.movieId}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) & 0x3fffffff) | 0x40000000;
}

/** A pending release as the queue shows it: its queue id and when its delay ends (epoch ms). */
export interface PendingQueueItem {
  row: PendingReleaseRow;
  queueId: number;
  delayEndsAt: number;
}

/**
 * The pending queue (Radarr's GetPendingQueue): the best pending release of each movie (quality
 * in the movie's profile, then the preferred protocol), optionally of one movie.
 */
export async function pendingQueue(db: Database, movieId?: number): Promise<PendingQueueItem[]> {
  const repo = pendingReleaseRepository(db);
  const rows = movieId ? await repo.forMovie(movieId) : await repo.all();
  if (rows.length === 0) return [];
  const profiles = await delayProfileRepository(db).list();
  const byMovie = new Map<number, PendingReleaseRow[]>();
  for (const row of rows) byMovie.set(row.movieId, [...(byMovie.get(row.movieId) ?? []), row]);
  const items: PendingQueueItem[] = [];
  for (const [id, group] of byMovie) {
    const delay = bestForTags(profiles, await tagsOfMovie(db, id));
    const best = await bestPending(db, group, delay?.preferredProtocol);
    const minutes = delay ? protocolDelay(delay, best.protocol) : 0;
    items.push({
      row: best,
      queueId: pendingQueueId(best),
      delayEndsAt: Date.parse(best.publishDate) + minutes * MINUTE,
    });
  }
  return items.sort((a, b) => a.delayEndsAt - b.delayEndsAt || a.row.id - b.row.id);
}

/** The best of a movie's pending releases: the best quality in its profile, then the preferred protocol. */
async function bestPending(db: Database, rows: PendingReleaseRow[], preferred?: string): Promise<PendingReleaseRow> {
  const movie = await new MovieRepository(db).get(rows[0].movieId);
  const profile = movie ? await qualityProfileRepository(db).get(movie.qualityProfileId) : undefined;
  if (!profile) return rows[0];
  const compare = (a: PendingReleaseRow, b: PendingReleaseRow) =>
    noBetterThan(profile.items, a.quality, b.quality)
      ? noBetterThan(profile.items, b.quality, a.quality)
        ? 0
        : -1
      : 1;
  return rows.reduce((best, row) => {
    const order = compare(row, best);
    if (order !== 0) return order > 0 ? row : best;
    return row.protocol === preferred && best.protocol !== preferred ? row : best;
  });
}

/** The pending release behind a queue id, if any. */
async function findPending(db: Database, queueId: number): Promise<PendingReleaseRow | undefined> {
  return (await pendingReleaseRepository(db).all()).find((row) => pendingQueueId(row) === queueId);
}

/**
 * Removes a pending queue item (DELETE /queue/{id}): the movie's pending releases go, as in
 * Radarr, and with `blocklist` the release is blocklisted ("Pending release manually blocklisted").
 */
export async function removePending(db: Database, queueId: number, blocklist = false): Promise<void> {
  const row = await findPending(db, queueId);
  if (!row) throw resourceNotFound(`Queue item ${queueId}`);
  if (blocklist) {
    const release = row.release as { infoHash?: string };
    await blocklistRepository(db).insert({
      movieId: row.movieId,
      sourceTitle: row.title,
      indexer: row.indexer,
      protocol: row.protocol,
      infoHash: row.protocol === "torrent" ? (release.infoHash?.toLowerCase() ?? null) : null,
      downloadId: null,
      quality: row.quality,
      customFormatIds: row.customFormatIds,
      languages: row.languages,
      size: row.size,
      reason: "manual",
      message: "Pending release manually blocklisted",
      date: clock.nowIso(),
      blockedUntil: null,
      retryCount: 0,
    });
  }
  await removePendingOf(db, row.movieId);
}

/** Removes a movie's pending releases (Radarr's RemovePendingQueueItems, after a grab or removal). */
async function removePendingOf(db: Database, movieId: number): Promise<void> {
  const rows = await pendingReleaseRepository(db).forMovie(movieId);
  await pendingReleaseRepository(db).deleteMany(rows.map((r) => r.id));
}

/**
 * Grabs a pending release now (Radarr's POST /queue/grab/{id}): sent as it is, without waiting
 * for its delay, and the movie's pending releases are removed.
 */
export async function grabPendingNow(ctx: ServiceContext, queueId: number): Promise<GrabResult> {
  const row = await findPending(ctx.db, queueId);
  if (!row) throw resourceNotFound(`Queue item ${queueId}`);
  const release = await openPendingRelease(ctx, row);
  const grabbed = await grabRelease(ctx, { movieId: row.movieId, release, source: row.source });
  await removePendingOf(ctx.db, row.movieId);
  return grabbed;
}
