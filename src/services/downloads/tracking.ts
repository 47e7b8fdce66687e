import { type BatchStatement, downloadRepository } from "../../db/repositories/downloads";
import { isUpstreamFailure } from "../../domain/failures/failure";
import type { FailureSignal } from "../../domain/failures/signals";
import type { ClientDownload, DownloadClient } from "../../integrations/downloadClient";
import { recordDownloadFailureMetric } from "../../observability/metrics";
import { type DownloadClientRow, openDownloadClient } from "../downloadClients";
import type { DownloadRow } from "../grab";
import { withRemotePaths } from "../remotePathMappings";
import { readSettings } from "../settings";
import { startFailureHandling } from "./failureHandling";
import { attemptImport } from "./import";
import { type DownloadWork, failureSignalOf, iso } from "./work";

/** Polling the clients (Radarr's DownloadMonitoringService). */

const LOST_RETRY_GRACE_MS = 60 * 60 * 1000;

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
  const { db } = work;
  const outcome: RefreshOutcome = {
    clients: 0,
    checked: 0,
    imported: 0,
    retrying: 0,
    failed: 0,
    removed: 0,
    errors: [],
  };
  const repository = downloadRepository(db);
  const rows = await repository.monitored();
  const byClient = new Map<number, DownloadRow[]>();
  for (const row of rows) byClient.set(row.downloadClientId, [...(byClient.get(row.downloadClientId) ?? []), row]);
  const clients = byClient.size ? await repository.clientsByIds([...byClient.keys()]) : [];
  // Radarr's completed download handling: off, finished downloads wait in the queue for a manual import.
  const { enableCompletedDownloadHandling } = await readSettings(db, "downloadclient");
  for (const client of clients) {
    outcome.clients++;
    await pollClient(work, client, byClient.get(client.id) ?? [], outcome, {
      ...options,
      importCompleted: enableCompletedDownloadHandling,
    });
  }
  return outcome;
}

/** One client's list call, its downloads' progress in one batch, then their follow-ups. */
async function pollClient(
  work: DownloadWork,
  client: DownloadClientRow,
  clientRows: readonly DownloadRow[],
  outcome: RefreshOutcome,
  options: { onlyFinished?: boolean; importCompleted: boolean },
) {
  const downloads = downloadRepository(work.db);
  const opened = await withRemotePaths(work.db, client, await openDownloadClient(work.env, client, work.logger));
  let items: ClientDownload[];
  try {
    items = await opened.list(clientRows.map((r) => r.downloadId));
  } catch (error) {
    if (!isUpstreamFailure(error)) throw error;
    outcome.errors.push(`${client.name}: ${error.message}`);
    recordDownloadFailureMetric(error.kind, "download");
    await markUnavailable(work, client, clientRows, error.message);
    return;
  }
  const byId = new Map(items.map((item) => [item.downloadId, item]));
  const updates: BatchStatement[] = [];
  const followUps: (() => Promise<void>)[] = [];
  for (const row of clientRows) {
    outcome.checked++;
    const item = byId.get(row.downloadId);
    if (!item) {
      outcome.removed++;
      updates.push(removedUpdate(work, row, client.name));
      continue;
    }
    // The queue owns a scheduled retry; a message lost for an hour past its time falls back to the poll.
    const retryScheduled = row.nextRetryAt !== null && Date.parse(row.nextRetryAt) + LOST_RETRY_GRACE_MS > work.now;
    const signal = failureSignalOf(item);
    updates.push(downloads.update(row.id, progressOf(row, item, signal, work.now)));
    if (options.onlyFinished && item.status !== "completed") continue;
    if (retryScheduled) {
      outcome.retrying++;
      continue;
    }
    if (!signal && !options.importCompleted) continue;
    const followUp = followUpOf(work, row, client, opened, item, signal, outcome);
    if (followUp) followUps.push(followUp);
  }
  await downloads.batch(updates);
  for (const followUp of followUps) {
    try {
      await followUp();
    } catch (error) {
      outcome.errors.push((error as Error).message);
      work.logger.error("download follow-up failed", { error: (error as Error).message });
    }
  }
}

/** What a polled download needs next: failure handling for a signal, the import once completed. */
function followUpOf(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow,
  opened: DownloadClient,
  item: ClientDownload,
  signal: FailureSignal | undefined,
  outcome: RefreshOutcome,
): (() => Promise<void>) | undefined {
  if (signal) {
    return async () => {
      const result = await startFailureHandling(work, row, client, opened, signal);
      if (result === "failed") outcome.failed++;
      else outcome.retrying++;
    };
  }
  if (item.status !== "completed") return undefined;
  return async () => {
    const result = await attemptImport(work, row, client, opened, item);
    if (result === "imported") outcome.imported++;
    else if (result === "failed") outcome.failed++;
    else outcome.retrying++;
  };
}

/** A client that cannot be reached: its downloads show it as a warning. */
async function markUnavailable(
  work: DownloadWork,
  client: DownloadClientRow,
  rows: readonly DownloadRow[],
  message: string,
) {
  const downloads = downloadRepository(work.db);
  await downloads.batch(
    rows.map((row) =>
      downloads.update(row.id, {
        trackedDownloadStatus: "warning",
        statusMessages: [{ title: `${client.name} is unavailable`, messages: [message] }],
        updatedAt: iso(work.now),
      }),
    ),
  );
}

/** A download its client no longer lists: removed (outside this app). */
function removedUpdate(work: DownloadWork, row: DownloadRow, clientName: string) {
  return downloadRepository(work.db).update(row.id, {
    trackedDownloadState: "removed",
    status: "failed",
    trackedDownloadStatus: "warning",
    statusMessages: [{ title: row.title, messages: [`Removed from ${clientName}`] }],
    nextRetryAt: null,
    updatedAt: iso(work.now),
  });
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
