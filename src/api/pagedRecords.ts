import * as clock from "../clock";
import type { Database } from "../db/client";
import { movieResourcesByIds } from "../services/movieResource";

/** What the paged activity resources (queue, blocklist, history) share beyond their own rows. */

/** Radarr's default for date-sorted activity is newest first; other keys default to ascending. */
export function defaultDateDescending(sortKey: string, requested: "ascending" | "descending" | "default") {
  if (requested !== "default") return requested;
  return sortKey === "date" ? ("descending" as const) : ("ascending" as const);
}

/** Sets `movie` on each record (`includeMovie=true`): one read for the page's distinct movies. */
export async function attachMovies<R extends { movieId: number; movie?: unknown }>(
  db: Database,
  records: R[],
  now = clock.now(),
): Promise<void> {
  if (records.length === 0) return;
  const byId = await movieResourcesByIds(
    db,
    records.map((r) => r.movieId),
    now,
  );
  for (const r of records) r.movie = byId.get(r.movieId);
}
