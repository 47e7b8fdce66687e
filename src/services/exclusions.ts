import type { Database } from "../db/client";
import { type ExclusionRow, exclusionRepository } from "../db/repositories/exclusions";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";

export type Exclusion = Pick<ExclusionRow, "id" | "tmdbId" | "movieTitle" | "movieYear">;

const exclusion = ({ id, tmdbId, movieTitle, movieYear }: ExclusionRow): Exclusion => ({
  id,
  tmdbId,
  movieTitle,
  movieYear,
});

/** Import exclusions: one per TMDb id, kept out of every list import. */
export function exclusionService(db: Database) {
  const repo = exclusionRepository(db);
  return {
    list: async () => (await repo.list()).map(exclusion),

    async get(id: number): Promise<Exclusion> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Exclusion ${id}`);
      return exclusion(row);
    },

    async add(input: Omit<Exclusion, "id">): Promise<Exclusion> {
      if (await repo.byTmdbId(input.tmdbId))
        throw invalidInput("body.tmdbId", `TMDb id ${input.tmdbId} is already excluded`);
      return exclusion(await repo.create(input));
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Exclusion ${id}`);
    },
  };
}
