import { z } from "zod";
import type { ImportListSource, ListRequest, ListSourceEnvironment } from "../../source";
import {
  requireTraktAccount,
  TRAKT_BURST,
  TRAKT_MAX_PAGE_SIZE,
  TRAKT_REQUESTS_PER_SECOND,
  TRAKT_SIGNED_IN_USER,
  traktRefusalKind,
  traktRequest,
  traktUserPath,
} from "./request";
import { listItemsFromTraktMovies, nextTraktPage, readTraktMovies } from "./responses";

/** Radarr's TraktUserListType, with the user's list each one reads. */
const TRAKT_USER_LIST_TYPES = {
  0: { name: "User Watch List", path: "watchlist", what: "your watchlist" },
  1: { name: "User Watched List", path: "watched", what: "your watched movies" },
  2: { name: "User Collection List", path: "collection", what: "your collection" },
} as const;
type TraktUserListType = keyof typeof TRAKT_USER_LIST_TYPES;

/** Radarr's TraktUserWatchSorting, as Trakt's watchlist sort names. */
const TRAKT_WATCHLIST_SORTS = {
  0: { name: "Rank", sort: "rank" },
  1: { name: "Added", sort: "added" },
  2: { name: "Title", sort: "title" },
  3: { name: "Released", sort: "released" },
} as const;
type TraktWatchlistSort = keyof typeof TRAKT_WATCHLIST_SORTS;

const choice = <T extends object>(choices: T, message: string) =>
  z.coerce
    .number()
    .int()
    .refine((value): value is keyof T & number => Object.hasOwn(choices, value), message);

/** TraktUserSettings: which of a user's lists; no username means the connected account. */
const traktUserSettingsSchema = z.object({
  traktListType: choice(
    TRAKT_USER_LIST_TYPES,
    "List type must be 0 (watchlist), 1 (watched) or 2 (collection)",
  ).default(0),
  traktWatchSorting: choice(
    TRAKT_WATCHLIST_SORTS,
    "Sorting must be 0 (rank), 1 (added), 2 (title) or 3 (released)",
  ).default(0),
  username: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
});
export type TraktUserSettings = z.infer<typeof traktUserSettingsSchema>;

function userListRequest(settings: TraktUserSettings, env: ListSourceEnvironment, page: number): ListRequest {
  const type = TRAKT_USER_LIST_TYPES[settings.traktListType as TraktUserListType];
  const user = traktUserPath(settings.username);
  if (user === TRAKT_SIGNED_IN_USER) requireTraktAccount(env, type.what);
  const sort =
    type.path === "watchlist" ? `/${TRAKT_WATCHLIST_SORTS[settings.traktWatchSorting as TraktWatchlistSort].sort}` : "";
  return traktRequest(env, `/users/${user}/${type.path}/movies${sort}`, { page, limit: TRAKT_MAX_PAGE_SIZE });
}

const selectOptions = (choices: Record<number, { name: string }>) =>
  Object.entries(choices).map(([value, choice]) => ({ value: Number(value), name: choice.name }));

/**
 * A Trakt user's watchlist, watched movies or collection (Radarr's TraktUserImport), every page
 * at 250 a page. Without a username it reads the connected account's ("me"), which needs Trakt
 * connected; another user's lists are readable when their profile is public.
 */
export const traktUserSource: ImportListSource<TraktUserSettings> = {
  implementation: "TraktUserImport",
  implementationName: "Trakt User",
  configContract: "TraktUserSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TRAKT_REQUESTS_PER_SECOND,
  burst: TRAKT_BURST,
  refusalKind: traktRefusalKind,
  settings: traktUserSettingsSchema,
  fields: [
    {
      name: "traktListType",
      label: "List Type",
      type: "select",
      helpText: "Which of the user's lists to import",
      selectOptions: selectOptions(TRAKT_USER_LIST_TYPES),
      value: 0,
    },
    {
      name: "traktWatchSorting",
      label: "Watchlist Sorting",
      type: "select",
      helpText: "The order Trakt returns the watchlist in",
      selectOptions: selectOptions(TRAKT_WATCHLIST_SORTS),
      value: 0,
      advanced: true,
    },
    {
      name: "username",
      label: "Username",
      type: "textbox",
      privacy: "userName",
      helpText: "Trakt user whose list to import; leave empty for your connected account",
    },
  ],

  firstRequest: (settings, env) => userListRequest(settings, env, 1),

  parse: (response, settings, env) => ({
    items: listItemsFromTraktMovies(readTraktMovies(response)),
    next: nextTraktPage(response, (page) => userListRequest(settings, env, page)),
  }),
};
