import { Languages } from "../parser";
import { releaseLanguages } from "./languages";
import { MODIFIER_VALUES, SOURCE_VALUES } from "./qualityEnums";
import { specificationDefinition } from "./specifications";
import { compileWordScan, titlePatternWords, type WordScan } from "./titleWords";
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

/**
 * Whole-word release-title patterns, answered from one scan of each title for all their words:
 * the words' table, filled while formats compile, and what the subject's two titles hold.
 */
class TitleWords {
  private readonly indexByWord = new Map<string, number>();
  private scan: WordScan | undefined;
  private inTitle = new Uint8Array(0);
  private inParsedTitle = new Uint8Array(0);
  private parsedTitleDiffers = false;

  /** A test for a whole-word pattern, or undefined when the pattern is anything else. */
  test(implementation: string, fields: Record<string, unknown>): SubjectTest | undefined {
    if (implementation !== "ReleaseTitleSpecification") return undefined;
    const words = titlePatternWords(fields.value);
    if (words === undefined) return undefined;
    const indices = words.map((word) => {
      let index = this.indexByWord.get(word);
      if (index === undefined) {
        index = this.indexByWord.size;
        this.indexByWord.set(word, index);
      }
      return index;
    });
    return () =>
      this.holds(this.inTitle, indices) || (this.parsedTitleDiffers && this.holds(this.inParsedTitle, indices));
  }

  /** Once every format is compiled: the scan for all the words. */
  seal(): void {
    if (this.indexByWord.size === 0) return;
    this.scan = compileWordScan([...this.indexByWord.keys()]);
    this.inTitle = new Uint8Array(this.indexByWord.size);
    this.inParsedTitle = new Uint8Array(this.indexByWord.size);
  }

  /** Reads a subject's titles, before its formats are tested. */
  read(subject: MatchSubject): void {
    if (this.scan === undefined) return;
    this.scan(subject.releaseTitle, this.inTitle);
    this.parsedTitleDiffers = subject.parsedReleaseTitle !== subject.releaseTitle;
    if (this.parsedTitleDiffers) this.scan(subject.parsedReleaseTitle, this.inParsedTitle);
  }

  private holds(present: Uint8Array, indices: readonly number[]): boolean {
    for (const index of indices) if (present[index] === 1) return true;
    return false;
  }
}

function compileFormat<F extends CustomFormatDraft>(
  format: F,
  testIndex: (key: string, build: () => SubjectTest) => number,
  titleWords: TitleWords,
): CompiledFormat<F> | null {
  if (validateCustomFormat(format).length) return null;
  const byImplementation = new Map<string, CompiledSpecification[]>();
  for (const specification of format.specifications) {
    const definition = specificationDefinition(specification.implementation);
    if (!definition) return null;
    const key = `${specification.implementation}\u0000${JSON.stringify(specification.fields)}`;
    const compiled: CompiledSpecification = {
      test: testIndex(
        key,
        () =>
          titleWords.test(specification.implementation, specification.fields) ??
          definition.compile(specification.fields),
      ),
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
  const titleWords = new TitleWords();
  const compiled = [...formats]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((format) => compileFormat(format, testIndex, titleWords))
    .filter((c): c is CompiledFormat<F> => c !== null);
  titleWords.seal();
  // One buffer of test results for every subject (matching is synchronous), cleared per subject.
  const results = new Uint8Array(tests.length);
  const matchSubject = (subject: MatchSubject) => {
    results.fill(UNKNOWN);
    titleWords.read(subject);
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
