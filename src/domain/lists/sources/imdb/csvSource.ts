import { z } from "zod";
import { httpUrlSetting } from "../../../validation/addresses";
import type { ImportListSource } from "../../source";
import { parseImdbCsv } from "./csv";

/**
 * IMDb CSV exports (IMDbCsvImport): a list exported from IMDb ("Export" on a list or watchlist
 * page) and published at a URL the app can fetch. One request; the whole list is in it. The same
 * parser reads CSVs uploaded through the API (`parseImdbCsv`).
 */

const imdbCsvSettingsSchema = z.object({
  // Published exports (a Drive or Dropbox link) often carry their id in a query.
  csvUrl: httpUrlSetting({ allowQuery: true }),
});
export type ImdbCsvSettings = z.infer<typeof imdbCsvSettingsSchema>;

export const imdbCsvSource: ImportListSource<ImdbCsvSettings> = {
  implementation: "IMDbCsvImport",
  implementationName: "IMDb CSV Export",
  configContract: "IMDbCsvSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: 2,
  settings: imdbCsvSettingsSchema,
  fields: [
    {
      name: "csvUrl",
      label: "CSV URL",
      type: "textbox",
      helpText: "Address of an IMDb list export (.csv), e.g. https://www.imdb.com/list/ls12345678/export",
    },
  ],

  firstRequest: (settings) => ({
    service: "imdb",
    url: settings.csvUrl,
    headers: { Accept: "text/csv, text/plain;q=0.9, */*;q=0.5" },
  }),

  parse: (response) => ({ items: parseImdbCsv(response.text).items }),
};
