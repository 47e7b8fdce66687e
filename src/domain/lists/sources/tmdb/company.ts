import { z } from "zod";
import type { ImportListSource } from "../../source";
import { discoverPageRequest, parseDiscoverPage } from "./discover";
import { TMDB_REQUESTS_PER_SECOND } from "./request";
import { tmdbIdSetting } from "./settings";

/** TMDbCompanySettings: which production company's movies to follow. */
const tmdbCompanySettingsSchema = z.object({ companyId: tmdbIdSetting("company") });
export type TMDbCompanySettings = z.infer<typeof tmdbCompanySettingsSchema>;

/** TMDb companies (Radarr's TMDbCompanyImport): every movie a company produced, through discover. */
export const tmdbCompanySource: ImportListSource<TMDbCompanySettings> = {
  implementation: "TMDbCompanyImport",
  implementationName: "TMDb Company",
  configContract: "TMDbCompanySettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TMDB_REQUESTS_PER_SECOND,
  settings: tmdbCompanySettingsSchema,
  fields: [
    {
      name: "companyId",
      label: "Company Id",
      type: "textbox",
      helpText: "TMDb id of the company to follow (the number in themoviedb.org/company/<id>)",
    },
  ],

  firstRequest: (settings, env) => discoverPageRequest(env, { with_companies: settings.companyId }, 1),

  parse: (response, settings, env) =>
    parseDiscoverPage(response, (page) => discoverPageRequest(env, { with_companies: settings.companyId }, page)),
};
