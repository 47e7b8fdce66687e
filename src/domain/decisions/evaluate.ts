import { releaseLanguages } from "../customFormats";
import type { ParsedMovieInfo } from "../parser";
import { type PreparedDecisionContext, prepareDecisionContext } from "./context";
import { withMultiLanguages } from "./multiLanguages";
import { releaseAge } from "./releaseAge";
import type { DecisionSpecification } from "./specification";
import { DECISION_SPECIFICATIONS } from "./specifications";
import type { DecisionContext, Rejection, Release, ReleaseDecision, ReleaseSubject } from "./types";

function unparsable(release: Release): ReleaseDecision {
  return {
    release,
    parsed: null,
    quality: null,
    languages: [],
    customFormats: [],
    customFormatScore: 0,
    accepted: false,
    rejections: [
      {
        specification: "parse",
        reason: "unableToParse",
        message: `Unable to parse release "${release.title}"`,
        type: "permanent",
      },
    ],
  };
}

function subjectOf(release: Release, parsed: ParsedMovieInfo, context: PreparedDecisionContext): ReleaseSubject {
  const { movie } = context;
  const customFormats = context.matcher.match({
    parsed,
    releaseTitle: release.title,
    size: release.size,
    indexerFlags: release.indexerFlags,
    movie,
  });
  return {
    release,
    parsed,
    quality: parsed.quality,
    languages: releaseLanguages(
      withMultiLanguages(
        parsed.languages,
        release.title,
        context.settings.indexers?.[release.indexerId]?.multiLanguages,
      ),
      movie.originalLanguage,
    ),
    customFormats,
    customFormatScore: context.scoreOf(customFormats),
    age: releaseAge(release, context.now),
  };
}

/** Judges one release against every specification, listing every rejection. */
export function decide(
  release: Release,
  context: PreparedDecisionContext,
  specifications: readonly DecisionSpecification[] = DECISION_SPECIFICATIONS,
): ReleaseDecision {
  const parsed = release.parsed ?? context.parse(release.title);
  if (!parsed) return unparsable(release);
  const subject = subjectOf(release, parsed, context);
  const rejections: Rejection[] = [];
  for (const specification of specifications) {
    const result = specification.evaluate(subject, context);
    if (!result.accepted) {
      rejections.push({
        specification: specification.name,
        reason: result.reason,
        message: result.message,
        type: specification.type,
      });
    }
  }
  return {
    release,
    parsed,
    quality: subject.quality,
    languages: subject.languages,
    customFormats: subject.customFormats,
    customFormatScore: subject.customFormatScore,
    accepted: rejections.length === 0,
    rejections,
  };
}

/**
 * Radarr's `DownloadDecisionMaker`: a decision for each release, in input order. Formats are
 * compiled and the context worked out once for the whole batch; a release's `parsed` is reused.
 */
export function evaluateReleases(
  releases: readonly Release[],
  context: DecisionContext,
  specifications: readonly DecisionSpecification[] = DECISION_SPECIFICATIONS,
): ReleaseDecision[] {
  const prepared = prepareDecisionContext(context);
  return releases.map((release) => decide(release, prepared, specifications));
}
