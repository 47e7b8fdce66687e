import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { movies, rootFolders } from "../schema";
import { crudRepository } from "./crud";

const rootFolderCrud = crudRepository(rootFolders, [rootFolders.path]);

export function rootFolderRepository(db: Database) {
  const crud = rootFolderCrud(db);
  return {
    ...crud,
    byPath: (path: string) => crud.findBy(rootFolders.path, path),

    /** Every root folder with the number of movies inside it, by path. */
    listWithMovieCounts(): Promise<{ id: number; path: string; movieCount: number }[]> {
      return db
        .select({
          id: rootFolders.id,
          path: rootFolders.path,
          // Qualified by hand: drizzle renders a single-table select's columns unqualified, and a
          // bare "path" inside this subquery would be movies.path, counting nothing.
          movieCount: sql<number>`(select count(*) from ${movies} where ${movies}.root_folder_path = ${rootFolders}.path)`,
        })
        .from(rootFolders)
        .orderBy(rootFolders.path);
    },

    async count(): Promise<number> {
      const [{ count }] = await db.select({ count: sql<number>`count(*)` }).from(rootFolders);
      return count;
    },
  };
}
