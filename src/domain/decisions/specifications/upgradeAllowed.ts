import { accept, type DecisionSpecification, reject } from "../specification";
import { isUpgradeAllowed } from "../upgradeRules";

/** When a file exists and would be upgraded by this release, the profile allows upgrades. */
export const upgradeAllowed: DecisionSpecification = {
  name: "upgradeAllowed",
  type: "permanent",
  evaluate(subject, context) {
    const file = context.existingFile;
    if (!file) return accept();
    if (isUpgradeAllowed(context, file.quality, file.customFormatScore, subject.quality, subject.customFormatScore)) {
      return accept();
    }
    return reject("upgradesNotAllowed", "Existing file and the quality profile does not allow upgrades");
  },
};
