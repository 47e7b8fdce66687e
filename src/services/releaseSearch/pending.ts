import { type PendingReleaseRow, pendingReleaseRepository } from "../../db/repositories/profiles";
import { searchTargetRepository } from "../../db/repositories/searchTargets";
import type { Release } from "../../domain/decisions";
import type { IndexerRelease } from "../../integrations/indexers";
import type { ServiceContext } from "../context";
import { openPendingRelease } from "../pendingReleases";
import { decideReleases, grabBest } from "./decide";

export interface PendingOutcome {
  movies: number;
  grabbed: { movieId: number; release: string }[];
  /** Pending releases now rejected (Radarr's RemoveRejected), dropped. */
  dropped: number;
}

/**
 * Radarr's pending re-evaluation on each RSS sync: every movie's pending releases judged again;
 * rejected ones are dropped, the best one whose delay has ended is grabbed (and those no better
 * than it dropped), the others keep waiting.
 */
export async function processPendingReleases(ctx: ServiceContext): Promise<PendingOutcome> {
  const { db, logger } = ctx;
  const repo = pendingReleaseRepository(db);
  const byMovie = new Map<number, PendingReleaseRow[]>();
  for (const row of await repo.all()) byMovie.set(row.movieId, [...(byMovie.get(row.movieId) ?? []), row]);
  const outcome: PendingOutcome = { movies: byMovie.size, grabbed: [], dropped: 0 };
  for (const [movieId, rows] of byMovie) {
    try {
      const movie = await searchTargetRepository(db).byId(movieId);
      if (!movie) continue;
      const rowOf = new Map<Release, PendingReleaseRow>();
      const releases = await Promise.all(
        rows.map(async (row) => {
          const release = (await openPendingRelease(ctx, row)) as IndexerRelease;
          rowOf.set(release, row);
          return release;
        }),
      );
      const decisions = await decideReleases(ctx, movie, releases);
      const rejected = decisions.filter((d) => !d.accepted).flatMap((d) => rowOf.get(d.release) ?? []);
      await repo.deleteMany(rejected.map((r) => r.id));
      outcome.dropped += rejected.length;
      const grabbed = await grabBest(ctx, movieId, decisions, rows[0].source);
      if (grabbed) outcome.grabbed.push({ movieId, release: grabbed.release.title });
    } catch (error) {
      logger?.warn("pending releases of a movie could not be processed", { movieId, error: (error as Error).message });
    }
  }
  return outcome;
}
