import { accept, type DecisionSpecification, formatSize, MEGABYTE, reject } from "../specification";

/** Radarr assumes this runtime (minutes) for movies without one. */
const DEFAULT_RUNTIME_MINUTES = 110;

/** The quality and runtime a size limit was worked out for, written only for a rejection. */
function limitNote(quality: string, movieRuntime: number): string {
  return movieRuntime > 0
    ? `${quality} (${movieRuntime} min)`
    : `${quality} (${DEFAULT_RUNTIME_MINUTES} min assumed, runtime unknown)`;
}

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
    if (definition.minSize) {
      const minimum = definition.minSize * MEGABYTE * runtime;
      if (size < minimum) {
        return reject(
          "tooSmall",
          `${formatSize(size)} is smaller than the minimum ${formatSize(minimum)} for ${limitNote(subject.quality.quality.name, context.movie.runtime)}`,
        );
      }
    }
    if (definition.maxSize) {
      const maximum = definition.maxSize * MEGABYTE * runtime;
      if (size > maximum) {
        return reject(
          "tooLarge",
          `${formatSize(size)} is larger than the maximum ${formatSize(maximum)} for ${limitNote(subject.quality.quality.name, context.movie.runtime)}`,
        );
      }
    }
    return accept();
  },
};
