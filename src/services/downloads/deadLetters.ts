import { downloadRepository } from "../../db/repositories/downloads";
import { historyRepository } from "../../db/repositories/history";
import { MovieRepository } from "../../db/repositories/movies";
import { evaluateHealth } from "../healthEvents";
import { notify } from "../notifications";
import type { DownloadJobMessage } from "./jobQueue";
import { type DownloadWork, downloadRow, historyOf, iso } from "./work";

/**
 * What the dead-letter consumer records for a download whose retries ran out: the queue item
 * failed, history "downloadFailed", the DownloadFailure notification, and the health evaluation
 * that raises its health issue (health shows it for a day). Idempotent: a row already recorded is left alone.
 */
export async function recordDeadLetter(work: DownloadWork, message: DownloadJobMessage): Promise<void> {
  const { db, logger } = work;
  const row = await downloadRow(db, message.queueId);
  if (!row || row.grabbedAt !== message.grabbedAt || row.deadLetteredAt) return;
  const kind = row.failureKind ?? "upstreamError";
  const what = message.action === "redownload" ? "Search for another release" : row.title;
  const reason = row.errorMessage ?? "gave up after the last retry";
  const downloads = downloadRepository(db);
  await downloads.batch([
    downloads.update(row.id, {
      ...(message.action === "redownload"
        ? {}
        : { status: "failed", trackedDownloadState: "failed", trackedDownloadStatus: "error" }),
      nextRetryAt: null,
      deadLetteredAt: iso(work.now),
      updatedAt: iso(work.now),
    }),
    historyRepository(db).insert({
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
  await notify(work, "downloadFailure", payload).catch((error) =>
    logger?.warn("failure notification failed", { event: "downloadFailure", error: (error as Error).message }),
  );
  // It is a health issue too (DownloadFailureCheck): raised now by the health evaluation, which
  // keeps the failing checks, so the next CheckHealth does not tell of the same incident again.
  await evaluateHealth(work).catch((error) =>
    logger?.warn("health evaluation failed", { error: (error as Error).message }),
  );
}
