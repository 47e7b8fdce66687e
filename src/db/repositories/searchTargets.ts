import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { movieFiles, movies } from "../schema";
import type { MovieRow } from "./movieColumns";

/** The movies release searches look at: one by id or TMDb id, the wanted ones. */
export function searchTargetRepository(db: Database) {
  return {
    byId: async (id: number): Promise<MovieRow | undefined> =>
      (await db.select().from(movies).where(eq(movies.id, id)))[0],

    byTmdbId: async (tmdbId: number): Promise<MovieRow | undefined> =>
      (await db.select().from(movies).where(eq(movies.tmdbId, tmdbId)))[0],

    /** Monitored movies without a file, by sort title. */
    monitoredWithoutFile: (): Promise<MovieRow[]> =>
      db
        .select()
        .from(movies)
        .where(and(eq(movies.monitored, true), eq(movies.hasFile, false)))
        .orderBy(asc(movies.sortTitle)),

    /** Monitored (or, asked so, unmonitored) movies with their file's quality and custom format score, by sort title. */
    monitoredWithFile: (monitored = true) =>
      db
        .select({ movie: movies, quality: movieFiles.quality, score: movieFiles.customFormatScore })
        .from(movies)
        .innerJoin(movieFiles, eq(movieFiles.movieId, movies.id))
        .where(eq(movies.monitored, monitored))
        .orderBy(asc(movies.sortTitle)),
  };
}
