/**
 * Release-name parsing, ported from Radarr's parser: title, year, edition, group, quality,
 * revision, languages, ids and stream details of a release or file name. Pure functions.
 */

export { parseEdition } from "./edition";
export { parseHardcodedSubs } from "./hardcodedSubs";
export { normalizeImdbId, parseImdbId, parseInfoHash, parseTmdbId } from "./ids";
export { findIsoLanguage, ISO_LANGUAGES, type IsoLanguage } from "./isoLanguages";
export { parseLanguages } from "./languageParser";
export { LANGUAGES, type Language, Languages, languageById, languageByName } from "./languages";
export { parseMediaInfo, type ReleaseMediaInfo } from "./mediaInfo";
export { parseMoviePath, parseMovieTitle } from "./movieTitleParser";
export {
  parseQuality,
  parseQualityName,
  parseResolution,
  type QualityDetectionSource,
  type QualityModel,
  type Revision,
} from "./quality";
export { parseReleaseGroup } from "./releaseGroup";
export { isSceneTitle, sceneTitle } from "./sceneChecker";
export {
  parseSubtitleInfo,
  parseSubtitleLanguage,
  parseSubtitleLanguageTags,
  type SubtitleInfo,
} from "./subtitles";
export { cleanMovieTitle } from "./title";
export type { ParsedMovieInfo } from "./types";
