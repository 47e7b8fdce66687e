import { describeQuality } from "../qualityComparer";
import { accept, type DecisionSpecification, reject } from "../specification";
import { cutoffNotMet, isUpgradeAllowed, upgradeRejection } from "../upgradeRules";

/** Nothing already queued for the movie meets the cutoff or is as good as this release. */
export const alreadyInQueue: DecisionSpecification = {
  name: "alreadyInQueue",
  type: "permanent",
  evaluate(subject, context) {
    for (const queued of context.queueItems()) {
      // A failed download awaiting removal will not deliver anything.
      if (queued.item.trackedDownloadState === "failedPending") continue;
      const quality = describeQuality(queued.quality);
      if (!cutoffNotMet(context, queued.quality, queued.customFormatScore, subject.quality)) {
        return reject(
          "queuedReleaseMeetsCutoff",
          `Release in queue already meets cutoff: ${quality} (${queued.item.title})`,
        );
      }
      const args = [queued.quality, queued.customFormatScore, subject.quality, subject.customFormatScore] as const;
      if (upgradeRejection(context, ...args)) {
        return reject(
          "queuedReleaseIsEqualOrBetter",
          `Release in queue is of equal or higher preference: ${quality}, score ${queued.customFormatScore} (${queued.item.title})`,
        );
      }
      if (!isUpgradeAllowed(context, ...args)) {
        return reject(
          "queuedAndUpgradesNotAllowed",
          `Another release is queued (${queued.item.title}) and the quality profile does not allow upgrades`,
        );
      }
    }
    return accept();
  },
};
