import { downloadRepository } from "../../db/repositories/downloads";
import { isUpstreamFailure } from "../../domain/failures/failure";
import { isTransient } from "../../domain/failures/kinds";
import { RETRY_POLICIES, retryDelaySeconds } from "../../domain/failures/policies";
import type { ClientDownload } from "../../integrations/downloadClient";
import { recordDownloadFailureMetric } from "../../observability/metrics";
import { type DownloadClientRow, openDownloadClient } from "../downloadClients";
import { ACTIVE_DOWNLOAD_STATES, type DownloadRow, sendPendingGrab } from "../grab";
import { withRemotePaths } from "../remotePathMappings";
import { giveUp, redownload, retryAction, scheduleRetry } from "./failureHandling";
import { attemptImport } from "./import";
import type { DownloadJobMessage } from "./jobQueue";
import {
  clientRow,
  type DownloadWork,
  downloadRow,
  failureSignalOf,
  iso,
  JOB_DONE,
  type JobOutcome,
  retryJobIn,
} from "./work";

/**
 * One downloads-queue message: done when the work is done or given up (ack), or to be retried
 * after a delay.
 */
export async function runDownloadJob(
  work: DownloadWork,
  message: DownloadJobMessage,
  delivery: { attempts: number },
): Promise<JobOutcome> {
  const row = await downloadRow(work.db, message.queueId);
  if (!row || row.grabbedAt !== message.grabbedAt) return JOB_DONE;
  if (message.action === "redownload") {
    // The first delivery is the first retry of the search made when the download failed.
    return redownload(work, row, delivery.attempts);
  }
  if (!(ACTIVE_DOWNLOAD_STATES as readonly string[]).includes(row.trackedDownloadState)) return JOB_DONE;
  const client = await clientRow(work.db, row.downloadClientId);
  if (!client) return JOB_DONE;
  if (message.action === "grab") {
    // A duplicate delivery after the grab went out sends nothing.
    return row.trackedDownloadState === "grabPending" ? retryGrab(work, row, client) : JOB_DONE;
  }
  const opened = await withRemotePaths(work.db, client, await openDownloadClient(work.env, client, work.logger));

  let item: ClientDownload | undefined;
  try {
    [item] = await opened.list([row.downloadId]);
  } catch (error) {
    if (!isUpstreamFailure(error)) throw error;
    // The client itself is unreachable: check again on the client failure's own schedule.
    return retryJobIn(retryDelaySeconds(error.kind, 1, error.retryAfter) ?? 60);
  }
  if (!item) {
    await downloadRepository(work.db).update(row.id, {
      trackedDownloadState: "removed",
      status: "failed",
      nextRetryAt: null,
      updatedAt: iso(work.now),
    });
    return JOB_DONE;
  }
  if (message.action === "import" || (item.status === "completed" && !failureSignalOf(item))) {
    const step = await attemptImport(work, row, client, opened, item, row.retryCount + 1, false);
    return step === "retrying" ? retryJobIn(await currentDelay(work, row.id)) : JOB_DONE;
  }
  const signal = failureSignalOf(item);
  if (!signal) {
    await downloadRepository(work.db).update(row.id, {
      failureKind: null,
      retryCount: 0,
      nextRetryAt: null,
      errorMessage: null,
      trackedDownloadStatus: "ok",
      statusMessages: [],
      updatedAt: iso(work.now),
    });
    return JOB_DONE;
  }
  const attempt = row.failureKind === signal.kind ? row.retryCount + 1 : 1;
  if (attempt > RETRY_POLICIES[signal.kind].maxRetries) {
    await giveUp(work, row, client, opened, signal, "recheck");
    return JOB_DONE;
  }
  await retryAction(work, opened, row, signal.kind);
  return retryJobIn(await scheduleRetry(work, row, signal, attempt, "recheck", false));
}

async function currentDelay(work: DownloadWork, id: number): Promise<number> {
  const row = await downloadRow(work.db, id);
  if (!row?.nextRetryAt) return 60;
  return Math.max(0, Math.round((Date.parse(row.nextRetryAt) - work.now) / 1000));
}

/** A pending grab sent again; the client failure's policy decides the next try, or the dead letter. */
async function retryGrab(work: DownloadWork, row: DownloadRow, client: DownloadClientRow): Promise<JobOutcome> {
  try {
    await sendPendingGrab(work, row, client);
    return JOB_DONE;
  } catch (error) {
    if (!isUpstreamFailure(error)) throw error;
    recordDownloadFailureMetric(error.kind, "grab");
    const attempt = row.failureKind === error.kind ? row.retryCount + 1 : 1;
    const signal = { kind: error.kind, message: error.message, retryAfterSeconds: error.retryAfter };
    if (!isTransient(error.kind) || retryDelaySeconds(error.kind, attempt, error.retryAfter) === null) {
      await giveUp(work, row, client, undefined, signal, "grab");
      return JOB_DONE;
    }
    return retryJobIn(await scheduleRetry(work, row, signal, attempt, "recheck", false));
  }
}
