import { IMDB_TITLE_TYPES, type ImdbListEntry } from "./lists-imdb";

/**
 * IMDb's CSV export of a list ("Export" on a list page): its column set, one row per title,
 * fields quoted when they hold a comma, a quote or a line break (quotes doubled).
 */

const IMDB_EXPORT_COLUMNS = [
  "Position",
  "Const",
  "Created",
  "Modified",
  "Description",
  "Title",
  "Original Title",
  "URL",
  "Title Type",
  "IMDb Rating",
  "Runtime (mins)",
  "Year",
  "Genres",
  "Num Votes",
  "Release Date",
  "Directors",
] as const;

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function exportRow(entry: ImdbListEntry): string {
  const { title } = entry;
  return [
    entry.position,
    title.imdbId,
    entry.added,
    entry.added,
    entry.description,
    title.title,
    title.originalTitle,
    `https://www.imdb.com/title/${title.imdbId}/`,
    IMDB_TITLE_TYPES[title.titleType],
    title.rating,
    title.runtimeMinutes,
    title.year,
    title.genres.join(", "),
    title.votes,
    title.releaseDate,
    title.directors.join(", "),
  ]
    .map(csvField)
    .join(",");
}

const exportCache = new Map<string, string>();

/** The whole export, built once per list (the 10,000-row one is about 2 MB). */
export function imdbExportCsv(key: string, entries: readonly ImdbListEntry[]): string {
  let text = exportCache.get(key);
  if (text === undefined) {
    text = `${[IMDB_EXPORT_COLUMNS.join(","), ...entries.map(exportRow)].join("\n")}\n`;
    exportCache.set(key, text);
  }
  return text;
}

/** The export cut off just inside its last quoted field, as an interrupted download leaves it. */
export function truncatedExportCsv(full: string): string {
  return full.slice(0, full.lastIndexOf(',"') + 5);
}
