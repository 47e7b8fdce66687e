import { type Language, Languages } from "./languages";
import { WORD_CHAR } from "./unicodeWord";

/** Language names written out in a release name; a plain substring is enough for these. */
const LANGUAGE_BY_KEYWORD: readonly (readonly [string, Language])[] = [
  ["english", Languages.English],
  ["spanish", Languages.Spanish],
  ["danish", Languages.Danish],
  ["dutch", Languages.Dutch],
  ["japanese", Languages.Japanese],
  ["icelandic", Languages.Icelandic],
  ["mandarin", Languages.Chinese],
  ["cantonese", Languages.Chinese],
  ["chinese", Languages.Chinese],
  ["korean", Languages.Korean],
  ["russian", Languages.Russian],
  ["romanian", Languages.Romanian],
  ["hindi", Languages.Hindi],
  ["arabic", Languages.Arabic],
  ["thai", Languages.Thai],
  ["bulgarian", Languages.Bulgarian],
  ["polish", Languages.Polish],
  ["vietnamese", Languages.Vietnamese],
  ["swedish", Languages.Swedish],
  ["norwegian", Languages.Norwegian],
  ["finnish", Languages.Finnish],
  ["turkish", Languages.Turkish],
  ["portuguese", Languages.Portuguese],
  ["brazilian", Languages.PortugueseBrazil],
  ["hungarian", Languages.Hungarian],
  ["hebrew", Languages.Hebrew],
  ["ukrainian", Languages.Ukrainian],
  ["persian", Languages.Persian],
  ["bengali", Languages.Bengali],
  ["slovak", Languages.Slovak],
  ["latvian", Languages.Latvian],
  ["latino", Languages.SpanishLatino],
  ["tamil", Languages.Tamil],
  ["telugu", Languages.Telugu],
  ["malayalam", Languages.Malayalam],
  ["kannada", Languages.Kannada],
  ["albanian", Languages.Albanian],
  ["afrikaans", Languages.Afrikaans],
  ["marathi", Languages.Marathi],
  ["tagalog", Languages.Tagalog],
];

/** Any of those keywords (plain lower-case words): one scan instead of forty for most names. */
const ANY_LANGUAGE_KEYWORD = new RegExp(LANGUAGE_BY_KEYWORD.map(([keyword]) => keyword).join("|"));

/** Group name in the token patterns below, and the language it stands for. */
interface LanguageToken {
  readonly group: string;
  readonly pattern: string;
  readonly language: Language;
}

/**
 * Two-letter codes are only languages in upper case ("EN", "DE"; "de" is a word), and not when
 * they label subtitles ("PL-SUB", "SUB.PL").
 */
const UPPER_CASE_CODES: readonly LanguageToken[] = [
  { group: "english", pattern: String.raw`\bEN\b`, language: Languages.English },
  { group: "lithuanian", pattern: String.raw`\bLT\b`, language: Languages.Lithuanian },
  { group: "czech", pattern: String.raw`\bCZ\b`, language: Languages.Czech },
  { group: "polish", pattern: String.raw`\bPL\b`, language: Languages.Polish },
  { group: "bulgarian", pattern: String.raw`\bBG\b`, language: Languages.Bulgarian },
  { group: "slovak", pattern: String.raw`\bSK\b`, language: Languages.Slovak },
  { group: "german", pattern: String.raw`\bDE\b`, language: Languages.German },
  // "DTS-ES" is an audio format, not Spanish.
  { group: "spanish", pattern: String.raw`\b(?<!DTS[._ -])ES\b`, language: Languages.Spanish },
];

/**
 * A word ending in an accented letter ("català"), which an ASCII `\b` would never see end; the
 * lookahead runs only after the word matched, so it costs nothing elsewhere.
 */
function endsInAccentedLetter(word: string): string {
  return `${word}(?!${WORD_CHAR})`;
}

/** Abbreviations and dubbing tags, matched in any case. */
const LANGUAGE_TOKENS: readonly LanguageToken[] = [
  { group: "english", pattern: String.raw`(?:\W|_|^)\beng\b`, language: Languages.English },
  { group: "italian", pattern: String.raw`\b(?:ita|italian)\b`, language: Languages.Italian },
  {
    group: "german",
    pattern: String.raw`(?:swiss)?german\b|videomann|ger[. ]dub|\bger\b`,
    language: Languages.German,
  },
  { group: "flemish", pattern: "flemish", language: Languages.Flemish },
  { group: "bulgarian", pattern: "bgaudio", language: Languages.Bulgarian },
  { group: "romanian", pattern: "rodubbed", language: Languages.Romanian },
  { group: "brazilian", pattern: String.raw`\b(?:dublado|pt-BR)\b`, language: Languages.PortugueseBrazil },
  { group: "greek", pattern: "greek", language: Languages.Greek },
  {
    group: "french",
    pattern: String.raw`\b(?:FR|VO|VF|VFF|VFQ|VFI|VF2|TRUEFRENCH|FRENCH|FRE|FRA)\b`,
    language: Languages.French,
  },
  { group: "russian", pattern: String.raw`\b(?:rus|ru)\b`, language: Languages.Russian },
  { group: "hungarian", pattern: String.raw`\b(?:HUNDUB|HUN)\b`, language: Languages.Hungarian },
  { group: "hebrew", pattern: String.raw`\b(?:HebDub|HebDubbed)\b`, language: Languages.Hebrew },
  {
    group: "polish",
    pattern: String.raw`\b(?:PL\W?DUB|DUB\W?PL|LEK\W?PL|PL\W?LEK)\b`,
    language: Languages.Polish,
  },
  { group: "chinese", pattern: String.raw`\[(?:CH[ST]|BIG5|GB)\]|简|繁|字幕`, language: Languages.Chinese },
  { group: "ukrainian", pattern: String.raw`(?:\dx)?UKR`, language: Languages.Ukrainian },
  { group: "spanish", pattern: String.raw`\b(?:español|castellano)\b`, language: Languages.Spanish },
  {
    group: "catalan",
    pattern: String.raw`\b(?:catalan?\b|${endsInAccentedLetter("catalán")}|${endsInAccentedLetter("català")})`,
    language: Languages.Catalan,
  },
  { group: "latvian", pattern: String.raw`\b(?:lat|lav|lv)\b`, language: Languages.Latvian },
  { group: "telugu", pattern: String.raw`\btel\b`, language: Languages.Telugu },
  { group: "vietnamese", pattern: String.raw`\bVIE\b`, language: Languages.Vietnamese },
  { group: "japanese", pattern: String.raw`\bJAP\b`, language: Languages.Japanese },
  { group: "korean", pattern: String.raw`\bKOR\b`, language: Languages.Korean },
  { group: "urdu", pattern: String.raw`\burdu\b`, language: Languages.Urdu },
  { group: "romansh", pattern: String.raw`\b(?:romansh|rumantsch|romansch)\b`, language: Languages.Romansh },
  { group: "mongolian", pattern: String.raw`\b(?:mongolian|khalkha)\b`, language: Languages.Mongolian },
  { group: "georgian", pattern: String.raw`\b(?:georgian|geo|ka|kat)\b`, language: Languages.Georgian },
  { group: "original", pattern: String.raw`\b(?:orig|original)\b`, language: Languages.Original },
];

function alternation(tokens: readonly LanguageToken[]): string {
  return tokens.map((t) => `(?<${t.group}>${t.pattern})`).join("|");
}

/** Unique group names per token list, since a JavaScript pattern cannot repeat a group name. */
function withIndexedGroups(tokens: readonly LanguageToken[]): LanguageToken[] {
  return tokens.map((t, index) => ({ ...t, group: `${t.group}${index}` }));
}

const UPPER_CASE_CODE_TOKENS = withIndexedGroups(UPPER_CASE_CODES);
const UPPER_CASE_CODE_REGEX = new RegExp(
  String.raw`(?<![Ss][Uu][Bb][\W|_^])(?:${alternation(UPPER_CASE_CODE_TOKENS)})(?![\W|_^][Ss][Uu][Bb])`,
  "g",
);

const LANGUAGE_TOKEN_TOKENS = withIndexedGroups(LANGUAGE_TOKENS);
const LANGUAGE_TOKEN_REGEX = new RegExp(alternation(LANGUAGE_TOKEN_TOKENS), "gi");

/** German "DL" (dual language, not "WEB-DL") and "ML" (multi language) tags. */
const GERMAN_DUAL_LANGUAGE = /(?<!WEB[-_. ]?)\bDL\b/i;
const GERMAN_MULTI_LANGUAGE = /\bML\b/i;

function addTokenMatches(title: string, regex: RegExp, tokens: readonly LanguageToken[], languages: Language[]): void {
  // An exec loop rather than matchAll, which clones the pattern on every call.
  regex.lastIndex = 0;
  for (let match = regex.exec(title); match !== null; match = regex.exec(title)) {
    const groups = match.groups;
    if (!groups) continue;
    for (const token of tokens) {
      if (groups[token.group] !== undefined) languages.push(token.language);
    }
  }
}

/**
 * Languages a release name announces, in Radarr's order: written-out names, upper-case codes,
 * then abbreviations. German dual-language releases also carry the original language, and
 * German multi-language ones English too. `[Unknown]` when nothing is announced.
 */
export function parseLanguages(title: string): Language[] {
  const lowerTitle = title.toLowerCase();
  const languages: Language[] = [];

  if (ANY_LANGUAGE_KEYWORD.test(lowerTitle)) {
    for (const [keyword, language] of LANGUAGE_BY_KEYWORD) {
      if (lowerTitle.includes(keyword)) languages.push(language);
    }
  }
  addTokenMatches(title, UPPER_CASE_CODE_REGEX, UPPER_CASE_CODE_TOKENS, languages);
  addTokenMatches(title, LANGUAGE_TOKEN_REGEX, LANGUAGE_TOKEN_TOKENS, languages);

  if (languages.length === 0) languages.push(Languages.Unknown);

  if (languages.length === 1 && languages[0] === Languages.German) {
    if (GERMAN_DUAL_LANGUAGE.test(title)) {
      languages.push(Languages.Original);
    } else if (GERMAN_MULTI_LANGUAGE.test(title)) {
      languages.push(Languages.Original, Languages.English);
    }
  }

  return distinctById(languages);
}

function distinctById(languages: readonly Language[]): Language[] {
  const seen = new Set<number>();
  return languages.filter((l) => {
    if (seen.has(l.id)) return false;
    seen.add(l.id);
    return true;
  });
}
