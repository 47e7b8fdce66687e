import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Database, inList } from "../client";
import { downloadClients, downloads, movies } from "../schema";
import type { DownloadRow } from "./downloads";

export const QUEUE_SORT_KEYS = [
  "timeleft",
  "estimatedCompletionTime",
  "added",
  "progress",
  "status",
  "title",
  "movies.sortTitle",
  "size",
  "protocol",
  "indexer",
  "downloadClient",
] as const;
type QueueSortKey = (typeof QUEUE_SORT_KEYS)[number];

const SORT_COLUMNS: Record<QueueSortKey, SQL | typeof downloads.eta> = {
  timeleft: sql`coalesce(${downloads.eta}, 9223372036854775807)`,
  estimatedCompletionTime: sql`coalesce(${downloads.eta}, 9223372036854775807)`,
  added: sql`${downloads.grabbedAt}`,
  progress: sql`${downloads.progress}`,
  status: sql`${downloads.status}`,
  title: sql`${downloads.title} collate nocase`,
  "movies.sortTitle": sql`${movies.sortTitle}`,
  size: sql`${downloads.size}`,
  protocol: sql`${downloads.protocol}`,
  indexer: sql`${downloads.indexer} collate nocase`,
  downloadClient: sql`${downloadClients.name} collate nocase`,
};

interface QueuePageQuery {
  page: number;
  pageSize: number;
  sortKey: QueueSortKey;
  sortDirection: "ascending" | "descending";
  movieId?: number;
  protocol?: DownloadRow["protocol"];
  /** Rows to skip and take instead of the page's (when other items come first). */
  offset?: number;
  limit?: number;
}

/** The queue: the downloads in `activeStates` (on their way from grab to import, or failing). */
export function queueRepository(db: Database, activeStates: readonly DownloadRow["trackedDownloadState"][]) {
  const active = inArray(downloads.trackedDownloadState, [...activeStates]);
  return {
    /** One page of the queue with each item's client name, and the total. */
    async page(query: QueuePageQuery): Promise<{ rows: { row: DownloadRow; clientName: string }[]; total: number }> {
      const where = and(
        active,
        query.movieId ? eq(downloads.movieId, query.movieId) : undefined,
        query.protocol ? eq(downloads.protocol, query.protocol) : undefined,
      );
      const order = query.sortDirection === "descending" ? desc : asc;
      const [[{ total }], rows] = await Promise.all([
        db.select({ total: sql<number>`count(*)` }).from(downloads).where(where),
        db
          .select({ row: downloads, clientName: downloadClients.name })
          .from(downloads)
          .innerJoin(downloadClients, eq(downloadClients.id, downloads.downloadClientId))
          .innerJoin(movies, eq(movies.id, downloads.movieId))
          .where(where)
          .orderBy(order(SORT_COLUMNS[query.sortKey]), order(downloads.id))
          .limit(query.limit ?? query.pageSize)
          .offset(query.offset ?? (query.page - 1) * query.pageSize),
      ]);
      return { rows, total };
    },

    /** Every queued item (of one movie) with its client name, oldest first. */
    list(movieId?: number): Promise<{ row: DownloadRow; clientName: string }[]> {
      return db
        .select({ row: downloads, clientName: downloadClients.name })
        .from(downloads)
        .innerJoin(downloadClients, eq(downloadClients.id, downloads.downloadClientId))
        .where(and(active, movieId ? eq(downloads.movieId, movieId) : undefined))
        .orderBy(asc(downloads.id));
    },

    /** How many items are queued, and how many of them have errors or warnings. */
    async counts(): Promise<{ total: number; errors: number; warnings: number }> {
      const [counts] = await db
        .select({
          total: sql<number>`count(*)`,
          errors: sql<number>`coalesce(sum(${downloads.trackedDownloadStatus} = 'error'), 0)`,
          warnings: sql<number>`coalesce(sum(${downloads.trackedDownloadStatus} = 'warning'), 0)`,
        })
        .from(downloads)
        .where(active);
      return counts;
    },

    /** The queued items among `ids`. */
    withIds(ids: readonly number[]): Promise<DownloadRow[]> {
      return db
        .select()
        .from(downloads)
        .where(and(inList(downloads.id, ids), active));
    },

    /** The queued item with this id, if it is queued. */
    async get(id: number): Promise<DownloadRow | undefined> {
      const [row] = await db
        .select()
        .from(downloads)
        .where(and(eq(downloads.id, id), active));
      return row;
    },
  };
}
