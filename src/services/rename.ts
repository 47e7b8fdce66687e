import type { z } from "zod";
import { movieFileRepository } from "../db/repositories/movieFiles";
import { downloadClientRepository } from "../db/repositories/providers";
import { isUpstreamFailure } from "../domain/failures/failure";
import { buildName } from "../domain/naming";
import { lastPathSegment, pathExtension } from "../domain/parser/fileExtensions";
import { qualityById } from "../domain/quality/qualities";
import type { ServiceContext } from "./context";
import { openDownloadClient } from "./downloadClients";
import { listMovieFiles, type MovieFileView } from "./movieFiles";
import { namingMovie } from "./naming";
import { notifyQuietly } from "./notifications";
import { type namingSettingsSchema, readSettings } from "./settings";

/**
 * Radarr's rename (`GET /rename`, the RenameFiles and RenameMovie commands) at the edge: the
 * file's new name comes from the naming settings, and the download client that holds the file
 * renames it in place (qBittorrent `torrents/renameFile`, Transmission `torrent-rename-path`).
 * A client that cannot rename (SABnzbd) or no longer holds the file is reported, nothing faked.
 */

export interface RenamePreview {
  movieId: number;
  movieFileId: number;
  /** Relative to the movie's folder, as Radarr answers. */
  existingPath: string;
  newPath: string;
}

const folderOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");
const inFolder = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);

type Naming = z.infer<typeof namingSettingsSchema>;

/** The file's name under the naming settings (its own name when renaming is off). */
function fileName(naming: Naming, file: MovieFileView): string {
  const current = lastPathSegment(file.row.relativePath);
  if (!naming.renameMovies) return current;
  const { movie, row } = file;
  const quality = qualityById(row.quality.quality);
  const name = buildName(
    naming.standardMovieFormat,
    {
      movie: namingMovie(movie),
      quality: quality ? { name: quality.name, revision: row.quality.revision } : undefined,
      releaseGroup: row.releaseGroup ?? file.parsed?.releaseGroup ?? "",
      edition: row.edition ?? file.parsed?.edition ?? "",
      sceneName: row.sceneName ?? undefined,
      customFormats: file.customFormats.filter((f) => f.includeCustomFormatWhenRenaming).map((f) => f.name),
    },
    naming,
  );
  return name ? `${name}${pathExtension(current)}` : current;
}

async function previewsOf(
  ctx: ServiceContext,
  movieIds: number[],
): Promise<(RenamePreview & { file: MovieFileView })[]> {
  const [files, naming] = await Promise.all([
    listMovieFiles(ctx.db, { movieIds, movieFileIds: [] }),
    readSettings(ctx.db, "naming"),
  ]);
  return files.flatMap((file) => {
    const existingPath = file.row.relativePath;
    const newPath = inFolder(folderOf(existingPath), fileName(naming, file));
    return newPath === existingPath
      ? []
      : [{ movieId: file.row.movieId, movieFileId: file.row.id, existingPath, newPath, file }];
  });
}

/** The files of these movies whose name differs from what the naming settings make of it. */
export async function renamePreviews(ctx: ServiceContext, movieIds: number[]): Promise<RenamePreview[]> {
  return (await previewsOf(ctx, movieIds)).map(({ file: _file, ...preview }) => preview);
}

export interface RenameOutcome {
  renamed: RenamePreview[];
  notRenamed: (RenamePreview & { reason: string })[];
}

/** Renames the movies' files (only `fileIds` when given) through the clients that hold them. */
export async function renameMovieFiles(
  ctx: ServiceContext,
  movieIds: number[],
  fileIds?: readonly number[],
): Promise<RenameOutcome> {
  const outcome: RenameOutcome = { renamed: [], notRenamed: [] };
  const previews = (await previewsOf(ctx, movieIds)).filter((p) => !fileIds?.length || fileIds.includes(p.movieFileId));
  for (const { file, ...preview } of previews) {
    const reason = await renameOne(ctx, file, preview);
    if (reason) outcome.notRenamed.push({ ...preview, reason });
    else outcome.renamed.push(preview);
  }
  return outcome;
}

/** Renames one file; answers why it could not, or undefined once renamed and recorded. */
async function renameOne(
  ctx: ServiceContext,
  file: MovieFileView,
  preview: RenamePreview,
): Promise<string | undefined> {
  const { row, movie } = file;
  if (row.downloadClientId === null || !row.downloadId) return "no download client this app knows holds the file";
  const client = await downloadClientRepository(ctx.db).get(row.downloadClientId);
  if (!client) return "the download client that holds it has been removed from the settings";
  try {
    const opened = await openDownloadClient(ctx.env, client, ctx.logger);
    const [held] = await opened.list([row.downloadId]);
    if (!held) return `${client.name} no longer holds the download`;
    const renamed = await opened.renameFile(row.downloadId, row.relativePath, lastPathSegment(preview.newPath));
    if (renamed === null)
      return `${client.name} (${client.implementation}) has no API to rename a finished download's files`;
    const files = movieFileRepository(ctx.db);
    await files.batch([files.renamed(row.id, renamed, `${movie.path.replace(/\/+$/, "")}/${renamed}`)]);
    ctx.logger.info("movie file renamed", { movieId: movie.id, from: row.relativePath, to: renamed });
    await notifyQuietly(ctx, "rename", {
      message: `${movie.title}: ${row.relativePath} renamed to ${renamed}`,
      movie: { id: movie.id, title: movie.title, folderPath: movie.path },
      renamedMovieFiles: [{ id: row.id, previousRelativePath: row.relativePath, relativePath: renamed }],
    });
    return undefined;
  } catch (error) {
    if (!isUpstreamFailure(error)) throw error;
    return `${client.name} could not rename it: ${error.message}`;
  }
}
