import { movieFileRepository } from "../db/repositories/movieFiles";
import { MovieRepository } from "../db/repositories/movies";
import { downloadClientRepository } from "../db/repositories/providers";
import { Failure } from "../domain/failures/failure";
import type { ServiceContext } from "./context";
import { openDownloadClient } from "./downloadClients";
import { notifyQuietly } from "./notifications";
import { readSettings } from "./settings";

/**
 * Radarr's `deleteFiles` at the edge: the app has no disk, and a movie's file lives where its
 * download client moved it, so the client that holds it deletes it (with its data). When no
 * client can, the delete is refused with the reason, and the caller keeps the movie.
 */
export async function deleteMovieFileThroughClient(ctx: ServiceContext, movie: { id: number; title: string }) {
  const file = await movieFileRepository(ctx.db).ofMovie(movie.id);
  if (!file) return;
  const cannot = (why: string) =>
    new Failure(
      "conflict",
      `Cannot delete the file of ${movie.title} (${file.path}): ${why}. Delete it on that machine, or delete the movie without deleteFiles.`,
    );
  if (file.downloadClientId === null || !file.downloadId)
    throw cannot("no download client this app knows downloaded it");
  const client = await downloadClientRepository(ctx.db).get(file.downloadClientId);
  if (!client) throw cannot("the download client that downloaded it has been removed from the settings");
  const opened = await openDownloadClient(ctx.env, client, ctx.logger);
  const [held] = await opened.list([file.downloadId]);
  if (!held) throw cannot(`${client.name} no longer holds the download, so nothing here can reach the file`);
  await opened.remove(file.downloadId, true);
  ctx.logger.info("movie file deleted through its download client", { movieId: movie.id, client: client.name });
  await notifyQuietly(ctx, "movieFileDelete", {
    message: `${movie.title}: ${file.relativePath} deleted`,
    movie: { id: movie.id, title: movie.title },
    movieFile: { id: file.id, relativePath: file.relativePath, path: file.path, size: file.size },
    deleteReason: "manual",
  });
  await unmonitorAfterFileDeletion(ctx, movie.id);
}

/**
 * Radarr's `autoUnmonitorPreviouslyDownloadedMovies` (/config/mediamanagement): a movie whose file
 * is deleted (not replaced by an upgrade) is unmonitored, so nothing grabs it again.
 */
async function unmonitorAfterFileDeletion(ctx: ServiceContext, movieId: number) {
  const { autoUnmonitorPreviouslyDownloadedMovies } = await readSettings(ctx.db, "mediamanagement");
  if (autoUnmonitorPreviouslyDownloadedMovies)
    await new MovieRepository(ctx.db).update([movieId], { monitored: false });
}
