import type { ProfileItem } from "../quality/profiles";
import type { PreparedDecisionContext } from "./context";
import { compareQualityModels, profileOrder, toComparableQuality } from "./qualityComparer";
import { releaseAge } from "./releaseAge";
import type { DownloadProtocol, QualityModelInput, ReleaseDecision } from "./types";
import { isRevisionUpgrade, upgradeRejection } from "./upgradeRules";

/** A delay profile as decisions read it (Radarr's DelayProfile). */
export interface DelayProfileRules {
  enableUsenet: boolean;
  enableTorrent: boolean;
  preferredProtocol: DownloadProtocol;
  /** Minutes. */
  usenetDelay: number;
  torrentDelay: number;
  bypassIfHighestQuality: boolean;
  bypassIfAboveCustomFormatScore: boolean;
  minimumCustomFormatScore: number;
}

/** Radarr's `GetProtocolDelay`: the profile's delay in minutes for the protocol. */
export function protocolDelay(profile: DelayProfileRules, protocol: DownloadProtocol): number {
  return protocol === "torrent" ? profile.torrentDelay : profile.usenetDelay;
}

/** A bypass of the delay (Radarr's DelaySpecification), or null when none applies. */
function delayBypass(decision: ReleaseDecision, context: PreparedDecisionContext, profile: DelayProfileRules) {
  if (decision.release.protocol !== profile.preferredProtocol || !decision.quality) return null;
  const candidate = { quality: decision.quality.quality, revision: decision.quality.revision };
  const file = context.existingFile;
  if (
    file &&
    upgradeRejection(context, file.quality, file.customFormatScore, candidate, decision.customFormatScore) === null &&
    isRevisionUpgrade(file.quality, candidate)
  )
    return "a better revision of the existing file";
  if (profile.bypassIfHighestQuality) {
    const lastAllowed = context.profile.items.findLastIndex((item) => item.allowed);
    if (lastAllowed >= 0 && context.order.ofQuality(candidate.quality.id).index >= lastAllowed)
      return "the highest quality in the profile";
  }
  if (profile.bypassIfAboveCustomFormatScore && decision.customFormatScore >= profile.minimumCustomFormatScore)
    return `a custom format score of at least ${profile.minimumCustomFormatScore}`;
  return null;
}

/**
 * Radarr's DelaySpecification for an automatic grab: the minutes the accepted release must still
 * wait for a better one (0: grab it now). No delay for its protocol, a bypass for the preferred
 * protocol, or a pending release of the movie older than the delay end the wait; otherwise the
 * release waits until it is as old as the delay. `oldestPendingMinutes`: the age of the movie's
 * oldest pending release, null when none.
 */
export function remainingDelay(
  decision: ReleaseDecision,
  context: PreparedDecisionContext,
  profile: DelayProfileRules,
  oldestPendingMinutes: number | null,
): number {
  const delay = protocolDelay(profile, decision.release.protocol);
  if (delay <= 0 || delayBypass(decision, context, profile)) return 0;
  if (oldestPendingMinutes !== null && oldestPendingMinutes > delay) return 0;
  const age = releaseAge(decision.release, context.now);
  if (!age.known) return 0;
  return age.minutes < delay ? delay - age.minutes : 0;
}

/** Whether `candidate` is no better than `grabbed` in the profile's order (Radarr's RemoveGrabbed drops those). */
export function noBetterThan(items: readonly ProfileItem[], candidate: QualityModelInput, grabbed: QualityModelInput) {
  return compareQualityModels(profileOrder(items), toComparableQuality(candidate), toComparableQuality(grabbed)) <= 0;
}
