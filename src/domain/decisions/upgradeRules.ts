import type { PreparedDecisionContext } from "./context";
import { compareQualities, compareQualityModels, compareRevisions } from "./qualityComparer";
import type { ComparableQuality } from "./types";

/**
 * Radarr's `UpgradableSpecification`: whether something already present (the file on disk or a
 * queued download) meets the profile's cutoff, and whether a new release would improve on it.
 */

/** Why a release is no upgrade over what is present; null when it is one. */
export type UpgradeRejection =
  | "betterQuality"
  | "betterRevision"
  | "customFormatCutoff"
  | "customFormatScore"
  | "minCustomFormatScore";

/** Same quality with a higher revision (a PROPER, REPACK or REAL of what is present). */
export function isRevisionUpgrade(current: ComparableQuality, candidate: ComparableQuality): boolean {
  return candidate.quality.id === current.quality.id && compareRevisions(candidate.revision, current.revision) > 0;
}

/** The profile index the present quality must reach; the first allowed item when upgrades are off. */
export function cutoffIndex(context: PreparedDecisionContext): number {
  const { profile, order } = context;
  return profile.upgradeAllowed ? order.ofItem(profile.cutoff) : order.firstAllowedIndex;
}

function qualityCutoffNotMet(
  context: PreparedDecisionContext,
  current: ComparableQuality,
  candidate?: ComparableQuality,
): boolean {
  if (context.order.ofQuality(current.quality.id).index < cutoffIndex(context)) return true;
  // A proper of what is present is wanted even at the cutoff, unless propers are not preferred.
  return (
    candidate !== undefined &&
    context.settings.downloadPropersAndRepacks !== "doNotPrefer" &&
    isRevisionUpgrade(current, candidate)
  );
}

/** The format score the present item must reach: the cutoff score, or the minimum when upgrades are off. */
export function formatScoreCutoff(context: PreparedDecisionContext): number {
  const { profile } = context;
  return profile.upgradeAllowed ? profile.cutoffFormatScore : profile.minFormatScore;
}

export function cutoffNotMet(
  context: PreparedDecisionContext,
  current: ComparableQuality,
  currentScore: number,
  candidate?: ComparableQuality,
): boolean {
  return qualityCutoffNotMet(context, current, candidate) || currentScore < formatScoreCutoff(context);
}

export function upgradeRejection(
  context: PreparedDecisionContext,
  current: ComparableQuality,
  currentScore: number,
  candidate: ComparableQuality,
  candidateScore: number,
): UpgradeRejection | null {
  const { profile, order, settings } = context;
  const qualityCompare = compareQualities(order, candidate.quality, current.quality);
  if (qualityCompare > 0 && qualityCutoffNotMet(context, current, candidate)) return null;
  if (qualityCompare < 0) return "betterQuality";

  const propersPreferred = settings.downloadPropersAndRepacks !== "doNotPrefer";
  const revisionCompare = compareRevisions(candidate.revision, current.revision);
  if (propersPreferred && revisionCompare > 0) return null;
  if (propersPreferred && revisionCompare < 0) return "betterRevision";

  if (profile.upgradeAllowed && currentScore >= profile.cutoffFormatScore) return "customFormatCutoff";
  if (candidateScore <= currentScore) return "customFormatScore";
  if (profile.upgradeAllowed && candidateScore < currentScore + profile.minUpgradeFormatScore) {
    return "minCustomFormatScore";
  }
  return null;
}

/** False when the release would upgrade what is present but the profile does not allow upgrades. */
export function isUpgradeAllowed(
  context: PreparedDecisionContext,
  current: ComparableQuality,
  currentScore: number,
  candidate: ComparableQuality,
  candidateScore: number,
): boolean {
  const isQualityUpgrade = compareQualityModels(context.order, candidate, current) > 0;
  const isFormatUpgrade = candidateScore > currentScore;
  return context.profile.upgradeAllowed || !(isQualityUpgrade || isFormatUpgrade);
}
