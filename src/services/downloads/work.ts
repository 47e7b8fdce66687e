import * as clock from "../../clock";
import type { Database } from "../../db/client";
import { downloadRepository } from "../../db/repositories/downloads";
import { downloadClientRepository } from "../../db/repositories/providers";
import type { FailureSignal } from "../../domain/failures/signals";
import type { ClientDownload } from "../../integrations/downloadClient";
import type { ServiceContext } from "../context";
import type { DownloadClientRow } from "../downloadClients";
import type { DownloadRow } from "../grab";

/**
 * The download lifecycle after a grab (Radarr's DownloadMonitoringService, CompletedDownloadService
 * and FailedDownloadService): polling the clients, importing finished downloads into the movie's
 * folder, and handling failures by the failure taxonomy — retries on the downloads queue, the
 * blocklist, and a grab of the next-best release.
 */

export interface DownloadWork extends ServiceContext {
  /** Epoch milliseconds; tests move it to see timeouts pass. */
  readonly now: number;
}

/** The download work of a service context, at the clock's now. */
export const downloadWork = (ctx: ServiceContext): DownloadWork => ({ ...ctx, now: clock.now() });

const STALL_MESSAGE = "The download is stalled with no connections";

export const iso = (ms: number) => new Date(ms).toISOString();

/** The signal a client download carries: the client's failure, else a stall. */
export function failureSignalOf(item: ClientDownload): FailureSignal | undefined {
  if (item.failure) return item.failure;
  if (item.stalled) return { kind: "downloadStalled", message: item.message ?? STALL_MESSAGE };
  return undefined;
}

/** The history columns every event about a queued download shares: its movie, release and quality. */
export function historyOf(row: DownloadRow) {
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

export function clientRow(db: Database, id: number): Promise<DownloadClientRow | undefined> {
  return downloadClientRepository(db).get(id);
}

export function downloadRow(db: Database, id: number): Promise<DownloadRow | undefined> {
  return downloadRepository(db).get(id);
}

/** How a downloads-queue job ended: done (ack the message) or to be retried after `delaySeconds`. */
export type JobOutcome = { retry: false } | { retry: true; delaySeconds: number };

export const JOB_DONE: JobOutcome = { retry: false };

export const retryJobIn = (delaySeconds: number): JobOutcome => ({ retry: true, delaySeconds });
