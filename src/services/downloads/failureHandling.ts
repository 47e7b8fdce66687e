import type { Database } from "../../db/client";
import { blocklistRepository } from "../../db/repositories/blocklist";
import { downloadRepository } from "../../db/repositories/downloads";
import { historyRepository } from "../../db/repositories/history";
import { MovieRepository } from "../../db/repositories/movies";
import { isUpstreamFailure } from "../../domain/failures/failure";
import { type FailureKind, isTransient } from "../../domain/failures/kinds";
import {
  blockedUntil,
  DOWNLOAD_FAILURE_HANDLING,
  RETRY_POLICIES,
  retryDelaySeconds,
} from "../../domain/failures/policies";
import type { FailureSignal } from "../../domain/failures/signals";
import type { DownloadClient } from "../../integrations/downloadClient";
import { recordDownloadFailureMetric } from "../../observability/metrics";
import type { DownloadClientRow } from "../downloadClients";
import { type DownloadRow, releaseFromRow } from "../grab";
import { notify } from "../notifications";
import { searchAndGrab } from "../releaseSearch/movieSearch";
import { readSettings } from "../settings";
import { type DownloadJobMessage, enqueueDownloadJob } from "./jobQueue";
import { notifyManualInteraction } from "./manualInteraction";
import { type DownloadWork, historyOf, iso, JOB_DONE, type JobOutcome, retryJobIn } from "./work";

/**
 * Failures and retries (Radarr's FailedDownloadService): retries on the downloads queue by the
 * failure taxonomy's policy, then the blocklist and a grab of the next-best release, or the
 * dead-letter queue.
 */

type FailureStep = "retrying" | "failed";

/**
 * What a retry does for a failing download: a stall asks for peers again, anything else re-checks
 * the data. A client that queues the download again under a new id (SABnzbd) has the row follow it.
 */
export async function retryAction(work: DownloadWork, opened: DownloadClient, row: DownloadRow, kind: FailureKind) {
  try {
    if (kind === "downloadStalled") {
      await opened.reannounce(row.downloadId);
      return;
    }
    const id = await opened.recheck(row.downloadId);
    if (id !== row.downloadId) {
      await downloadRepository(work.db).update(row.id, { downloadId: id });
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
export async function startFailureHandling(
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
export async function scheduleRetry(
  work: DownloadWork,
  row: DownloadRow,
  signal: FailureSignal & { retryAfterSeconds?: number },
  attempt: number,
  action: "recheck" | "import",
  send = true,
): Promise<number> {
  const delay = retryDelaySeconds(signal.kind, attempt, signal.retryAfterSeconds) ?? 0;
  await downloadRepository(work.db).update(row.id, {
    failureKind: signal.kind,
    errorMessage: signal.message,
    retryCount: attempt,
    nextRetryAt: iso(work.now + delay * 1000),
    trackedDownloadStatus: "warning",
    ...(action === "import" ? { trackedDownloadState: "importPending" as const } : {}),
    statusMessages: [
      {
        title: row.title,
        messages: [signal.message, `Retry ${attempt} of ${RETRY_POLICIES[signal.kind].maxRetries} in ${delay} s`],
      },
    ],
    updatedAt: iso(work.now),
  });
  if (send) await enqueueDownloadJob(work.env, { action, queueId: row.id, grabbedAt: row.grabbedAt }, delay);
  return delay;
}

/**
 * The retries ran out (or the kind allows none). A bad release is failed: blocklisted (where
 * its kind says), removed from the client, and the next-best release grabbed. A failure on our
 * side or the client's goes to the dead-letter queue, whose consumer records it.
 */
export async function giveUp(
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
  const statusMessages = [{ title: row.title, messages: [signal.message, "Retries exhausted"] }];
  await downloadRepository(work.db).update(row.id, {
    failureKind: signal.kind,
    errorMessage: signal.message,
    nextRetryAt: null,
    trackedDownloadState: action === "grab" ? row.trackedDownloadState : "failedPending",
    trackedDownloadStatus: "error",
    statusMessages,
    updatedAt: iso(work.now),
  });
  await work.env.DOWNLOAD_DLQ.send({ action, queueId: row.id, grabbedAt: row.grabbedAt } as DownloadJobMessage);
  // A finished download nothing will import or replace now waits for the user.
  if (action === "import") await notifyManualInteraction(work, row, client, signal, statusMessages);
}

/** Puts a release on the blocklist for the movie (on failure, or a queue removal with blocklist=true). */
export function blocklistInsert(
  db: Database,
  row: DownloadRow,
  reason: FailureKind | "manual",
  message: string,
  now: number,
) {
  const release = releaseFromRow(row);
  const infoHash = row.protocol === "torrent" ? (release.infoHash?.toLowerCase() ?? (row.downloadId || null)) : null;
  return blocklistRepository(db).insert({
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
  const { db, logger } = work;
  const blocklisted = DOWNLOAD_FAILURE_HANDLING[signal.kind].blocklistDays !== null;
  const messages = [signal.message, ...(blocklisted ? ["Release blocklisted"] : [])];
  const downloads = downloadRepository(db);
  await downloads.batch([
    downloads.update(row.id, {
      status: "failed",
      trackedDownloadState: "failed",
      trackedDownloadStatus: "error",
      failureKind: signal.kind,
      errorMessage: signal.message,
      nextRetryAt: null,
      statusMessages: [{ title: row.title, messages }],
      updatedAt: iso(work.now),
    }),
    historyRepository(db).insert({
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
  await notify(work, "downloadFailure", {
    message: `${movie?.title ?? `Movie ${row.movieId}`}: ${row.title} failed (${signal.kind}): ${signal.message}`,
    movie: movie ? { id: movie.id, title: movie.title, year: movie.year, tmdbId: movie.tmdbId } : undefined,
    release: { releaseTitle: row.title, indexer: row.indexer, size: row.size },
    failureKind: signal.kind,
    downloadId: row.downloadId,
  }).catch((error) => logger?.warn("failure notification failed", { error: (error as Error).message }));
  await redownloadIfWanted(work, row);
}

/**
 * Radarr's automatic redownload after a failure: only when the download client settings ask for
 * it (`autoRedownloadFailed`; for a release grabbed from an interactive search, also
 * `autoRedownloadFailedFromInteractiveSearch`).
 */
export async function redownloadIfWanted(work: DownloadWork, failed: DownloadRow): Promise<void> {
  const settings = await readSettings(work.db, "downloadclient");
  const wanted =
    settings.autoRedownloadFailed &&
    (failed.source !== "interactive" || settings.autoRedownloadFailedFromInteractiveSearch);
  if (wanted) await redownload(work, failed);
}

/**
 * Searches for and grabs the next-best release after `failed`. A search that fails transiently
 * is retried on the downloads queue by its kind's policy (`retry` is the retry this is: 0 for the
 * search right after the failure); past the policy it goes to the dead-letter queue.
 */
export async function redownload(work: DownloadWork, failed: DownloadRow, retry = 0): Promise<JobOutcome> {
  const { db, logger } = work;
  const downloads = downloadRepository(db);
  const note = async (message: string) => {
    const existing = (await downloads.statusMessages(failed.id))?.[0]?.messages ?? [];
    await downloads.update(failed.id, { statusMessages: [{ title: failed.title, messages: [...existing, message] }] });
  };
  try {
    const { grabbed } = await searchAndGrab(work, failed.movieId);
    await note(
      grabbed ? `Grabbed the next-best release: ${grabbed.release.title}` : "No other acceptable release found",
    );
    return JOB_DONE;
  } catch (error) {
    if (!isUpstreamFailure(error) || !isTransient(error.kind)) {
      await note(`Searching for another release failed: ${(error as Error).message}`);
      logger?.warn("re-search after a failure failed", { queueId: failed.id, error: (error as Error).message });
      return JOB_DONE;
    }
    recordDownloadFailureMetric(error.kind, "search");
    const delay = retryDelaySeconds(error.kind, retry + 1, error.retryAfter);
    if (delay === null) {
      await note(`Searching for another release failed after ${retry} retries: ${error.message}`);
      await work.env.DOWNLOAD_DLQ.send({ action: "redownload", ...redownloadRef(failed) });
      return JOB_DONE;
    }
    await note(`Searching for another release failed (${error.kind}); retry ${retry + 1} in ${delay} s`);
    // A queued re-search is retried by its own message; the first one is put on the queue here.
    if (retry > 0) return retryJobIn(delay);
    await enqueueDownloadJob(work.env, { action: "redownload", ...redownloadRef(failed) }, delay);
    return JOB_DONE;
  }
}

const redownloadRef = (row: DownloadRow) => ({
  queueId: row.id,
  movieId: row.movieId,
  grabbedAt: row.grabbedAt,
});
