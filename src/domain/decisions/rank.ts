import { IndexerFlags } from "../customFormats";
import { isPrepared, type PreparedDecisionContext, prepareDecisionContext } from "./context";
import { compareRevisions } from "./qualityComparer";
import { releaseAge } from "./releaseAge";
import { MEGABYTE } from "./specification";
import type { DecisionContext, ReleaseDecision } from "./types";

/** Radarr's default indexer priority. */
const DEFAULT_INDEXER_PRIORITY = 25;
const SIZE_STEP = 200 * MEGABYTE;

/** The values a decision was ranked by; higher is better for all but `indexerPriority`. */
interface RankingKeys {
  /** Position of the quality in the profile (qualities in one group tie). */
  qualityIndex: number;
  /** Null when propers are not preferred, so revisions do not count. */
  revision: { version: number; real: number } | null;
  customFormatScore: number;
  preferredProtocol: boolean;
  /** Lower is better. */
  indexerPriority: number;
  /** Radarr's flag score: freeleech, double upload and internal 2 each, halfleech 1. */
  indexerFlagScore: number;
  /** Torrents only: rounded log10 of seeders and of seeders plus leechers. */
  seeders: number | null;
  peers: number | null;
  /** Usenet only: 1000 under an hour old, 100 under a day, 10 under a week, then -log10(days). */
  age: number | null;
  /** The release group's reputation bonus (scene-group analysis); 0 when unknown. */
  releaseGroupBonus: number;
  /** Closeness to the preferred size (negated distance, 200 MB steps), or the size when there is no preference. */
  size: number;
}

type RankingKey =
  | "quality"
  | "customFormatScore"
  | "protocol"
  | "indexerPriority"
  | "indexerFlags"
  | "seeders"
  | "age"
  | "releaseGroup"
  | "size";

export interface RankedDecision extends ReleaseDecision {
  /** 1 is the release to grab. */
  rank: number;
  rankingKeys: RankingKeys;
  /** The first key that put this release ahead of the next one; null for the last or on a full tie. */
  decidedBy: RankingKey | null;
}

function flagScore(flags: number): number {
  let score = 0;
  if (flags & IndexerFlags.freeleech) score += 2;
  if (flags & IndexerFlags.doubleUpload) score += 2;
  if (flags & IndexerFlags.internal) score += 2;
  if (flags & IndexerFlags.halfleech) score += 1;
  return score;
}

function logBucket(count: number | null | undefined): number {
  return count && count > 0 ? Math.round(Math.log10(count)) : 0;
}

function usenetAgeScore(hours: number, days: number): number {
  if (hours < 1) return 1000;
  if (hours <= 24) return 100;
  if (days <= 7) return 10;
  return -Math.round(Math.log10(days));
}

function rankingKeys(decision: ReleaseDecision, context: PreparedDecisionContext): RankingKeys {
  const { release } = decision;
  const quality = decision.quality;
  const qualityId = quality?.quality.id ?? 0;
  const torrent = release.protocol === "torrent";
  let age: number | null = null;
  if (release.protocol === "usenet") {
    const { hours, days } = releaseAge(release, context.now);
    age = usenetAgeScore(hours, days);
  }
  const preferredSize = context.sizeDefinition(qualityId)?.preferredSize;
  const runtime = context.movie.runtime;
  const size =
    preferredSize && runtime > 0
      ? -Math.abs(Math.round((release.size - runtime * preferredSize * MEGABYTE) / SIZE_STEP) * SIZE_STEP)
      : Math.round(release.size / SIZE_STEP) * SIZE_STEP;
  return {
    qualityIndex: context.order.ofQuality(qualityId).index,
    revision:
      quality && context.settings.downloadPropersAndRepacks !== "doNotPrefer"
        ? { version: quality.revision.version, real: quality.revision.real }
        : null,
    customFormatScore: decision.customFormatScore,
    preferredProtocol: release.protocol === context.settings.preferredProtocol,
    indexerPriority: release.indexerPriority ?? DEFAULT_INDEXER_PRIORITY,
    indexerFlagScore: flagScore(release.indexerFlags ?? 0),
    seeders: torrent ? logBucket(release.seeders) : null,
    peers: torrent ? logBucket((release.seeders ?? 0) + (release.leechers ?? 0)) : null,
    age,
    releaseGroupBonus: decision.parsed?.releaseGroup
      ? (context.releaseGroupBonus?.(decision.parsed.releaseGroup) ?? 0)
      : 0,
    size,
  };
}

type Comparer = [RankingKey, (a: RankingKeys, b: RankingKeys) => number];

/** Each comparer returns > 0 when `a` is better. */
const QUALITY: Comparer = [
  "quality",
  (a, b) =>
    a.qualityIndex - b.qualityIndex || (a.revision && b.revision ? compareRevisions(a.revision, b.revision) : 0),
];
const FORMAT_SCORE: Comparer = ["customFormatScore", (a, b) => a.customFormatScore - b.customFormatScore];
const PROTOCOL: Comparer = ["protocol", (a, b) => Number(a.preferredProtocol) - Number(b.preferredProtocol)];
const INDEXER_PRIORITY: Comparer = ["indexerPriority", (a, b) => b.indexerPriority - a.indexerPriority];
const INDEXER_FLAGS: Comparer = ["indexerFlags", (a, b) => a.indexerFlagScore - b.indexerFlagScore];
// Seeders and age only compare releases of one protocol; mixed pairs were settled by protocol.
const SEEDERS: Comparer = [
  "seeders",
  (a, b) => (a.seeders === null || b.seeders === null ? 0 : a.seeders - b.seeders || (a.peers ?? 0) - (b.peers ?? 0)),
];
const AGE: Comparer = ["age", (a, b) => (a.age === null || b.age === null ? 0 : a.age - b.age)];
// A reputable group settles releases equal on everything that matters more, before size does.
const RELEASE_GROUP: Comparer = ["releaseGroup", (a, b) => a.releaseGroupBonus - b.releaseGroupBonus];
const SIZE: Comparer = ["size", (a, b) => a.size - b.size];

/** Radarr's `DownloadDecisionComparer` order; indexer flags move up when the user prefers them. */
function comparers(preferIndexerFlags: boolean): Comparer[] {
  return preferIndexerFlags
    ? [QUALITY, FORMAT_SCORE, PROTOCOL, INDEXER_PRIORITY, INDEXER_FLAGS, SEEDERS, AGE, RELEASE_GROUP, SIZE]
    : [QUALITY, FORMAT_SCORE, PROTOCOL, INDEXER_PRIORITY, SEEDERS, AGE, RELEASE_GROUP, SIZE, INDEXER_FLAGS];
}

/**
 * The accepted decisions best first, as Radarr's `DownloadDecisionPriorizationService` orders them,
 * each with its rank, the keys it was compared by, and the key that put it ahead of the next.
 * Full ties keep input order. With `includeRejected`, the rejected decisions follow, ranked alike.
 */
export function rankReleases(
  decisions: readonly ReleaseDecision[],
  context: DecisionContext | PreparedDecisionContext,
  options: { includeRejected?: boolean } = {},
): RankedDecision[] {
  const prepared = isPrepared(context) ? context : prepareDecisionContext(context);
  const order = comparers(prepared.settings.preferIndexerFlags === true);
  const comparerFns = order.map(([, comparer]) => comparer);
  /** The first non-zero comparison, without allocating: the sort calls this n·log n times. */
  const compare = (a: RankingKeys, b: RankingKeys): number => {
    for (const comparer of comparerFns) {
      const result = comparer(a, b);
      if (result !== 0) return result;
    }
    return 0;
  };
  const decidingKey = (a: RankingKeys, b: RankingKeys): RankingKey | null => {
    for (const [key, comparer] of order) if (comparer(a, b) !== 0) return key;
    return null;
  };
  const sorted = (group: readonly ReleaseDecision[]) => {
    const keyed = group.map((decision, index) => ({ decision, index, keys: rankingKeys(decision, prepared) }));
    keyed.sort((a, b) => compare(b.keys, a.keys) || a.index - b.index);
    return keyed;
  };
  const accepted = sorted(decisions.filter((d) => d.accepted));
  // Rejected releases (for interactive search lists) follow every accepted one, in the same order.
  const keyed = options.includeRejected ? [...accepted, ...sorted(decisions.filter((d) => !d.accepted))] : accepted;
  return keyed.map(({ decision, keys }, position) => ({
    ...decision,
    rank: position + 1,
    rankingKeys: keys,
    decidedBy:
      position + 1 < keyed.length && keyed[position + 1].decision.accepted === decision.accepted
        ? decidingKey(keys, keyed[position + 1].keys)
        : null,
  }));
}
