import { accept, type DecisionSpecification, reject } from "../specification";

/** The release's quality (or the group holding it) is allowed in the profile. */
export const qualityAllowedByProfile: DecisionSpecification = {
  name: "qualityAllowedByProfile",
  type: "permanent",
  evaluate(subject, context) {
    const item = context.order.itemOf(subject.quality.quality.id);
    if (item?.allowed) return accept();
    return reject("qualityNotWanted", `${subject.quality.quality.name} is not wanted in profile`);
  },
};
