import { z } from "zod";
import { classifyFailureMessage, type FailureSignal } from "../../../domain/failures/signals";
import type { ClientDownload, DownloadStatus } from "../../../integrations/downloadClient";
import { joinPath } from "../http";

/** The fields read from `web.update_ui` / `core.get_torrent_status`. */
export const TORRENT_FIELDS = [
  "hash",
  "name",
  "state",
  "progress",
  "eta",
  "message",
  "is_finished",
  "save_path",
  "total_size",
  "total_done",
  "total_wanted",
  "download_payload_rate",
  "num_peers",
  "label",
] as const;

export const torrentSchema = z.object({
  hash: z.string(),
  name: z.string(),
  state: z.string(),
  progress: z.number(),
  eta: z.number().default(0),
  message: z.string().default("OK"),
  is_finished: z.boolean().default(false),
  save_path: z.string(),
  total_size: z.number().default(0),
  total_done: z.number().default(0),
  total_wanted: z.number().optional(),
  download_payload_rate: z.number().default(0),
  num_peers: z.number().default(0),
  label: z.string().optional(),
});
export type DelugeTorrent = z.infer<typeof torrentSchema>;

// Deluge 2 reports a torrent whose data is gone as "Missing or invalid torrent data!".
const MISSING_DATA = /missing or invalid torrent data|no such file or directory/i;

/**
 * What Deluge's Error state means: its `message` is libtorrent's error (the disk, permissions,
 * a failed hash check, data gone from disk), classified by the taxonomy.
 */
export function delugeErrorFailure(torrent: Pick<DelugeTorrent, "state" | "message">): FailureSignal | undefined {
  if (torrent.state !== "Error") return undefined;
  const message = torrent.message && torrent.message !== "OK" ? torrent.message : "Deluge reports an error";
  const kind = MISSING_DATA.test(message) ? "hashMismatch" : classifyFailureMessage(message);
  return { kind, message };
}

/**
 * Deluge has no stalled state: a torrent "Downloading" with nothing arriving and no peer
 * connected (its metadata known, so not a magnet still resolving) is stalled.
 */
export function delugeStalled(torrent: DelugeTorrent): boolean {
  return (
    torrent.state === "Downloading" &&
    torrent.total_size > 0 &&
    torrent.total_done < torrent.total_size &&
    torrent.download_payload_rate === 0 &&
    torrent.num_peers === 0
  );
}

/** Radarr's mapping of Deluge's states (Queued, Checking, Allocating, Moving, Downloading, Seeding, Paused, Error). */
function statusOf(torrent: DelugeTorrent): DownloadStatus {
  const done = torrent.is_finished || torrent.progress >= 100;
  switch (torrent.state) {
    case "Error":
      return "warning";
    case "Seeding":
      return "completed";
    case "Paused":
      return done ? "completed" : "paused";
    case "Queued":
    case "Checking":
    case "Allocating":
      return done ? "completed" : "queued";
    case "Moving":
      return "queued";
    default:
      return delugeStalled(torrent) ? "warning" : "downloading";
  }
}

export function toClientDownload(torrent: DelugeTorrent): ClientDownload {
  const size = torrent.total_wanted ?? torrent.total_size;
  const failure = delugeErrorFailure(torrent);
  const stalled = delugeStalled(torrent);
  return {
    downloadId: torrent.hash.toLowerCase(),
    title: torrent.name,
    status: statusOf(torrent),
    size,
    sizeleft: Math.max(0, size - torrent.total_done),
    progress: torrent.progress / 100,
    eta: torrent.eta > 0 ? torrent.eta : torrent.progress >= 100 ? 0 : null,
    outputPath: joinPath(torrent.save_path, torrent.name),
    ...(stalled ? { stalled, message: "The download is stalled with no connections" } : {}),
    ...(failure ? { failure, message: failure.message } : {}),
  };
}
