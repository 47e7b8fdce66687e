import { accept, type DecisionSpecification, reject } from "../specification";
import { isRevisionUpgrade } from "../upgradeRules";

/** With "do not upgrade" for propers, a PROPER of the existing file's quality is not grabbed. */
export const proper: DecisionSpecification = {
  name: "proper",
  type: "permanent",
  evaluate(subject, context) {
    const file = context.existingFile;
    // Repacks have their own rule.
    if (!file || subject.quality.revision.isRepack) return accept();
    if (context.settings.downloadPropersAndRepacks !== "doNotUpgrade") return accept();
    if (!isRevisionUpgrade(file.quality, subject.quality)) return accept();
    return reject(
      "properUpgradesDisabled",
      "Proper downloading is disabled (download propers and repacks: do not upgrade)",
    );
  },
};
