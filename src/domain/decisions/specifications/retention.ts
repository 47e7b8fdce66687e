import { accept, type DecisionSpecification, reject } from "../specification";

/** A Usenet post older than the provider's retention can no longer be downloaded. */
export const retention: DecisionSpecification = {
  name: "retention",
  type: "permanent",
  evaluate(subject, context) {
    const days = context.settings.retentionDays;
    if (subject.release.protocol !== "usenet" || !days || !subject.age.known) return accept();
    if (subject.age.days <= days) return accept();
    return reject("outsideRetention", `${subject.age.days} days old, older than the retention of ${days} days`);
  },
};
