import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { qualityDefinitions } from "../schema";
import { crudRepository } from "./crud";

export type QualityDefinitionRow = typeof qualityDefinitions.$inferSelect;
export type QualityDefinitionSizes = Pick<QualityDefinitionRow, "id" | "minSize" | "maxSize" | "preferredSize"> & {
  title?: string;
};

const definitionCrud = crudRepository(qualityDefinitions, [qualityDefinitions.weight, qualityDefinitions.id]);

export function qualityDefinitionRepository(db: Database) {
  const crud = definitionCrud(db);
  return {
    ...crud,

    /** Every definition, unordered (the decision engine and the group analysis look them up by quality). */
    all(): Promise<QualityDefinitionRow[]> {
      return db.select().from(qualityDefinitions);
    },

    /** Writes several definitions' sizes (and titles, where given) in one transaction. */
    async updateSizes(changes: QualityDefinitionSizes[]): Promise<void> {
      const statements = changes.map(({ id, title, ...sizes }) =>
        db
          .update(qualityDefinitions)
          .set({ ...sizes, ...(title ? { title } : {}) })
          .where(eq(qualityDefinitions.id, id)),
      );
      if (statements.length)
        await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
    },
  };
}
