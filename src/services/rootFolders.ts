import type { Database } from "../db/client";
import { rootFolderRepository } from "../db/repositories/rootFolders";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";

export interface RootFolder {
  id: number;
  path: string;
  accessible: boolean;
  freeSpace: number | null;
  totalSpace: number | null;
  movieCount: number;
  unmappedFolders: { name: string; path: string }[];
}

/**
 * The Worker has no file system of its own: folders live on the download client's host, so
 * space and unmapped folders are unknown here (null / empty) rather than guessed.
 */
const rootFolder = (row: { id: number; path: string; movieCount: number }): RootFolder => ({
  ...row,
  accessible: true,
  freeSpace: null,
  totalSpace: null,
  unmappedFolders: [],
});

/** Root folders: unique paths; one still holding movies cannot be removed. */
export function rootFolderService(db: Database) {
  const repo = rootFolderRepository(db);
  const list = async () => (await repo.listWithMovieCounts()).map(rootFolder);
  const get = async (id: number) => {
    const found = (await list()).find((r) => r.id === id);
    if (!found) throw resourceNotFound(`Root folder ${id}`);
    return found;
  };
  return {
    list,
    get,

    async add(path: string): Promise<RootFolder> {
      if (await repo.byPath(path)) throw invalidInput("body.path", `Root folder '${path}' already exists`);
      const row = await repo.create({ path });
      return rootFolder({ id: row.id, path: row.path, movieCount: 0 });
    },

    async remove(id: number): Promise<void> {
      const found = await get(id);
      if (found.movieCount > 0)
        throw invalidInput("path.id", `Root folder '${found.path}' still holds ${found.movieCount} movies`);
      await repo.delete(id);
    },
  };
}
