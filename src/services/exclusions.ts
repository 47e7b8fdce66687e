import type { Database } from "../db/client";
import { type ExclusionPageQuery, type ExclusionRow, exclusionRepository } from "../db/repositories/exclusions";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";

export type Exclusion = Pick<ExclusionRow, "id" | "tmdbId" | "movieTitle" | "movieYear">;
type ExclusionInput = Omit<Exclusion, "id">;

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

    async page(query: ExclusionPageQuery) {
      const { rows, totalRecords } = await repo.page(query);
      return { records: rows.map(exclusion), totalRecords };
    },

    async get(id: number): Promise<Exclusion> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Exclusion ${id}`);
      return exclusion(row);
    },

    async add(input: ExclusionInput): Promise<Exclusion> {
      if (await repo.byTmdbId(input.tmdbId))
        throw invalidInput("body.tmdbId", `TMDb id ${input.tmdbId} is already excluded`);
      return exclusion(await repo.create(input));
    },

    /** Adds every exclusion whose TMDb id is not excluded yet (the first of a repeated one); the ones added. */
    async addMany(inputs: readonly ExclusionInput[]): Promise<Exclusion[]> {
      const excluded = await repo.excludedTmdbIds(inputs.map((input) => input.tmdbId));
      const fresh = inputs.filter((input) => {
        if (excluded.has(input.tmdbId)) return false;
        excluded.add(input.tmdbId);
        return true;
      });
      return (await repo.createMany(fresh)).map(exclusion);
    },

    async update(id: number, input: ExclusionInput): Promise<Exclusion> {
      const clash = await repo.byTmdbId(input.tmdbId);
      if (clash && clash.id !== id) throw invalidInput("body.tmdbId", `TMDb id ${input.tmdbId} is already excluded`);
      const row = await repo.update(id, input);
      if (!row) throw resourceNotFound(`Exclusion ${id}`);
      return exclusion(row);
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Exclusion ${id}`);
    },

    /** Deletes them all, or none when one is not there (a 404 naming it). */
    async removeMany(ids: readonly number[]): Promise<void> {
      const found = await repo.existingIds(ids);
      const missing = [...new Set(ids)].filter((id) => !found.has(id));
      if (missing.length) throw resourceNotFound(`Exclusion${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
      await repo.deleteMany(ids);
    },
  };
}
