import { and, eq, inArray, ne } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Env } from "../config";
import type { Database } from "../db/client";
import { MovieRepository, type MovieRow } from "../db/movies";
import { blocklist, downloadClients, downloads, movieFiles, movieHistory, movies } from "../db/schema";
import { type FailureKind, isTransient } from "../domain/failures/kinds";
import {
  blockedUntil,
  DOWNLOAD_FAILURE_HANDLING,
  RETRY_POLICIES,
  retryDelaySeconds,
} from "../domain/failures/policies";
import type { FailureSignal } from "../domain/failures/signals";
import { buildName } from "../domain/naming";
import { parseMovieTitle } from "../domain/parser";
import { lastPathSegment, pathExtension } from "../domain/parser/fileExtensions";
import { qualityById } from "../domain/quality/qualities";
import type { ClientDownload, ClientFile, DownloadClient } from "../integrations/downloadClient";
import { UpstreamError } from "../integrations/http";
import { type DownloadJobMessage, enqueueDownloadJob } from "../jobs/downloadQueue";
import type { Logger } from "../observability/logger";
import { recordDownloadFailureMetric } from "../observability/metrics";
import { type DownloadClientRow, openDownloadClient } from "./downloadClients";
import { ACTIVE_DOWNLOAD_STATES, type DownloadRow, releaseFromRow, sendPendingGrab } from "./grab";
import { notify } from "./notifications";
import { searchAndGrab } from "./releaseSearch";
import { readSettings } from "./settings";

/**
 * The download lifecycle after a grab (Radarr's DownloadMonitoringService, CompletedDownloadService
 * and FailedDownloadService): polling the clients, importing finished downloads into the movie's
 * folder, and handling failures by the failure taxonomy — retries on the downloads queue, the
 * blocklist, and a grab of the next-best release.
 */

export interface DownloadWork {
  env: Env;
  db: Database;
  logger?: Logger;
  /** Epoch milliseconds; tests move it to see timeouts pass. */
  now: number;
}

/** A failure while importing, with the kind that decides its handling. */
class ImportError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

// Containers an import takes (Radarr's media file extensions, the common ones).
const VIDEO_EXTENSIONS = new Set([
  ".mkv",
  ".mp4",
  ".m4v",
  ".avi",
  ".mov",
  ".wmv",
  ".ts",
  ".m2ts",
  ".mpg",
  ".mpeg",
  ".webm",
  ".iso",
  ".vob",
  ".divx",
  ".flv",
]);

const STALL_MESSAGE = "The download is stalled with no connections";
const LOST_RETRY_GRACE_MS = 60 * 60 * 1000;

const iso = (ms: number) => new Date(ms).toISOString();

/** The signal a client download carries: the client's failure, else a stall. */
function failureSignalOf(item: ClientDownload): FailureSignal | undefined {
  if (item.failure) return item.failure;
  if (item.stalled) return { kind: "downloadStalled", message: item.message ?? STALL_MESSAGE };
  return undefined;
}

/** The history columns every event about a queued download shares: its movie, release and quality. */
function historyOf(row: DownloadRow) {
  return {
    movieId: row.movieId,
    sourceTitle: row.title,
    toQuality: row.quality,
    toFormatScore: row.customFormatScore,
    customFormatIds: row.customFormatIds,
    languages: row.languages,
    downloadId: row.downloadId || null,
  };
}

async function clientRow(db: Database, id: number): Promise<DownloadClientRow | undefined> {
  const [row] = await db.select().from(downloadClients).where(eq(downloadClients.id, id));
  return row;
}

async function downloadRow(db: Database, id: number): Promise<DownloadRow | undefined> {
  const [row] = await db.select().from(downloads).where(eq(downloads.id, id));
  return row;
}

/** The video file of a download to import: the largest one that is not a sample. */
function pickVideoFile(files: readonly ClientFile[]): ClientFile | undefined {
  const videos = files.filter((f) => VIDEO_EXTENSIONS.has(pathExtension(f.path).toLowerCase()));
  const largest = Math.max(0, ...videos.map((f) => f.size));
  const candidates = videos.filter(
    (f) => !/(^|[\W_])sample([\W_]|$)/i.test(lastPathSegment(f.path)) || f.size === largest,
  );
  return candidates.sort((a, b) => b.size - a.size)[0];
}

// ---------------------------------------------------------------------------------------------
// Polling

export interface RefreshOutcome {
  clients: number;
  checked: number;
  imported: number;
  retrying: number;
  failed: number;
  removed: number;
  errors: string[];
}

/**
 * One poll of every client with downloads in the queue: one list call per client (not per
 * download), progress written in one batch, finished downloads imported, failure signals handed
 * to the failure handling. Downloads whose retry is scheduled on the queue are only updated.
 */
export async function refreshMonitoredDownloads(
  work: DownloadWork,
  options: { onlyFinished?: boolean } = {},
): Promise<RefreshOutcome> {
  const { db, logger } = work;
  const outcome: RefreshOutcome = {
    clients: 0,
    checked: 0,
    imported: 0,
    retrying: 0,
    failed: 0,
    removed: 0,
    errors: [],
  };
  const rows = await db
    .select()
    .from(downloads)
    .where(
      and(
        inArray(downloads.trackedDownloadState, ["downloading", "importPending", "importing"]),
        ne(downloads.downloadId, ""),
      ),
    );
  const byClient = new Map<number, DownloadRow[]>();
  for (const row of rows) byClient.set(row.downloadClientId, [...(byClient.get(row.downloadClientId) ?? []), row]);
  const clients = byClient.size
    ? await db
        .select()
        .from(downloadClients)
        .where(inArray(downloadClients.id, [...byClient.keys()]))
    : [];

  for (const client of clients) {
    const clientRows = byClient.get(client.id) ?? [];
    outcome.clients++;
    const opened = await openDownloadClient(work.env, client, logger);
    let items: ClientDownload[];
    try {
      items = await opened.list(clientRows.map((r) => r.downloadId));
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      outcome.errors.push(`${client.name}: ${error.message}`);
      recordDownloadFailureMetric(error.kind, "download");
      await db.batch(
        batchOf(
          clientRows.map((row) =>
            db
              .update(downloads)
              .set({
                trackedDownloadStatus: "warning",
                statusMessages: [{ title: `${client.name} is unavailable`, messages: [error.message] }],
                updatedAt: iso(work.now),
              })
              .where(eq(downloads.id, row.id)),
          ),
        ),
      );
      continue;
    }
    const byId = new Map(items.map((item) => [item.downloadId, item]));
    const updates: BatchItem<"sqlite">[] = [];
    const followUps: (() => Promise<void>)[] = [];
    for (const row of clientRows) {
      outcome.checked++;
      const item = byId.get(row.downloadId);
      if (!item) {
        outcome.removed++;
        updates.push(
          db
            .update(downloads)
            .set({
              trackedDownloadState: "removed",
              status: "failed",
              trackedDownloadStatus: "warning",
              statusMessages: [{ title: row.title, messages: [`Removed from ${client.name}`] }],
              nextRetryAt: null,
              updatedAt: iso(work.now),
            })
            .where(eq(downloads.id, row.id)),
        );
        continue;
      }
      // The queue owns a scheduled retry; a message lost for an hour past its time falls back to the poll.
      const retryScheduled = row.nextRetryAt !== null && Date.parse(row.nextRetryAt) + LOST_RETRY_GRACE_MS > work.now;
      const signal = failureSignalOf(item);
      updates.push(
        db
          .update(downloads)
          .set(progressOf(row, item, signal, work.now))
          .where(eq(downloads.id, row.id)),
      );
      if (options.onlyFinished && item.status !== "completed") continue;
      if (retryScheduled) {
        outcome.retrying++;
        continue;
      }
      if (signal) {
        followUps.push(async () => {
          const result = await startFailureHandling(work, row, client, opened, signal);
          if (result === "failed") outcome.failed++;
          else outcome.retrying++;
        });
      } else if (item.status === "completed") {
        followUps.push(async () => {
          const result = await attemptImport(work, row, client, opened, item);
          if (result === "imported") outcome.imported++;
          else if (result === "failed") outcome.failed++;
          else outcome.retrying++;
        });
      }
    }
    if (updates.length) await db.batch(batchOf(updates));
    for (const followUp of followUps) {
      try {
        await followUp();
      } catch (error) {
        outcome.errors.push((error as Error).message);
        logger?.error("download follow-up failed", { error: (error as Error).message });
      }
    }
  }
  return outcome;
}

function batchOf(items: BatchItem<"sqlite">[]): [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] {
  return items as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}

/** The columns a poll refreshes from the client's report. */
function progressOf(row: DownloadRow, item: ClientDownload, signal: FailureSignal | undefined, now: number) {
  const messages = item.message ? [item.message] : signal ? [signal.message] : [];
  const recovered = !signal && row.failureKind !== null && row.trackedDownloadState === "downloading";
  const failing = signal !== undefined || (row.failureKind !== null && !recovered);
  return {
    status: item.status,
    progress: item.progress,
    size: item.size || row.size,
    sizeleft: item.sizeleft,
    eta: item.eta,
    outputPath: item.outputPath ?? row.outputPath,
    trackedDownloadStatus: failing ? "warning" : "ok",
    statusMessages: messages.length ? [{ title: row.title, messages }] : failing ? row.statusMessages : [],
    stalledSince: item.stalled ? (row.stalledSince ?? iso(now)) : null,
    ...(item.status === "completed" && !row.completedAt ? { completedAt: iso(now) } : {}),
    // A download that moves again after a stall or a failed check is well: its retries start over.
    ...(recovered ? { failureKind: null, retryCount: 0, nextRetryAt: null, errorMessage: null } : {}),
    updatedAt: iso(now),
  };
}

// ---------------------------------------------------------------------------------------------
// Failures and retries

type FailureStep = "retrying" | "failed";

/**
 * What a retry does for a failing download: a stall asks for peers again, anything else re-checks
 * the data. A client that queues the download again under a new id (SABnzbd) has the row follow it.
 */
async function retryAction(work: DownloadWork, opened: DownloadClient, row: DownloadRow, kind: FailureKind) {
  try {
    if (kind === "downloadStalled") {
      await opened.reannounce(row.downloadId);
      return;
    }
    const id = await opened.recheck(row.downloadId);
    if (id !== row.downloadId) {
      await work.db.update(downloads).set({ downloadId: id }).where(eq(downloads.id, row.id));
      row.downloadId = id;
    }
  } catch (error) {
    work.logger?.warn("retry action failed", { queueId: row.id, error: (error as Error).message });
  }
}

/**
 * The first sighting of a failure signal: the first retry is made at once (re-announce, re-check)
 * and its result checked on the downloads queue after the policy's delay; a kind with no
 * retries is given up straight away.
 */
async function startFailureHandling(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow,
  opened: DownloadClient,
  signal: FailureSignal,
): Promise<FailureStep> {
  recordDownloadFailureMetric(signal.kind, "download");
  work.logger?.warn("download failing", { queueId: row.id, kind: signal.kind, message: signal.message });
  if (RETRY_POLICIES[signal.kind].maxRetries === 0) {
    await giveUp(work, row, client, opened, signal, "recheck");
    return "failed";
  }
  await retryAction(work, opened, row, signal.kind);
  await scheduleRetry(work, row, signal, 1, "recheck");
  return "retrying";
}

/** Records retry `attempt` for the row and puts the check on the queue after the policy's delay. */
async function scheduleRetry(
  work: DownloadWork,
  row: DownloadRow,
  signal: FailureSignal & { retryAfterSeconds?: number },
  attempt: number,
  action: "recheck" | "import",
  send = true,
): Promise<number> {
  const delay = retryDelaySeconds(signal.kind, attempt, signal.retryAfterSeconds) ?? 0;
  await work.db
    .update(downloads)
    .set({
      failureKind: signal.kind,
      errorMessage: signal.message,
      retryCount: attempt,
      nextRetryAt: iso(work.now + delay * 1000),
      trackedDownloadStatus: "warning",
      ...(action === "import" ? { trackedDownloadState: "importPending" } : {}),
      statusMessages: [
        {
          title: row.title,
          messages: [signal.message, `Retry ${attempt} of ${RETRY_POLICIES[signal.kind].maxRetries} in ${delay} s`],
        },
      ],
      updatedAt: iso(work.now),
    })
    .where(eq(downloads.id, row.id));
  if (send) await enqueueDownloadJob(work.env, { action, queueId: row.id, grabbedAt: row.grabbedAt }, delay);
  return delay;
}

/**
 * The retries ran out (or the kind allows none). A bad release is failed: blocklisted (where
 * its kind says), removed from the client, and the next-best release grabbed. A failure on our
 * side or the client's goes to the dead-letter queue, whose consumer records it.
 */
async function giveUp(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow | undefined,
  opened: DownloadClient | undefined,
  signal: FailureSignal,
  action: "recheck" | "import" | "grab",
): Promise<void> {
  if (DOWNLOAD_FAILURE_HANDLING[signal.kind].owner === "release") {
    await failDownload(work, row, client, opened, signal);
    return;
  }
  await work.db
    .update(downloads)
    .set({
      failureKind: signal.kind,
      errorMessage: signal.message,
      nextRetryAt: null,
      trackedDownloadState: action === "grab" ? row.trackedDownloadState : "failedPending",
      trackedDownloadStatus: "error",
      statusMessages: [{ title: row.title, messages: [signal.message, "Retries exhausted"] }],
      updatedAt: iso(work.now),
    })
    .where(eq(downloads.id, row.id));
  await work.env.DOWNLOAD_DLQ.send({ action, queueId: row.id, grabbedAt: row.grabbedAt } as DownloadJobMessage);
}

/** Puts a release on the blocklist for the movie (on failure, or a queue removal with blocklist=true). */
function blocklistInsert(db: Database, row: DownloadRow, reason: FailureKind | "manual", message: string, now: number) {
  const release = releaseFromRow(row);
  const infoHash = row.protocol === "torrent" ? (release.infoHash?.toLowerCase() ?? (row.downloadId || null)) : null;
  return db.insert(blocklist).values({
    movieId: row.movieId,
    sourceTitle: row.title,
    indexer: row.indexer,
    protocol: row.protocol,
    infoHash,
    downloadId: row.downloadId || null,
    quality: row.quality,
    customFormatIds: row.customFormatIds,
    languages: row.languages,
    size: row.size,
    reason,
    message,
    date: iso(now),
    blockedUntil: reason === "manual" ? null : blockedUntil(reason, now),
    retryCount: row.retryCount,
  });
}

/**
 * A failed release: marked failed with its kind, blocklisted, history "downloadFailed", removed
 * from the client with its data, the DownloadFailure notification, then the next-best release.
 */
async function failDownload(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow | undefined,
  opened: DownloadClient | undefined,
  signal: FailureSignal,
): Promise<void> {
  const { db, env, logger } = work;
  const blocklisted = DOWNLOAD_FAILURE_HANDLING[signal.kind].blocklistDays !== null;
  const messages = [signal.message, ...(blocklisted ? ["Release blocklisted"] : [])];
  await db.batch([
    db
      .update(downloads)
      .set({
        status: "failed",
        trackedDownloadState: "failed",
        trackedDownloadStatus: "error",
        failureKind: signal.kind,
        errorMessage: signal.message,
        nextRetryAt: null,
        statusMessages: [{ title: row.title, messages }],
        updatedAt: iso(work.now),
      })
      .where(eq(downloads.id, row.id)),
    db.insert(movieHistory).values({
      ...historyOf(row),
      eventType: "downloadFailed",
      data: {
        reason: signal.kind,
        message: signal.message,
        indexer: row.indexer,
        downloadClient: client?.implementation ?? "",
        downloadClientName: client?.name ?? "",
        retries: String(row.retryCount),
      },
      date: iso(work.now),
    }),
    ...(blocklisted ? [blocklistInsert(db, row, signal.kind, signal.message, work.now)] : []),
  ]);
  recordDownloadFailureMetric(signal.kind, "download");
  logger?.warn("download failed", { queueId: row.id, kind: signal.kind, blocklisted });
  if (client && opened && row.downloadId && client.removeFailedDownloads) {
    await opened
      .remove(row.downloadId, true)
      .catch((error) => logger?.warn("could not remove the failed download", { error: (error as Error).message }));
  }
  const movie = await new MovieRepository(db).get(row.movieId);
  await notify(env, db, "downloadFailure", {
    message: `${movie?.title ?? `Movie ${row.movieId}`}: ${row.title} failed (${signal.kind}): ${signal.message}`,
    movie: movie ? { id: movie.id, title: movie.title, year: movie.year, tmdbId: movie.tmdbId } : undefined,
    release: { releaseTitle: row.title, indexer: row.indexer, size: row.size },
    failureKind: signal.kind,
    downloadId: row.downloadId,
  }).catch((error) => logger?.warn("failure notification failed", { error: (error as Error).message }));
  await redownload(work, row);
}

/**
 * Searches for and grabs the next-best release after `failed`. A search that fails transiently
 * is retried on the downloads queue by its kind's policy (`retry` is the retry this is: 0 for the
 * search right after the failure); past the policy it goes to the dead-letter queue.
 */
async function redownload(
  work: DownloadWork,
  failed: DownloadRow,
  retry = 0,
): Promise<"grabbed" | "none" | "retrying"> {
  const { db, logger } = work;
  const note = async (message: string) => {
    const [current] = await db
      .select({ statusMessages: downloads.statusMessages })
      .from(downloads)
      .where(eq(downloads.id, failed.id));
    const existing = current?.statusMessages[0]?.messages ?? [];
    await db
      .update(downloads)
      .set({ statusMessages: [{ title: failed.title, messages: [...existing, message] }] })
      .where(eq(downloads.id, failed.id));
  };
  try {
    const { grabbed } = await searchAndGrab(work.env, db, logger, failed.movieId);
    await note(
      grabbed ? `Grabbed the next-best release: ${grabbed.release.title}` : "No other acceptable release found",
    );
    return grabbed ? "grabbed" : "none";
  } catch (error) {
    if (!(error instanceof UpstreamError) || !isTransient(error.kind)) {
      await note(`Searching for another release failed: ${(error as Error).message}`);
      logger?.warn("re-search after a failure failed", { queueId: failed.id, error: (error as Error).message });
      return "none";
    }
    recordDownloadFailureMetric(error.kind, "search");
    const delay = retryDelaySeconds(error.kind, retry + 1, error.retryAfterSeconds);
    if (delay === null) {
      await note(`Searching for another release failed after ${retry} retries: ${error.message}`);
      await work.env.DOWNLOAD_DLQ.send({ action: "redownload", ...redownloadRef(failed) });
      return "none";
    }
    await note(`Searching for another release failed (${error.kind}); retry ${retry + 1} in ${delay} s`);
    if (retry > 0) throw new RetryLater(delay);
    await enqueueDownloadJob(work.env, { action: "redownload", ...redownloadRef(failed) }, delay);
    return "retrying";
  }
}

const redownloadRef = (row: DownloadRow) => ({ queueId: row.id, movieId: row.movieId, grabbedAt: row.grabbedAt });

/** Thrown to the queue consumer: retry this message after `delaySeconds`. */
export class RetryLater extends Error {
  constructor(readonly delaySeconds: number) {
    super(`retry in ${delaySeconds} s`);
  }
}

// ---------------------------------------------------------------------------------------------
// Import

type ImportStep = "imported" | "retrying" | "failed";

/** Imports a finished download; a failure is retried or given up by its kind. */
async function attemptImport(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow,
  opened: DownloadClient,
  item: ClientDownload,
  attempt = 1,
  send = true,
): Promise<ImportStep> {
  try {
    await importDownload(work, row, client, opened, item);
    return "imported";
  } catch (error) {
    const signal = importFailureSignal(error);
    if (!signal) throw error;
    recordDownloadFailureMetric(signal.kind, "import");
    work.logger?.warn("import failed", { queueId: row.id, kind: signal.kind, message: signal.message });
    const next = row.failureKind === signal.kind ? attempt : 1;
    if (retryDelaySeconds(signal.kind, next, signal.retryAfterSeconds) === null) {
      await giveUp(work, row, client, opened, signal, "import");
      return "failed";
    }
    await scheduleRetry(work, row, signal, next, "import", send);
    return "retrying";
  }
}

function importFailureSignal(error: unknown): (FailureSignal & { retryAfterSeconds?: number }) | undefined {
  if (error instanceof ImportError) return { kind: error.kind, message: error.message };
  if (error instanceof UpstreamError)
    return { kind: error.kind, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  return undefined;
}

/**
 * Moves the download into the movie's folder under its naming format (client-side: setLocation +
 * renameFile for qBittorrent, set-location + rename-path for Transmission; SABnzbd reports its
 * storage path), then records the movie file, marks the movie hasFile, writes history
 * ("downloadFolderImported", and "upgraded" when it replaces a file) and notifies.
 */
async function importDownload(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow,
  opened: DownloadClient,
  item: ClientDownload,
): Promise<void> {
  const { db, logger } = work;
  const movie = await new MovieRepository(db).get(row.movieId);
  if (!movie) throw new ImportError("importFailed", `Movie ${row.movieId} is no longer in the library`);
  await db
    .update(downloads)
    .set({ trackedDownloadState: "importing", updatedAt: iso(work.now) })
    .where(eq(downloads.id, row.id));

  const files = await opened.files(row.downloadId);
  // A client that does not list a finished download's files (SABnzbd) names its folder instead.
  const video = files.length === 1 && files[0].folder ? files[0] : pickVideoFile(files);
  if (!video)
    throw new ImportError(
      "importFailed",
      files.length
        ? `No video file in the download (${files.length} files: ${files
            .slice(0, 3)
            .map((f) => lastPathSegment(f.path))
            .join(", ")})`
        : "The download has no files",
    );
  const naming = await readSettings(db, "naming");
  const parsed = parseMovieTitle(row.title);
  const quality = qualityById(row.quality.quality);
  // A folder's video file is not known by name: the movie file is recorded without an extension.
  const extension = video.folder ? "" : pathExtension(video.path);
  const newName = naming.renameMovies
    ? `${buildName(
        naming.standardMovieFormat,
        {
          movie: {
            title: movie.title,
            originalTitle: movie.originalTitle,
            year: movie.year,
            tmdbId: movie.tmdbId,
            imdbId: movie.imdbId,
            collection: movie.metadata.collection?.title,
          },
          quality: quality ? { name: quality.name, revision: row.quality.revision } : undefined,
          releaseGroup: parsed?.releaseGroup ?? "",
          edition: parsed?.edition ?? "",
          sceneName: row.title,
        },
        naming,
      )}${extension}`
    : lastPathSegment(video.path);
  const [existing] = await db.select().from(movieFiles).where(eq(movieFiles.movieId, movie.id));
  // The same download imported again (a retried import) replaces nothing.
  const previous = existing && existing.downloadId !== row.downloadId ? existing : undefined;
  const isUpgrade = previous !== undefined;
  // An upgrade named like the file it replaces (a better score, same quality) needs the name free.
  if (previous && previous.relativePath === newName) await removeReplacedFile(work, previous, row);
  const moved = await opened.moveAndRename(item, movie.path, video, newName);

  const now = iso(work.now);
  const fileSize = video.size || row.size;
  const relativePath = moved.path.startsWith(`${movie.path}/`) ? moved.path.slice(movie.path.length + 1) : newName;
  const fileValues = {
    movieId: movie.id,
    relativePath,
    path: moved.path,
    size: fileSize,
    quality: row.quality,
    customFormatIds: row.customFormatIds,
    customFormatScore: row.customFormatScore,
    languages: row.languages,
    releaseGroup: parsed?.releaseGroup || null,
    edition: parsed?.edition || null,
    sceneName: row.title,
    downloadClientId: client.id,
    downloadId: row.downloadId,
    dateAdded: now,
  };
  const historyBase = { ...historyOf(row), date: now };
  await db.batch([
    existing
      ? db.update(movieFiles).set(fileValues).where(eq(movieFiles.id, existing.id))
      : db.insert(movieFiles).values(fileValues),
    db.update(movies).set({ hasFile: true, sizeOnDisk: fileSize, updatedAt: now }).where(eq(movies.id, movie.id)),
    db
      .update(downloads)
      .set({
        status: "completed",
        trackedDownloadState: "imported",
        trackedDownloadStatus: "ok",
        statusMessages: moved.renamed
          ? []
          : [
              {
                title: row.title,
                messages: [`${client.name} keeps the files at ${item.outputPath ?? "its storage path"}`],
              },
            ],
        progress: 1,
        sizeleft: 0,
        failureKind: null,
        errorMessage: null,
        nextRetryAt: null,
        importedAt: now,
        completedAt: row.completedAt ?? now,
        updatedAt: now,
      })
      .where(eq(downloads.id, row.id)),
    db.insert(movieHistory).values({
      ...historyBase,
      eventType: "downloadFolderImported",
      data: {
        importedPath: moved.path,
        droppedPath: item.outputPath ?? "",
        downloadClient: client.implementation,
        downloadClientName: client.name,
        size: String(fileSize),
        renamedByClient: String(moved.renamed),
      },
    }),
    ...(previous
      ? [
          db.insert(movieHistory).values({
            ...historyBase,
            eventType: "upgraded",
            fromQuality: previous.quality,
            fromFormatScore: previous.customFormatScore,
            data: {
              previousPath: previous.path,
              previousSceneName: previous.sceneName ?? "",
              importedPath: moved.path,
            },
          }),
        ]
      : []),
  ]);
  logger?.info("download imported", { queueId: row.id, movieId: movie.id, path: moved.path, upgrade: isUpgrade });
  if (previous) await removeReplacedFile(work, previous, row);
  if (!moved.renamed && client.removeCompletedDownloads)
    await opened
      .remove(row.downloadId, false)
      .catch((error) => logger?.warn("could not remove the completed download", { error: (error as Error).message }));
  await notifyImport(work, movie, row, moved.path, previous);
}

/** The file an upgrade replaced: deleted through the client that downloaded it when it still has it. */
async function removeReplacedFile(
  work: DownloadWork,
  previous: typeof movieFiles.$inferSelect,
  replacing: DownloadRow,
) {
  if (!previous.downloadClientId || !previous.downloadId || previous.downloadId === replacing.downloadId) return;
  const client = await clientRow(work.db, previous.downloadClientId);
  if (!client) return;
  try {
    const opened = await openDownloadClient(work.env, client, work.logger);
    const [still] = await opened.list([previous.downloadId]);
    if (still) await opened.remove(previous.downloadId, true);
  } catch (error) {
    work.logger?.warn("could not delete the replaced file through its client", { error: (error as Error).message });
  }
}

async function notifyImport(
  work: DownloadWork,
  movie: MovieRow,
  row: DownloadRow,
  path: string,
  previous: typeof movieFiles.$inferSelect | undefined,
) {
  const quality = qualityById(row.quality.quality)?.name ?? "Unknown";
  const payload = {
    movie: { id: movie.id, title: movie.title, year: movie.year, tmdbId: movie.tmdbId, folderPath: movie.path },
    movieFile: { relativePath: lastPathSegment(path), path, quality, sceneName: row.title, size: row.size },
    isUpgrade: previous !== undefined,
    downloadId: row.downloadId,
  };
  const send = (event: "download" | "upgrade", message: string) =>
    notify(work.env, work.db, event, { message, ...payload }).catch((error) =>
      work.logger?.warn("import notification failed", { error: (error as Error).message }),
    );
  if (previous) {
    const from = qualityById(previous.quality.quality)?.name ?? "Unknown";
    await send(
      "upgrade",
      `${movie.title} (${movie.year}) upgraded from ${from} (score ${previous.customFormatScore}) to ${quality} (score ${row.customFormatScore})`,
    );
  }
  await send("download", `${movie.title} (${movie.year}) imported: ${lastPathSegment(path)} (${quality})`);
}

// ---------------------------------------------------------------------------------------------
// Queue messages

/**
 * One downloads-queue message. Resolves when the work is done or given up (ack); throws
 * RetryLater when it should come back after a delay.
 */
export async function runDownloadJob(
  work: DownloadWork,
  message: DownloadJobMessage,
  delivery: { attempts: number },
): Promise<void> {
  const row = await downloadRow(work.db, message.queueId);
  if (!row || row.grabbedAt !== message.grabbedAt) return;
  if (message.action === "redownload") {
    // The first delivery is the first retry of the search made when the download failed.
    await redownload(work, row, delivery.attempts);
    return;
  }
  if (!(ACTIVE_DOWNLOAD_STATES as readonly string[]).includes(row.trackedDownloadState)) return;
  const client = await clientRow(work.db, row.downloadClientId);
  if (!client) return;
  if (message.action === "grab") {
    // A duplicate delivery after the grab went out sends nothing.
    if (row.trackedDownloadState === "grabPending") await retryGrab(work, row, client);
    return;
  }
  const opened = await openDownloadClient(work.env, client, work.logger);

  let item: ClientDownload | undefined;
  try {
    [item] = await opened.list([row.downloadId]);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    // The client itself is unreachable: check again on the client failure's own schedule.
    throw new RetryLater(retryDelaySeconds(error.kind, 1, error.retryAfterSeconds) ?? 60);
  }
  if (!item) {
    await work.db
      .update(downloads)
      .set({ trackedDownloadState: "removed", status: "failed", nextRetryAt: null, updatedAt: iso(work.now) })
      .where(eq(downloads.id, row.id));
    return;
  }
  if (message.action === "import" || (item.status === "completed" && !failureSignalOf(item))) {
    const step = await attemptImport(work, row, client, opened, item, row.retryCount + 1, false);
    if (step === "retrying") throw new RetryLater(await currentDelay(work, row.id));
    return;
  }
  const signal = failureSignalOf(item);
  if (!signal) {
    await work.db
      .update(downloads)
      .set({
        failureKind: null,
        retryCount: 0,
        nextRetryAt: null,
        errorMessage: null,
        trackedDownloadStatus: "ok",
        statusMessages: [],
        updatedAt: iso(work.now),
      })
      .where(eq(downloads.id, row.id));
    return;
  }
  const attempt = row.failureKind === signal.kind ? row.retryCount + 1 : 1;
  if (attempt > RETRY_POLICIES[signal.kind].maxRetries) {
    await giveUp(work, row, client, opened, signal, "recheck");
    return;
  }
  await retryAction(work, opened, row, signal.kind);
  throw new RetryLater(await scheduleRetry(work, row, signal, attempt, "recheck", false));
}

async function currentDelay(work: DownloadWork, id: number): Promise<number> {
  const row = await downloadRow(work.db, id);
  if (!row?.nextRetryAt) return 60;
  return Math.max(0, Math.round((Date.parse(row.nextRetryAt) - work.now) / 1000));
}

/** A pending grab sent again; the client failure's policy decides the next try, or the dead letter. */
async function retryGrab(work: DownloadWork, row: DownloadRow, client: DownloadClientRow): Promise<void> {
  try {
    await sendPendingGrab(work.env, work.db, work.logger, row, client);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    recordDownloadFailureMetric(error.kind, "grab");
    const attempt = row.failureKind === error.kind ? row.retryCount + 1 : 1;
    const signal = { kind: error.kind, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
    if (!isTransient(error.kind) || retryDelaySeconds(error.kind, attempt, error.retryAfterSeconds) === null) {
      await giveUp(work, row, client, undefined, signal, "grab");
      return;
    }
    throw new RetryLater(await scheduleRetry(work, row, signal, attempt, "recheck", false));
  }
}

/**
 * What the dead-letter consumer records for a download whose retries ran out: the queue item
 * failed, history "downloadFailed", and the DownloadFailure notification (health shows it for a
 * day). Idempotent: a row already recorded is left alone.
 */
export async function recordDeadLetter(work: DownloadWork, message: DownloadJobMessage): Promise<void> {
  const { db, env, logger } = work;
  const row = await downloadRow(db, message.queueId);
  if (!row || row.grabbedAt !== message.grabbedAt || row.deadLetteredAt) return;
  const kind = row.failureKind ?? "upstreamError";
  const what = message.action === "redownload" ? "Search for another release" : row.title;
  const reason = row.errorMessage ?? "gave up after the last retry";
  await db.batch([
    db
      .update(downloads)
      .set({
        ...(message.action === "redownload"
          ? {}
          : { status: "failed", trackedDownloadState: "failed", trackedDownloadStatus: "error" }),
        nextRetryAt: null,
        deadLetteredAt: iso(work.now),
        updatedAt: iso(work.now),
      })
      .where(eq(downloads.id, row.id)),
    db.insert(movieHistory).values({
      ...historyOf(row),
      eventType: "downloadFailed",
      data: {
        reason: kind,
        message: reason,
        stage: message.action,
        retries: String(row.retryCount),
        deadLettered: "true",
      },
      date: iso(work.now),
    }),
  ]);
  const movie = await new MovieRepository(db).get(row.movieId);
  const payload = {
    message: `${movie?.title ?? `Movie ${row.movieId}`}: ${what} failed after ${row.retryCount} retries (${kind}): ${reason}`,
    failureKind: kind,
    downloadId: row.downloadId,
    stage: message.action,
  };
  // A failure retries could not fix is a download failure and a health issue (DownloadFailureCheck).
  for (const event of ["downloadFailure", "healthIssue"] as const)
    await notify(env, db, event, payload).catch((error) =>
      logger?.warn("failure notification failed", { event, error: (error as Error).message }),
    );
}

// ---------------------------------------------------------------------------------------------
// Queue removal

export interface QueueRemoval {
  removeFromClient: boolean;
  blocklist: boolean;
  /** With blocklist: do not search for another release. */
  skipRedownload: boolean;
}

/**
 * Removes a queue item (Radarr's DELETE /queue/{id}): from the client with its data when asked,
 * onto the blocklist when asked (recorded as a failed download, then the next-best release is
 * grabbed unless skipRedownload). The row stays as "removed" for history.
 */
export async function removeFromQueue(work: DownloadWork, row: DownloadRow, removal: QueueRemoval): Promise<void> {
  const { db } = work;
  const client = await clientRow(db, row.downloadClientId);
  if (removal.removeFromClient && client && row.downloadId) {
    const opened = await openDownloadClient(work.env, client, work.logger);
    await opened.remove(row.downloadId, true);
  }
  const message = "Removed from the queue by the user";
  await db.batch([
    db
      .update(downloads)
      .set({
        trackedDownloadState: "removed",
        status: removal.blocklist ? "failed" : row.status,
        nextRetryAt: null,
        statusMessages: [
          { title: row.title, messages: [message, ...(removal.blocklist ? ["Release blocklisted"] : [])] },
        ],
        updatedAt: iso(work.now),
      })
      .where(eq(downloads.id, row.id)),
    ...(removal.blocklist
      ? [
          blocklistInsert(db, row, "manual", message, work.now),
          db.insert(movieHistory).values({
            ...historyOf(row),
            eventType: "downloadFailed",
            data: { reason: "manual", message, indexer: row.indexer, downloadClientName: client?.name ?? "" },
            date: iso(work.now),
          }),
        ]
      : []),
  ]);
  if (removal.blocklist && !removal.skipRedownload) await redownload(work, row);
}
