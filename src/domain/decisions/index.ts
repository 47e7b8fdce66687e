/**
 * The release decision engine, ported from Radarr's `DecisionEngine`: every release judged by
 * every specification with machine-readable reasons, and the accepted ones ranked. Pure functions.
 */

export { type PreparedDecisionContext, prepareDecisionContext } from "./context";
export { decide, evaluateReleases } from "./evaluate";
export { compareQualityModels, describeQuality, profileOrder, toComparableQuality } from "./qualityComparer";
export { type RankedDecision, type RankingKey, type RankingKeys, rankReleases } from "./rank";
export { releaseAge } from "./releaseAge";
export { type DecisionSpecification, formatSize } from "./specification";
export { DECISION_SPECIFICATIONS } from "./specifications";
export { DEFAULT_RUNTIME_MINUTES } from "./specifications/acceptableSize";
export { DEFAULT_MINIMUM_SEEDERS } from "./specifications/minimumSeeders";
export type {
  BlocklistEntry,
  DecisionContext,
  DecisionMovie,
  DecisionProfile,
  DecisionSettings,
  DownloadProtocol,
  ExistingMovieFile,
  IndexerDecisionSettings,
  ProperDownloadPreference,
  QualityModelInput,
  QualitySizeDefinition,
  QueuedRelease,
  Rejection,
  RejectionType,
  Release,
  ReleaseAge,
  ReleaseDecision,
  ReleaseSubject,
  SpecificationResult,
  StreamingAvailability,
} from "./types";
export {
  cutoffNotMet,
  isRevisionUpgrade,
  isUpgradeAllowed,
  type UpgradeRejection,
  upgradeRejection,
} from "./upgradeRules";
