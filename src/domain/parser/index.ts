/**
 * Release-name parsing, ported from Radarr's parser: title, year, edition, group, quality,
 * revision, languages, ids and stream details of a release or file name. Pure functions.
 */

export { normalizeImdbId } from "./ids";
export { findIsoLanguage, isoLanguageOf } from "./isoLanguages";
export { parseLanguages } from "./languageParser";
export { LANGUAGES, type Language, Languages, languageById } from "./languages";
export { parseMediaInfo } from "./mediaInfo";
export { parseMoviePath, parseMovieTitle } from "./movieTitleParser";
export { parseQuality, type QualityModel } from "./quality";
export { parseReleaseGroup } from "./releaseGroup";
export { isSceneTitle, sceneTitle } from "./sceneChecker";
export { parseSubtitleInfo, parseSubtitleLanguage } from "./subtitles";
export { cleanMovieTitle } from "./title";
export type { ParsedMovieInfo } from "./types";
