import { asc, desc, sql } from "drizzle-orm";
import { chunk, D1_MAX_BOUND_PARAMETERS, type Database, inList } from "../client";
import { importExclusions } from "../schema";
import { crudRepository } from "./crud";

export type ExclusionRow = typeof importExclusions.$inferSelect;
type NewExclusionRow = typeof importExclusions.$inferInsert;

const exclusionCrud = crudRepository(importExclusions, [importExclusions.movieTitle]);

/** The keys a page of exclusions sorts by (Radarr's), id first: Radarr's default. */
export const EXCLUSION_SORT_KEYS = ["id", "movieTitle", "movieYear", "tmdbId"] as const;
type ExclusionSortKey = (typeof EXCLUSION_SORT_KEYS)[number];

const SORT_COLUMNS = {
  id: sql`${importExclusions.id}`,
  movieTitle: sql`${importExclusions.movieTitle} collate nocase`,
  movieYear: sql`${importExclusions.movieYear}`,
  tmdbId: sql`${importExclusions.tmdbId}`,
} satisfies Record<ExclusionSortKey, unknown>;

export interface ExclusionPageQuery {
  page: number;
  pageSize: number;
  sortKey: ExclusionSortKey;
  sortDirection: "ascending" | "descending";
}

export function exclusionRepository(db: Database) {
  const crud = exclusionCrud(db);
  return {
    ...crud,
    byTmdbId: (tmdbId: number) => crud.findBy(importExclusions.tmdbId, tmdbId),

    /** One page, in the order asked (ties by id), and the total. */
    async page(query: ExclusionPageQuery): Promise<{ rows: ExclusionRow[]; totalRecords: number }> {
      const order = query.sortDirection === "descending" ? desc : asc;
      const [[{ total }], rows] = await db.batch([
        db.select({ total: sql<number>`count(*)` }).from(importExclusions),
        db
          .select()
          .from(importExclusions)
          .orderBy(order(SORT_COLUMNS[query.sortKey]), order(importExclusions.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
      ]);
      return { rows, totalRecords: total };
    },

    /** The TMDb ids of these that are excluded already. */
    async excludedTmdbIds(tmdbIds: readonly number[]): Promise<Set<number>> {
      const found = await db
        .select({ tmdbId: importExclusions.tmdbId })
        .from(importExclusions)
        .where(inList(importExclusions.tmdbId, tmdbIds));
      return new Set(found.map((row) => row.tmdbId));
    },

    /** Adds these in one transaction (statements of as many rows as D1 binds); the rows added. */
    async createMany(values: readonly NewExclusionRow[]): Promise<ExclusionRow[]> {
      const [first, ...rest] = chunk(values, Math.floor(D1_MAX_BOUND_PARAMETERS / 5)).map((rows) =>
        db.insert(importExclusions).values(rows).returning(),
      );
      if (!first) return [];
      return (await db.batch([first, ...rest])).flat();
    },

    /** Which of these ids exist. */
    async existingIds(ids: readonly number[]): Promise<Set<number>> {
      const found = await db
        .select({ id: importExclusions.id })
        .from(importExclusions)
        .where(inList(importExclusions.id, ids));
      return new Set(found.map((row) => row.id));
    },

    async deleteMany(ids: readonly number[]): Promise<void> {
      await db.delete(importExclusions).where(inList(importExclusions.id, ids));
    },
  };
}
