import { numberField } from "../../customFormats/specifications/definition";
import type { SpecificationFields, SpecificationProblem } from "../../customFormats/types";
import { LANGUAGES, Languages } from "../../parser";
import { normalizeAbsolutePath } from "../../validation/paths";
import type { MovieStatus } from "../movieStatus";

/** What an auto tagging condition reads of a movie. */
export interface AutoTagSubject {
  monitored: boolean;
  qualityProfileId: number;
  rootFolderPath: string;
  tags: readonly number[];
  year: number;
  /** Minutes; 0 when unknown. */
  runtime: number;
  status: MovieStatus;
  genres: readonly string[];
  keywords: readonly string[];
  studio: string;
  /** Radarr's language id of the original language (0: Unknown). */
  originalLanguageId: number;
}

interface FieldOption {
  value: number;
  name: string;
}

/** A field in Radarr's field types (`tag` is a list of free words, `movieTag` one of the app's tags). */
interface FieldDefinition {
  name: string;
  label: string;
  type: "tag" | "select" | "number" | "qualityProfile" | "rootFolder" | "movieTag";
  unit?: string;
  selectOptions?: readonly FieldOption[];
  defaultValue: unknown;
}

/** One kind of auto tagging condition (Radarr's AutoTagging/Specifications). */
export interface AutoTagSpecificationDefinition {
  implementation: string;
  implementationName: string;
  fields: readonly FieldDefinition[];
  validate(fields: SpecificationFields): SpecificationProblem[];
  /** The condition before `negate`; only called with fields `validate` accepted. */
  test(subject: AutoTagSubject, fields: SpecificationFields): boolean;
}

/** Radarr's MovieStatusType values for the app's statuses. */
const MOVIE_STATUS_VALUES: Record<MovieStatus, number> = {
  deleted: -1,
  tba: 0,
  announced: 1,
  inCinemas: 2,
  released: 3,
};
const STATUS_OPTIONS: FieldOption[] = [
  { value: -1, name: "Deleted" },
  { value: 0, name: "TBA" },
  { value: 1, name: "Announced" },
  { value: 2, name: "In Cinemas" },
  { value: 3, name: "Released" },
];
const LANGUAGE_OPTIONS: FieldOption[] = LANGUAGES.filter(
  (l) => l.id !== Languages.Any.id && l.id !== Languages.Original.id,
).map((l) => ({ value: l.id, name: l.name }));

/** The words of a `tag` field: a list of strings (a comma-separated string is read too). */
function words(fields: SpecificationFields, name = "value"): string[] {
  const value = fields[name];
  const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  return list.filter((w): w is string => typeof w === "string" && w.trim() !== "").map((w) => w.trim());
}

const foldedIncludes = (list: readonly string[], word: string) =>
  list.some((item) => item.toLowerCase() === word.toLowerCase());

function wordsSpecification(
  implementation: string,
  implementationName: string,
  label: string,
  of: (subject: AutoTagSubject) => readonly string[],
): AutoTagSpecificationDefinition {
  return {
    implementation,
    implementationName,
    fields: [{ name: "value", label, type: "tag", defaultValue: [] }],
    validate: (fields) => (words(fields).length ? [] : [{ field: "value", message: `at least one is required` }]),
    test: (subject, fields) => words(fields).some((word) => foldedIncludes(of(subject), word)),
  };
}

function idSpecification(
  implementation: string,
  implementationName: string,
  field: FieldDefinition,
  minimum: number,
  of: (subject: AutoTagSubject) => number | readonly number[],
): AutoTagSpecificationDefinition {
  const allowed = field.selectOptions ? new Set(field.selectOptions.map((o) => o.value)) : undefined;
  return {
    implementation,
    implementationName,
    fields: [field],
    validate(fields) {
      const value = numberField(fields, field.name);
      if (value === undefined || !Number.isInteger(value) || value < minimum)
        return [{ field: field.name, message: `must be a whole number of at least ${minimum}` }];
      if (allowed && !allowed.has(value)) return [{ field: field.name, message: "must be one of the options" }];
      return [];
    },
    test(subject, fields) {
      const value = numberField(fields, field.name);
      const actual = of(subject);
      return typeof actual === "number" ? actual === value : actual.includes(value as number);
    },
  };
}

function rangeSpecification(
  implementation: string,
  implementationName: string,
  labels: [string, string],
  unit: string | undefined,
  minimum: number,
  of: (subject: AutoTagSubject) => number,
): AutoTagSpecificationDefinition {
  return {
    implementation,
    implementationName,
    fields: [
      { name: "min", label: labels[0], type: "number", ...(unit ? { unit } : {}), defaultValue: 0 },
      { name: "max", label: labels[1], type: "number", ...(unit ? { unit } : {}), defaultValue: 0 },
    ],
    validate(fields) {
      const min = numberField(fields, "min");
      const max = numberField(fields, "max");
      if (min === undefined || min < minimum)
        return [{ field: "min", message: `must be a number of ${minimum} or more` }];
      if (max === undefined || max === 0 || max < min)
        return [{ field: "max", message: `must be at least the minimum (${min})` }];
      return [];
    },
    test(subject, fields) {
      const value = of(subject);
      return value > 0 && value >= (numberField(fields, "min") ?? 0) && value <= (numberField(fields, "max") ?? 0);
    },
  };
}

const comparablePath = (path: string) => {
  const normalized = normalizeAbsolutePath(path).path ?? path;
  return normalized.startsWith("/") ? normalized : normalized.toLowerCase();
};

const rootFolderSpecification: AutoTagSpecificationDefinition = {
  implementation: "RootFolderSpecification",
  implementationName: "Root Folder",
  fields: [{ name: "value", label: "Root Folder", type: "rootFolder", defaultValue: "" }],
  validate(fields) {
    const value = fields.value;
    const problem = typeof value === "string" ? normalizeAbsolutePath(value).problem : "is required";
    return problem ? [{ field: "value", message: `root folder ${problem}` }] : [];
  },
  test: (subject, fields) =>
    subject.rootFolderPath !== "" && comparablePath(subject.rootFolderPath) === comparablePath(String(fields.value)),
};

const monitoredSpecification: AutoTagSpecificationDefinition = {
  implementation: "MonitoredSpecification",
  implementationName: "Monitored",
  fields: [],
  validate: () => [],
  test: (subject) => subject.monitored,
};

/** Every auto tagging condition, in Radarr's schema order (its `Order`, then its name). */
export const AUTO_TAG_SPECIFICATIONS: readonly AutoTagSpecificationDefinition[] = [
  monitoredSpecification,
  idSpecification(
    "OriginalLanguageSpecification",
    "Original Language",
    {
      name: "value",
      label: "Original Language",
      type: "select",
      selectOptions: LANGUAGE_OPTIONS,
      defaultValue: Languages.English.id,
    },
    0,
    (s) => s.originalLanguageId,
  ),
  idSpecification(
    "QualityProfileSpecification",
    "Quality Profile",
    { name: "value", label: "Quality Profile", type: "qualityProfile", defaultValue: 0 },
    1,
    (s) => s.qualityProfileId,
  ),
  rootFolderSpecification,
  rangeSpecification(
    "RuntimeSpecification",
    "Runtime",
    ["Minimum Runtime", "Maximum Runtime"],
    "minutes",
    0,
    (s) => s.runtime,
  ),
  idSpecification(
    "StatusSpecification",
    "Status",
    { name: "status", label: "Status", type: "select", selectOptions: STATUS_OPTIONS, defaultValue: 0 },
    -1,
    (s) => MOVIE_STATUS_VALUES[s.status],
  ),
  wordsSpecification("StudioSpecification", "Studio", "Studio(s)", (s) => (s.studio ? [s.studio] : [])),
  idSpecification(
    "TagSpecification",
    "Tag",
    { name: "value", label: "Tag", type: "movieTag", defaultValue: 0 },
    1,
    (s) => s.tags,
  ),
  rangeSpecification("YearSpecification", "Year", ["Minimum Year", "Maximum Year"], undefined, 1, (s) => s.year),
  wordsSpecification("GenreSpecification", "Genre", "Genre(s)", (s) => s.genres),
  wordsSpecification("KeywordSpecification", "Keyword", "Keyword(s)", (s) => s.keywords),
];

const BY_IMPLEMENTATION = new Map(AUTO_TAG_SPECIFICATIONS.map((d) => [d.implementation, d]));

export function autoTagSpecification(implementation: string): AutoTagSpecificationDefinition | undefined {
  return BY_IMPLEMENTATION.get(implementation);
}
