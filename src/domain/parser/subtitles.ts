import { lastPathSegment } from "./fileExtensions";
import { findIsoLanguage } from "./isoLanguages";
import { LANGUAGES, type Language, Languages } from "./languages";

/** What a subtitle file's name says about it: "Movie.eng.forced.srt", "Movie.Commentary.fra.ass". */
export interface SubtitleInfo {
  language: Language;
  /** Lower-case flags: forced, foreign, default, cc, psdh, sdh. */
  languageTags: string[];
  /** The track's own title ("Commentary"), when the name gives one next to exactly one language. */
  title: string | null;
  rawTitle: string | null;
  /** The copy number a title ends with ("Title - 2"), 0 when none. */
  copy: number;
  /** Whether the title came before the language code and flags. */
  titleFirst: boolean;
}

const TAG = "forced|foreign|default|cc|psdh|sdh";
const TAG_WORD = new RegExp(`^(?:${TAG})$`, "i");

/** "Name.en.forced", "Name-eng-forced": an ISO code among optional flags at the end. */
const LANGUAGE_CODE_AT_END = new RegExp(
  `.+?(?<tagsBefore>(?:[-_. ](?:${TAG}))*)[-_. ](?<isoCode>[a-z]{2,3})(?<tagsAfter>(?:[-_. ](?:${TAG}))*)$`,
  "i",
);

/** Flags and codes, then a title, then flags and codes, each part introduced by a dot. */
const TITLED_SUBTITLE = new RegExp(
  String.raw`^.+?(?<before>(?:\.(?:${TAG}|[a-z]{2,3}))*)[-_. ](?<title>[^.]*)(?<after>(?:\.(?:${TAG}|[a-z]{2,3}))*)$`,
  "i",
);

const TITLE_WITH_COPY = /^(?:(?<title>.+) - )?(?<copy>(?<!\d)\d{1,3}(?!\d))$/;

function fileNameWithoutExtension(fileName: string): string {
  const name = lastPathSegment(fileName);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? name : name.slice(0, dot);
}

function splitParts(parts: string | undefined): string[] {
  return (parts ?? "").split(/[-_. ]/).filter((part) => part !== "");
}

function languageFromIsoCode(isoCode: string): Language {
  return findIsoLanguage(isoCode.toLowerCase())?.language ?? Languages.Unknown;
}

/** Languages whose name can end a subtitle file name ("Movie.English.srt"). */
const NAMEABLE_LANGUAGES = LANGUAGES.filter((l) => l.id > 0);

/** The language of a subtitle file, from its ISO code or a spelled-out language name. */
export function parseSubtitleLanguage(fileName: string): Language {
  const simpleName = fileNameWithoutExtension(fileName);
  const match = LANGUAGE_CODE_AT_END.exec(simpleName);
  if (match?.groups) return languageFromIsoCode(match.groups.isoCode);

  const lowerName = simpleName.toLowerCase();
  return NAMEABLE_LANGUAGES.find((l) => lowerName.endsWith(l.name.toLowerCase())) ?? Languages.Unknown;
}

/** The flags next to a subtitle's language code. */
function parseSubtitleLanguageTags(fileName: string): string[] {
  const match = LANGUAGE_CODE_AT_END.exec(fileNameWithoutExtension(fileName));
  if (!match?.groups) return [];
  return [...splitParts(match.groups.tagsBefore), ...splitParts(match.groups.tagsAfter)].map((tag) =>
    tag.toLowerCase(),
  );
}

function basicSubtitleInfo(fileName: string): SubtitleInfo {
  return {
    language: parseSubtitleLanguage(fileName),
    languageTags: parseSubtitleLanguageTags(fileName),
    title: null,
    rawTitle: null,
    copy: 0,
    titleFirst: false,
  };
}

/**
 * Language, flags and track title of a subtitle file. A title is only read when the name has
 * exactly one language code; otherwise it falls back to the language and flags alone.
 */
export function parseSubtitleInfo(fileName: string): SubtitleInfo {
  const match = TITLED_SUBTITLE.exec(fileNameWithoutExtension(fileName));
  if (!match?.groups) return basicSubtitleInfo(fileName);

  const before = match.groups.before.split(".").filter((part) => part !== "");
  const after = match.groups.after.split(".").filter((part) => part !== "");
  const tagsBefore = before.filter((part) => TAG_WORD.test(part));
  const tagsAfter = after.filter((part) => TAG_WORD.test(part));
  const isoCodes = [...before, ...after].filter((part) => !TAG_WORD.test(part));
  if (isoCodes.length !== 1) return basicSubtitleInfo(fileName);

  const languageTags = [...new Set([...tagsBefore, ...tagsAfter].map((tag) => tag.toLowerCase()))];
  const rawTitle = match.groups.title;
  const copyMatch = TITLE_WITH_COPY.exec(rawTitle);
  return {
    language: languageFromIsoCode(isoCodes[0]),
    languageTags,
    title: copyMatch ? (copyMatch.groups?.title ?? null) : rawTitle,
    rawTitle,
    copy: copyMatch ? Number(copyMatch.groups?.copy) : 0,
    titleFirst: tagsBefore.length === 0,
  };
}
