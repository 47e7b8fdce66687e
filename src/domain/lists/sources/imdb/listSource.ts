import { Failure } from "../../../failures/failure";
import type { ImportListSource } from "../../source";
import { readImdbPage } from "./page";
import { type ImdbListSettings, imdbListSettingsSchema, imdbPageNumber, imdbPageRequest } from "./settings";

/**
 * IMDb lists (Radarr's IMDbListImport): a public list, a public watchlist or a chart, read from
 * IMDb's own pages 250 titles at a time (`?page=N`) and at most two pages a second. Items carry
 * the IMDb id, title and year; the sync resolves TMDb ids through TMDb's /find.
 */
export const imdbListSource: ImportListSource<ImdbListSettings> = {
  implementation: "IMDbListImport",
  implementationName: "IMDb Lists",
  configContract: "IMDbListSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: 2,
  settings: imdbListSettingsSchema,
  fields: [
    {
      name: "listId",
      label: "List/User ID",
      type: "textbox",
      helpText:
        "IMDb list id (e.g. ls12345678), IMDb user id (e.g. ur12345678) for a public watchlist, 'top250' or 'moviemeter' (Most Popular)",
    },
  ],

  firstRequest: (settings, env) => imdbPageRequest(settings.listId, env.imdbUrl),

  responseFormat: "imdbPage",

  parse(response, settings, env) {
    // The fetcher scans every response of a source with responseFormat "imdbPage".
    if (!response.imdbPage) throw new Failure("parseError", "The IMDb page reached the parser unscanned");
    const content = readImdbPage(response.imdbPage, settings.listId);
    const next =
      content.hasNextPage && content.titlesOnPage > 0
        ? imdbPageRequest(settings.listId, env.imdbUrl, imdbPageNumber(response.url) + 1)
        : undefined;
    return { items: content.items, next };
  },
};
