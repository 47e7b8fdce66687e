import { EDITION_PATTERN, editionName, MENTIONS_EDITION } from "./edition";
import { NON_WORD_CHAR, WORD_BOUNDARY, WORD_CHAR } from "./unicodeWord";

const NW = NON_WORD_CHAR;
const W = WORD_CHAR;
/** A separator between title words: any non-word character or an underscore. */
const SEP = `(?:_|${NW})`;

/** A title pattern, and a cheap test every name it can match passes (so most names skip it). */
interface TitlePattern {
  readonly pattern: RegExp;
  readonly applies?: (name: string) => boolean;
}

const MENTIONS_GERMAN_OR_TRUEFRENCH = /german|truefrench/i;
/** Fansub names start with "[Group]". */
const startsWithBracket = (name: string) => name.startsWith("[");
/** Where a year could start: the edition pattern's year is one of these. */
const YEAR_LIKE = /(?:1[89]|20)\d{2}/g;

/**
 * The edition-before-year pattern needs an edition word followed, later, by a year: scene names
 * mostly put the edition after the year ("Movie.2011.IMAX.1080p"), and a failing run of that
 * pattern is the costliest of all.
 */
function mentionsEditionBeforeYear(name: string): boolean {
  const mention = MENTIONS_EDITION.exec(name);
  if (mention === null) return false;
  YEAR_LIKE.lastIndex = mention.index;
  return YEAR_LIKE.test(name);
}

function titlePattern(pattern: string, applies?: RegExp | ((name: string) => boolean)): TitlePattern {
  return {
    pattern: new RegExp(pattern, "i"),
    applies: applies instanceof RegExp ? (name) => applies.test(name) : applies,
  };
}

/**
 * Where a movie title ends, tried in order; the first pattern whose match yields a title wins.
 * Mostly the title runs up to the first plausible year that is not followed by another year
 * ("Movie.Klasse.von.1999.1990" is titled "Movie Klasse von 1999").
 */
const TITLE_PATTERNS: readonly TitlePattern[] = [
  // Fansub: "[Group] Title (1980) [BD 1080p]".
  titlePattern(
    String.raw`^(?:\[(?<subgroup>.+?)\][-_. ]?)(?<title>(?![(\[]).+?)?(?:(?:${SEP}(?<![)\[!]))*(?<year>(1(8|9)|20)\d{2}(?!p|i|x|\d+|\]|${NW}\d+)))+.*?(?<hash>\[${W}{8}\])?(?:$|\.)`,
    startsWithBracket,
  ),
  // Fansub without a year, with a version: "[Group] Title v2 [ABCD1234]".
  titlePattern(
    String.raw`^(?:\[(?<subgroup>.+?)\][-_. ]?)(?<title>(?![(\[]).+?)((v)(?:\d{1,2})(?:([-_. ])))(\[.*)?(?:[\[(][^\])])?.*?(?<hash>\[${W}{8}\])(?:$|\.)`,
    startsWithBracket,
  ),
  // Fansub without a year, details in brackets: "[Group] Title [Dual-Audio][BDRip] [ABCD1234]".
  titlePattern(
    String.raw`^(?:\[(?<subgroup>.+?)\][-_. ]?)(?<title>(?![(\[]).+?)(\[.*).*?(?<hash>\[${W}{8}\])(?:$|\.)`,
    startsWithBracket,
  ),
  // Fansub without a year, details in parentheses: "[Group] Title (BDRip 1080p) [ABCD1234]".
  titlePattern(
    String.raw`^(?:\[(?<subgroup>.+?)\][-_. ]?)(?<title>(?![(\[]).+)(?:[\[(][^\])]).*?(?<hash>\[${W}{8}\])(?:$|\.)`,
    startsWithBracket,
  ),
  // German and TrueFrench tracker names, where the language tag ends the title and the year is
  // optional. Not "The German" or "Good German", which are titles.
  titlePattern(
    String.raw`^(?<title>(?![(\[]).+?)(${SEP})(${EDITION_PATTERN}.{1,3})?(?:(?<!(19|20)\d{2}.*?)(?<!(?:Good|The)[_ .-])(German|TrueFrench))(.+?)(?=((19|20)\d{2}|$))(?<year>(19|20)\d{2}(?!p|i|\d+|\]|${NW}\d+))?(${NW}+|_|$)(?!\\)`,
    MENTIONS_GERMAN_OR_TRUEFRENCH,
  ),
  // Edition before the year: "Mission.Impossible.3.Special.Edition.2011".
  titlePattern(
    String.raw`^(?<title>(?![(\[]).+?)?(?:(?:${SEP}(?<![)\[!]))*${EDITION_PATTERN}.{1,3}(?<year>(1(8|9)|20)\d{2}(?!p|i|\d+|\]|${NW}\d+)))+(${NW}+|_|$)(?!\\)`,
    mentionsEditionBeforeYear,
  ),
  // The usual "Title.2011".
  titlePattern(
    String.raw`^(?<title>(?![(\[]).+?)?(?:(?:${SEP}(?<![)\[!]))*(?<year>(1(8|9)|20)\d{2}(?!p|i|(1(8|9)|20)\d{2}|\]|${NW}(1(8|9)|20)\d{2})))+(${NW}+|_|$)(?!\\)`,
  ),
  // PassThePopcorn names: "Star.Wars[PassThePopcorn]", the bracket standing where the year would.
  titlePattern(String.raw`^(?<title>.+?)?(?:(?:${SEP}(?<![()\[!]))*(?<year>(\[${W} *\])))+(${NW}+|_|$)(?!\\)`),
  // The year in brackets: "Title [2011]".
  titlePattern(
    String.raw`^(?<title>(?![(\[]).+?)?(?:(?:${SEP}(?<![)!]))*(?<year>(1(8|9)|20)\d{2}(?!p|i|\d+|${NW}\d+)))+(${NW}+|_|$)(?!\\)`,
  ),
  // Last resort, for titles that themselves start with "(" or "[".
  titlePattern(
    String.raw`^(?<title>.+?)?(?:(?:${SEP}(?<![)\[!]))*(?<year>(1(8|9)|20)\d{2}(?!p|i|\d+|\]|${NW}\d+)))+(${NW}+|_|$)(?!\\)`,
  ),
];

/** Folders may put the year first: "2001 - A Space Odyssey". */
const FOLDER_TITLE_PATTERNS: readonly TitlePattern[] = [
  {
    pattern: new RegExp(
      String.raw`^(?:(?:${SEP}(?<![)!]))*(?<year>(19|20)\d{2}(?!p|i|\d+|${NW}\d+)))+(${NW}+|_|$)(?<title>.+?)?$`,
      "",
    ),
  },
];

const DIRECTORY_TITLE_PATTERNS: readonly TitlePattern[] = [...TITLE_PATTERNS, ...FOLDER_TITLE_PATTERNS];

/** The title patterns that can match this name, in order. */
export function titlePatternsFor(simpleTitle: string, isDirectory: boolean): RegExp[] {
  const patterns: RegExp[] = [];
  for (const c of isDirectory ? DIRECTORY_TITLE_PATTERNS : TITLE_PATTERNS) {
    if (c.applies === undefined || c.applies(simpleTitle)) patterns.push(c.pattern);
  }
  return patterns;
}

/** "[REQ] [Some Info]" before a title. */
const REQUEST_INFO = /^(?:\[.+?\])+/;
/** "a.k.a." spelled with dots, which would otherwise be read as an acronym. */
const DOTTED_AKA = /[ ]+A\.K\.A\.[ ]+/gi;
const MAY_HAVE_ALTERNATIVE_TITLE = /aka|\//i;
const ALTERNATIVE_TITLE_SEPARATOR = /[ ]+(?:AKA|\/)[ ]+/i;
const BRACKETED_ALTERNATIVE_TITLE = /(.*) \([ ]*AKA[ ]+(.*)\)/gi;

/** "A.K.A." between spaces read as "AKA"; dotted names have no spaces and skip the pattern. */
function withoutDottedAka(title: string): string {
  return title.includes(" ") ? title.replace(DOTTED_AKA, " AKA ") : title;
}

/** Leading "[REQ]" tags dropped; only a name starting with a bracket has one. */
function withoutRequestInfo(title: string): string {
  return title.startsWith("[") ? title.replace(REQUEST_INFO, "") : title;
}

export interface TitleMatch {
  movieTitles: string[];
  year: number;
  edition: string;
}

/**
 * Dots separate words, except in acronyms and "Dr.": "A.I.Artificial.Movie" reads
 * "A.I. Artificial Movie" and "G.I.Movie" reads "G.I. Movie", but "Kick.Ass.2" reads "Kick Ass 2".
 */
function respaceDottedTitle(dottedTitle: string): string {
  const parts = dottedTitle.split(".");
  let title = "";
  let previousAcronym = false;

  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const nextPart = index + 1 < parts.length ? parts[index + 1] : "";
    const letterA = part === "a" || part === "A";
    if (
      part.length === 1 &&
      !letterA &&
      !isDigit(part) &&
      (previousAcronym || index < parts.length - 1) &&
      (previousAcronym || nextPart.length !== 1 || !isDigit(nextPart))
    ) {
      title += `${part}.`;
      previousAcronym = true;
    } else if (letterA && (previousAcronym || nextPart.length === 1)) {
      title += `${part}.`;
      previousAcronym = true;
    } else if (isDoctor(part)) {
      title += `${part}.`;
      previousAcronym = true;
    } else {
      if (previousAcronym) {
        title += " ";
        previousAcronym = false;
      }
      title += `${part} `;
    }
  }

  return trimSpaces(title);
}

/** A one-character part that is a number (the parts tested are single characters). */
function isDigit(part: string): boolean {
  const code = part.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/** "Dr" in any case. */
function isDoctor(part: string): boolean {
  return part.length === 2 && (part[0] === "d" || part[0] === "D") && (part[1] === "r" || part[1] === "R");
}

/** Leading and trailing spaces (only " ") removed; cheaper than a regex on this hot path. */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Reads the title, year and edition out of a title pattern's match; null when it found no title. */
export function titleFromMatch(groups: Record<string, string | undefined>): TitleMatch | null {
  const rawTitle = groups.title;
  if (rawTitle === undefined || rawTitle === "(") return null;

  const movieName = respaceDottedTitle(trimSpaces(withoutRequestInfo(withoutDottedAka(rawTitle.replaceAll("_", " ")))));

  const yearText = groups.year ?? "";
  const year = /^\d+$/.test(yearText) ? Number(yearText) : 0;
  const edition = groups.edition !== undefined ? editionName(groups.edition) : "";

  if (!MAY_HAVE_ALTERNATIVE_TITLE.test(movieName)) return { movieTitles: [movieName], year, edition };

  const unbracketed = movieName.replace(BRACKETED_ALTERNATIVE_TITLE, "$1 AKA $2");
  const alternatives = unbracketed
    .split(ALTERNATIVE_TITLE_SEPARATOR)
    .filter((name) => name.trim() !== "" && name !== movieName);

  return { movieTitles: [movieName, ...alternatives], year, edition };
}

/** Articles and conjunctions, except where they start or end the title or are an initial. */
const NORMALIZE = new RegExp(
  `((?:${WORD_BOUNDARY}|_)(?<!^|[^a-zA-Z0-9_']${W}[^a-zA-Z0-9_'])([aà](?!$|[^a-zA-Z0-9_']${W}[^a-zA-Z0-9_'])|an|the|and|or|of)(?!$)(?:${WORD_BOUNDARY}|_))|${NW}|_`,
  "gi",
);

const GERMAN_UMLAUTS: readonly (readonly [string, string])[] = [
  ["ö", "oe"],
  ["ä", "ae"],
  ["ü", "ue"],
];

function removeAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC");
}

/**
 * Radarr's clean title, used to compare titles: lower case, no punctuation, no articles or
 * conjunctions inside the title, umlauts spelled out, other accents dropped. All-digit titles
 * ("90210") stay as they are.
 */
export function cleanMovieTitle(title: string): string {
  if (/^\s*[-+]?\d+\s*$/.test(title)) return title;
  let cleaned = title.replace(NORMALIZE, "").toLowerCase();
  for (const [umlaut, spelled] of GERMAN_UMLAUTS) cleaned = cleaned.replaceAll(umlaut, spelled);
  return removeAccents(cleaned);
}
