/** IMDb's list sources: list/watchlist/chart pages and CSV exports. */
export { type ImdbCsvResult, parseImdbCsv } from "./csv";
export { type ImdbCsvSettings, imdbCsvSource } from "./csvSource";
export { imdbListSource } from "./listSource";
export { type ImdbListSettings, normalizeImdbListId } from "./settings";
