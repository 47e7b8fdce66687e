import { Languages } from "../parser";
import { releaseLanguages } from "./languages";
import { MODIFIER_VALUES, SOURCE_VALUES } from "./qualityEnums";
import { specificationDefinition } from "./specifications";
import type { CustomFormatDraft, CustomFormatInput, MatchSubject } from "./types";
import { validateCustomFormat } from "./validation";

interface CompiledSpecification {
  /** Index of the test in the matcher's shared table: formats repeating a condition share its result. */
  test: number;
  negate: boolean;
  required: boolean;
}

interface CompiledFormat<F> {
  format: F;
  /** Specifications grouped by implementation, required ones first in each group. */
  groups: CompiledSpecification[][];
}

type SubjectTest = (subject: MatchSubject) => boolean;

/** Custom formats compiled once (regexes built, fields read) to be matched against many releases. */
export interface CustomFormatMatcher<F extends CustomFormatDraft> {
  /** The formats that compiled; an invalid format never matches. */
  readonly formats: readonly F[];
  /** The formats this release matches, by name. */
  match(input: CustomFormatInput): F[];
  matchSubject(subject: MatchSubject): F[];
}

/** Reduces a release to what specifications read, once for all formats. */
function toMatchSubject(input: CustomFormatInput): MatchSubject {
  const { parsed, movie } = input;
  const original = movie?.originalLanguage;
  const originalLanguageId = original && original.id !== Languages.Unknown.id ? original.id : undefined;
  const quality = parsed.quality.quality;
  return {
    releaseTitle: input.releaseTitle,
    parsedReleaseTitle: parsed.releaseTitle,
    edition: parsed.edition ?? "",
    releaseGroup: parsed.releaseGroup ?? "",
    languageIds: releaseLanguages(parsed.languages, original).map((l) => l.id),
    originalLanguageId,
    indexerFlags: input.indexerFlags ?? 0,
    source: SOURCE_VALUES[quality.source] ?? 0,
    resolution: quality.resolution,
    modifier: MODIFIER_VALUES[quality.modifier] ?? 0,
    size: input.size ?? 0,
    year: parsed.year > 0 ? parsed.year : (movie?.year ?? 0),
  };
}

function compileFormat<F extends CustomFormatDraft>(
  format: F,
  testIndex: (key: string, build: () => SubjectTest) => number,
): CompiledFormat<F> | null {
  if (validateCustomFormat(format).length) return null;
  const byImplementation = new Map<string, CompiledSpecification[]>();
  for (const specification of format.specifications) {
    const definition = specificationDefinition(specification.implementation);
    if (!definition) return null;
    const key = `${specification.implementation}\u0000${JSON.stringify(specification.fields)}`;
    const compiled: CompiledSpecification = {
      test: testIndex(key, () => definition.compile(specification.fields)),
      negate: specification.negate === true,
      required: specification.required === true,
    };
    const group = byImplementation.get(specification.implementation) ?? [];
    group.push(compiled);
    byImplementation.set(specification.implementation, group);
  }
  const groups = [...byImplementation.values()].map((group) =>
    group.filter((s) => s.required).concat(group.filter((s) => !s.required)),
  );
  return { format, groups };
}

const UNKNOWN = 0;
const TRUE = 1;
const FALSE = 2;

/**
 * Radarr's CustomFormatCalculationService: a format matches when, in every group of
 * specifications of one implementation, no required specification fails and at least one
 * specification matches (each result inverted when negated).
 */
function formatMatches(
  groups: readonly CompiledSpecification[][],
  subject: MatchSubject,
  tests: readonly SubjectTest[],
  results: Uint8Array,
): boolean {
  for (const group of groups) {
    let anyMatched = false;
    for (const specification of group) {
      if (anyMatched && !specification.required) break;
      let result = results[specification.test];
      if (result === UNKNOWN) {
        result = tests[specification.test](subject) ? TRUE : FALSE;
        results[specification.test] = result;
      }
      const matched = (result === TRUE) !== specification.negate;
      if (!matched && specification.required) return false;
      anyMatched ||= matched;
    }
    if (!anyMatched) return false;
  }
  return true;
}

export function compileCustomFormats<F extends CustomFormatDraft>(formats: readonly F[]): CustomFormatMatcher<F> {
  const tests: SubjectTest[] = [];
  const indexByKey = new Map<string, number>();
  const testIndex = (key: string, build: () => SubjectTest) => {
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = tests.push(build()) - 1;
      indexByKey.set(key, index);
    }
    return index;
  };
  const compiled = [...formats]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((format) => compileFormat(format, testIndex))
    .filter((c): c is CompiledFormat<F> => c !== null);
  // One buffer of test results for every subject (matching is synchronous), cleared per subject.
  const results = new Uint8Array(tests.length);
  const matchSubject = (subject: MatchSubject) => {
    results.fill(UNKNOWN);
    const matched: F[] = [];
    for (const c of compiled) if (formatMatches(c.groups, subject, tests, results)) matched.push(c.format);
    return matched;
  };
  return {
    formats: compiled.map((c) => c.format),
    match: (input) => matchSubject(toMatchSubject(input)),
    matchSubject,
  };
}

/** The formats a release matches. Compile once with `compileCustomFormats` when matching many. */
export function matchCustomFormats<F extends CustomFormatDraft>(formats: readonly F[], input: CustomFormatInput): F[] {
  return compileCustomFormats(formats).match(input);
}

/** The profile's score for a set of matched formats: the sum of their scores; unscored formats add 0. */
export function customFormatScore(
  formatItems: readonly { format: number; score: number }[],
  matched: readonly { id: number }[],
): number {
  let score = 0;
  for (const format of matched) {
    for (const item of formatItems) if (item.format === format.id) score += item.score;
  }
  return score;
}
