/**
 * Custom formats, ported from Radarr's `CustomFormats`: specifications a release can match,
 * validation, Radarr's resource shape, matching and profile scoring. Pure functions.
 */

export { DEFAULT_CUSTOM_FORMATS } from "./defaults";
export { compileDotNetRegex } from "./dotNetRegex";
export { IndexerFlags, indexerFlagNames } from "./indexerFlags";
export { releaseLanguages } from "./languages";
export { type CustomFormatMatcher, compileCustomFormats, customFormatScore, matchCustomFormats } from "./matcher";
export { customFormatSchema, fromCustomFormatResource, toCustomFormatResource } from "./resource";
export { SPECIFICATION_DEFINITIONS } from "./specifications";
export type { CustomFormat, CustomFormatDraft, CustomFormatInput, CustomFormatSpecification } from "./types";
export { validateCustomFormat } from "./validation";
