import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { downloadClients, downloads, movies } from "../schema";

export interface DownloadFailureQuery {
  page: number;
  pageSize: number;
  kind?: string;
  movieId?: number;
}

/** The downloads that failed (the failures view's read side; the download services write them). */
export function downloadFailureRepository(db: Database) {
  return {
    /** One page, newest change first, with each one's movie, client and blocklist state; the total and per-kind counts. */
    async page(query: DownloadFailureQuery) {
      const where = and(
        isNotNull(downloads.failureKind),
        query.kind ? eq(downloads.failureKind, query.kind) : undefined,
        query.movieId ? eq(downloads.movieId, query.movieId) : undefined,
      );
      const [rows, [{ total }], counts] = await Promise.all([
        db
          .select({
            row: downloads,
            movieTitle: movies.title,
            movieYear: movies.year,
            clientName: downloadClients.name,
            blocklisted: sql<number>`exists (select 1 from blocklist b where b.movie_id = ${downloads.movieId} and b.source_title = ${downloads.title})`,
          })
          .from(downloads)
          .innerJoin(movies, eq(movies.id, downloads.movieId))
          .innerJoin(downloadClients, eq(downloadClients.id, downloads.downloadClientId))
          .where(where)
          .orderBy(desc(downloads.updatedAt), desc(downloads.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: sql<number>`count(*)` }).from(downloads).where(where),
        db
          .select({ kind: downloads.failureKind, count: sql<number>`count(*)` })
          .from(downloads)
          .where(isNotNull(downloads.failureKind))
          .groupBy(downloads.failureKind),
      ]);
      return { rows, totalRecords: total, counts };
    },
  };
}
