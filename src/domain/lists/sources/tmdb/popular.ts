import { z } from "zod";
import type { ImportListSource, ListRequest, ListSourceEnvironment } from "../../source";
import { nextPageRequest, TMDB_REQUESTS_PER_SECOND, tmdbRequest } from "./request";
import { listItemsFromTmdbMovies, readTmdbResponse, tmdbMoviePageSchema } from "./responses";
import {
  flattenNestedSettings,
  passesTmdbFilter,
  TMDB_LANGUAGE_OPTIONS,
  type TmdbMovieFilter,
  tmdbMovieFilterSettings,
} from "./settings";

/** Radarr's TMDbPopularListType, with the TMDb movie list each one reads. */
const TMDB_POPULAR_LIST_TYPES = {
  1: { name: "In Theaters", path: "/3/movie/now_playing" },
  2: { name: "Popular", path: "/3/movie/popular" },
  3: { name: "Top Rated", path: "/3/movie/top_rated" },
  4: { name: "Upcoming", path: "/3/movie/upcoming" },
} as const;
type TmdbPopularListType = keyof typeof TMDB_POPULAR_LIST_TYPES;

function isPopularListType(value: number): value is TmdbPopularListType {
  return Object.hasOwn(TMDB_POPULAR_LIST_TYPES, value);
}

/**
 * Pages read from a ranking. The head of a ranking is what "popular" means (Radarr reads the
 * first pages too); these movie lists take no vote or genre filters, so the filters apply to
 * what comes back, and ten pages leave enough after filtering.
 */
const TMDB_POPULAR_MAX_PAGES = 10;

/**
 * TMDbPopularSettings: which ranking, and TMDbFilterSettings under Radarr's `filterCriteria.*`
 * field names (a nested `filterCriteria` object is read too).
 */
const tmdbPopularSettingsSchema = z.preprocess(
  flattenNestedSettings,
  z.object({
    tmdbListType: z.coerce
      .number()
      .int()
      .refine(isPopularListType, "List type must be 1 (In Theaters), 2 (Popular), 3 (Top Rated) or 4 (Upcoming)")
      .default(2),
    "filterCriteria.minVoteAverage": tmdbMovieFilterSettings.minVoteAverage,
    "filterCriteria.minVotes": tmdbMovieFilterSettings.minVotes,
    "filterCriteria.includeGenreIds": tmdbMovieFilterSettings.includeGenreIds,
    "filterCriteria.excludeGenreIds": tmdbMovieFilterSettings.excludeGenreIds,
    "filterCriteria.languageCode": tmdbMovieFilterSettings.languageCode,
  }),
);
export type TMDbPopularSettings = z.infer<typeof tmdbPopularSettingsSchema>;

function filterCriteria(settings: TMDbPopularSettings): TmdbMovieFilter {
  return {
    minVoteAverage: settings["filterCriteria.minVoteAverage"],
    minVotes: settings["filterCriteria.minVotes"],
    includeGenreIds: settings["filterCriteria.includeGenreIds"],
    excludeGenreIds: settings["filterCriteria.excludeGenreIds"],
    languageCode: settings["filterCriteria.languageCode"],
  };
}

function rankingPageRequest(settings: TMDbPopularSettings, env: ListSourceEnvironment, page: number): ListRequest {
  return tmdbRequest(env, TMDB_POPULAR_LIST_TYPES[settings.tmdbListType as TmdbPopularListType].path, { page });
}

/**
 * TMDb's movie rankings (Radarr's TMDbPopularImport): in theaters, popular, top rated or upcoming,
 * the first pages, filtered by votes, genres and original language.
 */
export const tmdbPopularSource: ImportListSource<TMDbPopularSettings> = {
  implementation: "TMDbPopularImport",
  implementationName: "TMDb Popular",
  configContract: "TMDbPopularSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TMDB_REQUESTS_PER_SECOND,
  settings: tmdbPopularSettingsSchema,
  fields: [
    {
      name: "tmdbListType",
      label: "List Type",
      type: "select",
      helpText: "Which TMDb ranking to import from",
      selectOptions: Object.entries(TMDB_POPULAR_LIST_TYPES).map(([value, type]) => ({
        value: Number(value),
        name: type.name,
      })),
      value: 2,
    },
    {
      name: "filterCriteria.minVoteAverage",
      label: "Minimum Vote Average",
      type: "number",
      helpText: "Only movies rated at least this on TMDb (0.0–10.0)",
      value: 5,
    },
    {
      name: "filterCriteria.minVotes",
      label: "Minimum Number of Votes",
      type: "number",
      helpText: "Only movies with at least this many TMDb votes",
      value: 1,
    },
    {
      name: "filterCriteria.includeGenreIds",
      label: "Include Genre Ids",
      type: "textbox",
      helpText: "Only movies with these TMDb genre ids: comma separated for all of them, | separated for any",
    },
    {
      name: "filterCriteria.excludeGenreIds",
      label: "Exclude Genre Ids",
      type: "textbox",
      helpText: "Leave out movies with any of these TMDb genre ids (comma separated)",
    },
    {
      name: "filterCriteria.languageCode",
      label: "Original Language",
      type: "select",
      helpText: "Only movies originally in this language",
      selectOptions: TMDB_LANGUAGE_OPTIONS,
      value: 2,
    },
  ],

  firstRequest: (settings, env) => rankingPageRequest(settings, env, 1),

  parse(response, settings, env) {
    const page = readTmdbResponse(response, tmdbMoviePageSchema, "movie list page");
    const filter = filterCriteria(settings);
    const movies = page.results.filter((movie) => passesTmdbFilter(movie, filter));
    return {
      items: listItemsFromTmdbMovies(movies),
      next: nextPageRequest(
        page.page,
        page.total_pages,
        (next) => rankingPageRequest(settings, env, next),
        TMDB_POPULAR_MAX_PAGES,
      ),
    };
  },
};
