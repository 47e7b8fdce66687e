import { accept, type DecisionSpecification, formatSize, MEGABYTE, reject } from "../specification";

const SAMPLE_MAXIMUM = 70 * MEGABYTE;

/** A small release named as a sample is a clip, not the movie. */
export const sample: DecisionSpecification = {
  name: "sample",
  type: "permanent",
  evaluate(subject) {
    const { title, size } = subject.release;
    const namedSample = subject.parsed.isSample === true || title.toLowerCase().includes("sample");
    if (!namedSample || size >= SAMPLE_MAXIMUM) return accept();
    return reject("sample", `Sample: named as a sample and ${formatSize(size)}, under ${formatSize(SAMPLE_MAXIMUM)}`);
  },
};
