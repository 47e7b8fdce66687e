/** How values read on screen; one place so every page words them the same. */
import { TMDB_MOVIE_GENRES } from "../../../src/integrations/tmdb/genres";
import type {
  FailureKind,
  HistoryEventType,
  ListItemStatus,
  ListMonitor,
  ListSyncRun,
  MinimumAvailability,
  MovieStatus,
} from "../api";

export const STATUS_LABELS: Record<MovieStatus, string> = {
  tba: "TBA",
  announced: "Announced",
  inCinemas: "In cinemas",
  released: "Released",
  deleted: "Deleted",
};

export const AVAILABILITY_LABELS: Record<MinimumAvailability, string> = {
  tba: "TBA",
  announced: "Announced",
  inCinemas: "In cinemas",
  released: "Released",
};

/** TMDb's movie genres (the server's one list of them): the values the library's genre filter matches. */
export const GENRES = Object.values(TMDB_MOVIE_GENRES).sort();

export const formatCount = (n: number) => n.toLocaleString("en-US");

/** A server's code name in words: "IndexerStatusCheck" → "Indexer status check". */
export const inWords = (code: string) =>
  code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/^./, (first) => first.toUpperCase());

/** "an indexer", "a download client": the article English puts before a noun (by its first letter). */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;

export function formatBytes(bytes: number): string {
  if (!bytes) return "0 B";
  const units = ["B", "KB", "MB", "GB", "TB"];
  const exponent = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  const value = bytes / 1024 ** exponent;
  return `${value.toFixed(value >= 100 || exponent === 0 ? 0 : 1)} ${units[exponent]}`;
}

export function formatDate(iso: string | undefined | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1800) return "—";
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  // Workers read the clock as 0 outside a request, so the epoch itself means "not known".
  if (Number.isNaN(date.getTime()) || date.getTime() <= 0) return "—";
  return date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

export function formatRuntime(minutes: number): string {
  if (!minutes) return "—";
  const h = Math.floor(minutes / 60);
  return h ? `${h}h ${minutes % 60}m` : `${minutes}m`;
}

export const MONITOR_LABELS: Record<ListMonitor, string> = {
  movieOnly: "Movie only",
  movieAndCollection: "Movie and collection",
  none: "None (add unmonitored)",
};

/** The groups the list schema sorts sources into (`listType`). */
export const LIST_TYPE_LABELS: Record<string, string> = {
  tmdb: "TMDb",
  trakt: "Trakt",
  plex: "Plex",
  other: "IMDb",
  advanced: "Advanced",
};

export const LIST_ITEM_STATUS_LABELS: Record<ListItemStatus, string> = {
  pending: "Pending",
  imported: "Imported",
  existing: "Already in library",
  excluded: "Excluded",
  unresolved: "Unresolved",
  streaming: "Skipped: streams on a subscribed service",
};

export const SYNC_RUN_LABELS: Record<ListSyncRun["status"], string> = {
  started: "Running",
  success: "Success",
  partial: "Partial",
  failed: "Failed",
};
export const SYNC_RUN_BADGES: Record<ListSyncRun["status"], string> = {
  started: "",
  success: "ok",
  partial: "warn",
  failed: "error",
};

/** "850 ms", "12.4 s", "3m 05s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}

/** Minutes as a person says them: "45 minutes", "6 hours", "1 day 12 hours". */
export function formatInterval(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days && `${days} ${days === 1 ? "day" : "days"}`,
    hours && `${hours} ${hours === 1 ? "hour" : "hours"}`,
    rest && `${rest} ${rest === 1 ? "minute" : "minutes"}`,
  ].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 minutes";
}

/** The failure taxonomy as the site words it. */
export const FAILURE_KIND_LABELS: Record<FailureKind, string> = {
  connectionTimeout: "Connection timeout",
  connectionFailed: "Connection failed",
  authenticationFailed: "Authentication failed",
  rateLimited: "Rate limited",
  upstreamError: "Upstream error",
  notFound: "Not found",
  parseError: "Parse error",
  downloadStalled: "Download stalled",
  hashMismatch: "Hash mismatch",
  downloadFailed: "Download failed",
  importFailed: "Import failed",
  diskFull: "Disk full",
  permissionDenied: "Permission denied",
};

/** Any failure kind the server sends in words, a kind newer than this site included. */
export const failureKindInWords = (kind: string) => FAILURE_KIND_LABELS[kind as FailureKind] ?? inWords(kind);

export const HISTORY_EVENT_LABELS: Record<HistoryEventType, string> = {
  grabbed: "Grabbed",
  downloadFolderImported: "Imported",
  downloadFailed: "Download failed",
  movieFileDeleted: "File deleted",
  upgraded: "Upgraded",
};

/** Where a queue item is (Radarr's tracked download state). */
export const QUEUE_STATE_LABELS: Record<string, string> = {
  grabPending: "Waiting for the download client",
  downloading: "Downloading",
  importPending: "Waiting to import",
  importing: "Importing",
  failedPending: "Failed",
  imported: "Imported",
  failed: "Failed",
  removed: "Removed",
};

/** A .NET TimeSpan ("01:02:03", "1.02:03:04") as a person says it: "1h 02m", "3m 04s", "1d 2h". */
export function formatTimeLeft(span: string | undefined): string {
  if (!span) return "—";
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span);
  if (!match) return span;
  const [days, hours, minutes, seconds] = [match[1] ?? "0", match[2], match[3], match[4]].map(Number);
  if (days) return `${days}d ${hours}h`;
  if (hours) return `${hours}h ${String(minutes).padStart(2, "0")}m`;
  if (minutes) return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
  return `${seconds}s`;
}
