import * as clock from "../clock";
import type { Database } from "../db/client";
import { type BlocklistPageQuery, blocklistRepository } from "../db/repositories/blocklist";
import { resourceNotFound } from "../domain/failures/failure";

/** Removes entries whose time ran out (blockedUntil passed): those releases may be grabbed again. */
export async function expireBlocklist(db: Database, now = clock.nowDate()): Promise<number> {
  return blocklistRepository(db).deleteExpired(now.toISOString());
}

/** The blocklist as the API reads and edits it. */
export function blocklistService(db: Database) {
  const repo = blocklistRepository(db);
  return {
    page: (query: BlocklistPageQuery) => repo.page(query),
    forMovie: (movieId: number) => repo.forMovie(movieId),

    /** Unblocks every entry or none: an unknown id refuses the whole request. */
    async removeMany(ids: number[]): Promise<void> {
      const found = await repo.existingIds(ids);
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) throw resourceNotFound(`Blocklist entries ${missing.join(", ")}`);
      await repo.deleteMany(ids);
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Blocklist entry ${id}`);
    },
  };
}
