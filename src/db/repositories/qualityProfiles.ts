import type { Database } from "../client";
import { qualityProfiles } from "../schema";
import { crudRepository } from "./crud";

export type QualityProfileRow = typeof qualityProfiles.$inferSelect;
export type NewQualityProfileRow = typeof qualityProfiles.$inferInsert;

const qualityProfileCrud = crudRepository(qualityProfiles, [qualityProfiles.id]);

/** What judging an embedded movie file against its movie's profile needs (qualityCutoffCheck). */
export type CutoffProfileRow = Pick<QualityProfileRow, "id" | "upgradeAllowed" | "cutoff" | "items">;

/** Every profile's CutoffProfileRow fields as one raw statement, for a caller's D1 batch (cutoffProfiles reads its rows). */
export const CUTOFF_PROFILES_SQL = "select id, upgrade_allowed, cutoff, items from quality_profiles";

export function cutoffProfiles(rows: readonly Record<string, unknown>[]): CutoffProfileRow[] {
  return rows.map((r) => ({
    id: r.id as number,
    upgradeAllowed: Boolean(r.upgrade_allowed),
    cutoff: r.cutoff as number,
    items: JSON.parse(r.items as string) as QualityProfileRow["items"],
  }));
}

export function qualityProfileRepository(db: Database) {
  const crud = qualityProfileCrud(db);
  return { ...crud, byName: (name: string) => crud.findBy(qualityProfiles.name, name) };
}
