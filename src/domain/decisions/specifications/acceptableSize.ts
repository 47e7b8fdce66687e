import type { PreparedDecisionContext } from "../context";
import { accept, type DecisionSpecification, formatSize, MEGABYTE, reject } from "../specification";

/** Radarr assumes this runtime (minutes) for movies without one. */
const DEFAULT_RUNTIME_MINUTES = 110;

/** The quality and runtime a size limit was worked out for, written only for a rejection. */
function limitNote(quality: string, movieRuntime: number): string {
  return movieRuntime > 0
    ? `${quality} (${movieRuntime} min)`
    : `${quality} (${DEFAULT_RUNTIME_MINUTES} min assumed, runtime unknown)`;
}

/** A batch's limit texts by quality id: every rejected release of a quality states the same one. */
interface LimitTexts {
  minimum: Map<number, string>;
  maximum: Map<number, string>;
}

/** Per prepared context, so nothing outlives the batch it was written for. */
const limitTextsByContext = new WeakMap<PreparedDecisionContext, LimitTexts>();

/** "12.3 GB for Bluray-1080p (136 min)": a size limit as a rejection states it. */
function limitText(
  context: PreparedDecisionContext,
  kind: keyof LimitTexts,
  quality: { id: number; name: string },
  bytes: number,
): string {
  let texts = limitTextsByContext.get(context);
  if (texts === undefined) {
    texts = { minimum: new Map(), maximum: new Map() };
    limitTextsByContext.set(context, texts);
  }
  let text = texts[kind].get(quality.id);
  if (text === undefined) {
    text = `${formatSize(bytes)} for ${limitNote(quality.name, context.movie.runtime)}`;
    texts[kind].set(quality.id, text);
  }
  return text;
}

/** The size fits the quality definition's per-minute limits times the movie's runtime. */
export const acceptableSize: DecisionSpecification = {
  name: "acceptableSize",
  type: "permanent",
  evaluate(subject, context) {
    const size = subject.release.size;
    if (!size) return accept();
    const quality = subject.quality.quality;
    const definition = context.sizeDefinition(quality.id);
    if (!definition) return accept();
    const runtime = context.movie.runtime > 0 ? context.movie.runtime : DEFAULT_RUNTIME_MINUTES;
    if (definition.minSize) {
      const minimum = definition.minSize * MEGABYTE * runtime;
      if (size < minimum) {
        return reject(
          "tooSmall",
          `${formatSize(size)} is smaller than the minimum ${limitText(context, "minimum", quality, minimum)}`,
        );
      }
    }
    if (definition.maxSize) {
      const maximum = definition.maxSize * MEGABYTE * runtime;
      if (size > maximum) {
        return reject(
          "tooLarge",
          `${formatSize(size)} is larger than the maximum ${limitText(context, "maximum", quality, maximum)}`,
        );
      }
    }
    return accept();
  },
};
