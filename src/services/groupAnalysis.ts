import * as clock from "../clock";
import type { Env } from "../config";
import { createDatabase, type Database } from "../db/client";
import { qualityDefinitionRepository } from "../db/repositories/qualityDefinitions";
import { type ObservationRow, type ObservedTorrent, releaseGroupRepository } from "../db/repositories/releaseGroups";
import { GROUP_TIER_BONUS, type SizeLimits, scoreGroups, toObservation } from "../domain/analysis/releaseGroups";
import { parseMovieTitle } from "../domain/parser";
import { qualityById } from "../domain/quality/qualities";
import type { IndexerRelease } from "../integrations/indexers";
import { type CollectedReputation, collectedReputations, resolutionName } from "./analyzerReputations";

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

async function sizeLimits(db: Database): Promise<(qualityId: number) => SizeLimits | undefined> {
  const definitions = new Map((await qualityDefinitionRepository(db).all()).map((d) => [d.qualityId, d]));
  return (qualityId) => definitions.get(qualityId);
}

/** Scores observations, with each group's resolutions counted for the table's quality filter. */
function scoreObservations(
  rows: ObservationRow[],
  limits: (qualityId: number) => SizeLimits | undefined,
): CollectedReputation[] {
  const qualities = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const counts = qualities.get(row.releaseGroup) ?? {};
    const key = resolutionName(qualityById(row.qualityId)?.resolution ?? 0);
    counts[key] = (counts[key] ?? 0) + 1;
    qualities.set(row.releaseGroup, counts);
  }
  return scoreGroups(rows.map(toObservation), { now: clock.now(), sizeLimits: limits }).map((g) => ({
    ...g,
    qualities: qualities.get(g.group) ?? {},
  }));
}

/**
 * Reputations of the given groups (upper-cased names), or of every group seen: a group the
 * analyzer collected is scored from its collected set (the fuller sample); a group only searches
 * and RSS have seen, from those observations.
 */
export async function groupReputations(db: Database, groups?: readonly string[]): Promise<CollectedReputation[]> {
  const repository = releaseGroupRepository(db);
  let rows: ObservationRow[];
  let names: string[] | undefined;
  if (groups) {
    names = [...new Set(groups.map((g) => g.toUpperCase()).filter(Boolean))];
    if (names.length === 0) return [];
    rows = await repository.observationsOf(names);
  } else {
    rows = await repository.all();
  }
  const collected = await collectedReputations(db, names);
  const observed = scoreObservations(rows, await sizeLimits(db));
  const known = new Set(collected.map((g) => g.group));
  return [...collected, ...observed.filter((g) => !known.has(g.group))].sort(
    (a, b) => b.score - a.score || a.group.localeCompare(b.group),
  );
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
