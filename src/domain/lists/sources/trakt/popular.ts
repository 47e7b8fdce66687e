import { z } from "zod";
import type { ImportListSource, ListRequest, ListSourceEnvironment } from "../../source";
import { TRAKT_BURST, TRAKT_MAX_PAGE_SIZE, TRAKT_REQUESTS_PER_SECOND, traktRefusalKind, traktRequest } from "./request";
import { listItemsFromTraktMovies, readTraktMovies, readTraktPagination } from "./responses";

/** Radarr's TraktPopularListType, with the Trakt chart each one reads. */
const TRAKT_POPULAR_LIST_TYPES = {
  0: { name: "Trending Movies", path: "/movies/trending" },
  1: { name: "Popular Movies", path: "/movies/popular" },
  2: { name: "Top Anticipated Movies", path: "/movies/anticipated" },
  3: { name: "Top Box Office Movies", path: "/movies/boxoffice" },
  4: { name: "Top Watched Movies By Week", path: "/movies/watched/weekly" },
  5: { name: "Top Watched Movies By Month", path: "/movies/watched/monthly" },
  6: { name: "Top Watched Movies By Year", path: "/movies/watched/yearly" },
  7: { name: "Top Watched Movies Of All Time", path: "/movies/watched/all" },
} as const;
type TraktPopularListType = keyof typeof TRAKT_POPULAR_LIST_TYPES;

const CERTIFICATIONS = ["nr", "g", "pg", "pg-13", "r", "nc-17"];

/** A comma-separated filter setting, lowercased and tidied; empty means no filter. */
const csvSetting = (valid: (value: string) => boolean, message: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((part) => part.trim().toLowerCase())
        .filter(Boolean)
        .join(","),
    )
    .refine((value) => value === "" || value.split(",").every(valid), message);

/** TraktPopularSettings: which chart, how many movies, and Trakt's chart filters. */
const traktPopularSettingsSchema = z.object({
  traktListType: z.coerce
    .number()
    .int()
    .refine((value) => Object.hasOwn(TRAKT_POPULAR_LIST_TYPES, value), "List type must be one of Trakt's charts (0–7)")
    .default(1),
  limit: z.coerce.number().int("Limit is a whole number").min(1, "Limit must be at least 1").default(100),
  rating: z
    .string()
    .trim()
    .regex(/^$|^\d{1,3}-\d{1,3}$/, "Rating is a range of Trakt ratings from 0 to 100, e.g. 60-100")
    .optional(),
  certification: csvSetting(
    (value) => CERTIFICATIONS.includes(value),
    "Certifications are US ratings separated by commas: NR, G, PG, PG-13, R, NC-17",
  ),
  genres: csvSetting(
    (value) => /^[a-z-]+$/.test(value),
    "Genres are Trakt genre slugs separated by commas, e.g. action,science-fiction",
  ),
  years: z
    .string()
    .trim()
    .regex(/^$|^\d{4}(-\d{4})?$/, "Years is a year or a range of years, e.g. 2020 or 2010-2019")
    .optional(),
});
export type TraktPopularSettings = z.infer<typeof traktPopularSettingsSchema>;

/** Items per request: the whole limit when Trakt allows it, else its largest page. */
const pageSize = (settings: TraktPopularSettings) => Math.min(settings.limit, TRAKT_MAX_PAGE_SIZE);

function chartPageRequest(settings: TraktPopularSettings, env: ListSourceEnvironment, page: number): ListRequest {
  return traktRequest(env, TRAKT_POPULAR_LIST_TYPES[settings.traktListType as TraktPopularListType].path, {
    years: settings.years,
    genres: settings.genres,
    ratings: settings.rating,
    certifications: settings.certification,
    page,
    limit: pageSize(settings),
  });
}

/**
 * Trakt's movie charts (Radarr's TraktPopularImport): trending, popular, anticipated, box office
 * or most watched, filtered by Trakt itself (years, genres, ratings, certifications), up to
 * `limit` movies. The box office chart is always Trakt's top 10 and is not paged.
 */
export const traktPopularSource: ImportListSource<TraktPopularSettings> = {
  implementation: "TraktPopularImport",
  implementationName: "Trakt Popular List",
  configContract: "TraktPopularSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TRAKT_REQUESTS_PER_SECOND,
  burst: TRAKT_BURST,
  refusalKind: traktRefusalKind,
  settings: traktPopularSettingsSchema,
  fields: [
    {
      name: "traktListType",
      label: "List Type",
      type: "select",
      helpText: "Which Trakt chart to import",
      selectOptions: Object.entries(TRAKT_POPULAR_LIST_TYPES).map(([value, type]) => ({
        value: Number(value),
        name: type.name,
      })),
      value: 1,
    },
    {
      name: "rating",
      label: "Rating",
      type: "textbox",
      helpText: "Only movies with a Trakt rating in this range (0–100), e.g. 60-100",
      value: "0-100",
    },
    {
      name: "certification",
      label: "Certification",
      type: "textbox",
      helpText: "Only movies with these US certifications (NR, G, PG, PG-13, R, NC-17), comma separated",
    },
    {
      name: "genres",
      label: "Genres",
      type: "textbox",
      helpText: "Only movies in any of these Trakt genres (slugs, comma separated), e.g. action,science-fiction",
    },
    {
      name: "years",
      label: "Years",
      type: "textbox",
      helpText: "Only movies from this year or range of years, e.g. 2020 or 2010-2019",
    },
    {
      name: "limit",
      label: "Limit",
      type: "number",
      helpText: "How many movies to import from the chart",
      value: 100,
    },
  ],

  firstRequest: (settings, env) => chartPageRequest(settings, env, 1),

  parse(response, settings, env) {
    const paging = readTraktPagination(response.headers);
    const page = paging?.page ?? 1;
    const alreadyRead = (page - 1) * pageSize(settings);
    const items = listItemsFromTraktMovies(readTraktMovies(response).slice(0, settings.limit - alreadyRead));
    const more = paging !== undefined && page < paging.pageCount && alreadyRead + pageSize(settings) < settings.limit;
    return { items, next: more ? chartPageRequest(settings, env, page + 1) : undefined };
  },
};
