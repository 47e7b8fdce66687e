import type { Database } from "../db/client";
import { customFormatRepository } from "../db/repositories/customFormats";
import { MovieRepository } from "../db/repositories/movies";
import {
  type NewQualityProfileRow,
  type QualityProfileRow,
  qualityProfileRepository,
} from "../db/repositories/qualityProfiles";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { validateProfileItems } from "../domain/quality/profiles";

export type QualityProfileDraft = Omit<NewQualityProfileRow, "id" | "createdAt">;

/** Quality profiles: Radarr's item rules, known custom formats, unique names, never deleted in use. */
export function qualityProfileService(db: Database) {
  const repo = qualityProfileRepository(db);
  const formats = customFormatRepository(db);

  /** Checks a profile against Radarr's rules; returns the row to store (unscored formats dropped). */
  async function validated(draft: QualityProfileDraft, id?: number): Promise<QualityProfileDraft> {
    const problems = validateProfileItems(draft.items, draft.cutoff);
    if (problems.length) {
      throw new Failure("invalidInput", `Validation failed: ${problems[0].path}: ${problems[0].message}`, {
        fields: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
      });
    }
    const known = new Set((await formats.names()).map((f) => f.id));
    const formatItems = draft.formatItems ?? [];
    formatItems.forEach((item, index) => {
      if (!known.has(item.format))
        throw invalidInput(`body.formatItems.${index}.format`, `custom format ${item.format} does not exist`);
    });
    const clash = await repo.byName(draft.name);
    if (clash && clash.id !== id)
      throw invalidInput("body.name", `A quality profile named '${draft.name}' already exists`);
    return { ...draft, formatItems: formatItems.filter((item) => item.score !== 0) };
  }

  return {
    list: () => repo.list(),
    /** Every custom format's id and name, by name: a profile's resource scores each of them. */
    formatNames: () => formats.names(),

    async get(id: number): Promise<QualityProfileRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Quality profile ${id}`);
      return row;
    },

    add: async (draft: QualityProfileDraft) => repo.create(await validated(draft)),

    async update(id: number, draft: QualityProfileDraft): Promise<QualityProfileRow> {
      const row = await repo.update(id, await validated(draft, id));
      if (!row) throw resourceNotFound(`Quality profile ${id}`);
      return row;
    },

    async remove(id: number): Promise<void> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Quality profile ${id}`);
      const inUse = await new MovieRepository(db).countWithQualityProfile(id);
      if (inUse > 0) throw invalidInput("path.id", `Quality profile '${row.name}' is used by ${inUse} movies`);
      await repo.delete(id);
    },
  };
}
