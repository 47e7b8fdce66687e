import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { customFormats, qualityProfiles } from "../schema";
import { crudRepository } from "./crud";

export type CustomFormatRow = typeof customFormats.$inferSelect;

const customFormatCrud = crudRepository(customFormats, [customFormats.name]);

export function customFormatRepository(db: Database) {
  const crud = customFormatCrud(db);
  return {
    ...crud,
    byName: (name: string) => crud.findBy(customFormats.name, name),

    /** Every format's id and name, by name (for records and profiles that name their formats). */
    names(): Promise<{ id: number; name: string }[]> {
      return db
        .select({ id: customFormats.id, name: customFormats.name })
        .from(customFormats)
        .orderBy(customFormats.name);
    },

    /** Every format, unordered (the decision engine scores them all). */
    all(): Promise<CustomFormatRow[]> {
      return db.select().from(customFormats);
    },

    /**
     * Deletes a format and drops its score from every profile in one transaction: profiles keep
     * scores by format id.
     */
    async deleteWithScores(id: number): Promise<void> {
      const profiles = await db.select().from(qualityProfiles);
      await db.batch([
        db.delete(customFormats).where(eq(customFormats.id, id)),
        ...profiles
          .filter((p) => p.formatItems.some((f) => f.format === id))
          .map((p) =>
            db
              .update(qualityProfiles)
              .set({ formatItems: p.formatItems.filter((f) => f.format !== id) })
              .where(eq(qualityProfiles.id, p.id)),
          ),
      ]);
    },
  };
}
