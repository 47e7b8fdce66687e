import { Qualities } from "../quality/qualities";
import { parseEdition } from "./edition";
import { lastPathSegment, pathExtension, removeFileExtension } from "./fileExtensions";
import { parseHardcodedSubs } from "./hardcodedSubs";
import { parseImdbId, parseInfoHash, parseTmdbId } from "./ids";
import { parseLanguages } from "./languageParser";
import { parseMediaInfo, type ReleaseMediaInfo } from "./mediaInfo";
import { isParseableName } from "./obfuscatedNames";
import { parseQuality, parseQualityName } from "./quality";
import { parseReleaseGroup } from "./releaseGroup";
import { removeTorrentSiteSuffix, removeWebsitePrefix, WEBSITE_POSTFIX } from "./siteTags";
import { titleFromMatch, titlePatternsFor } from "./title";
import type { ParsedMovieInfo } from "./types";

/** Some posters reverse the whole name; "p0801"/"p027" are 1080p/720p read backwards. */
const REVERSED_NAME = /(?:^|[-._ ])(?:p027|p0801)[-._ ]/;

/** Resolutions, codecs and bit depths that could pass for a year or a title word. */
const TECHNICAL_TOKENS =
  /(?:(?:480|540|576|720|1080|2160)[ip]|[xh][\W_]?26[45]|DD\W?5\W1|[<>?*]|848x480|1280x720|1920x1080|3840x2160|4096x2160|(?:8|10)b(?:it)?|10-bit)\s*?(?![a-b0-9])/gi;

/** Characters that cannot appear in a file name, dropped before reading groups and languages. */
const INVALID_FILE_NAME_CHARACTERS = /\s*[<>?*|]/g;

/** "[Bluray-1080p]" style quality tags at the end of renamed files. */
const TRAILING_QUALITY_BRACKET = /\[[a-z0-9 ._-]+\]$/i;

/** "Sample" as a word of its own: "movie-sample.mkv", "/Sample/", "Movie.SAMPLE.mkv". */
const SAMPLE = /(?:^|[\\/._ -])sample(?:[\\/._ -]|$)/i;

function reverseName(title: string): string {
  const withoutExtension = removeFileExtension(title);
  return [...withoutExtension].reverse().join("") + title.slice(withoutExtension.length);
}

function isDashOrUnderscore(code: number): boolean {
  return code === 45 || code === 95;
}

/** Leading and trailing "-" and "_" removed; cheaper than a regex on this hot path. */
function trimDashesAndUnderscores(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isDashOrUnderscore(text.charCodeAt(start))) start++;
  while (end > start && isDashOrUnderscore(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Lenticular brackets ("【Group】") read as square ones; most names have none to replace. */
function withSquareBrackets(text: string): string {
  if (!text.includes("【") && !text.includes("】")) return text;
  return text.replaceAll("【", "[").replaceAll("】", "]");
}

/** The name with technical tokens, site tags and a trailing quality tag removed. */
function titleSearchText(releaseTitle: string): string {
  let simpleTitle = removeWebsitePrefix(releaseTitle.replace(TECHNICAL_TOKENS, ""));
  // The remaining decorations all end in a bracket; most names do not.
  if (!simpleTitle.endsWith("]")) return simpleTitle;
  simpleTitle = removeTorrentSiteSuffix(simpleTitle.replace(WEBSITE_POSTFIX, ""));
  return simpleTitle.replace(TRAILING_QUALITY_BRACKET, (bracket) =>
    parseQualityName(bracket).quality !== Qualities.Unknown ? "" : bracket,
  );
}

/** The stream details a name states, in their declared order (a spread of them is a slow path). */
function addMediaInfo(result: ParsedMovieInfo, media: ReleaseMediaInfo): void {
  if (media.videoCodec !== undefined) result.videoCodec = media.videoCodec;
  if (media.audioCodec !== undefined) result.audioCodec = media.audioCodec;
  if (media.audioChannels !== undefined) result.audioChannels = media.audioChannels;
  if (media.hdrFormat !== undefined) result.hdrFormat = media.hdrFormat;
  if (media.is3D !== undefined) result.is3D = media.is3D;
}

/**
 * Parses a release or file name the way Radarr does; null when no movie title can be read from
 * it (hashes, obfuscated names, names without a year that are not German/TrueFrench scene names).
 * `isDirectory` also accepts folder names that put the year first ("2001 - A Space Odyssey").
 */
export function parseMovieTitle(title: string, isDirectory = false): ParsedMovieInfo | null {
  const originalTitle = title;
  if (!isParseableName(title)) return null;

  // Both reversed tokens contain "p0"; most names do not.
  const name = title.includes("p0") && REVERSED_NAME.test(title) ? reverseName(title) : title;
  const releaseTitle = withSquareBrackets(trimDashesAndUnderscores(removeFileExtension(name)));
  const simpleTitle = titleSearchText(releaseTitle);

  for (const pattern of titlePatternsFor(simpleTitle, isDirectory)) {
    const match = pattern.exec(simpleTitle);
    if (!match?.groups) continue;
    const titleMatch = titleFromMatch(match.groups);
    if (titleMatch === null) continue;

    const primaryMovieTitle = titleMatch.movieTitles[0];
    const matchedTitle = match.groups.title ?? primaryMovieTitle;
    let simpleReleaseTitle = releaseTitle.replace(INVALID_FILE_NAME_CHARACTERS, "");
    if (matchedTitle.trim() !== "") {
      // Hide the title so its words are not read as a group or a language ("The.Italian.Job").
      simpleReleaseTitle = simpleReleaseTitle.replaceAll(
        matchedTitle,
        matchedTitle.includes(".") ? "A.Movie" : "A Movie",
      );
    }

    const releaseGroup = match.groups.subgroup || parseReleaseGroup(simpleReleaseTitle);
    const languages = parseLanguages(
      releaseGroup !== "" ? simpleReleaseTitle.replaceAll(releaseGroup, "RlsGrp") : simpleReleaseTitle,
    );
    const hash = match.groups.hash?.replace(/^\[+|\]+$/g, "") ?? "";

    const result: ParsedMovieInfo = {
      movieTitles: titleMatch.movieTitles,
      primaryMovieTitle,
      originalTitle,
      releaseTitle,
      simpleReleaseTitle,
      year: titleMatch.year,
      edition: titleMatch.edition !== "" ? titleMatch.edition : parseEdition(simpleReleaseTitle),
      releaseGroup,
      releaseHash: hash === "1280x720" ? "" : hash,
      quality: parseQuality(name),
      languages,
      imdbId: parseImdbId(simpleReleaseTitle),
      tmdbId: parseTmdbId(simpleReleaseTitle),
      hardcodedSubs: parseHardcodedSubs(originalTitle),
    };
    addMediaInfo(result, parseMediaInfo(releaseTitle));
    const infoHash = parseInfoHash(originalTitle);
    if (infoHash !== "") result.infoHash = infoHash;
    if (SAMPLE.test(originalTitle)) result.isSample = true;
    return result;
  }

  return null;
}

function parentDirectoryName(path: string): string {
  const withoutTrailingSeparator = path.replace(/[\\/]+$/, "");
  const separator = Math.max(withoutTrailingSeparator.lastIndexOf("/"), withoutTrailingSeparator.lastIndexOf("\\"));
  return separator < 0 ? "" : lastPathSegment(withoutTrailingSeparator.slice(0, separator));
}

/**
 * Parses a movie file path: the file name first, then the folder and file name together, then
 * the folder alone, for files renamed to something meaningless ("abc.xyz.af6021.mkv").
 */
export function parseMoviePath(path: string): ParsedMovieInfo | null {
  const fileName = lastPathSegment(path);
  const directoryName = parentDirectoryName(path);

  const result =
    parseMovieTitle(fileName, true) ??
    parseMovieTitle(`${directoryName} ${fileName}`) ??
    parseMovieTitle(`${directoryName}${pathExtension(fileName)}`);
  if (result === null) return null;

  const infoHash = parseInfoHash(path);
  if (infoHash !== "" && result.infoHash === undefined) result.infoHash = infoHash;
  if (SAMPLE.test(path)) result.isSample = true;
  return result;
}
