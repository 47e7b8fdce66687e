import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import { type Database, inList } from "../client";
import { movieHistory } from "../schema";

export type HistoryRow = typeof movieHistory.$inferSelect;
export type NewHistoryRow = typeof movieHistory.$inferInsert;
export type HistoryEventType = HistoryRow["eventType"];

export const HISTORY_SORT_KEYS = ["date", "movieId", "eventType", "sourceTitle"] as const;
type HistorySortKey = (typeof HISTORY_SORT_KEYS)[number];

const SORT_COLUMNS = {
  date: movieHistory.date,
  movieId: movieHistory.movieId,
  eventType: movieHistory.eventType,
  sourceTitle: movieHistory.sourceTitle,
} as const;

export interface HistoryPageQuery {
  page: number;
  pageSize: number;
  sortKey: HistorySortKey;
  sortDirection: "ascending" | "descending";
  eventType?: HistoryEventType;
  movieIds?: number[];
  downloadId?: string;
}

export function historyRepository(db: Database) {
  return {
    /** One page of every movie's history and the total. */
    async page(query: HistoryPageQuery): Promise<{ rows: HistoryRow[]; totalRecords: number }> {
      const where = and(
        query.eventType ? eq(movieHistory.eventType, query.eventType) : undefined,
        query.movieIds ? inList(movieHistory.movieId, query.movieIds) : undefined,
        query.downloadId ? eq(movieHistory.downloadId, query.downloadId) : undefined,
      );
      const order = query.sortDirection === "descending" ? desc : asc;
      const [[{ total }], rows] = await Promise.all([
        db.select({ total: sql<number>`count(*)` }).from(movieHistory).where(where),
        db
          .select()
          .from(movieHistory)
          .where(where)
          .orderBy(order(SORT_COLUMNS[query.sortKey]), order(movieHistory.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
      ]);
      return { rows, totalRecords: total };
    },

    /** A movie's history, newest first. */
    forMovie(movieId: number, eventType?: HistoryEventType): Promise<HistoryRow[]> {
      return db
        .select()
        .from(movieHistory)
        .where(and(eq(movieHistory.movieId, movieId), eventType ? eq(movieHistory.eventType, eventType) : undefined))
        .orderBy(desc(movieHistory.date), desc(movieHistory.id));
    },

    async get(id: number): Promise<HistoryRow | undefined> {
      const [row] = await db.select().from(movieHistory).where(eq(movieHistory.id, id));
      return row;
    },

    /** Every event since `date` (inclusive), oldest first (Radarr's /history/since). */
    since(date: string, eventType?: HistoryEventType): Promise<HistoryRow[]> {
      return db
        .select()
        .from(movieHistory)
        .where(and(gte(movieHistory.date, date), eventType ? eq(movieHistory.eventType, eventType) : undefined))
        .orderBy(asc(movieHistory.date), asc(movieHistory.id));
    },

    /** The insert of one event, for the caller's batch. */
    insert: (row: NewHistoryRow) => db.insert(movieHistory).values(row),
  };
}
