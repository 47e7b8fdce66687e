import type { Database } from "../db/client";
import { type CustomFilterRow, customFilterRepository } from "../db/repositories/customFilters";
import { resourceNotFound } from "../domain/failures/failure";

export type { CustomFilterRow };

export interface CustomFilterInput {
  /** The page the filter belongs to (`movieIndex`, `history`, …), as Radarr's UI names it. */
  type: string;
  label: string;
  /** The filter's terms (`{key, value, type}`), kept as sent: the site reads them back. */
  filters: Record<string, unknown>[];
}

/** Custom filters (Radarr's CustomFilterService): saved filters of the site's pages, stored as sent. */
export function customFilterService(db: Database) {
  const repo = customFilterRepository(db);
  return {
    list: () => repo.list(),

    async get(id: number): Promise<CustomFilterRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Custom filter ${id}`);
      return row;
    },

    add: (input: CustomFilterInput) => repo.create(input),

    async update(id: number, input: CustomFilterInput): Promise<CustomFilterRow> {
      const row = await repo.update(id, input);
      if (!row) throw resourceNotFound(`Custom filter ${id}`);
      return row;
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Custom filter ${id}`);
    },
  };
}
