import type { Database } from "../client";
import { qualityProfiles } from "../schema";
import { crudRepository } from "./crud";

export type QualityProfileRow = typeof qualityProfiles.$inferSelect;
export type NewQualityProfileRow = typeof qualityProfiles.$inferInsert;

const qualityProfileCrud = crudRepository(qualityProfiles, [qualityProfiles.id]);

export function qualityProfileRepository(db: Database) {
  const crud = qualityProfileCrud(db);
  return { ...crud, byName: (name: string) => crud.findBy(qualityProfiles.name, name) };
}
