import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { movieFiles, movies } from "../schema";

export type MovieFileRow = typeof movieFiles.$inferSelect;
type NewMovieFileRow = typeof movieFiles.$inferInsert;

/** A movie's file: what an import reads and writes. Statements without `await` go into the caller's batch. */
export function movieFileRepository(db: Database) {
  return {
    /** The movie's file, if it has one. */
    async ofMovie(movieId: number): Promise<MovieFileRow | undefined> {
      const [existing] = await db.select().from(movieFiles).where(eq(movieFiles.movieId, movieId));
      return existing;
    },

    /** The write of an imported file: over `existingId`, or a new row. */
    write: (existingId: number | undefined, values: NewMovieFileRow) =>
      existingId !== undefined
        ? db.update(movieFiles).set(values).where(eq(movieFiles.id, existingId))
        : db.insert(movieFiles).values(values),

    /** The update marking the movie as having its file of `sizeOnDisk` bytes. */
    markMovieHasFile: (movieId: number, sizeOnDisk: number, updatedAt: string) =>
      db.update(movies).set({ hasFile: true, sizeOnDisk, updatedAt }).where(eq(movies.id, movieId)),
  };
}
