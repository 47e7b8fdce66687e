import type { Database } from "../db/client";
import { type CustomFormatRow, customFormatRepository } from "../db/repositories/customFormats";
import { type CustomFormatDraft, validateCustomFormat } from "../domain/customFormats";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";

/** Every custom format's name by id, for records that list the formats a release matched. */
export async function customFormatNames(db: Database): Promise<Map<number, string>> {
  return new Map((await customFormatRepository(db).names()).map((f) => [f.id, f.name]));
}

/** Custom formats: Radarr's specification rules and unique names; deleting one unscores it everywhere. */
export function customFormatService(db: Database) {
  const repo = customFormatRepository(db);

  /** Radarr's rules (validateCustomFormat) plus a unique name; returns the format to store. */
  async function validated(draft: CustomFormatDraft, id?: number) {
    const problems = validateCustomFormat(draft);
    if (problems.length) {
      throw new Failure("invalidInput", `Validation failed: body.${problems[0].path}: ${problems[0].message}`, {
        fields: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
      });
    }
    const clash = await repo.byName(draft.name);
    if (clash && clash.id !== id)
      throw invalidInput("body.name", `A custom format named '${draft.name}' already exists`);
    return {
      name: draft.name,
      includeCustomFormatWhenRenaming: draft.includeCustomFormatWhenRenaming,
      specifications: draft.specifications,
    };
  }

  /** Every id's format, or a 404 naming those that are not there. */
  async function existing(ids: readonly number[]): Promise<CustomFormatRow[]> {
    const rows = await repo.getMany(ids);
    const found = new Set(rows.map((row) => row.id));
    const missing = [...new Set(ids)].filter((id) => !found.has(id));
    if (missing.length) throw resourceNotFound(`Custom format${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
    return rows;
  }

  return {
    list: () => repo.list(),

    async get(id: number): Promise<CustomFormatRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Custom format ${id}`);
      return row;
    },

    add: async (draft: CustomFormatDraft) => repo.create(await validated(draft)),

    async update(id: number, draft: CustomFormatDraft): Promise<CustomFormatRow> {
      const row = await repo.update(id, await validated(draft, id));
      if (!row) throw resourceNotFound(`Custom format ${id}`);
      return row;
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.get(id))) throw resourceNotFound(`Custom format ${id}`);
      await repo.deleteWithScores(id);
    },

    /** Radarr's bulk edit: the fields given (null keeps each format's own), all or nothing. */
    async updateMany(ids: readonly number[], edits: { includeCustomFormatWhenRenaming?: boolean | null }) {
      const rows = await existing(ids);
      if (edits.includeCustomFormatWhenRenaming == null) return rows;
      const updated = await repo.setIncludeWhenRenaming(ids, edits.includeCustomFormatWhenRenaming);
      return updated.sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Deletes them all (unscoring them everywhere), or none when one is not there. */
    async removeMany(ids: readonly number[]): Promise<void> {
      await existing(ids);
      await repo.deleteWithScores(...new Set(ids));
    },
  };
}
