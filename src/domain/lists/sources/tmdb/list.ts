import { z } from "zod";
import type { ImportListSource, ListRequest, ListSourceEnvironment } from "../../source";
import { nextPageRequest, TMDB_REQUESTS_PER_SECOND, tmdbRequest } from "./request";
import { listItemFromTmdbMovie, readTmdbResponse, readV4ListMovie, tmdbV4ListPageSchema } from "./responses";
import { tmdbIdSetting } from "./settings";

/** TMDbListSettings: which public TMDb list to follow. */
const tmdbListSettingsSchema = z.object({ listId: tmdbIdSetting("list") });
export type TMDbListSettings = z.infer<typeof tmdbListSettingsSchema>;

function listPageRequest(settings: TMDbListSettings, env: ListSourceEnvironment, page: number): ListRequest {
  return tmdbRequest(env, `/4/list/${settings.listId}`, { page });
}

/**
 * TMDb lists (Radarr's TMDbListImport): a public list through TMDb's v4 list API, 20 entries a
 * page, every page up to `total_pages`. Lists mix movies and TV shows; only movies are kept.
 */
export const tmdbListSource: ImportListSource<TMDbListSettings> = {
  implementation: "TMDbListImport",
  implementationName: "TMDb List",
  configContract: "TMDbListSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TMDB_REQUESTS_PER_SECOND,
  settings: tmdbListSettingsSchema,
  fields: [
    {
      name: "listId",
      label: "List Id",
      type: "textbox",
      helpText: "TMDb id of the list to follow (the number in themoviedb.org/list/<id>); the list must be public",
    },
  ],

  // TMDb answers 401 for a list its owner has not made public.
  refusalKind: (status) => (status === 401 ? "private" : "authenticationFailed"),

  firstRequest: (settings, env) => listPageRequest(settings, env, 1),

  parse(response, settings, env) {
    const page = readTmdbResponse(response, tmdbV4ListPageSchema, "list page");
    const items = page.results.flatMap((entry) => {
      if (entry.media_type !== "movie") return [];
      const item = listItemFromTmdbMovie(readV4ListMovie(entry));
      return item ? [item] : [];
    });
    return {
      items,
      next: nextPageRequest(page.page, page.total_pages, (next) => listPageRequest(settings, env, next)),
    };
  },
};
