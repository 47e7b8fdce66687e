import { eq, gt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { indexerStatus, indexers } from "../schema";
import type { IndexerRow } from "./providers";

export type IndexerStatusRow = typeof indexerStatus.$inferSelect;
type IndexerFailureValues = Omit<IndexerStatusRow, "indexerId" | "capabilities" | "capsFetchedAt">;

/** Each indexer's back-off state (failures, disabled until) and its fetched capabilities. */
export function indexerStatusRepository(db: Database) {
  return {
    /** Every indexer with its status, by priority then name. */
    async indexersWithStatus(): Promise<(IndexerRow & { status: IndexerStatusRow | null })[]> {
      const rows = await db
        .select({ indexer: indexers, status: indexerStatus })
        .from(indexers)
        .leftJoin(indexerStatus, eq(indexerStatus.indexerId, indexers.id))
        .orderBy(indexers.priority, indexers.name);
      return rows.map((r) => ({ ...r.indexer, status: r.status }));
    },

    async get(indexerId: number): Promise<IndexerStatusRow | undefined> {
      const [row] = await db.select().from(indexerStatus).where(eq(indexerStatus.indexerId, indexerId));
      return row;
    },

    /** A success: the back-off is reset, and the capabilities stored when given (fetched at `capsFetchedAt`). */
    async recordSuccess(
      indexerId: number,
      caps: Partial<Pick<IndexerStatusRow, "capabilities" | "capsFetchedAt">>,
    ): Promise<void> {
      await db
        .insert(indexerStatus)
        .values({ indexerId, consecutiveFailures: 0, ...caps })
        .onConflictDoUpdate({
          target: indexerStatus.indexerId,
          set: { consecutiveFailures: 0, initialFailureAt: null, disabledUntil: null, ...caps },
        });
    },

    /** A failure: the indexer's failure state becomes `values`. */
    async recordFailure(indexerId: number, values: IndexerFailureValues): Promise<void> {
      await db
        .insert(indexerStatus)
        .values({ indexerId, ...values })
        .onConflictDoUpdate({ target: indexerStatus.indexerId, set: values });
    },

    /** The indexers disabled after `nowIso`, with until when and why. */
    disabledAfter(nowIso: string): Promise<{ name: string; until: string; error: string | null }[]> {
      return db
        .select({
          name: indexers.name,
          until: sql<string>`${indexerStatus.disabledUntil}`,
          error: indexerStatus.lastError,
        })
        .from(indexerStatus)
        .innerJoin(indexers, eq(indexers.id, indexerStatus.indexerId))
        .where(gt(indexerStatus.disabledUntil, nowIso));
    },
  };
}
