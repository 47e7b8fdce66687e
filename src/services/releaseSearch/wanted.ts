import * as clock from "../../clock";
import type { Database } from "../../db/client";
import type { MovieRow } from "../../db/repositories/movies";
import { searchTargetRepository } from "../../db/repositories/searchTargets";
import { cutoffNotMet, prepareDecisionContext, toComparableQuality } from "../../domain/decisions";
import { isMovieAvailable, type MinimumAvailability, type MovieStatus } from "../../domain/library/movieStatus";
import { loadDecisionContext } from "../decisionContext";

export const isAvailable = (movie: MovieRow) =>
  isMovieAvailable(
    {
      inCinemas: movie.inCinemas,
      digitalRelease: movie.digitalRelease,
      physicalRelease: movie.physicalRelease,
      status: movie.status as MovieStatus,
      minimumAvailability: movie.minimumAvailability as MinimumAvailability,
    },
    clock.now(),
  );

/** Monitored movies without a file that have reached their minimum availability (Radarr's "Missing"). */
export async function missingMovieIds(db: Database): Promise<number[]> {
  const rows = await searchTargetRepository(db).monitoredWithoutFile();
  return rows.filter(isAvailable).map((m) => m.id);
}

/** Monitored (or unmonitored) movies whose file has not reached the profile's quality or format-score cutoff. */
export async function cutoffUnmetMovieIds(db: Database, monitored = true): Promise<number[]> {
  const rows = await searchTargetRepository(db).monitoredWithFile(monitored);
  const byProfile = new Map<number, typeof rows>();
  for (const row of rows)
    byProfile.set(row.movie.qualityProfileId, [...(byProfile.get(row.movie.qualityProfileId) ?? []), row]);
  const ids: number[] = [];
  for (const group of byProfile.values()) {
    // The cutoff depends on the profile and settings only: one context per profile.
    const context = prepareDecisionContext(await loadDecisionContext(db, group[0].movie));
    for (const row of group) {
      if (cutoffNotMet(context, toComparableQuality(row.quality), row.score)) ids.push(row.movie.id);
    }
  }
  return ids;
}
