import type { FailureKind } from "./kinds";

/**
 * Real failure signals from download clients mapped to the taxonomy. Clients report failures as
 * states (qBittorrent), free-text messages (SABnzbd's fail_message, Transmission's errorString)
 * or numeric codes (Transmission's error); these functions read them. Pure.
 */

export interface FailureSignal {
  kind: FailureKind;
  message: string;
}

// Ordered: the first pattern that matches names the kind. Messages come from SABnzbd's
// post-processing, Transmission's libtransmission and the OS errors both pass through.
const MESSAGE_PATTERNS: readonly [RegExp, FailureKind][] = [
  [
    /no space left|disk (is )?full|out of (disk )?space|not enough (disk|free) space|ENOSPC|quota exceeded/i,
    "diskFull",
  ],
  [
    /permission denied|access (is )?denied|EACCES|EPERM|read-only file system|not writable|no write access/i,
    "permissionDenied",
  ],
  [
    /hash|checksum|crc (error|failure|failed)|crc32|failed verification|verification failed|repair failed|not enough repair blocks|par2|corrupt/i,
    "hashMismatch",
  ],
  [
    /articles? (were |was )?missing|missing articles|aborted, cannot be completed|incomplete|no data found|missing files/i,
    "hashMismatch",
  ],
  [/unpack(ing)? failed|password|encrypted|no (video|media) files?|only samples?|sample only/i, "importFailed"],
  [/unregistered|not registered|torrent not found|info ?hash not found/i, "downloadFailed"],
  [/timed? ?out|timeout/i, "connectionTimeout"],
];

/** The kind a client's failure message names; `fallback` when none matches. */
export function classifyFailureMessage(message: string, fallback: FailureKind = "downloadFailed"): FailureKind {
  for (const [pattern, kind] of MESSAGE_PATTERNS) if (pattern.test(message)) return kind;
  return fallback;
}

/**
 * qBittorrent's torrent states (WebUI API v2 `torrents/info` `state`) that signal trouble.
 * `stalledDL` is a download with no peers sending data; `missingFiles` is data gone from disk
 * (a hash check then fails); `error` is an I/O error — qBittorrent does not say which in the
 * API, so free space decides: none left is a full disk, otherwise the data could not be written
 * or verified.
 */
export function qbittorrentStateFailure(
  state: string,
  context: { freeSpaceOnDisk?: number | null } = {},
): FailureSignal | undefined {
  switch (state) {
    case "stalledDL":
      return { kind: "downloadStalled", message: "The download is stalled with no connections" };
    case "missingFiles":
      return { kind: "hashMismatch", message: "The download is missing files (qBittorrent: missingFiles)" };
    case "error":
      if (context.freeSpaceOnDisk === 0)
        return { kind: "diskFull", message: "qBittorrent is reporting an error and the disk is full" };
      return { kind: "downloadFailed", message: "qBittorrent is reporting an error" };
    default:
      return undefined;
  }
}

/** SABnzbd history slots with status "Failed" carry `fail_message`. */
export function sabnzbdFailure(failMessage: string): FailureSignal {
  const message = failMessage.trim() || "SABnzbd reports the download failed";
  return { kind: classifyFailureMessage(message), message };
}

/** Transmission's `error` codes (torrent-get): 0 none, 1 tracker warning, 2 tracker error, 3 local error. */
const TRANSMISSION_ERROR = { none: 0, trackerWarning: 1, trackerError: 2, localError: 3 } as const;

/**
 * Transmission's error fields. Tracker warnings are only warnings; a tracker error fails the
 * download only when the tracker no longer knows the torrent; local errors always fail it.
 */
export function transmissionFailure(error: number, errorString: string): FailureSignal | undefined {
  if (error === TRANSMISSION_ERROR.none || error === TRANSMISSION_ERROR.trackerWarning) return undefined;
  const message = errorString.trim() || `Transmission error ${error}`;
  if (error === TRANSMISSION_ERROR.trackerError) {
    const kind = classifyFailureMessage(message, "upstreamError");
    return kind === "downloadFailed" ? { kind, message } : undefined;
  }
  return { kind: classifyFailureMessage(message), message };
}

/**
 * qBittorrent's `torrents/setLocation` answers 403 (no write access to the directory) and 409
 * (the directory could not be created); `renameFile` answers 409 when the new path is taken.
 */
export function qbittorrentMoveFailure(status: number, body: string): FailureSignal | undefined {
  if (status === 403) return { kind: "permissionDenied", message: body || "No write access to the directory" };
  if (status === 409)
    return {
      kind: classifyFailureMessage(body, "permissionDenied"),
      message: body || "Unable to create the directory",
    };
  return undefined;
}
