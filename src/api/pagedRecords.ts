import * as clock from "../clock";
import type { Database } from "../db/client";
import { MovieRepository } from "../db/movies";
import { customFormats } from "../db/schema";
import { movieResource } from "../services/movieResource";

/** What the paged activity resources (queue, blocklist, history) share beyond their own rows. */

/** Every custom format's name by id, for records that list the formats a release matched. */
export async function customFormatNames(db: Database): Promise<Map<number, string>> {
  const formats = await db.select({ id: customFormats.id, name: customFormats.name }).from(customFormats);
  return new Map(formats.map((f) => [f.id, f.name]));
}

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
  const found = await new MovieRepository(db).byIds([...new Set(records.map((r) => r.movieId))]);
  const byId = new Map(found.map((m) => [m.id, movieResource(m, now)]));
  for (const r of records) r.movie = byId.get(r.movieId);
}
