import * as clock from "../clock";
import type { Database } from "../db/client";
import { hdbitsAnalyzerRepository } from "../db/repositories/hdbitsAnalyzer";
import {
  type GroupObservation,
  type GroupReputation,
  scoreGroups,
  toObservation,
} from "../domain/analysis/releaseGroups";

/**
 * Group reputations from the analyzer's collected set (docs/hdbits-analyzer.md): scored with the
 * same factors as search observations (scoreGroups), kept as a snapshot that the group table,
 * the exports and ranking read, and recomputed when a collection pauses or completes.
 */

/** A reputation with the resolutions its releases come in ("1080p": 120), for the table's filter. */
export type CollectedReputation = GroupReputation & { qualities: Record<string, number> };

// Collected rows read per query while recomputing (keyset pages, well inside D1's result limits).
const RECOMPUTE_PAGE = 2_000;

export const resolutionName = (resolution: number) => (resolution > 0 ? `${resolution}p` : "unknown");

/** Scores every group in the collected set again and replaces the snapshot; the number of groups. */
export async function recomputeCollectedReputations(db: Database): Promise<number> {
  const repo = hdbitsAnalyzerRepository(db);
  const observations: GroupObservation[] = [];
  const qualities = new Map<string, Record<string, number>>();
  let after = { indexerId: 0, torrentId: 0 };
  for (;;) {
    const rows = await repo.releasesAfter(after, RECOMPUTE_PAGE);
    for (const row of rows) {
      observations.push(toObservation(row));
      const counts = qualities.get(row.releaseGroup) ?? {};
      const key = resolutionName(row.resolution);
      counts[key] = (counts[key] ?? 0) + 1;
      qualities.set(row.releaseGroup, counts);
    }
    if (rows.length < RECOMPUTE_PAGE) break;
    const last = rows[rows.length - 1];
    after = { indexerId: last.indexerId, torrentId: last.torrentId };
  }
  const computedAt = clock.nowIso();
  const scored = scoreGroups(observations, { now: clock.now() });
  await repo.replaceGroups(
    scored.map((g) => ({
      releaseGroup: g.group,
      score: g.score,
      reputation: { ...g, qualities: qualities.get(g.group) ?? {} },
      computedAt,
    })),
  );
  return scored.length;
}

/**
 * The snapshot's reputations (all, or these upper-cased groups), best first; none once no
 * collection is left (deleting the HDBits indexer deletes its collection and releases).
 */
export async function collectedReputations(db: Database, groups?: readonly string[]): Promise<CollectedReputation[]> {
  const repo = hdbitsAnalyzerRepository(db);
  if (!(await repo.latestCollection())) return [];
  const rows = await repo.groups(groups);
  return rows.map((r) => r.reputation as unknown as CollectedReputation);
}

/** One group's collected releases, newest first, as the group page lists them. */
export async function collectedReleasesOf(db: Database, group: string, limit: number) {
  const rows = await hdbitsAnalyzerRepository(db).releasesOfGroup(group.toUpperCase(), limit);
  return rows.map((r) => ({
    torrentId: r.torrentId,
    name: r.name,
    resolution: resolutionName(r.resolution),
    source: r.source,
    codec: r.codec,
    size: r.size,
    seeders: r.seeders,
    leechers: r.leechers,
    timesCompleted: r.timesCompleted,
    freeleech: r.freeleech,
    internal: r.internal,
    exclusive: r.exclusive,
    uploadedAt: r.uploadedAt,
  }));
}
