import { asc, eq, sql } from "drizzle-orm";
import { type Database, inList } from "../client";
import { delayProfiles, movieTags, pendingReleases, releaseProfiles } from "../schema";
import { crudRepository } from "./crud";

export type DelayProfileRow = typeof delayProfiles.$inferSelect;
export type NewDelayProfileRow = typeof delayProfiles.$inferInsert;
export type ReleaseProfileRow = typeof releaseProfiles.$inferSelect;
export type NewReleaseProfileRow = typeof releaseProfiles.$inferInsert;
export type PendingReleaseRow = typeof pendingReleases.$inferSelect;
export type NewPendingReleaseRow = typeof pendingReleases.$inferInsert;

const delayCrud = crudRepository(delayProfiles, [delayProfiles.order, delayProfiles.id]);
const releaseCrud = crudRepository(releaseProfiles, [releaseProfiles.id]);

/** Delay profiles, in order (the default last). */
export function delayProfileRepository(db: Database) {
  const crud = delayCrud(db);
  return {
    ...crud,
    async count(): Promise<number> {
      const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(delayProfiles);
      return n;
    },
    /** Writes each profile's new order in one batch. */
    async reorder(orders: readonly { id: number; order: number }[]): Promise<void> {
      if (orders.length === 0) return;
      const [first, ...rest] = orders.map(({ id, order }) =>
        db.update(delayProfiles).set({ order }).where(eq(delayProfiles.id, id)),
      );
      await db.batch([first, ...rest]);
    },
  };
}

/** Release profiles, by id. */
export const releaseProfileRepository = (db: Database) => releaseCrud(db);

/** The tag ids of a movie (delay and release profiles apply by them). */
export async function tagsOfMovie(db: Database, movieId: number): Promise<number[]> {
  const rows = await db.select({ tagId: movieTags.tagId }).from(movieTags).where(eq(movieTags.movieId, movieId));
  return rows.map((r) => r.tagId);
}

/** Pending (delayed) releases. */
export function pendingReleaseRepository(db: Database) {
  return {
    all: (): Promise<PendingReleaseRow[]> => db.select().from(pendingReleases).orderBy(asc(pendingReleases.id)),
    forMovie: (movieId: number): Promise<PendingReleaseRow[]> =>
      db.select().from(pendingReleases).where(eq(pendingReleases.movieId, movieId)).orderBy(asc(pendingReleases.id)),
    async insert(values: NewPendingReleaseRow): Promise<PendingReleaseRow> {
      const [row] = await db.insert(pendingReleases).values(values).returning();
      return row;
    },
    async deleteMany(ids: readonly number[]): Promise<void> {
      if (ids.length) await db.delete(pendingReleases).where(inList(pendingReleases.id, [...ids]));
    },
  };
}
