import { z } from "zod";
import type { TmdbMovieSummary } from "./movieSummary";

/**
 * Settings pieces the TMDb sources share: TMDb ids (typed or pasted as a themoviedb.org address),
 * Radarr's nested `filterCriteria.*` field names, and the vote/genre/language filters.
 */

/** The id in what a user typed: "603", or an address like themoviedb.org/list/8100001-my-list. */
function normalizeTmdbId(input: string): string {
  const value = input.trim();
  const fromAddress = /themoviedb\.org\/(?:\w+\/)*?(?:list|collection|person|keyword|company)\/(\d+)/i.exec(value);
  return fromAddress ? fromAddress[1] : value;
}

/** A TMDb id setting; Radarr stores these as strings, so numbers and strings are both accepted. */
export function tmdbIdSetting(what: string) {
  return z
    .union([z.string(), z.number()], { error: `Enter the TMDb ${what} id` })
    .transform((value) => normalizeTmdbId(String(value)))
    .pipe(z.string().regex(/^[1-9]\d*$/, `The TMDb ${what} id is a positive number, e.g. the 603 in /${what}/603`));
}

/**
 * Radarr names nested settings with dots in its provider schema (`filterCriteria.minVotes`), and
 * the app stores settings under their field names; a nested object (`filterCriteria: {minVotes}`)
 * is flattened to those names, so either shape is read and what is stored reads back the same.
 */
export function flattenNestedSettings(input: unknown): unknown {
  if (!isRecord(input)) return input;
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!isRecord(value)) {
      flat[key] = value;
      continue;
    }
    for (const [inner, innerValue] of Object.entries(value)) flat[`${key}.${inner}`] ??= innerValue;
  }
  return flat;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An optional number typed as text or number; empty means "not set". */
function optionalNumberSetting(min: number, max: number, message: string) {
  return z.preprocess(
    (value) => (value === "" || value === null ? undefined : typeof value === "string" ? Number(value.trim()) : value),
    z.number({ error: message }).min(min, message).max(max, message).optional(),
  );
}

/** Genre ids as Radarr writes them: "28,12" (every one) or "28|12" (any one). */
const genreIdsSetting = z.preprocess(
  (value) => (value === null || value === undefined ? "" : Array.isArray(value) ? value.join(",") : String(value)),
  z
    .string()
    .trim()
    .regex(/^$|^\d+([,|]\d+)*$/, "Genre ids are TMDb genre numbers separated by commas (all of) or pipes (any of)"),
);

/** TMDbLanguageCodes, in Radarr's order: the setting stores the index, as Radarr's select does. */
const TMDB_LANGUAGE_CODES = [
  ["da", "Danish"],
  ["nl", "Dutch"],
  ["en", "English"],
  ["fi", "Finnish"],
  ["fr", "French"],
  ["de", "German"],
  ["el", "Greek"],
  ["hu", "Hungarian"],
  ["it", "Italian"],
  ["ja", "Japanese"],
  ["ko", "Korean"],
  ["no", "Norwegian"],
  ["pl", "Polish"],
  ["pt", "Portuguese"],
  ["ru", "Russian"],
  ["es", "Spanish"],
  ["sv", "Swedish"],
  ["tr", "Turkish"],
  ["vi", "Vietnamese"],
  ["zh", "Chinese"],
  ["ta", "Tamil"],
  ["te", "Telugu"],
  ["hi", "Hindi"],
  ["bn", "Bengali"],
  ["ro", "Romanian"],
  ["mk", "Macedonian"],
  ["sl", "Slovenian"],
] as const;

export const TMDB_LANGUAGE_OPTIONS = TMDB_LANGUAGE_CODES.map(([code, name], index) => ({
  value: index,
  name: `${name} (${code})`,
}));

/**
 * An original-language setting, stored as Radarr's index into TMDB_LANGUAGE_CODES (what its select
 * sends); the ISO 639-1 code itself is accepted too.
 */
const languageSetting = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z
    .union([z.number().int(), z.string().trim()])
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const index =
        typeof value === "number" || /^\d+$/.test(value)
          ? Number(value)
          : TMDB_LANGUAGE_CODES.findIndex(([code]) => code === value.toLowerCase());
      if (!TMDB_LANGUAGE_CODES[index]) {
        ctx.addIssue({ code: "custom", message: "Choose one of the listed original languages" });
        return z.NEVER;
      }
      return index;
    }),
);

/** The filters TMDbFilterSettings holds (TMDbPersonSettings has the vote ones too). */
export const tmdbMovieFilterSettings = {
  minVoteAverage: optionalNumberSetting(0, 10, "Minimum vote average is a number from 0 to 10"),
  minVotes: optionalNumberSetting(0, Number.MAX_SAFE_INTEGER, "Minimum votes is a whole number of votes"),
  includeGenreIds: genreIdsSetting.optional(),
  excludeGenreIds: genreIdsSetting.optional(),
  languageCode: languageSetting,
};

export interface TmdbMovieFilter {
  minVoteAverage?: number;
  minVotes?: number;
  includeGenreIds?: string;
  excludeGenreIds?: string;
  /** Index into TMDB_LANGUAGE_CODES. */
  languageCode?: number;
}

function genreGroups(ids: string | undefined): number[][] {
  return ids ? ids.split(",").map((group) => group.split("|").map(Number)) : [];
}

/** Whether a movie passes the filters; unset filters pass everything. */
export function passesTmdbFilter(movie: TmdbMovieSummary, filter: TmdbMovieFilter): boolean {
  const genres = movie.genre_ids ?? [];
  return (
    (filter.minVoteAverage === undefined || (movie.vote_average ?? 0) >= filter.minVoteAverage) &&
    (filter.minVotes === undefined || (movie.vote_count ?? 0) >= filter.minVotes) &&
    genreGroups(filter.includeGenreIds).every((anyOf) => anyOf.some((id) => genres.includes(id))) &&
    !genreGroups(filter.excludeGenreIds)
      .flat()
      .some((id) => genres.includes(id)) &&
    (filter.languageCode === undefined || movie.original_language === TMDB_LANGUAGE_CODES[filter.languageCode]?.[0])
  );
}
