import { and, eq, inArray } from "drizzle-orm";
import type { TmdbType, WatchmodeIdMapRow, WatchmodeIdMapState } from "../../domain/streaming/watchmodeIdMap";
import type { Database } from "../client";
import { settings, watchmodeIdMap } from "../schema";

/**
 * Watchmode's title id map in D1. An import writes the new file into a staging table in bulk
 * statements (D1 binds at most 100 parameters, so each statement carries its rows as one JSON
 * parameter that SQLite unpacks with json_each); only once the whole file has parsed is it merged
 * into watchmode_id_map, the rows it no longer lists swept and the import's state stored, all in
 * one batch (one transaction). A truncated or malformed file therefore leaves the map as it was.
 */

/** The settings row holding the imported file's validators and size. */
export const WATCHMODE_ID_MAP_STATE_KEY = "watchmodeIdMap";

/** Rows per statement (one JSON parameter) and statements per D1 batch. */
const ROWS_PER_STATEMENT = 1_000;
const STATEMENTS_PER_BATCH = 10;
/** Rows one `stage` call writes at most (one D1 batch). */
export const WATCHMODE_ID_MAP_BATCH_ROWS = ROWS_PER_STATEMENT * STATEMENTS_PER_BATCH;

const STAGE_ROWS = `insert into watchmode_id_map_staging (watchmode_id, tmdb_id, tmdb_type, imdb_id, title, year)
  select json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
         json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]')
  from json_each(?1) where true
  on conflict(watchmode_id) do update set tmdb_id = excluded.tmdb_id, tmdb_type = excluded.tmdb_type,
    imdb_id = excluded.imdb_id, title = excluded.title, year = excluded.year`;

// Only rows that differ are written, so a re-import of the same content changes nothing.
const MERGE_STAGED = `insert into watchmode_id_map (watchmode_id, tmdb_id, tmdb_type, imdb_id, title, year)
  select watchmode_id, tmdb_id, tmdb_type, imdb_id, title, year from watchmode_id_map_staging where true
  on conflict(watchmode_id) do update set tmdb_id = excluded.tmdb_id, tmdb_type = excluded.tmdb_type,
    imdb_id = excluded.imdb_id, title = excluded.title, year = excluded.year
  where watchmode_id_map.tmdb_id is not excluded.tmdb_id or watchmode_id_map.tmdb_type is not excluded.tmdb_type
     or watchmode_id_map.imdb_id is not excluded.imdb_id or watchmode_id_map.title is not excluded.title
     or watchmode_id_map.year is not excluded.year`;

const SWEEP_REMOVED = `delete from watchmode_id_map
  where not exists (select 1 from watchmode_id_map_staging s where s.watchmode_id = watchmode_id_map.watchmode_id)`;

const CLEAR_STAGING = "delete from watchmode_id_map_staging";

const SAVE_STATE = `insert into settings (key, value, updated_at) values (?1, ?2, ?3)
  on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at`;

export type WatchmodeIdMapRepository = ReturnType<typeof watchmodeIdMapRepository>;

export function watchmodeIdMapRepository(db: Database) {
  const d1 = db.$client;
  return {
    /** The last import's state, or null before the first. */
    async readState(): Promise<WatchmodeIdMapState | null> {
      const [row] = await db.select().from(settings).where(eq(settings.key, WATCHMODE_ID_MAP_STATE_KEY));
      return row ? (row.value as unknown as WatchmodeIdMapState) : null;
    },

    async clearStaging(): Promise<void> {
      await d1.prepare(CLEAR_STAGING).run();
    },

    /** Writes up to WATCHMODE_ID_MAP_BATCH_ROWS rows into the staging table in one batch. */
    async stage(rows: readonly WatchmodeIdMapRow[]): Promise<void> {
      const statements: D1PreparedStatement[] = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        statements.push(d1.prepare(STAGE_ROWS).bind(JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))));
      }
      await d1.batch(statements);
    },

    /**
     * Makes the staged file the map, in one transaction: merges it, sweeps the titles it no longer
     * lists, clears the staging table and stores the import's state. Returns the rows written and swept.
     */
    async replaceWithStaged(state: WatchmodeIdMapState): Promise<{ written: number; removed: number }> {
      const [merged, swept] = await d1.batch([
        d1.prepare(MERGE_STAGED),
        d1.prepare(SWEEP_REMOVED),
        d1.prepare(CLEAR_STAGING),
        d1.prepare(SAVE_STATE).bind(WATCHMODE_ID_MAP_STATE_KEY, JSON.stringify(state), state.importedAt),
      ]);
      return { written: merged.meta.changes, removed: swept.meta.changes };
    },

    /** The Watchmode id of a TMDb title, from the imported map (no Watchmode call). */
    async watchmodeIdForTmdb(tmdbId: number, type: TmdbType = "movie"): Promise<number | null> {
      const [row] = await db
        .select({ watchmodeId: watchmodeIdMap.watchmodeId })
        .from(watchmodeIdMap)
        .where(and(eq(watchmodeIdMap.tmdbType, type), eq(watchmodeIdMap.tmdbId, tmdbId)))
        .limit(1);
      return row?.watchmodeId ?? null;
    },

    /** The Watchmode ids of TMDb titles of one type (at most 90 ids: D1's parameter limit). */
    async watchmodeIdsForTmdb(tmdbIds: readonly number[], type: TmdbType): Promise<Map<number, number>> {
      if (tmdbIds.length === 0) return new Map();
      const rows = await db
        .select({ tmdbId: watchmodeIdMap.tmdbId, watchmodeId: watchmodeIdMap.watchmodeId })
        .from(watchmodeIdMap)
        .where(and(eq(watchmodeIdMap.tmdbType, type), inArray(watchmodeIdMap.tmdbId, tmdbIds.slice(0, 90))));
      return new Map(rows.filter((r) => r.tmdbId !== null).map((r) => [r.tmdbId as number, r.watchmodeId]));
    },

    /** The TMDb id and type of a Watchmode title, from the imported map. */
    async tmdbIdForWatchmode(watchmodeId: number) {
      const [row] = await db
        .select({ tmdbId: watchmodeIdMap.tmdbId, tmdbType: watchmodeIdMap.tmdbType })
        .from(watchmodeIdMap)
        .where(eq(watchmodeIdMap.watchmodeId, watchmodeId));
      return row?.tmdbId != null && row.tmdbType ? { tmdbId: row.tmdbId, tmdbType: row.tmdbType } : null;
    },
  };
}
