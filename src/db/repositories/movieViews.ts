import { and, asc, desc, eq, gt, gte, lte, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { type Database, inList } from "../client";
import { movies, movieTags } from "../schema";
import { columnsFromScalars, SCALARS_JSON } from "./movieColumns";
import type { RawMovie } from "./movies";

/** Radarr's sort keys for the wanted pages, by the column each sorts on. */
export const WANTED_SORT_COLUMNS = {
  sortTitle: movies.sortTitle,
  year: movies.year,
  inCinemas: movies.inCinemas,
  digitalRelease: movies.digitalRelease,
  physicalRelease: movies.physicalRelease,
  lastSearchTime: movies.lastSearchTime,
} as const;
export type WantedSortKey = keyof typeof WANTED_SORT_COLUMNS;

export interface WantedPageQuery {
  page: number;
  pageSize: number;
  sortKey: WantedSortKey;
  sortDirection: "ascending" | "descending";
  monitored: boolean;
}

const RAW_SELECTION = {
  scalars: sql<string>`${sql.raw(SCALARS_JSON)}`,
  metadata: sql<string>`${sql.raw("metadata")}`,
  tags: sql<string>`(select json_group_array(${movieTags.tagId}) from ${movieTags} where ${movieTags.movieId} = ${movies.id})`,
};

function toRaw(rows: { scalars: string; metadata: string; tags: string }[]): RawMovie[] {
  return rows.map((r) => ({
    columns: columnsFromScalars(r.scalars),
    metadataJson: r.metadata,
    tags: JSON.parse(r.tags) as number[],
  }));
}

/** The library's read-only views: the wanted pages and the release calendar. */
export function movieViewRepository(db: Database) {
  async function page(where: SQL | undefined, query: WantedPageQuery) {
    const direction = query.sortDirection === "descending" ? desc : asc;
    const order = [direction(WANTED_SORT_COLUMNS[query.sortKey]), asc(movies.sortTitle), asc(movies.id)];
    const [rows, [{ totalRecords }]] = await db.batch([
      db
        .select(RAW_SELECTION)
        .from(movies)
        .where(where)
        .orderBy(...order)
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ totalRecords: sql<number>`count(*)` }).from(movies).where(where),
    ]);
    return { rows: toRaw(rows), totalRecords };
  }

  return {
    /** Radarr's Wanted → Missing: movies without a file (with a known year), monitored or not as asked. */
    missingPage: (query: WantedPageQuery) =>
      page(and(eq(movies.hasFile, false), gt(movies.year, 0), eq(movies.monitored, query.monitored)), query),

    /** One page of the movies with these ids (already worked out: the cutoff-unmet ones). */
    pageOfIds: (ids: number[], query: WantedPageQuery) => page(inList(movies.id, ids), query),

    /**
     * Movies with a cinema, digital or physical release from `start` to `end` (ISO instants),
     * monitored only unless `unmonitored`, as Radarr's calendar orders them.
     */
    async between(start: string, end: string, unmonitored: boolean, tagIds: number[]): Promise<RawMovie[]> {
      const inRange = (column: SQLiteColumn) => and(gte(column, start), lte(column, end));
      const where = and(
        or(inRange(movies.inCinemas), inRange(movies.digitalRelease), inRange(movies.physicalRelease)),
        unmonitored ? undefined : eq(movies.monitored, true),
        tagIds.length
          ? sql`${movies.id} in (select ${movieTags.movieId} from ${movieTags} where ${inList(movieTags.tagId, tagIds)})`
          : undefined,
      );
      const rows = await db
        .select(RAW_SELECTION)
        .from(movies)
        .where(where)
        .orderBy(asc(movies.inCinemas), asc(movies.digitalRelease), asc(movies.physicalRelease), asc(movies.id))
        .limit(5000);
      return toRaw(rows);
    },
  };
}
