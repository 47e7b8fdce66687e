import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type Database, inList } from "../client";
import { autoTags, movies, movieTags, tags } from "../schema";
import { crudRepository } from "./crud";

export type AutoTagRow = typeof autoTags.$inferSelect;

/** One movie's tag changes from its auto tagging rules. */
export interface MovieTagChange {
  movieId: number;
  add: number[];
  remove: number[];
}

const autoTagCrud = crudRepository(autoTags, [autoTags.name]);

export function autoTagRepository(db: Database) {
  const crud = autoTagCrud(db);
  return {
    ...crud,
    byName: (name: string) => crud.findBy(autoTags.name, name),

    /** The ids of up to `limit` movies after `afterId`, in id order (a library walk's page). */
    async movieIdsAfter(afterId: number, limit: number): Promise<number[]> {
      const rows = await db
        .select({ id: movies.id })
        .from(movies)
        .where(gt(movies.id, afterId))
        .orderBy(asc(movies.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async movieCount(): Promise<number> {
      const [row] = await db.select({ count: sql<number>`count(*)` }).from(movies);
      return row?.count ?? 0;
    },

    /**
     * Writes many movies' tag changes in one transaction. Tags are added only where the tag still
     * exists (a rule may name one deleted since).
     */
    async applyTagChanges(changes: readonly MovieTagChange[]): Promise<void> {
      const statements: BatchItem<"sqlite">[] = [];
      for (const { movieId, add, remove } of changes) {
        if (remove.length)
          statements.push(
            db.delete(movieTags).where(and(eq(movieTags.movieId, movieId), inList(movieTags.tagId, remove))),
          );
        if (add.length)
          statements.push(
            db
              .insert(movieTags)
              .select(sql`select ${movieId}, ${tags.id} from ${tags} where ${inList(tags.id, add)}`)
              .onConflictDoNothing(),
          );
      }
      if (statements.length) await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
    },
  };
}
