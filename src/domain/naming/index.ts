/**
 * Movie file and folder names from a naming format, as Radarr's FileNameBuilder builds them:
 * `{Movie Title} ({Release Year}) {Quality Full}`. A token's separator sets how its words are
 * joined (`{Movie.Title}`, `{Movie_Title}`), its case sets the value's case (`{movie title}`
 * lower, `{MOVIE TITLE}` upper), and characters inside the braces before and after the name
 * (`{[Quality Full]}`, `{-Release Group}`) appear only when the token has a value. Pure.
 */

export const COLON_REPLACEMENTS = ["delete", "dash", "spaceDash", "spaceDashSpace", "smart"] as const;
type ColonReplacement = (typeof COLON_REPLACEMENTS)[number];

export interface NamingOptions {
  /** Replace characters file systems refuse (\ / < > ? * | ") instead of deleting them. */
  replaceIllegalCharacters: boolean;
  colonReplacementFormat: ColonReplacement;
}

export interface NamingSubject {
  movie: {
    title: string;
    originalTitle?: string;
    year: number;
    tmdbId?: number;
    imdbId?: string | null;
    collection?: string | null;
  };
  quality?: { name: string; revision: { version: number; real: number; isRepack?: boolean } };
  releaseGroup?: string;
  edition?: string;
  /** The release name the file came from. */
  sceneName?: string;
  customFormats?: readonly string[];
}

export const DEFAULT_MOVIE_FORMAT = "{Movie Title} ({Release Year}) {Quality Full}";
export const DEFAULT_FOLDER_FORMAT = "{Movie Title} ({Release Year})";

// Radarr's token pattern: an optional Plex/Jellyfin tag around it (`{imdb-{ImdbId}}`,
// `{edition-{Edition Tags}}`, kept with the value, dropped without), optional prefix, the name
// (words joined by one separator), optional suffix.
const TOKEN =
  /(?<tag>\{[-{ ._[(]*(?:imdb(?:id)?-|edition-))?\{(?<prefix>[-{ ._[(]*)(?<name>[a-z0-9]+(?:(?<separator>[- ._]+)[a-z0-9]+)*)(?<suffix>[-} ._)\]]*)\}/gi;

const ARTICLE = /^(The|An|A)\s+(.+)$/i;

/** Radarr's clean title for names: "&" as "and", punctuation that is not part of a word dropped. */
export function cleanTitle(title: string): string {
  return title
    .replace(/&/g, "and")
    .replace(/[\\/]/g, " ")
    .replace(/(?<=\s)[,<>/\\;:'"|`~!?@$%^*\-_=](?=\s)/g, "")
    .replace(/['`":?,](?=(?:s|m|t|ve|ll|d|re)\s|\s|$)/gi, "")
    .replace(/[()[\]{}]/g, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "The Matrix" as "Matrix, The". */
export function titleThe(title: string): string {
  const match = ARTICLE.exec(title);
  return match ? `${match[2]}, ${match[1]}` : title;
}

function titleCase(text: string): string {
  return text.replace(/(^|\s)([a-z])/g, (_, space: string, c: string) => space + c.toUpperCase());
}

/** Quality name with its revision: "Bluray-1080p Proper", "WEBDL-2160p REPACK". */
function qualityFull(quality: NonNullable<NamingSubject["quality"]>): string {
  const { version, isRepack } = quality.revision;
  if (version <= 1) return quality.name;
  return `${quality.name} ${isRepack ? "REPACK" : "Proper"}`;
}

/**
 * Radarr's media info tokens ({MediaInfo VideoCodec}, {[MediaInfo 3D]}, …). Files here are never
 * read for their streams, so they have no media info, and Radarr renders these tokens empty for a
 * file without media info.
 */
const MEDIA_INFO_TOKENS = new Set(
  [
    "video",
    "videocodec",
    "videobitdepth",
    "videodynamicrange",
    "videodynamicrangetype",
    "audio",
    "audiocodec",
    "audiochannels",
    "audiolanguages",
    "audiolanguagesall",
    "subtitlelanguages",
    "subtitlelanguagesall",
    "3d",
    "simple",
    "full",
  ].map((token) => `mediainfo ${token}`),
);

function tokenValue(name: string, subject: NamingSubject): string | undefined {
  const { movie } = subject;
  const token = name.toLowerCase().replace(/[- ._]+/g, " ");
  if (MEDIA_INFO_TOKENS.has(token)) return "";
  switch (token) {
    case "movie title":
      return movie.title;
    case "movie cleantitle":
      return cleanTitle(movie.title);
    case "movie titlethe":
      return titleThe(movie.title);
    case "movie titlefirstcharacter":
      return titleThe(movie.title).charAt(0).toUpperCase();
    case "movie originaltitle":
      return movie.originalTitle ?? movie.title;
    case "movie collection":
      return movie.collection ?? "";
    case "release year":
      return movie.year > 0 ? String(movie.year) : "";
    case "quality full":
      return subject.quality ? qualityFull(subject.quality) : "";
    case "quality title":
      return subject.quality?.name ?? "";
    case "release group":
      return subject.releaseGroup ?? "";
    case "edition tags":
      return subject.edition ? titleCase(subject.edition) : "";
    case "custom formats":
      return (subject.customFormats ?? []).join(" ");
    case "imdb id":
    case "imdbid":
      return movie.imdbId ?? "";
    case "tmdb id":
    case "tmdbid":
      return movie.tmdbId ? String(movie.tmdbId) : "";
    case "original title":
      return subject.sceneName ?? "";
    default:
      return undefined;
  }
}

/** The tokens of a format this builder does not know (a format with any is refused on save). */
export function unknownTokens(format: string): string[] {
  const subject: NamingSubject = { movie: { title: "x", year: 2000 } };
  return [...format.matchAll(TOKEN)]
    .map((m) => m.groups?.name ?? "")
    .filter((name) => tokenValue(name, subject) === undefined);
}

function applyCase(name: string, value: string): string {
  const letters = name.replace(/[^a-z]/gi, "");
  if (letters === letters.toLowerCase()) return value.toLowerCase();
  if (letters === letters.toUpperCase()) return value.toUpperCase();
  return value;
}

function replaceColons(text: string, format: ColonReplacement): string {
  switch (format) {
    case "delete":
      return text.replace(/:/g, "");
    case "dash":
      return text.replace(/:/g, "-");
    case "spaceDash":
      return text.replace(/:/g, " -");
    case "spaceDashSpace":
      return text.replace(/\s*:\s*/g, " - ");
    case "smart":
      // "Title: Subtitle" reads as "Title - Subtitle"; "12:30" as "12-30".
      return text.replace(/:\s/g, " - ").replace(/\s:/g, " -").replace(/:/g, "-");
  }
}

const ILLEGAL: readonly [RegExp, string][] = [
  [/\\/g, "+"],
  [/\//g, "+"],
  [/</g, ""],
  [/>/g, ""],
  [/\?/g, "!"],
  [/\*/g, "-"],
  [/\|/g, ""],
  [/"/g, ""],
];

/** A name every file system accepts: illegal characters replaced (or deleted), colons per the setting. */
export function cleanFileName(name: string, options: NamingOptions): string {
  let out = replaceColons(name, options.colonReplacementFormat);
  for (const [pattern, replacement] of ILLEGAL)
    out = out.replace(pattern, options.replaceIllegalCharacters ? replacement : "");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  out = out.replace(/[\u0000-\u001f]/g, "");
  return out.replace(/\s+/g, " ").replace(/^[\s.]+|[\s.]+$/g, "");
}

/** Builds a name from a format; the result is a clean file (or folder) name without extension. */
export function buildName(format: string, subject: NamingSubject, options: NamingOptions): string {
  const filled = format.replace(TOKEN, (whole, ...args) => {
    const groups = args.at(-1) as { tag?: string; prefix: string; name: string; separator?: string; suffix: string };
    const raw = tokenValue(groups.name, subject);
    if (raw === undefined) return whole;
    if (raw === "") return "";
    let value = applyCase(groups.name, raw);
    const separator = groups.separator;
    if (separator && separator !== " ") value = value.replace(/\s+/g, separator);
    return `${groups.tag ?? ""}${groups.prefix}${value}${groups.suffix}`;
  });
  // Tokens without a value leave empty brackets and doubled separators behind.
  const tidied = filled
    .replace(/\(\s*\)|\[\s*\]|\{\s*\}/g, "")
    .replace(/\s{2,}/g, " ")
    .replace(/([-._])\1+/g, "$1")
    .replace(/\s+([-._])\s*$/g, "")
    .trim();
  return cleanFileName(tidied, options);
}
