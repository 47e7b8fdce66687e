import { describeQuality } from "../qualityComparer";
import { accept, type DecisionSpecification, reject } from "../specification";
import { type UpgradeRejection, upgradeRejection } from "../upgradeRules";

const REASONS: Record<UpgradeRejection, { reason: string; message: string }> = {
  betterQuality: {
    reason: "existingFileHasBetterQuality",
    message: "Existing file on disk is of equal or higher preference",
  },
  betterRevision: {
    reason: "existingFileHasBetterRevision",
    message: "Existing file on disk is of equal or higher revision",
  },
  customFormatCutoff: {
    reason: "existingFileMeetsFormatScoreCutoff",
    message: "Existing file on disk meets the custom format cutoff score",
  },
  customFormatScore: {
    reason: "existingFileHasEqualOrHigherFormatScore",
    message: "Existing file on disk has an equal or higher custom format score",
  },
  minCustomFormatScore: {
    reason: "formatScoreGainBelowMinimumUpgrade",
    message: "The custom format score gain over the existing file is below the profile's minimum upgrade score",
  },
};

/** When a file exists, the release improves on it (Radarr's `UpgradeDiskSpecification`). */
export const upgradable: DecisionSpecification = {
  name: "upgradable",
  type: "permanent",
  evaluate(subject, context) {
    const file = context.existingFile;
    if (!file) return accept();
    const rejection = upgradeRejection(
      context,
      file.quality,
      file.customFormatScore,
      subject.quality,
      subject.customFormatScore,
    );
    if (!rejection) return accept();
    const { reason, message } = REASONS[rejection];
    return reject(
      reason,
      `${message}: ${describeQuality(file.quality)} (score ${file.customFormatScore}) vs ${describeQuality(subject.quality)} (score ${subject.customFormatScore})`,
    );
  },
};
