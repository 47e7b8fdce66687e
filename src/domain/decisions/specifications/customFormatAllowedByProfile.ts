import { accept, type DecisionSpecification, reject } from "../specification";

/** The release's custom format score reaches the profile's minimum format score. */
export const customFormatAllowedByProfile: DecisionSpecification = {
  name: "customFormatAllowedByProfile",
  type: "permanent",
  evaluate(subject, context) {
    const minimum = context.profile.minFormatScore;
    if (subject.customFormatScore >= minimum) return accept();
    const formats = subject.customFormats.map((f) => f.name).join(", ") || "none";
    return reject(
      "belowMinimumFormatScore",
      `Custom formats [${formats}] have score ${subject.customFormatScore} below the profile minimum ${minimum}`,
    );
  },
};
