import { downloadRepository } from "../../db/repositories/downloads";
import { historyRepository } from "../../db/repositories/history";
import { type MovieFileRow, movieFileRepository } from "../../db/repositories/movieFiles";
import { MovieRepository, type MovieRow } from "../../db/repositories/movies";
import { Failure, isUpstreamFailure } from "../../domain/failures/failure";
import { retryDelaySeconds } from "../../domain/failures/policies";
import type { FailureSignal } from "../../domain/failures/signals";
import { mediaInfoFromName } from "../../domain/library/movieFileResource";
import { buildName } from "../../domain/naming";
import { type ParsedMovieInfo, parseMovieTitle } from "../../domain/parser";
import { lastPathSegment, pathExtension } from "../../domain/parser/fileExtensions";
import { qualityById } from "../../domain/quality/qualities";
import type { ClientDownload, ClientFile, DownloadClient, MovedDownload } from "../../integrations/downloadClient";
import { recordDownloadFailureMetric } from "../../observability/metrics";
import { type DownloadClientRow, openDownloadClient } from "../downloadClients";
import type { DownloadRow } from "../grab";
import { namingMovie } from "../naming";
import { notify, webhookMovie } from "../notifications";
import { readSettings } from "../settings";
import { giveUp, scheduleRetry } from "./failureHandling";
import { refuseUnwantedFiles } from "./unwantedFiles";
import { clientRow, type DownloadWork, historyOf, iso } from "./work";

/**
 * Importing finished downloads into the movie's folder (Radarr's CompletedDownloadService).
 */

// Containers an import takes (Radarr's media file extensions, the common ones).
const VIDEO_EXTENSIONS = new Set([
  ".mkv",
  ".mp4",
  ".m4v",
  ".avi",
  ".mov",
  ".wmv",
  ".ts",
  ".m2ts",
  ".mpg",
  ".mpeg",
  ".webm",
  ".iso",
  ".vob",
  ".divx",
  ".flv",
]);

/** The video file of a download to import: the largest one that is not a sample. */
function pickVideoFile(files: readonly ClientFile[]): ClientFile | undefined {
  const videos = files.filter((f) => VIDEO_EXTENSIONS.has(pathExtension(f.path).toLowerCase()));
  const largest = Math.max(0, ...videos.map((f) => f.size));
  const candidates = videos.filter(
    (f) => !/(^|[\W_])sample([\W_]|$)/i.test(lastPathSegment(f.path)) || f.size === largest,
  );
  return candidates.sort((a, b) => b.size - a.size)[0];
}

type ImportStep = "imported" | "retrying" | "failed";

/** Imports a finished download; a failure is retried or given up by its kind. */
export async function attemptImport(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow,
  opened: DownloadClient,
  item: ClientDownload,
  attempt = 1,
  send = true,
  file?: ClientFile,
): Promise<ImportStep> {
  try {
    await importDownload(work, row, client, opened, item, file);
    return "imported";
  } catch (error) {
    const signal = importFailureSignal(error);
    if (!signal) throw error;
    recordDownloadFailureMetric(signal.kind, "import");
    work.logger?.warn("import failed", { queueId: row.id, kind: signal.kind, message: signal.message });
    const next = row.failureKind === signal.kind ? attempt : 1;
    if (retryDelaySeconds(signal.kind, next, signal.retryAfterSeconds) === null) {
      await giveUp(work, row, client, opened, signal, "import");
      return "failed";
    }
    await scheduleRetry(work, row, signal, next, "import", send);
    return "retrying";
  }
}

/** The failure an import ran into (the client's or the import's own), by the kind that decides its handling. */
function importFailureSignal(error: unknown): (FailureSignal & { retryAfterSeconds?: number }) | undefined {
  if (!isUpstreamFailure(error)) return undefined;
  return { kind: error.kind, message: error.message, retryAfterSeconds: error.retryAfter };
}

/**
 * Moves the download into the movie's folder under its naming format (client-side: setLocation +
 * renameFile for qBittorrent, set-location + rename-path for Transmission; SABnzbd reports its
 * storage path), then records the movie file, marks the movie hasFile, writes history
 * ("downloadFolderImported", and "upgraded" when it replaces a file) and notifies.
 */
async function importDownload(
  work: DownloadWork,
  row: DownloadRow,
  client: DownloadClientRow,
  opened: DownloadClient,
  item: ClientDownload,
  /** The file to import (a manual import's choice); the download's video when absent. */
  file?: ClientFile,
): Promise<void> {
  const { db, logger } = work;
  const movie = await new MovieRepository(db).get(row.movieId);
  if (!movie) throw new Failure("importFailed", `Movie ${row.movieId} is no longer in the library`);
  await downloadRepository(db).update(row.id, { trackedDownloadState: "importing", updatedAt: iso(work.now) });

  const files = await opened.files(row.downloadId);
  await refuseUnwantedFiles(db, row, files);
  const video = file ?? videoFileOf(files);
  const parsed = parseMovieTitle(row.title);
  const newName = await importedName(work, movie, row, video, parsed);
  const existing = await movieFileRepository(db).ofMovie(movie.id);
  // The same download imported again (a retried import) replaces nothing.
  const previous = existing && existing.downloadId !== row.downloadId ? existing : undefined;
  // An upgrade named like the file it replaces (a better score, same quality) needs the name free.
  if (previous && previous.relativePath === newName) await removeReplacedFile(work, previous, row);
  const moved = await opened.moveAndRename(item, movie.path, video, newName);
  await recordImport(work, { movie, row, client, item, video, parsed, newName, moved, existing, previous });
  logger.info("download imported", {
    queueId: row.id,
    movieId: movie.id,
    path: moved.path,
    upgrade: previous !== undefined,
  });
  if (previous) await removeReplacedFile(work, previous, row);
  if (!moved.renamed && client.removeCompletedDownloads)
    await opened
      .remove(row.downloadId, false)
      .catch((error) => logger.warn("could not remove the completed download", { error: (error as Error).message }));
  await notifyImport(work, movie, row, moved.path, previous);
}

/** The download's video file; a client that does not list a finished download's files (SABnzbd) names its folder. */
function videoFileOf(files: readonly ClientFile[]): ClientFile {
  const video = files.length === 1 && files[0].folder ? files[0] : pickVideoFile(files);
  if (video) return video;
  throw new Failure(
    "importFailed",
    files.length
      ? `No video file in the download (${files.length} files: ${files
          .slice(0, 3)
          .map((f) => lastPathSegment(f.path))
          .join(", ")})`
      : "The download has no files",
  );
}

/** The movie file's name under the naming settings (the client's own name when renaming is off). */
async function importedName(
  work: DownloadWork,
  movie: MovieRow,
  row: DownloadRow,
  video: ClientFile,
  parsed: ParsedMovieInfo | null,
): Promise<string> {
  const naming = await readSettings(work.db, "naming");
  if (!naming.renameMovies) return lastPathSegment(video.path);
  const quality = qualityById(row.quality.quality);
  // A folder's video file is not known by name: the movie file is recorded without an extension.
  const extension = video.folder ? "" : pathExtension(video.path);
  const name = buildName(
    naming.standardMovieFormat,
    {
      movie: namingMovie(movie),
      quality: quality ? { name: quality.name, revision: row.quality.revision } : undefined,
      releaseGroup: parsed?.releaseGroup ?? "",
      edition: parsed?.edition ?? "",
      sceneName: row.title,
    },
    naming,
  );
  return `${name}${extension}`;
}

interface ImportRecord {
  movie: MovieRow;
  row: DownloadRow;
  client: DownloadClientRow;
  item: ClientDownload;
  video: ClientFile;
  parsed: ParsedMovieInfo | null;
  newName: string;
  moved: MovedDownload;
  existing: MovieFileRow | undefined;
  previous: MovieFileRow | undefined;
}

/** One batch: the movie file, the movie's hasFile, the queue item imported, and the history. */
async function recordImport(work: DownloadWork, r: ImportRecord): Promise<void> {
  const { db } = work;
  const { movie, row, client, item, moved, previous } = r;
  const now = iso(work.now);
  const fileSize = r.video.size || row.size;
  const relativePath = moved.path.startsWith(`${movie.path}/`) ? moved.path.slice(movie.path.length + 1) : r.newName;
  const fileValues = {
    movieId: movie.id,
    relativePath,
    path: moved.path,
    size: fileSize,
    quality: row.quality,
    customFormatIds: row.customFormatIds,
    customFormatScore: row.customFormatScore,
    languages: row.languages,
    releaseGroup: r.parsed?.releaseGroup || null,
    edition: r.parsed?.edition || null,
    sceneName: row.title,
    downloadClientId: client.id,
    downloadId: row.downloadId,
    dateAdded: now,
    mediaInfo: mediaInfoFromName(r.parsed, row.quality.quality, row.languages),
  };
  const historyBase = { ...historyOf(row), date: now };
  const kept = `${client.name} keeps the files at ${item.outputPath ?? "its storage path"}`;
  const downloads = downloadRepository(db);
  const files = movieFileRepository(db);
  const history = historyRepository(db);
  await downloads.batch([
    files.write(r.existing?.id, fileValues),
    files.markMovieHasFile(movie.id, fileSize, now),
    downloads.update(row.id, {
      status: "completed",
      trackedDownloadState: "imported",
      trackedDownloadStatus: "ok",
      statusMessages: moved.renamed ? [] : [{ title: row.title, messages: [kept] }],
      progress: 1,
      sizeleft: 0,
      failureKind: null,
      errorMessage: null,
      nextRetryAt: null,
      importedAt: now,
      completedAt: row.completedAt ?? now,
      updatedAt: now,
    }),
    history.insert({
      ...historyBase,
      eventType: "downloadFolderImported",
      data: {
        importedPath: moved.path,
        droppedPath: item.outputPath ?? "",
        downloadClient: client.implementation,
        downloadClientName: client.name,
        size: String(fileSize),
        renamedByClient: String(moved.renamed),
      },
    }),
    ...(previous
      ? [
          history.insert({
            ...historyBase,
            eventType: "upgraded",
            fromQuality: previous.quality,
            fromFormatScore: previous.customFormatScore,
            data: {
              previousPath: previous.path,
              previousSceneName: previous.sceneName ?? "",
              importedPath: moved.path,
            },
          }),
        ]
      : []),
  ]);
}

/** The file an upgrade replaced: deleted through the client that downloaded it when it still has it. */
async function removeReplacedFile(work: DownloadWork, previous: MovieFileRow, replacing: DownloadRow) {
  if (!previous.downloadClientId || !previous.downloadId || previous.downloadId === replacing.downloadId) return;
  const client = await clientRow(work.db, previous.downloadClientId);
  if (!client) return;
  try {
    const opened = await openDownloadClient(work.env, client, work.logger);
    const [still] = await opened.list([previous.downloadId]);
    if (still) await opened.remove(previous.downloadId, true);
  } catch (error) {
    work.logger?.warn("could not delete the replaced file through its client", { error: (error as Error).message });
  }
}

async function notifyImport(
  work: DownloadWork,
  movie: MovieRow,
  row: DownloadRow,
  path: string,
  previous: MovieFileRow | undefined,
) {
  const quality = qualityById(row.quality.quality)?.name ?? "Unknown";
  const payload = {
    movie: { id: movie.id, title: movie.title, year: movie.year, tmdbId: movie.tmdbId, folderPath: movie.path },
    movieFile: { relativePath: lastPathSegment(path), path, quality, sceneName: row.title, size: row.size },
    isUpgrade: previous !== undefined,
    downloadId: row.downloadId,
  };
  const send = (event: "download" | "upgrade", message: string) =>
    notify(work, event, { message, ...payload }).catch((error) =>
      work.logger?.warn("import notification failed", { error: (error as Error).message }),
    );
  if (previous) {
    const from = qualityById(previous.quality.quality)?.name ?? "Unknown";
    await notify(work, "movieFileDeleteForUpgrade", replacedFilePayload(movie, previous, from)).catch((error) =>
      work.logger?.warn("file deleted for upgrade notification failed", { error: (error as Error).message }),
    );
    await send(
      "upgrade",
      `${movie.title} (${movie.year}) upgraded from ${from} (score ${previous.customFormatScore}) to ${quality} (score ${row.customFormatScore})`,
    );
  }
  await send("download", `${movie.title} (${movie.year}) imported: ${lastPathSegment(path)} (${quality})`);
}

/** Radarr's MovieFileDelete of the file an upgrade replaced (deleteReason `upgrade`). */
function replacedFilePayload(movie: MovieRow, previous: MovieFileRow, quality: string) {
  return {
    message: `${movie.title} (${movie.year}) [${quality}]: ${previous.relativePath} replaced by an upgrade`,
    movie: webhookMovie(movie),
    movieFile: {
      id: previous.id,
      relativePath: previous.relativePath,
      path: previous.path,
      quality,
      qualityVersion: previous.quality.revision.version,
      releaseGroup: previous.releaseGroup ?? "",
      sceneName: previous.sceneName ?? "",
      size: previous.size,
      dateAdded: previous.dateAdded,
      languages: previous.languages,
    },
    deleteReason: "upgrade",
  };
}
