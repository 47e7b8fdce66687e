/** IMDb's list sources: list/watchlist/chart pages and CSV exports. */
export { parseImdbCsv } from "./csv";
export { imdbCsvSource } from "./csvSource";
export { imdbListSource } from "./listSource";
