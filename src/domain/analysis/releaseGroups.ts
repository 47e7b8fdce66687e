/**
 * Scene-group analysis: a reputation of 0–100 for each release group from what a private tracker
 * (HDBits) reports about its torrents. Each factor is a number from 0 to 1 with a weight; the
 * weights add up to 100, so the score is the weighted sum. Pure: observations in, scores out.
 */

export interface GroupObservation {
  /** The release group as parsed from the torrent name. */
  releaseGroup: string;
  qualityId: number;
  /** Bytes. */
  size: number;
  seeders: number;
  leechers: number;
  timesCompleted: number;
  internal: boolean;
  exclusive: boolean;
  /** ISO 8601 upload time. */
  uploadedAt: string;
  /** The movie's runtime in minutes, 0 when unknown. */
  runtime: number;
}

/** A quality's size limits in megabytes per minute (the quality definitions). */
export interface SizeLimits {
  minSize?: number | null;
  maxSize?: number | null;
  preferredSize?: number | null;
}

export const GROUP_FACTORS = [
  "seedLeechRatio",
  "internalShare",
  "completionRate",
  "sizeConsistency",
  "recency",
  "volume",
  "sizeFit",
] as const;
export type GroupFactor = (typeof GROUP_FACTORS)[number];

/**
 * What each factor is worth (sums to 100):
 * - seedLeechRatio 20: torrents that stay seeded well beyond demand are healthy releases people keep.
 * - completionRate 20: of everyone who started a download, the share who finished (snatches vs
 *   leechers still stuck) — broken or fake releases are started and abandoned.
 * - internalShare 15: tracker-internal releases pass the site's own quality bar.
 * - volume 15: a long record is worth more than a lucky release (log scale, 100 releases is full).
 * - sizeConsistency 10: encodes of one quality that vary little in size per minute follow a recipe.
 * - recency 10: an active group (newest upload; halves in about 8 months) still maintains its work.
 * - sizeFit 10: sizes inside the quality's limits, near its preferred size per minute of runtime.
 */
export const GROUP_FACTOR_WEIGHTS: Record<GroupFactor, number> = {
  seedLeechRatio: 20,
  completionRate: 20,
  internalShare: 15,
  volume: 15,
  sizeConsistency: 10,
  recency: 10,
  sizeFit: 10,
};

export const GROUP_TIERS = ["elite", "trusted", "established", "mixed", "poor", "unproven"] as const;
export type GroupTier = (typeof GROUP_TIERS)[number];

/** Below this many releases a group is "unproven" whatever its score. */
const MIN_RELEASES_FOR_TIER = 3;

/** Lowest score of each tier, best first. */
const TIER_FLOORS: [Exclude<GroupTier, "unproven">, number][] = [
  ["elite", 80],
  ["trusted", 65],
  ["established", 45],
  ["mixed", 25],
  ["poor", 0],
];

/** The ranking bonus of each tier: a small tie-break among otherwise equal releases. */
export const GROUP_TIER_BONUS: Record<GroupTier, number> = {
  elite: 4,
  trusted: 3,
  established: 2,
  mixed: 1,
  poor: 0,
  unproven: 0,
};

export interface GroupReputation {
  group: string;
  score: number;
  tier: GroupTier;
  /** The sample size: releases the score is built from. */
  releases: number;
  /** How far the score can be trusted, 0–1: releases / (releases + CONFIDENCE_PRIOR_RELEASES). */
  confidence: number;
  factors: Record<GroupFactor, number>;
  internalReleases: number;
  exclusiveReleases: number;
  seeders: number;
  leechers: number;
  timesCompleted: number;
  averageSize: number;
  newestUpload: string;
}

const MEGABYTE = 1024 * 1024;
const DAY_MS = 86_400_000;
/** Seeds per leecher (plus one each) that count as fully healthy. */
const HEALTHY_SEED_RATIO = 20;
/** Upload age at which recency has fallen to 1/e. */
const RECENCY_DAYS = 365;
/** Releases that count as a full record. */
const FULL_VOLUME = 100;
/** Factor value when a group gives nothing to judge it by (neither reward nor penalty). */
const NEUTRAL = 0.5;

const clamp = (value: number) => Math.min(1, Math.max(0, value));
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

function seedLeechRatio(observations: GroupObservation[]): number {
  return mean(
    observations.map((o) => clamp(Math.log10((o.seeders + 1) / (o.leechers + 1)) / Math.log10(HEALTHY_SEED_RATIO))),
  );
}

function completionRate(observations: GroupObservation[]): number {
  const completed = observations.reduce((sum, o) => sum + o.timesCompleted, 0);
  const stuck = observations.reduce((sum, o) => sum + o.leechers, 0);
  return completed + stuck === 0 ? 0 : completed / (completed + stuck);
}

/** 1 minus the coefficient of variation of size (per minute when runtimes are known), per quality. */
function sizeConsistency(observations: GroupObservation[]): number {
  const byQuality = new Map<number, number[]>();
  for (const o of observations) {
    const value = o.runtime > 0 ? o.size / o.runtime : o.size;
    const sizes = byQuality.get(o.qualityId);
    if (sizes) sizes.push(value);
    else byQuality.set(o.qualityId, [value]);
  }
  const scores: number[] = [];
  const weights: number[] = [];
  for (const sizes of byQuality.values()) {
    if (sizes.length < 2) continue;
    const average = mean(sizes);
    if (average <= 0) continue;
    const deviation = Math.sqrt(mean(sizes.map((s) => (s - average) ** 2)));
    scores.push(clamp(1 - deviation / average) * sizes.length);
    weights.push(sizes.length);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return total ? scores.reduce((a, b) => a + b, 0) / total : NEUTRAL;
}

function recency(observations: GroupObservation[], now: number): number {
  const newest = observations.reduce((max, o) => {
    const t = Date.parse(o.uploadedAt);
    return Number.isNaN(t) ? max : Math.max(max, t);
  }, Number.NEGATIVE_INFINITY);
  if (!Number.isFinite(newest)) return 0;
  return clamp(Math.exp(-Math.max(0, now - newest) / DAY_MS / RECENCY_DAYS));
}

function volume(count: number): number {
  return clamp(Math.log10(1 + count) / Math.log10(1 + FULL_VOLUME));
}

/** 1 inside the quality's limits at its preferred size, less the further from it; 0 outside. */
function sizeFit(observations: GroupObservation[], limitsOf: (qualityId: number) => SizeLimits | undefined): number {
  const fits: number[] = [];
  for (const o of observations) {
    const limits = limitsOf(o.qualityId);
    if (o.runtime <= 0 || !limits) continue;
    const perMinute = o.size / MEGABYTE / o.runtime;
    if ((limits.minSize && perMinute < limits.minSize) || (limits.maxSize && perMinute > limits.maxSize)) {
      fits.push(0);
    } else if (limits.preferredSize) {
      fits.push(1 - 0.5 * clamp(Math.abs(perMinute - limits.preferredSize) / limits.preferredSize));
    } else {
      fits.push(1);
    }
  }
  return fits.length ? mean(fits) : NEUTRAL;
}

/**
 * The confidence of a score from `releases` releases: n / (n + K) with K = 10, the weight the
 * group's own record would get against a prior worth K releases in a Bayesian average. 1 release
 * gives 0.09, 10 give 0.5, 30 give 0.75, 90 give 0.9; it never reaches 1.
 */
export const CONFIDENCE_PRIOR_RELEASES = 10;
export function confidenceOf(releases: number): number {
  if (releases <= 0) return 0;
  return Math.round((releases / (releases + CONFIDENCE_PRIOR_RELEASES)) * 1000) / 1000;
}

export function tierOf(score: number, releases: number): GroupTier {
  if (releases < MIN_RELEASES_FOR_TIER) return "unproven";
  return TIER_FLOORS.find(([, floor]) => score >= floor)?.[0] ?? "poor";
}

/** The reputation of one group from its observations (at least one). */
export function scoreGroup(
  group: string,
  observations: GroupObservation[],
  options: { now?: number; sizeLimits?: (qualityId: number) => SizeLimits | undefined } = {},
): GroupReputation {
  const now = options.now ?? Date.now();
  const factors: Record<GroupFactor, number> = {
    seedLeechRatio: seedLeechRatio(observations),
    internalShare: observations.filter((o) => o.internal).length / observations.length,
    completionRate: completionRate(observations),
    sizeConsistency: sizeConsistency(observations),
    recency: recency(observations, now),
    volume: volume(observations.length),
    sizeFit: sizeFit(observations, options.sizeLimits ?? (() => undefined)),
  };
  for (const factor of GROUP_FACTORS) factors[factor] = Math.round(clamp(factors[factor]) * 1000) / 1000;
  const score = Math.round(GROUP_FACTORS.reduce((sum, f) => sum + factors[f] * GROUP_FACTOR_WEIGHTS[f], 0));
  const uploads = observations.map((o) => Date.parse(o.uploadedAt)).filter((t) => !Number.isNaN(t));
  return {
    group,
    score,
    tier: tierOf(score, observations.length),
    releases: observations.length,
    confidence: confidenceOf(observations.length),
    factors,
    internalReleases: observations.filter((o) => o.internal).length,
    exclusiveReleases: observations.filter((o) => o.exclusive).length,
    seeders: observations.reduce((sum, o) => sum + o.seeders, 0),
    leechers: observations.reduce((sum, o) => sum + o.leechers, 0),
    timesCompleted: observations.reduce((sum, o) => sum + o.timesCompleted, 0),
    averageSize: Math.round(observations.reduce((sum, o) => sum + o.size, 0) / observations.length),
    newestUpload: uploads.length ? new Date(uploads.reduce((a, b) => Math.max(a, b))).toISOString() : "",
  };
}

/** Every named group's reputation, best first (ties by name). Observations without a group are left out. */
export function scoreGroups(
  observations: readonly GroupObservation[],
  options: { now?: number; sizeLimits?: (qualityId: number) => SizeLimits | undefined } = {},
): GroupReputation[] {
  const byGroup = new Map<string, GroupObservation[]>();
  for (const o of observations) {
    const group = o.releaseGroup.trim().toUpperCase();
    if (!group) continue;
    const list = byGroup.get(group);
    if (list) list.push(o);
    else byGroup.set(group, [o]);
  }
  return [...byGroup.entries()]
    .map(([group, list]) => scoreGroup(group, list, options))
    .sort((a, b) => b.score - a.score || a.group.localeCompare(b.group));
}

const CSV_COLUMNS = [
  "group",
  "score",
  "tier",
  "releases",
  "confidence",
  ...GROUP_FACTORS,
  "internalReleases",
  "exclusiveReleases",
  "seeders",
  "leechers",
  "timesCompleted",
  "averageSize",
  "newestUpload",
] as const;

const csvCell = (value: string | number) => {
  const text = String(value);
  // Quote what needs it, and defuse cells a spreadsheet would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The reputations as CSV (RFC 4180, header row first). */
export function groupsToCsv(groups: readonly GroupReputation[]): string {
  const rows = groups.map((g) =>
    CSV_COLUMNS.map((column) =>
      csvCell(
        (GROUP_FACTORS as readonly string[]).includes(column)
          ? g.factors[column as GroupFactor]
          : (g[column as Exclude<(typeof CSV_COLUMNS)[number], GroupFactor>] as string | number),
      ),
    ).join(","),
  );
  return `${[CSV_COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}

/** A stored row as the scorer's observation (rows without a runtime, the analyzer's, score as 0). */
export const toObservation = (row: Omit<GroupObservation, "runtime"> & { runtime?: number }): GroupObservation => ({
  releaseGroup: row.releaseGroup,
  qualityId: row.qualityId,
  size: row.size,
  seeders: row.seeders,
  leechers: row.leechers,
  timesCompleted: row.timesCompleted,
  internal: row.internal,
  exclusive: row.exclusive,
  uploadedAt: row.uploadedAt,
  runtime: row.runtime ?? 0,
});
