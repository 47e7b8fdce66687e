import type { Database } from "../client";
import { importExclusions } from "../schema";
import { crudRepository } from "./crud";

export type ExclusionRow = typeof importExclusions.$inferSelect;

const exclusionCrud = crudRepository(importExclusions, [importExclusions.movieTitle]);

export function exclusionRepository(db: Database) {
  const crud = exclusionCrud(db);
  return { ...crud, byTmdbId: (tmdbId: number) => crud.findBy(importExclusions.tmdbId, tmdbId) };
}
