import * as clock from "../clock";
import { type MovieFileRow, movieFileRepository, movieIdsToRescan } from "../db/repositories/movieFiles";
import { MovieRepository } from "../db/repositories/movies";
import { downloadClientRepository } from "../db/repositories/providers";
import { lastPathSegment } from "../domain/parser/fileExtensions";
import type { ServiceContext } from "./context";
import { openDownloadClient } from "./downloadClients";
import { nameMediaInfo, views } from "./movieFiles";

/**
 * Radarr's RescanMovie at the edge. Radarr re-reads the movie's folder; the Worker has no disk, and
 * the file lives where its download client moved it, so the rescan asks that client for the
 * download's files and takes the file's size from it (the client's own name for the file, or the
 * download's only entry). What the release name states (media info) is worked out again, and the
 * file's custom formats and score are judged again under the movie's profile; all are stored on
 * the file's row and the movie's size follows. A client that no longer holds the download (or
 * cannot be reached) leaves the stored size, and the outcome says why.
 */

export interface RescanOutcome {
  movieId: number;
  movieFileId: number | null;
  /** Where the size came from: the client holding the file, or the stored row (then `note` says why). */
  sizeFrom: "downloadClient" | "stored" | null;
  size: number;
  customFormatScore: number;
  changed: string[];
  note?: string;
}

type SizeRead = { size: number } | { note: string };

/** The file's size as its download client reports it now, or why it cannot say. */
async function sizeFromClient(ctx: ServiceContext, row: MovieFileRow): Promise<SizeRead> {
  if (row.downloadClientId === null || !row.downloadId)
    return { note: "no download client this app knows holds the file" };
  const client = await downloadClientRepository(ctx.db).get(row.downloadClientId);
  if (!client) return { note: "the download client that holds the file has been removed from the settings" };
  try {
    const opened = await openDownloadClient(ctx.env, client, ctx.logger);
    const [held] = await opened.list([row.downloadId]);
    if (!held) return { note: `${client.name} no longer holds the download` };
    const files = await opened.files(row.downloadId);
    const name = lastPathSegment(row.relativePath);
    const file = files.find((f) => lastPathSegment(f.path) === name) ?? (files.length === 1 ? files[0] : undefined);
    if (!file) return { note: `${client.name} lists no file named ${name} in the download` };
    return { size: file.size };
  } catch (error) {
    return { note: `${client.name} could not be asked: ${(error as Error).message}` };
  }
}

/** Rescans one library movie's file (a movie without one: its hasFile is set right). */
export async function rescanMovie(ctx: ServiceContext, movieId: number): Promise<RescanOutcome> {
  const movie = await new MovieRepository(ctx.db).row(movieId);
  if (!movie) throw new Error(`Movie ${movieId} is not in the library`);
  const files = movieFileRepository(ctx.db);
  const row = await files.ofMovie(movieId);
  const now = clock.nowIso();
  if (!row) {
    if (movie.hasFile) await files.batch([files.markMovieWithoutFile(movieId, now)]);
    const changed = movie.hasFile ? ["hasFile"] : [];
    return { movieId, movieFileId: null, sizeFrom: null, size: 0, customFormatScore: 0, changed };
  }
  const read = await sizeFromClient(ctx, row);
  const [view] = await views(ctx.db, [row]);
  const values = {
    size: "size" in read ? read.size : row.size,
    mediaInfo: nameMediaInfo(row),
    customFormatIds: view ? view.customFormats.map((f) => f.id) : row.customFormatIds,
    customFormatScore: view ? view.customFormatScore : row.customFormatScore,
  };
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
    (key) => JSON.stringify(values[key]) !== JSON.stringify(row[key]),
  );
  if (changed.length || !movie.hasFile || movie.sizeOnDisk !== values.size) {
    await files.batch([files.rescanned(row.id, values), files.markMovieHasFile(movieId, values.size, now)]);
  }
  ctx.logger.info("movie rescanned", { movieId, movieFileId: row.id, changed: changed.join(",") });
  return {
    movieId,
    movieFileId: row.id,
    sizeFrom: "size" in read ? "downloadClient" : "stored",
    size: values.size,
    customFormatScore: values.customFormatScore,
    changed,
    ...("note" in read ? { note: read.note } : {}),
  };
}

/** The movies a rescan of the whole library walks: those with a file or marked as having one. */
export async function moviesToRescan(ctx: ServiceContext): Promise<number[]> {
  return movieIdsToRescan(ctx.db);
}
