import { inArray } from "drizzle-orm";
import { chunk, type Database } from "../client";
import { hdbitsObservations } from "../schema";

export type ObservationRow = typeof hdbitsObservations.$inferSelect;

/** One HDBits torrent as observed in a fetch (flags as 0/1), before it is stored. */
export type ObservedTorrent = Omit<ObservationRow, "internal" | "exclusive" | "freeleech" | "observedAt"> & {
  internal: 0 | 1;
  exclusive: 0 | 1;
  freeleech: 0 | 1;
};

// Rows per statement: they travel as one JSON parameter and SQLite unpacks them with json_each.
const BULK_ROWS = 500;
// Group names per `in (…)`: each binds one parameter, under D1's 100.
const GROUPS_PER_QUERY = 90;

const UPSERT_OBSERVATIONS = `insert into hdbits_observations (info_hash, indexer_id, torrent_id, name, release_group, quality_id, size,
           seeders, leechers, times_completed, internal, exclusive, freeleech, imdb_id, runtime, uploaded_at, observed_at)
         select json_extract(value, '$.infoHash'), json_extract(value, '$.indexerId'), json_extract(value, '$.torrentId'),
                json_extract(value, '$.name'), json_extract(value, '$.releaseGroup'), json_extract(value, '$.qualityId'),
                json_extract(value, '$.size'), json_extract(value, '$.seeders'), json_extract(value, '$.leechers'),
                json_extract(value, '$.timesCompleted'), json_extract(value, '$.internal'), json_extract(value, '$.exclusive'),
                json_extract(value, '$.freeleech'), json_extract(value, '$.imdbId'), json_extract(value, '$.runtime'),
                json_extract(value, '$.uploadedAt'), ?1
         from json_each(?2) where true
         on conflict (info_hash) do update set
           seeders = excluded.seeders, leechers = excluded.leechers, times_completed = excluded.times_completed,
           internal = excluded.internal, exclusive = excluded.exclusive, freeleech = excluded.freeleech,
           runtime = case when excluded.runtime > 0 then excluded.runtime else hdbits_observations.runtime end,
           observed_at = excluded.observed_at`;

/** The HDBits torrents the scene-group analysis is scored from (one row per info hash). */
export function releaseGroupRepository(db: Database) {
  return {
    /**
     * Stores the torrents observed at `observedAt` in one batch (a torrent seen before keeps its
     * first facts but refreshes its counts, flags and runtime).
     */
    async recordObservations(observedAt: string, rows: readonly ObservedTorrent[]): Promise<void> {
      if (rows.length === 0) return;
      const d1 = db.$client;
      await d1.batch(
        chunk(rows, BULK_ROWS).map((part) => d1.prepare(UPSERT_OBSERVATIONS).bind(observedAt, JSON.stringify(part))),
      );
    },

    /** The observations of these (upper-cased) groups. */
    async observationsOf(groups: readonly string[]): Promise<ObservationRow[]> {
      const rows: ObservationRow[] = [];
      for (const part of chunk(groups, GROUPS_PER_QUERY)) {
        rows.push(
          ...(await db.select().from(hdbitsObservations).where(inArray(hdbitsObservations.releaseGroup, part))),
        );
      }
      return rows;
    },

    /** Every observation. */
    all(): Promise<ObservationRow[]> {
      return db.select().from(hdbitsObservations);
    },
  };
}
