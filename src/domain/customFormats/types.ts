import type { Language, ParsedMovieInfo } from "../parser";

/** A specification's settings, keyed by field name (`value`, `min`, `max`, `exceptLanguage`). */
export type SpecificationFields = Record<string, unknown>;

/** One condition of a custom format, as stored: Radarr's specification with its fields by name. */
export interface CustomFormatSpecification {
  name: string;
  /** Radarr's implementation name, e.g. `ReleaseTitleSpecification`. */
  implementation: string;
  /** Inverts the condition: the specification matches when the condition does not hold. */
  negate: boolean;
  /** The format cannot match unless this specification matches. */
  required: boolean;
  fields: SpecificationFields;
}

export interface CustomFormatDraft {
  name: string;
  includeCustomFormatWhenRenaming: boolean;
  specifications: CustomFormatSpecification[];
}

export interface CustomFormat extends CustomFormatDraft {
  id: number;
}

/** What a release (or file) offers to be matched against custom formats. */
export interface CustomFormatInput {
  parsed: ParsedMovieInfo;
  releaseTitle: string;
  /** Bytes; unknown sizes never match a size specification. */
  size?: number;
  /** Bitmask of `IndexerFlags`. */
  indexerFlags?: number;
  movie?: { year: number; originalLanguage?: Pick<Language, "id"> | null };
}

/** The input reduced once to what specifications look at, so many formats can test it cheaply. */
export interface MatchSubject {
  releaseTitle: string;
  parsedReleaseTitle: string;
  edition: string;
  releaseGroup: string;
  /** Language ids: the parsed ones, or the movie's original language when none was parsed. */
  languageIds: readonly number[];
  /** The movie's original language id, or undefined when unknown. */
  originalLanguageId: number | undefined;
  indexerFlags: number;
  /** Radarr's `Source` enum value of the parsed quality. */
  source: number;
  resolution: number;
  /** Radarr's `Modifier` enum value of the parsed quality. */
  modifier: number;
  size: number;
  /** The parsed year, or the movie's when the name has none; 0 when neither is known. */
  year: number;
}

export interface SpecificationProblem {
  /** The field at fault, e.g. `value`. */
  field: string;
  message: string;
}
