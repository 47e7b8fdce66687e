import { MovieRepository, type MovieWithTags } from "../db/repositories/movies";
import { Failure, invalidInput } from "../domain/failures/failure";
import type { ServiceContext } from "./context";
import { deleteMovieFileThroughClient } from "./movieFileDeletion";
import { notifyEachQuietly, webhookMovie } from "./notifications";

/**
 * Each file is deleted through the download client holding it (a few client calls per movie),
 * so one request deletes at most this many files and stays within a Worker's subrequests.
 */
const MAX_FILE_DELETES_PER_REQUEST = 50;

/**
 * DELETE /movie/editor: deletes the movies, and with `deleteFiles` first each one's file through
 * its download client (as DELETE /movie/{id} does). A movie whose file cannot be deleted is kept,
 * the others are deleted, and the answer is a conflict naming how many were kept and why.
 */
export async function deleteMovies(
  ctx: ServiceContext,
  found: MovieWithTags[],
  options: { deleteFiles: boolean; addImportExclusion: boolean },
) {
  const withFiles = options.deleteFiles ? found.filter((m) => Boolean(m.hasFile)) : [];
  if (withFiles.length > MAX_FILE_DELETES_PER_REQUEST) {
    throw invalidInput(
      "body.deleteFiles",
      `Deleting files is limited to ${MAX_FILE_DELETES_PER_REQUEST} movies with files per request (${withFiles.length} chosen have files): delete them in smaller groups`,
    );
  }
  const kept = new Map<number, string>();
  for (const movie of withFiles) {
    try {
      await deleteMovieFileThroughClient(ctx, movie);
    } catch (error) {
      if (!(error instanceof Failure) || error.kind !== "conflict") throw error;
      kept.set(movie.id, error.message);
    }
  }
  const deleting = found.filter((m) => !kept.has(m.id));
  await new MovieRepository(ctx.db).delete(deleting, options.addImportExclusion);
  // Radarr's editor delete notifies each movie's deletion, as DELETE /movie/{id} does.
  await notifyEachQuietly(
    ctx,
    "movieDelete",
    deleting.map((movie) => ({
      tags: movie.tags,
      payload: {
        message: `${movie.title} (${movie.year}) deleted`,
        movie: webhookMovie(movie),
        deletedFiles: withFiles.some((m) => m.id === movie.id),
      },
    })),
  );
  if (kept.size > 0) {
    throw new Failure(
      "conflict",
      `Deleted ${deleting.length} of ${found.length} movies; kept ${kept.size} whose file could not be deleted. ${[...kept.values()][0]}`,
    );
  }
}
