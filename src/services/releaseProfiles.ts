import type { Database } from "../db/client";
import {
  type NewReleaseProfileRow,
  type ReleaseProfileRow,
  releaseProfileRepository,
  tagsOfMovie,
} from "../db/repositories/profiles";
import { indexerRepository } from "../db/repositories/providers";
import { type ReleaseProfileTerms, termMatcher } from "../domain/decisions";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";

/** Radarr's release profiles: terms a release must and must not contain, by tag and indexer. */

export type ReleaseProfileInput = Omit<NewReleaseProfileRow, "id">;

function validateTerms(field: "required" | "ignored", terms: readonly string[]) {
  const label = field === "required" ? "'Must contain'" : "'Must not contain'";
  for (const term of terms) {
    if (!term.trim()) throw invalidInput(`body.${field}`, `${label} should not contain whitespaces or an empty string`);
    try {
      termMatcher(term);
    } catch (error) {
      throw invalidInput(
        `body.${field}`,
        `${label} term ${term} is not a valid expression: ${(error as Error).message}`,
      );
    }
  }
}

async function validate(db: Database, input: ReleaseProfileInput) {
  if (input.required.length === 0 && input.ignored.length === 0)
    throw invalidInput("body.required", "'Must contain' or 'Must not contain' is required");
  validateTerms("required", input.required);
  validateTerms("ignored", input.ignored);
  if (input.enabled !== false && input.indexerId && !(await indexerRepository(db).get(input.indexerId)))
    throw invalidInput("body.indexerId", "Indexer does not exist");
}

/** The enabled release profiles that apply to a library movie by its tags (no tags: every movie). */
export async function releaseProfilesForMovie(db: Database, movieId: number): Promise<ReleaseProfileTerms[]> {
  const [all, tags] = await Promise.all([releaseProfileRepository(db).list(), tagsOfMovie(db, movieId)]);
  return all
    .filter((p) => p.enabled && (p.tags.length === 0 || p.tags.some((t) => tags.includes(t))))
    .map(({ name, required, ignored, indexerId }) => ({ name, required, ignored, indexerId }));
}

export function releaseProfileService(db: Database) {
  const repo = releaseProfileRepository(db);
  return {
    list: () => repo.list(),

    async get(id: number): Promise<ReleaseProfileRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Release profile ${id}`);
      return row;
    },

    async add(input: ReleaseProfileInput): Promise<ReleaseProfileRow> {
      await validate(db, input);
      return repo.create(input);
    },

    async update(id: number, input: ReleaseProfileInput): Promise<ReleaseProfileRow> {
      await validate(db, input);
      const row = await repo.update(id, input);
      if (!row) throw resourceNotFound(`Release profile ${id}`);
      return row;
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Release profile ${id}`);
    },
  };
}
