import { qualityById } from "../../quality/qualities";
import { describeQuality } from "../qualityComparer";
import { accept, type DecisionSpecification, reject } from "../specification";
import { cutoffIndex, cutoffNotMet as existingCutoffNotMet, formatScoreCutoff } from "../upgradeRules";

/**
 * When a file exists, it has not yet reached the profile's cutoff: a file at the quality cutoff
 * (the first allowed quality when upgrades are off) whose format score reaches the cutoff score
 * (the minimum score when upgrades are off) is kept. A proper of the same quality is still wanted.
 */
export const cutoffNotMet: DecisionSpecification = {
  name: "cutoffNotMet",
  type: "permanent",
  evaluate(subject, context) {
    const file = context.existingFile;
    if (!file) return accept();
    if (existingCutoffNotMet(context, file.quality, file.customFormatScore, subject.quality)) return accept();
    const cutoff = context.profile.items[cutoffIndex(context)];
    const cutoffName = cutoff?.name ?? (cutoff?.quality !== undefined ? qualityById(cutoff.quality)?.name : undefined);
    return reject(
      "cutoffMet",
      `Existing file meets cutoff ${cutoffName ?? context.profile.cutoff}: ${describeQuality(file.quality)} with format score ${file.customFormatScore} (cutoff score ${formatScoreCutoff(context)})`,
    );
  },
};
