import { accept, type DecisionSpecification, formatSize, MEGABYTE, reject } from "../specification";

/** The release is no larger than the global maximum size setting. */
export const maximumSize: DecisionSpecification = {
  name: "maximumSize",
  type: "permanent",
  evaluate(subject, context) {
    const maximum = context.settings.maximumSizeMb * MEGABYTE;
    const size = subject.release.size;
    if (!maximum || !size || size <= maximum) return accept();
    return reject(
      "exceedsMaximumSize",
      `${formatSize(size)} is larger than the maximum size setting of ${formatSize(maximum)}`,
    );
  },
};
