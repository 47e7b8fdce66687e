/**
 * Custom formats, ported from Radarr's `CustomFormats`: specifications a release can match,
 * validation, Radarr's resource shape, matching and profile scoring. Pure functions.
 */

export { DEFAULT_CUSTOM_FORMATS } from "./defaults";
export { compileDotNetRegex, type RegexCompilation } from "./dotNetRegex";
export { INDEXER_FLAG_VALUES, type IndexerFlagName, IndexerFlags, indexerFlagNames } from "./indexerFlags";
export { releaseLanguages } from "./languages";
export {
  type CustomFormatMatcher,
  compileCustomFormats,
  customFormatScore,
  matchCustomFormats,
  toMatchSubject,
} from "./matcher";
export { MODIFIER_VALUES, RESOLUTION_VALUES, SOURCE_VALUES } from "./qualityEnums";
export {
  type CustomFormatResource,
  type CustomFormatResourceInput,
  type CustomFormatSpecificationResource,
  customFormatSchema,
  type FieldResource,
  fromCustomFormatResource,
  toCustomFormatResource,
  toSpecificationResource,
} from "./resource";
export {
  type FieldDefinition,
  SPECIFICATION_DEFINITIONS,
  type SpecificationDefinition,
  specificationDefinition,
} from "./specifications";
export type {
  CustomFormat,
  CustomFormatDraft,
  CustomFormatInput,
  CustomFormatSpecification,
  MatchSubject,
  SpecificationFields,
} from "./types";
export { type CustomFormatProblem, validateCustomFormat } from "./validation";
