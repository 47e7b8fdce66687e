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
import { listItemsFromTraktMovies, nextTraktPage, readTraktListSummary, readTraktMovies } from "./responses";

/**
 * A list name as Trakt's slug (Radarr's Parser.ToUrlSlug): lowercase, accents dropped, spaces as
 * dashes, anything but letters, digits, dashes and underscores removed. A Trakt list id (a
 * number) is kept as it is, as Trakt takes either.
 */
export function traktListSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/\s/g, "-")
    .replace(/[^a-z0-9\-_]/g, "")
    .replace(/([-_]){2,}/g, "$1")
    .replace(/^[-_]+|[-_]+$/g, "");
}

/** TraktListSettings: whose list, and which one (its name, slug or Trakt id). */
const traktListSettingsSchema = z.object({
  username: z
    .string({ error: "Enter the Trakt username that owns the list" })
    .trim()
    .min(1, "Enter the Trakt username that owns the list"),
  listname: z
    .string({ error: "Enter the list's name" })
    .transform(traktListSlug)
    .pipe(z.string().min(1, "Enter the list's name (as on Trakt) or its slug from the list's address")),
});
export type TraktListSettings = z.infer<typeof traktListSettingsSchema>;

function listPath(settings: TraktListSettings, env: ListSourceEnvironment): string {
  const user = traktUserPath(settings.username);
  if (user === TRAKT_SIGNED_IN_USER) requireTraktAccount(env, "your own lists");
  return `/users/${user}/lists/${settings.listname}`;
}

function listPageRequest(settings: TraktListSettings, env: ListSourceEnvironment, page: number): ListRequest {
  return traktRequest(env, `${listPath(settings, env)}/items/movies`, {
    page,
    limit: TRAKT_MAX_PAGE_SIZE,
  });
}

/**
 * Trakt lists (Radarr's TraktListImport): a user's list, every page at 250 movies a page. Public
 * lists need only the app's client id; private ones need the owner's connected account. The
 * list's summary (GET /users/{id}/lists/{list_id}: its ids, updated_at and item_count) is read
 * first, so an unchanged list costs one call and a changed one reserves its pages up front.
 */
export const traktListSource: ImportListSource<TraktListSettings> = {
  implementation: "TraktListImport",
  implementationName: "Trakt List",
  configContract: "TraktListSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TRAKT_REQUESTS_PER_SECOND,
  burst: TRAKT_BURST,
  refusalKind: traktRefusalKind,
  settings: traktListSettingsSchema,
  fields: [
    {
      name: "username",
      label: "Username",
      type: "textbox",
      privacy: "userName",
      helpText: "Trakt username of the list's owner ('me' for your connected account)",
    },
    {
      name: "listname",
      label: "List Name",
      type: "textbox",
      helpText: "The list's name or slug (trakt.tv/users/<user>/lists/<slug>); the list must be public or yours",
    },
  ],

  summary: {
    request: (settings, env) => traktRequest(env, listPath(settings, env)),
    parse: (response) => readTraktListSummary(response),
    pageRequest: listPageRequest,
  },

  firstRequest: (settings, env) => listPageRequest(settings, env, 1),

  parse: (response, settings, env) => ({
    items: listItemsFromTraktMovies(readTraktMovies(response)),
    next: nextTraktPage(response, (page) => listPageRequest(settings, env, page)),
  }),
};
