import { classifyFailureMessage, type FailureSignal } from "../../../domain/failures/signals";
import type { ClientDownload, DownloadStatus } from "../../../integrations/downloadClient";

/** The d.multicall2 commands read, in order. */
export const MULTICALL_FIELDS = [
  "d.hash=",
  "d.name=",
  "d.base_path=",
  "d.directory=",
  "d.custom1=",
  "d.size_bytes=",
  "d.left_bytes=",
  "d.down.rate=",
  "d.is_open=",
  "d.is_active=",
  "d.complete=",
  "d.hashing=",
  "d.message=",
  "d.peers_connected=",
  "d.is_multi_file=",
] as const;

export interface RTorrentItem {
  hash: string;
  name: string;
  basePath: string;
  directory: string;
  label: string;
  size: number;
  left: number;
  downRate: number;
  open: boolean;
  active: boolean;
  complete: boolean;
  hashing: boolean;
  message: string;
  peers: number;
  multiFile: boolean;
}

/** One d.multicall2 row as an item. */
export function itemOf(row: readonly unknown[]): RTorrentItem {
  const text = (i: number) => String(row[i] ?? "");
  const number = (i: number) => Number(row[i] ?? 0) || 0;
  return {
    hash: text(0).toLowerCase(),
    name: text(1),
    basePath: text(2),
    directory: text(3),
    label: decodeURIComponent(text(4)),
    size: number(5),
    left: number(6),
    downRate: number(7),
    open: number(8) === 1,
    active: number(9) === 1,
    complete: number(10) === 1,
    hashing: number(11) > 0,
    message: text(12),
    peers: number(13),
    multiFile: number(14) === 1,
  };
}

/**
 * rTorrent's `d.message` as the taxonomy: storage errors (a full disk, permissions), a hash check
 * that found bad chunks, data gone from disk, a tracker that no longer knows the torrent. Other
 * tracker messages (an announce that timed out) are only shown.
 */
export function rtorrentFailure(message: string): FailureSignal | undefined {
  const text = message.trim();
  if (!text) return undefined;
  if (/no such file or directory|missing/i.test(text)) return { kind: "hashMismatch", message: text };
  const kind = classifyFailureMessage(text, "upstreamError");
  if (kind === "upstreamError" || kind === "connectionTimeout") return undefined;
  return { kind, message: text };
}

const rtorrentStalled = (t: RTorrentItem) =>
  t.active && !t.complete && !t.hashing && t.size > 0 && t.downRate === 0 && t.peers === 0;

/** Radarr's mapping: complete, hashing (queued), active (downloading) or stopped (paused). */
function statusOf(t: RTorrentItem, failure: FailureSignal | undefined): DownloadStatus {
  if (failure) return "warning";
  if (t.complete) return "completed";
  if (t.hashing) return "queued";
  if (!t.open || !t.active) return "paused";
  return rtorrentStalled(t) ? "warning" : "downloading";
}

export function toClientDownload(t: RTorrentItem): ClientDownload {
  const failure = rtorrentFailure(t.message);
  const stalled = rtorrentStalled(t);
  return {
    downloadId: t.hash,
    title: t.name,
    status: statusOf(t, failure),
    size: t.size,
    sizeleft: t.left,
    progress: t.size > 0 ? (t.size - t.left) / t.size : 0,
    eta: t.downRate > 0 ? Math.ceil(t.left / t.downRate) : t.complete ? 0 : null,
    outputPath: t.basePath || null,
    ...(stalled ? { stalled, message: "The download is stalled with no connections" } : {}),
    ...(t.message ? { message: t.message } : {}),
    ...(failure ? { failure } : {}),
  };
}
