import { customFormatRepository } from "../../db/repositories/customFormats";
import { MovieRepository } from "../../db/repositories/movies";
import { systemEventRepository } from "../../db/repositories/systemEvents";
import type { FailureSignal } from "../../domain/failures/signals";
import { qualityById } from "../../domain/quality/qualities";
import type { DownloadClientRow } from "../downloadClients";
import type { DownloadRow } from "../grab";
import { notifyQuietly, webhookMovie } from "../notifications";
import { type DownloadWork, iso } from "./work";

/**
 * Radarr's ManualInteractionRequired, once per download: a finished download that could not be
 * imported automatically and that nothing here will retry or replace (its import ran out of
 * retries for a reason on our side or the client's: a full disk, a folder it may not write), so
 * it waits in the client for the user. The claim keyed by the queue item and its grab makes a
 * redelivered job, or a second isolate, raise it once.
 */
export async function notifyManualInteraction(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow | undefined,
  signal: FailureSignal,
  statusMessages: { title: string; messages: string[] }[],
): Promise<void> {
  const key = `manualInteractionRequired:${row.id}:${row.grabbedAt}`;
  if (!(await systemEventRepository(work.db).claimOnce(key, iso(work.now)))) return;
  const movie = await new MovieRepository(work.db).get(row.movieId);
  const formats = row.customFormatIds.length ? await customFormatRepository(work.db).getMany(row.customFormatIds) : [];
  const quality = qualityById(row.quality.quality)?.name ?? "Unknown";
  await notifyQuietly(work, "manualInteractionRequired", {
    message: movie ? `${movie.title} (${movie.year}) [${quality}]: ${signal.message}` : row.title,
    ...(movie ? { movie: webhookMovie(movie) } : {}),
    downloadInfo: { quality, qualityVersion: row.quality.revision.version, title: row.title, size: row.size },
    downloadClient: client?.name ?? "",
    downloadClientType: client?.implementation ?? "",
    downloadId: row.downloadId,
    downloadStatus: "Error",
    downloadStatusMessages: statusMessages,
    customFormatInfo: {
      customFormats: formats.map((f) => ({ id: f.id, name: f.name })),
      customFormatScore: row.customFormatScore,
    },
    release: { releaseTitle: row.title, indexer: row.indexer, size: row.size, indexerFlags: [] },
  });
}
