import { z } from "zod";
import { moviesToRescan, type RescanOutcome, rescanMovie } from "../services/movieFileRescan";
import { walkIds } from "./commandChunks";
import type { CommandDefinition } from "./commands";

/**
 * Radarr's RescanMovie: the given movie's file (`movieId`, as Bazarr sends after a subtitle
 * download), or every movie with a file, walked in chunks on the commands queue.
 */
export const RESCAN_MOVIE = {
  name: "RescanMovie",
  description:
    "Re-read a movie's file (the given movie, or every movie with one) from the download client holding it: size, media info, custom formats",
  body: z.object({ movieId: z.number().int().positive().optional() }),
  run: (ctx, { movieId }) =>
    walkIds(ctx, {
      select: async () => (movieId !== undefined ? [movieId] : moviesToRescan(ctx)),
      each: async (id) => {
        const outcome: RescanOutcome = await rescanMovie(ctx, id);
        return { item: { ...outcome }, tally: outcome.changed.length ? ["changed"] : [] };
      },
      noun: "movie",
      progress: (done, total) => `Rescanned ${done} of ${total} movies`,
      finish: ({ ids, failed, failures, items, tally }) => {
        // One movie asked for and it could not be rescanned: the command fails with why.
        if (failed && failed === ids.length) throw new Error(failures[0]);
        const changed = tally.changed ?? 0;
        return {
          message: `Rescanned ${ids.length - failed} of ${ids.length} movies, ${changed} changed`,
          result: { rescanned: ids.length - failed, changed, failed, failures, movies: items },
        };
      },
    }),
} satisfies CommandDefinition<{ movieId?: number }> as CommandDefinition<unknown>;
