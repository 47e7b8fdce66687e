import { and, asc, desc, eq, gt, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { type Database, inList } from "../client";
import { blocklist, movies } from "../schema";

export type BlocklistRow = typeof blocklist.$inferSelect;
type NewBlocklistRow = typeof blocklist.$inferInsert;

export const BLOCKLIST_SORT_KEYS = ["date", "sourceTitle", "movies.sortTitle", "indexer", "blockedUntil"] as const;
type BlocklistSortKey = (typeof BLOCKLIST_SORT_KEYS)[number];

const SORT_COLUMNS: Record<BlocklistSortKey, SQL> = {
  date: sql`${blocklist.date}`,
  sourceTitle: sql`${blocklist.sourceTitle} collate nocase`,
  "movies.sortTitle": sql`${movies.sortTitle}`,
  indexer: sql`${blocklist.indexer} collate nocase`,
  blockedUntil: sql`coalesce(${blocklist.blockedUntil}, '9999')`,
};

export interface BlocklistPageQuery {
  page: number;
  pageSize: number;
  sortKey: BlocklistSortKey;
  sortDirection: "ascending" | "descending";
  movieIds?: number[];
  protocols?: "torrent" | "usenet";
}

export function blocklistRepository(db: Database) {
  return {
    /** One page (joined to its movies, for the title sort) and the total. */
    async page(query: BlocklistPageQuery): Promise<{ rows: BlocklistRow[]; totalRecords: number }> {
      const where = and(
        query.movieIds ? inList(blocklist.movieId, query.movieIds) : undefined,
        query.protocols ? eq(blocklist.protocol, query.protocols) : undefined,
      );
      const order = query.sortDirection === "descending" ? desc : asc;
      const [[{ total }], rows] = await Promise.all([
        db.select({ total: sql<number>`count(*)` }).from(blocklist).where(where),
        db
          .select({ row: blocklist })
          .from(blocklist)
          .innerJoin(movies, eq(movies.id, blocklist.movieId))
          .where(where)
          .orderBy(order(SORT_COLUMNS[query.sortKey]), order(blocklist.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
      ]);
      return { rows: rows.map((r) => r.row), totalRecords: total };
    },

    /** A movie's entries, newest first. */
    forMovie(movieId: number): Promise<BlocklistRow[]> {
      return db.select().from(blocklist).where(eq(blocklist.movieId, movieId)).orderBy(desc(blocklist.date));
    },

    /** The movie's entries still in force at `nowIso` (no expiry, or expiring later). */
    activeForMovie(movieId: number, nowIso: string) {
      return db
        .select({
          title: blocklist.sourceTitle,
          indexer: blocklist.indexer,
          protocol: blocklist.protocol,
          infoHash: blocklist.infoHash,
        })
        .from(blocklist)
        .where(
          and(eq(blocklist.movieId, movieId), or(isNull(blocklist.blockedUntil), gt(blocklist.blockedUntil, nowIso))),
        );
    },

    /** Which of `ids` exist. */
    async existingIds(ids: number[]): Promise<Set<number>> {
      const found = await db.select({ id: blocklist.id }).from(blocklist).where(inList(blocklist.id, ids));
      return new Set(found.map((f) => f.id));
    },

    /** The insert of one entry, for the caller's batch. */
    insert: (row: NewBlocklistRow) => db.insert(blocklist).values(row),

    async deleteMany(ids: number[]): Promise<void> {
      await db.delete(blocklist).where(inList(blocklist.id, ids));
    },

    /** True when an entry was there to delete. */
    async delete(id: number): Promise<boolean> {
      const [row] = await db.delete(blocklist).where(eq(blocklist.id, id)).returning({ id: blocklist.id });
      return row !== undefined;
    },

    /** Deletes the entries whose block ran out by `nowIso`; returns how many. */
    async deleteExpired(nowIso: string): Promise<number> {
      const removed = await db
        .delete(blocklist)
        .where(and(isNotNull(blocklist.blockedUntil), lte(blocklist.blockedUntil, nowIso)))
        .returning({ id: blocklist.id });
      return removed.length;
    },
  };
}
