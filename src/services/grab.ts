import * as clock from "../clock";
import { type Env, upstreamPolicy } from "../config";
import type { Database } from "../db/client";
import { type DownloadRow, downloadRepository } from "../db/repositories/downloads";
import { historyRepository } from "../db/repositories/history";
import { MovieRepository, type MovieRow } from "../db/repositories/movies";
import type { StoredQualityModel } from "../db/schema";
import { decide, prepareDecisionContext, type Release, type ReleaseDecision } from "../domain/decisions";
import {
  Failure,
  invalidInput,
  isUpstreamFailure,
  resourceNotFound,
  type UpstreamFailure,
} from "../domain/failures/failure";
import { isTransient } from "../domain/failures/kinds";
import { retryDelaySeconds } from "../domain/failures/policies";
import { isRecentMovie } from "../domain/library/recentMovie";
import type { QualityModel } from "../domain/parser";
import { infoDictionary, isMagnet, magnetInfoHash } from "../domain/torrents";
import type { AddDownload } from "../integrations/downloadClient";
import { upstreamFetch } from "../integrations/http";
import { type Logger, redactUrl } from "../observability/logger";
import { recordDownloadFailureMetric } from "../observability/metrics";
import type { ServiceContext } from "./context";
import { loadBlocklistEntries, loadDecisionContext, withIndexerSettings } from "./decisionContext";
import { type DownloadClientRow, enabledClientsFor, openDownloadClient } from "./downloadClients";
import { enqueueDownloadJob } from "./downloads/jobQueue";
import { notify } from "./notifications";
import { decryptSecret, encryptSecret } from "./secrets";
import { torrentGrabTerms } from "./torrentGrab";

type GrabSource = "interactive" | "automatic" | "rss" | "push";

export interface GrabInput {
  movieId: number;
  release: Release;
  source: GrabSource;
  /** The client to send it to (a push's downloadClientId); otherwise the protocol's clients in turn. */
  downloadClientId?: number;
}

export interface GrabResult {
  /** The queue item (GET /api/v3/queue record id). */
  queueId: number;
  downloadClientId: number;
  /** The client's id for the download; "" while an automatic grab waits for its client. */
  downloadId: string;
}

export type { DownloadRow };

/** States of a queue item that is still going somewhere (shown by GET /api/v3/queue). */
export const ACTIVE_DOWNLOAD_STATES = [
  "grabPending",
  "downloading",
  "importPending",
  "importing",
  "failedPending",
] as const;

export function storedQuality(quality: QualityModel): StoredQualityModel {
  const { version, real, isRepack } = quality.revision;
  return { quality: quality.quality.id, revision: { version, real, isRepack } };
}

/**
 * The release as stored on the queue item: its parsed form is derived again when needed, and its
 * download link (which carries the indexer's API key or passkey) is encrypted like any stored
 * credential — or kept redacted when no ENCRYPTION_KEY is set.
 */
export async function storedRelease(env: Env, release: Release): Promise<Record<string, unknown>> {
  const { parsed: _parsed, ...rest } = release;
  if (!rest.downloadUrl) return rest;
  const downloadUrl = env.ENCRYPTION_KEY ? await encryptSecret(env, rest.downloadUrl) : redactUrl(rest.downloadUrl);
  return { ...rest, downloadUrl };
}

/** The stored release as data (its download link still sealed). */
export function releaseFromRow(row: Pick<DownloadRow, "release">): Release {
  return row.release as unknown as Release;
}

/** The stored release ready to send again: its download link decrypted. */
export async function openStoredRelease(env: Env, row: Pick<DownloadRow, "release">): Promise<Release> {
  const release = releaseFromRow(row);
  return release.downloadUrl ? { ...release, downloadUrl: await decryptSecret(env, release.downloadUrl) } : release;
}

/** The release judged against the movie with no rules: its parsed title, quality, formats and score. */
async function describeRelease(db: Database, movie: MovieRow, release: Release): Promise<ReleaseDecision> {
  const context = prepareDecisionContext(await withIndexerSettings(db, await loadDecisionContext(db, movie)));
  const described = decide(release, context, []);
  if (!described.parsed || !described.quality)
    throw invalidInput("body.title", `Unable to parse the release title '${release.title}'`);
  return described;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * What a client needs to add a release. Torrents are tracked by info hash, so a .torrent link
 * without a known hash is fetched here and sent as a file (as Radarr does): its hash is the
 * SHA-1 of the file's info dictionary.
 */
async function downloadRequest(env: Env, release: Release, logger?: Logger): Promise<AddDownload> {
  const url = release.downloadUrl?.trim();
  if (!url) throw invalidInput("body.downloadUrl", "The release has no download URL");
  if (release.protocol === "usenet") return { title: release.title, url };
  const known = release.infoHash?.trim().toLowerCase() || magnetInfoHash(url);
  if (known || isMagnet(url)) {
    if (!known) throw invalidInput("body.downloadUrl", "The magnet link has no info hash (xt=urn:btih:)");
    return { title: release.title, url, infoHash: known };
  }
  const response = await upstreamFetch({
    service: "indexer",
    url,
    policy: upstreamPolicy(env),
    logger,
  });
  const torrentFile = new Uint8Array(await response.arrayBuffer());
  try {
    const infoHash = hex(await crypto.subtle.digest("SHA-1", infoDictionary(torrentFile)));
    return { title: release.title, url, infoHash, torrentFile };
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    throw new Failure("parseError", `The indexer's torrent for ${release.title}: ${error.message}`, {
      service: "indexer",
    });
  }
}

/** Sends a release to one client; resolves with the client's id for the download. */
async function sendToClient(
  ctx: ServiceContext,
  client: DownloadClientRow,
  release: Release,
  movie: MovieRow,
): Promise<string> {
  const { env, db, logger } = ctx;
  const request = await downloadRequest(env, release, logger);
  const seedLimits = await torrentGrabTerms(db, release, movie.id, request.infoHash);
  const opened = await openDownloadClient(env, client, logger);
  const recentMovie = isRecentMovie(movie, clock.now());
  return opened.add({ ...request, recentMovie, ...(seedLimits ? { seedLimits } : {}) });
}

/**
 * Why a release may not be grabbed for the movie (a conflict: it is already on its way, or
 * blocklisted), or null: nothing is grabbed twice. An automatic search asks before grabbing and
 * moves on to the next release; a grab throws it.
 */
export async function releaseRefusal(db: Database, movieId: number, release: Release): Promise<Failure | null> {
  const hash = release.protocol === "torrent" ? (release.infoHash?.trim().toLowerCase() ?? null) : null;
  const title = release.title.trim();
  const active = await downloadRepository(db).inStatesForMovie(movieId, ACTIVE_DOWNLOAD_STATES);
  const same = active.find(
    (row) =>
      (hash && row.downloadId === hash) ||
      (row.title.toLowerCase() === title.toLowerCase() && row.indexer === release.indexer),
  );
  if (same) return new Failure("conflict", `${title} is already in the queue (queue item ${same.id})`);
  const blocked = (await loadBlocklistEntries(db, movieId)).filter((entry) =>
    hash
      ? entry.infoHash?.toLowerCase() === hash
      : entry.title.toLowerCase() === title.toLowerCase() &&
        (!entry.indexer || entry.indexer.toLowerCase() === release.indexer.toLowerCase()),
  );
  return blocked.length ? new Failure("conflict", `${title} is blocklisted`) : null;
}

interface Described {
  movie: MovieRow;
  decision: ReleaseDecision;
}

function historyData(release: Release, client: DownloadClientRow, source: GrabSource, decision: ReleaseDecision) {
  return {
    indexer: release.indexer,
    indexerId: String(release.indexerId),
    releaseGroup: decision.parsed?.releaseGroup ?? "",
    size: String(release.size),
    protocol: release.protocol,
    downloadClient: client.implementation,
    downloadClientName: client.name,
    downloadUrl: redactUrl(release.downloadUrl ?? ""),
    guid: release.guid ?? "",
    publishedDate: release.publishDate ?? "",
    customFormatScore: String(decision.customFormatScore),
    releaseSource: source,
    ...(release.infoHash ? { torrentInfoHash: release.infoHash.toLowerCase() } : {}),
  };
}

/** The grab notification (Radarr's webhook "Grab" payload, the parts known here). */
async function notifyGrab(
  ctx: ServiceContext,
  row: DownloadRow,
  movie: MovieRow,
  client: DownloadClientRow,
  decision: ReleaseDecision,
) {
  const { logger } = ctx;
  await notify(ctx, "grab", {
    message: `${movie.title} (${movie.year}): grabbed ${row.title} from ${row.indexer} (${decision.quality?.quality.name})`,
    movie: { id: movie.id, title: movie.title, year: movie.year, tmdbId: movie.tmdbId, imdbId: movie.imdbId ?? "" },
    release: {
      releaseTitle: row.title,
      indexer: row.indexer,
      size: row.size,
      quality: decision.quality?.quality.name,
      qualityVersion: decision.quality?.revision.version,
      releaseGroup: decision.parsed?.releaseGroup ?? "",
      customFormatScore: decision.customFormatScore,
      customFormats: decision.customFormats.map((f) => f.name),
    },
    downloadClient: client.name,
    downloadClientType: client.implementation,
    downloadId: row.downloadId,
  }).catch((error) => logger?.warn("grab notification failed", { error: (error as Error).message }));
}

/** Records a sent grab: the queue item becomes a download, with its history and notification. */
async function recordSent(
  ctx: ServiceContext,
  { movie, decision }: Described,
  client: DownloadClientRow,
  downloadId: string,
  source: GrabSource,
  pendingId?: number,
): Promise<DownloadRow> {
  const { env, db, logger } = ctx;
  const { release } = decision;
  const now = clock.nowIso();
  const quality = storedQuality(decision.quality as QualityModel);
  const values = {
    movieId: movie.id,
    downloadClientId: client.id,
    downloadId,
    title: release.title,
    indexer: release.indexer,
    protocol: release.protocol,
    quality,
    customFormatIds: decision.customFormats.map((f) => f.id),
    customFormatScore: decision.customFormatScore,
    languages: decision.languages.map((l) => ({ id: l.id, name: l.name })),
    size: release.size,
    sizeleft: release.size,
    status: "queued",
    trackedDownloadState: "downloading",
    trackedDownloadStatus: "ok",
    statusMessages: [],
    progress: 0,
    errorMessage: null,
    failureKind: null,
    nextRetryAt: null,
    release: await storedRelease(env, release),
    source,
    updatedAt: now,
  };
  const history = historyRepository(db).insert({
    movieId: movie.id,
    eventType: "grabbed",
    sourceTitle: release.title,
    toQuality: quality,
    toFormatScore: decision.customFormatScore,
    customFormatIds: values.customFormatIds,
    languages: values.languages,
    downloadId,
    data: historyData(release, client, source, decision),
    date: now,
  });
  const row = await downloadRepository(db).recordGrab(pendingId, values, now, history);
  logger?.info("release grabbed", { movieId: movie.id, queueId: row.id, downloadClient: client.name, source });
  await notifyGrab(ctx, row, movie, client, decision);
  return row;
}

/**
 * Sends a release to the enabled download client for its protocol (lowest priority number
 * first; the next one when a client cannot be reached) and records the queue item, the
 * "grabbed" history and the Grab notification. An automatic grab whose clients are all
 * unreachable or busy waits on the downloads queue for the failure's retry delay (the queue item
 * shows it, so nothing grabs the release again meanwhile); an interactive grab fails instead.
 */
export async function grabRelease(ctx: ServiceContext, input: GrabInput): Promise<GrabResult> {
  const { db, logger } = ctx;
  const movie = await new MovieRepository(db).get(input.movieId);
  if (!movie) throw resourceNotFound(`Movie ${input.movieId}`);
  const release = { ...input.release, title: input.release.title.trim() };
  const refusal = await releaseRefusal(db, movie.id, release);
  if (refusal) throw refusal;
  const clients = await clientsToTry(db, release.protocol, input.downloadClientId);
  const described: Described = { movie, decision: await describeRelease(db, movie, release) };

  let lastError: UpstreamFailure | undefined;
  for (const client of clients) {
    try {
      const downloadId = await sendToClient(ctx, client, release, movie);
      const row = await recordSent(ctx, described, client, downloadId, input.source);
      return { queueId: row.id, downloadClientId: client.id, downloadId };
    } catch (error) {
      if (!isUpstreamFailure(error)) throw error;
      recordDownloadFailureMetric(error.kind, "grab");
      logger?.warn("download client did not take the release", {
        downloadClient: client.name,
        kind: error.kind,
        error: error.message,
      });
      lastError = error;
      if (!isTransient(error.kind)) break;
    }
  }
  const error = lastError as UpstreamFailure;
  if (input.source === "interactive" || !isTransient(error.kind)) throw error;
  return holdForRetry(ctx, described, clients[0], input.source, error);
}

/** The enabled clients of the release's protocol, in the order to try them; the named one alone when one is named. */
async function clientsToTry(db: Database, protocol: Release["protocol"], downloadClientId?: number) {
  const clients = await enabledClientsFor(db, protocol);
  if (clients.length === 0)
    throw new Failure(
      "conflict",
      `No enabled download client for ${protocol}; add one under Settings › Download Clients`,
    );
  if (downloadClientId === undefined) return clients;
  const chosen = clients.filter((c) => c.id === downloadClientId);
  if (chosen.length === 0)
    throw invalidInput(
      "body.downloadClientId",
      `download client ${downloadClientId} is not an enabled ${protocol} client`,
    );
  return chosen;
}

/** Keeps an automatic grab the clients could not take as a pending queue item, retried on the queue. */
async function holdForRetry(
  { env, db }: ServiceContext,
  { movie, decision }: Described,
  client: DownloadClientRow,
  source: GrabSource,
  error: UpstreamFailure,
): Promise<GrabResult> {
  const delay = retryDelaySeconds(error.kind, 1, error.retryAfter) ?? 0;
  const now = clock.now();
  const { release } = decision;
  const row = await downloadRepository(db).insert({
    movieId: movie.id,
    downloadClientId: client.id,
    downloadId: "",
    title: release.title,
    indexer: release.indexer,
    protocol: release.protocol,
    quality: storedQuality(decision.quality as QualityModel),
    customFormatIds: decision.customFormats.map((f) => f.id),
    customFormatScore: decision.customFormatScore,
    languages: decision.languages.map((l) => ({ id: l.id, name: l.name })),
    size: release.size,
    sizeleft: release.size,
    status: "downloadClientUnavailable",
    trackedDownloadState: "grabPending",
    trackedDownloadStatus: "warning",
    statusMessages: [{ title: release.title, messages: [error.message] }],
    errorMessage: error.message,
    failureKind: error.kind,
    retryCount: 1,
    nextRetryAt: new Date(now + delay * 1000).toISOString(),
    release: await storedRelease(env, release),
    source,
    grabbedAt: new Date(now).toISOString(),
  });
  await enqueueDownloadJob(env, { action: "grab", queueId: row.id, grabbedAt: row.grabbedAt }, delay);
  return { queueId: row.id, downloadClientId: client.id, downloadId: "" };
}

/**
 * Sends a pending grab (queue consumer). Resolves with the sent download, or throws the
 * client's failure for the consumer to schedule the next retry.
 */
export async function sendPendingGrab(
  ctx: ServiceContext,
  row: DownloadRow,
  client: DownloadClientRow,
): Promise<DownloadRow> {
  const { env, db } = ctx;
  const movie = await new MovieRepository(db).get(row.movieId);
  if (!movie) throw resourceNotFound(`Movie ${row.movieId}`);
  const release = await openStoredRelease(env, row);
  const decision = await describeRelease(db, movie, release);
  const downloadId = await sendToClient(ctx, client, release, movie);
  return recordSent(ctx, { movie, decision }, client, downloadId, row.source, row.id);
}
