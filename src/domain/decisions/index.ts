/**
 * The release decision engine, ported from Radarr's `DecisionEngine`: every release judged by
 * every specification with machine-readable reasons, and the accepted ones ranked. Pure functions.
 */

export { type PreparedDecisionContext, prepareDecisionContext } from "./context";
export { noBetterThan, protocolDelay, remainingDelay } from "./delay";
export { decide, evaluateReleases } from "./evaluate";
export { toComparableQuality } from "./qualityComparer";
export { type RankedDecision, rankReleases } from "./rank";
export { releaseAge } from "./releaseAge";
export { DECISION_SPECIFICATIONS } from "./specifications";
export { type ReleaseProfileTerms, termMatcher } from "./terms";
export type {
  BlocklistEntry,
  DecisionContext,
  DecisionMovie,
  DecisionProfile,
  DecisionSettings,
  DownloadProtocol,
  ExistingMovieFile,
  IndexerDecisionSettings,
  QueuedRelease,
  Rejection,
  Release,
  ReleaseDecision,
} from "./types";
export { cutoffNotMet } from "./upgradeRules";
