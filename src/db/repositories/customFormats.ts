import { eq } from "drizzle-orm";
import { type Database, inList } from "../client";
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

    /** The formats of these ids that exist, by name. */
    getMany(ids: readonly number[]): Promise<CustomFormatRow[]> {
      return db.select().from(customFormats).where(inList(customFormats.id, ids)).orderBy(customFormats.name);
    },

    /** Sets whether these formats go into file names, in one statement; the formats as updated. */
    setIncludeWhenRenaming(ids: readonly number[], include: boolean): Promise<CustomFormatRow[]> {
      return db
        .update(customFormats)
        .set({ includeCustomFormatWhenRenaming: include })
        .where(inList(customFormats.id, ids))
        .returning();
    },

    /**
     * Deletes formats and drops their scores from every profile in one transaction: profiles keep
     * scores by format id.
     */
    async deleteWithScores(...ids: number[]): Promise<void> {
      const profiles = await db.select().from(qualityProfiles);
      const gone = (format: number) => ids.includes(format);
      await db.batch([
        db.delete(customFormats).where(inList(customFormats.id, ids)),
        ...profiles
          .filter((p) => p.formatItems.some((f) => gone(f.format)))
          .map((p) =>
            db
              .update(qualityProfiles)
              .set({ formatItems: p.formatItems.filter((f) => !gone(f.format)) })
              .where(eq(qualityProfiles.id, p.id)),
          ),
      ]);
    },
  };
}
