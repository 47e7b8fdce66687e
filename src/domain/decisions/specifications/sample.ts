import { accept, type DecisionSpecification, formatSize, MEGABYTE, reject } from "../specification";

const SAMPLE_MAXIMUM = 70 * MEGABYTE;

/** A small release named as a sample is a clip, not the movie. */
export const sample: DecisionSpecification = {
  name: "sample",
  type: "permanent",
  evaluate(subject) {
    const { title, size } = subject.release;
    // The size first: it rules out almost every release without lower-casing its title.
    if (size >= SAMPLE_MAXIMUM) return accept();
    const namedSample = subject.parsed.isSample === true || title.toLowerCase().includes("sample");
    if (!namedSample) return accept();
    return reject("sample", `Sample: named as a sample and ${formatSize(size)}, under ${formatSize(SAMPLE_MAXIMUM)}`);
  },
};
