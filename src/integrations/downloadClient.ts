import type { FailureKind } from "../domain/failures/kinds";

/** What every download client reports a download as, whatever its own states are called. */
const DOWNLOAD_STATUSES = ["queued", "downloading", "paused", "completed", "failed", "warning"] as const;
export type DownloadStatus = (typeof DOWNLOAD_STATUSES)[number];

/** A failure the client signalled, classified by the failure taxonomy. */
interface DownloadFailureSignal {
  kind: FailureKind;
  message: string;
}

/** One download as the client reports it. */
export interface ClientDownload {
  /** qBittorrent/Transmission info hash in lower case; SABnzbd nzo_id. */
  downloadId: string;
  title: string;
  status: DownloadStatus;
  /** Bytes. */
  size: number;
  sizeleft: number;
  /** 0–1. */
  progress: number;
  /** Seconds left; null when the client does not know. */
  eta: number | null;
  /** Where the finished content is (a file or a folder), when the client says. */
  outputPath: string | null;
  /** The client's own words for a warning or failure. */
  message?: string;
  /** The client says the download makes no progress (no peers/seeds). */
  stalled?: boolean;
  /** A failure the client reports (failed download, I/O error, hash check failure). */
  failure?: DownloadFailureSignal;
}

/** A file inside a download, relative to the download's save location. */
export interface ClientFile {
  path: string;
  size: number;
  /** A folder whose files the client does not list (SABnzbd's storage path): imported as a whole. */
  folder?: boolean;
}

export interface AddDownload {
  title: string;
  /** An http(s) link to a .torrent/.nzb, or a magnet link. */
  url: string;
  /** The torrent's info hash when already known (from the indexer or the magnet link). */
  infoHash?: string;
  /** The .torrent file when the app fetched it itself (so the hash is known before adding). */
  torrentFile?: Uint8Array<ArrayBuffer>;
  /** A torrent's seed goal from its indexer's seed criteria; the client's own defaults when absent. */
  seedLimits?: SeedLimits;
  /** The movie is recent (Radarr's IsRecentMovie): the client's recent priority applies, else its older one. */
  recentMovie?: boolean;
}

/** How long a grabbed torrent seeds (Radarr's TorrentSeedConfiguration); null: the client decides. */
export interface SeedLimits {
  ratio: number | null;
  /** Minutes. */
  seedTime: number | null;
}

/** Where a finished download ends up after a client-side move and rename. */
export interface MovedDownload {
  /** The absolute path of the movie file. */
  path: string;
  /** True when the client moved and renamed the file; false when it can only report where it is. */
  renamed: boolean;
}

/** The free space where the client saves downloads (Radarr's DiskSpaceResource, at the edge). */
export interface ClientDiskSpace {
  /** The folder the client saves to. */
  path: string;
  /** Bytes. */
  freeSpace: number;
  /** Bytes; null when the client does not say (qBittorrent reports only the free space). */
  totalSpace: number | null;
}

/**
 * A download client: one per configured row. Methods throw an upstream Failure (with a failure kind)
 * when the client refuses or cannot be reached.
 */
export interface DownloadClient {
  readonly implementation: string;
  readonly protocol: "torrent" | "usenet";
  /** Checks the connection and credentials; resolves with the client's version. */
  test(): Promise<string>;
  /** Sends a release; resolves with the client's id for it. */
  add(download: AddDownload): Promise<string>;
  /** The given downloads (one request per client, or two for SABnzbd's queue + history). */
  list(downloadIds: readonly string[]): Promise<ClientDownload[]>;
  /** The files of one download, relative to where it is saved. */
  files(downloadId: string): Promise<ClientFile[]>;
  /**
   * Moves the finished download into `folder` and renames `file` (a path from `files`) to
   * `newName` (a file name with extension) — as far as the client supports either.
   */
  moveAndRename(download: ClientDownload, folder: string, file: ClientFile, newName: string): Promise<MovedDownload>;
  /** The free space of the folder the client saves downloads to. */
  diskSpace(): Promise<ClientDiskSpace>;
  /**
   * Renames one file of a download in place: `path` (as `files` names it) becomes `newPath` (in the
   * same folder as `path`). Resolves with the file's new path; null when the client cannot rename.
   */
  renameFile(downloadId: string, path: string, newName: string): Promise<string | null>;
  /** Removes the download, with its data when `deleteData`. */
  remove(downloadId: string, deleteData: boolean): Promise<void>;
  /**
   * Asks the client to verify the data again (hash check / repair) and resume; resolves with the
   * download's id afterwards (SABnzbd's retry queues the job again under a new nzo_id).
   */
  recheck(downloadId: string): Promise<string>;
  /** Asks the client to look for peers again (torrents); a no-op where there is no such thing. */
  reannounce(downloadId: string): Promise<void>;
}
