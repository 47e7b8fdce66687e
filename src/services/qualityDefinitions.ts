import type { Database } from "../db/client";
import {
  type QualityDefinitionRow,
  type QualityDefinitionSizes,
  qualityDefinitionRepository,
} from "../db/repositories/qualityDefinitions";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";

/** Quality definitions: the seeded qualities' size limits, edited one at a time or all at once. */
export function qualityDefinitionService(db: Database) {
  const repo = qualityDefinitionRepository(db);
  return {
    list: () => repo.list(),

    async get(id: number): Promise<QualityDefinitionRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Quality definition ${id}`);
      return row;
    },

    async update({ id, title, ...sizes }: QualityDefinitionSizes): Promise<QualityDefinitionRow> {
      const row = await repo.update(id, { ...sizes, ...(title ? { title } : {}) });
      if (!row) throw resourceNotFound(`Quality definition ${id}`);
      return row;
    },

    /** Every change or none: an unknown id refuses the whole request. */
    async updateMany(changes: QualityDefinitionSizes[]): Promise<QualityDefinitionRow[]> {
      const existing = new Set((await repo.list()).map((r) => r.id));
      changes.forEach((d, i) => {
        if (!existing.has(d.id)) throw invalidInput(`body.${i}.id`, `Quality definition ${d.id} does not exist`);
      });
      await repo.updateSizes(changes);
      return repo.list();
    },
  };
}
