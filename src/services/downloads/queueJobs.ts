import { eq } from "drizzle-orm";
import { downloads } from "../../db/schema";
import { isTransient } from "../../domain/failures/kinds";
import { RETRY_POLICIES, retryDelaySeconds } from "../../domain/failures/policies";
import type { ClientDownload } from "../../integrations/downloadClient";
import { UpstreamError } from "../../integrations/http";
import { recordDownloadFailureMetric } from "../../observability/metrics";
import { type DownloadClientRow, openDownloadClient } from "../downloadClients";
import { ACTIVE_DOWNLOAD_STATES, type DownloadRow, sendPendingGrab } from "../grab";
import { giveUp, redownload, retryAction, scheduleRetry } from "./failureHandling";
import { attemptImport } from "./import";
import type { DownloadJobMessage } from "./jobQueue";
import { clientRow, type DownloadWork, downloadRow, failureSignalOf, iso, RetryLater } from "./work";

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
