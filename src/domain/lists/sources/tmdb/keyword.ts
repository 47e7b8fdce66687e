import { z } from "zod";
import type { ImportListSource } from "../../source";
import { discoverPageRequest, parseDiscoverPage } from "./discover";
import { TMDB_REQUESTS_PER_SECOND } from "./request";
import { tmdbIdSetting } from "./settings";

/** TMDbKeywordSettings: which keyword's movies to follow. */
const tmdbKeywordSettingsSchema = z.object({ keywordId: tmdbIdSetting("keyword") });
export type TMDbKeywordSettings = z.infer<typeof tmdbKeywordSettingsSchema>;

/** TMDb keywords (Radarr's TMDbKeywordImport): every movie tagged with a keyword, through discover. */
export const tmdbKeywordSource: ImportListSource<TMDbKeywordSettings> = {
  implementation: "TMDbKeywordImport",
  implementationName: "TMDb Keyword",
  configContract: "TMDbKeywordSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TMDB_REQUESTS_PER_SECOND,
  settings: tmdbKeywordSettingsSchema,
  fields: [
    {
      name: "keywordId",
      label: "Keyword Id",
      type: "textbox",
      helpText: "TMDb id of the keyword to follow (the number in themoviedb.org/keyword/<id>)",
    },
  ],

  firstRequest: (settings, env) => discoverPageRequest(env, { with_keywords: settings.keywordId }, 1),

  parse: (response, settings, env) =>
    parseDiscoverPage(response, (page) => discoverPageRequest(env, { with_keywords: settings.keywordId }, page)),
};
