import type { Database } from "../db/client";
import { type TagDetail, type TagRow, tagRepository } from "../db/repositories/tags";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";

/** Tags: labels are unique; adding an existing label returns that tag (Radarr's behaviour). */
export function tagService(db: Database) {
  const repo = tagRepository(db);
  return {
    list: () => repo.list(),
    listWithMovieIds: () => repo.listWithMovieIds(),

    async get(id: number): Promise<TagRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Tag ${id}`);
      return row;
    },

    async getWithMovieIds(id: number): Promise<TagDetail> {
      const row = (await repo.listWithMovieIds(id))[0];
      if (!row) throw resourceNotFound(`Tag ${id}`);
      return row;
    },

    async add(label: string): Promise<TagRow> {
      return (await repo.byLabel(label)) ?? repo.create({ label });
    },

    async rename(id: number, label: string): Promise<TagRow> {
      const clash = await repo.byLabel(label);
      if (clash && clash.id !== id) throw invalidInput("body.label", `Tag '${label}' already exists`);
      const row = await repo.update(id, { label });
      if (!row) throw resourceNotFound(`Tag ${id}`);
      return row;
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Tag ${id}`);
    },
  };
}
