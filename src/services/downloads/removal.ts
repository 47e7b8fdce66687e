import { downloadRepository } from "../../db/repositories/downloads";
import { historyRepository } from "../../db/repositories/history";
import { openDownloadClient } from "../downloadClients";
import type { DownloadRow } from "../grab";
import { blocklistInsert, redownloadIfWanted } from "./failureHandling";
import { clientRow, type DownloadWork, historyOf, iso } from "./work";

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
  const downloads = downloadRepository(db);
  await downloads.batch([
    downloads.update(row.id, {
      trackedDownloadState: "removed",
      status: removal.blocklist ? "failed" : row.status,
      nextRetryAt: null,
      statusMessages: [
        { title: row.title, messages: [message, ...(removal.blocklist ? ["Release blocklisted"] : [])] },
      ],
      updatedAt: iso(work.now),
    }),
    ...(removal.blocklist
      ? [
          blocklistInsert(db, row, "manual", message, work.now),
          historyRepository(db).insert({
            ...historyOf(row),
            eventType: "downloadFailed",
            data: { reason: "manual", message, indexer: row.indexer, downloadClientName: client?.name ?? "" },
            date: iso(work.now),
          }),
        ]
      : []),
  ]);
  if (removal.blocklist && !removal.skipRedownload) await redownloadIfWanted(work, row);
}
