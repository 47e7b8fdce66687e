import * as clock from "../clock";
import type { Env } from "../config";
import { createDatabase, type Database } from "../db/client";
import { qualityDefinitionRepository } from "../db/repositories/qualityDefinitions";
import { type ObservationRow, type ObservedTorrent, releaseGroupRepository } from "../db/repositories/releaseGroups";
import {
  GROUP_TIER_BONUS,
  type GroupObservation,
  type GroupReputation,
  type SizeLimits,
  scoreGroups,
} from "../domain/analysis/releaseGroups";
import { parseMovieTitle } from "../domain/parser";
import type { IndexerRelease } from "../integrations/indexers";

/**
 * The scene-group analysis fed by HDBits: every HDBits torrent a search or RSS fetch returns is
 * kept as an observation (one row per info hash, refreshed when seen again), and group
 * reputations are scored from them on demand (src/domain/analysis/releaseGroups.ts).
 */

/** Records the HDBits torrents among `releases`; `runtime` is the searched movie's, when known. */
export async function recordHdbitsObservations(
  env: Env,
  releases: readonly IndexerRelease[],
  runtime = 0,
): Promise<number> {
  const observedAt = clock.nowIso();
  const rows = releases
    .filter((r) => r.hdbits && r.infoHash)
    .map((r): ObservedTorrent => {
      const parsed = r.parsed ?? parseMovieTitle(r.title);
      const facts = r.hdbits as NonNullable<IndexerRelease["hdbits"]>;
      return {
        infoHash: r.infoHash as string,
        indexerId: r.indexerId,
        torrentId: facts.torrentId,
        name: r.title,
        releaseGroup: (parsed?.releaseGroup ?? "").toUpperCase(),
        qualityId: parsed?.quality.quality.id ?? 0,
        size: r.size,
        seeders: r.seeders ?? 0,
        leechers: r.leechers ?? 0,
        timesCompleted: facts.timesCompleted,
        internal: facts.internal ? 1 : 0,
        exclusive: facts.exclusive ? 1 : 0,
        freeleech: facts.freeleech ? 1 : 0,
        imdbId: r.imdbId ?? null,
        runtime,
        uploadedAt: facts.uploadedAt,
      };
    });
  await releaseGroupRepository(createDatabase(env.DB)).recordObservations(observedAt, rows);
  return rows.length;
}

const toObservation = (row: ObservationRow): GroupObservation => ({
  releaseGroup: row.releaseGroup,
  qualityId: row.qualityId,
  size: row.size,
  seeders: row.seeders,
  leechers: row.leechers,
  timesCompleted: row.timesCompleted,
  internal: row.internal,
  exclusive: row.exclusive,
  uploadedAt: row.uploadedAt,
  runtime: row.runtime,
});

async function sizeLimits(db: Database): Promise<(qualityId: number) => SizeLimits | undefined> {
  const definitions = new Map((await qualityDefinitionRepository(db).all()).map((d) => [d.qualityId, d]));
  return (qualityId) => definitions.get(qualityId);
}

/** Reputations of the given groups (upper-cased names), or of every group seen. */
export async function groupReputations(db: Database, groups?: readonly string[]): Promise<GroupReputation[]> {
  const repository = releaseGroupRepository(db);
  let rows: ObservationRow[];
  if (groups) {
    const names = [...new Set(groups.map((g) => g.toUpperCase()).filter(Boolean))];
    if (names.length === 0) return [];
    rows = await repository.observationsOf(names);
  } else {
    rows = await repository.all();
  }
  return scoreGroups(rows.map(toObservation), { now: clock.now(), sizeLimits: await sizeLimits(db) });
}

/** The ranking bonus hook for the decision context, for the groups among `releases`. */
export async function releaseGroupBonus(
  db: Database,
  releases: readonly { title: string; parsed?: { releaseGroup: string } | null }[],
): Promise<((group: string) => number) | undefined> {
  const groups = releases
    .map((r) => (r.parsed ?? parseMovieTitle(r.title))?.releaseGroup ?? "")
    .filter((g) => g.length > 0);
  if (groups.length === 0) return undefined;
  const reputations = await groupReputations(db, groups);
  if (reputations.length === 0) return undefined;
  const bonus = new Map(reputations.map((r) => [r.group, GROUP_TIER_BONUS[r.tier]]));
  return (group) => bonus.get(group.toUpperCase()) ?? 0;
}
