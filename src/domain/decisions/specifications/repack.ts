import { accept, type DecisionSpecification, reject } from "../specification";
import { isRevisionUpgrade } from "../upgradeRules";

/**
 * A REPACK upgrades the existing file only when repacks upgrade at all and it comes from the
 * group that made the file (a repack fixes that group's release, not someone else's).
 */
export const repack: DecisionSpecification = {
  name: "repack",
  type: "permanent",
  evaluate(subject, context) {
    const file = context.existingFile;
    const preference = context.settings.downloadPropersAndRepacks;
    if (!file || !subject.quality.revision.isRepack || preference === "doNotPrefer") return accept();
    if (!isRevisionUpgrade(file.quality, subject.quality)) return accept();
    if (preference === "doNotUpgrade") {
      return reject(
        "repackUpgradesDisabled",
        "Repack downloading is disabled (download propers and repacks: do not upgrade)",
      );
    }
    const group = subject.parsed.releaseGroup?.trim() ?? "";
    if (!file.releaseGroup.trim()) {
      return reject("unknownFileReleaseGroup", "Unable to determine the release group of the existing file");
    }
    if (!group) return reject("unknownReleaseGroup", "Unable to determine the release group of this release");
    if (group.toLowerCase() !== file.releaseGroup.trim().toLowerCase()) {
      return reject(
        "repackForDifferentGroup",
        `Release is a repack for a different release group. Release group: ${group}. File release group: ${file.releaseGroup}`,
      );
    }
    return accept();
  },
};
