import { accept, type DecisionSpecification, formatSize, MEGABYTE, reject } from "../specification";

/** Radarr assumes this runtime (minutes) for movies without one. */
const DEFAULT_RUNTIME_MINUTES = 110;

/** The size fits the quality definition's per-minute limits times the movie's runtime. */
export const acceptableSize: DecisionSpecification = {
  name: "acceptableSize",
  type: "permanent",
  evaluate(subject, context) {
    const size = subject.release.size;
    if (!size) return accept();
    const definition = context.sizeDefinition(subject.quality.quality.id);
    if (!definition) return accept();
    const runtime = context.movie.runtime > 0 ? context.movie.runtime : DEFAULT_RUNTIME_MINUTES;
    const runtimeNote = context.movie.runtime > 0 ? `${runtime} min` : `${runtime} min assumed, runtime unknown`;
    const quality = subject.quality.quality.name;
    if (definition.minSize) {
      const minimum = definition.minSize * MEGABYTE * runtime;
      if (size < minimum) {
        return reject(
          "tooSmall",
          `${formatSize(size)} is smaller than the minimum ${formatSize(minimum)} for ${quality} (${runtimeNote})`,
        );
      }
    }
    if (definition.maxSize) {
      const maximum = definition.maxSize * MEGABYTE * runtime;
      if (size > maximum) {
        return reject(
          "tooLarge",
          `${formatSize(size)} is larger than the maximum ${formatSize(maximum)} for ${quality} (${runtimeNote})`,
        );
      }
    }
    return accept();
  },
};
