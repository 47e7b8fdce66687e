import { Failure } from "../../../failures/failure";
import type { ListItem } from "../../source";
import { isMovieTitleType } from "./titleTypes";

/**
 * IMDb's CSV list exports ("Export" on a list or watchlist), read by column name:
 *   Position, Const, Created, Modified, Description, Title, Original Title, URL, Title Type,
 *   IMDb Rating, Runtime (mins), Year, Genres, Num Votes, Release Date, Directors[, Your Rating, Date Rated]
 * RFC 4180 quoting (fields with commas, doubled quotes and line breaks inside quotes), an optional
 * byte order mark, and LF, CRLF or CR line ends. A file that ends inside a quoted field or in the
 * middle of a row was cut off, and is reported as such rather than imported in part.
 */

export interface CsvRow {
  fields: string[];
  /** The line the row starts on (1-based), for error messages. */
  line: number;
}

function csvError(message: string): Failure {
  return new Failure("parseError", message);
}

function lineBreaksIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** Splits CSV text into rows of fields. Blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let rowLine = 1;

  const endRow = () => {
    rows.push({ fields, line: rowLine });
    fields = [];
  };
  /** Consumes the line break at i (LF, CRLF or CR). */
  const skipLineBreak = () => {
    i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    line++;
    rowLine = line;
  };

  while (i < n) {
    const code = text.charCodeAt(i);
    if (fields.length === 0 && (code === 10 || code === 13)) {
      skipLineBreak();
      continue;
    }
    if (code === 34) {
      const startLine = line;
      let value = "";
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          throw csvError(
            `The CSV ends inside a quoted field that starts on line ${startLine}: the file looks truncated or has an unmatched quote`,
          );
        }
        value += text.slice(i, quote);
        line += lineBreaksIn(text, i, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      const after = text.charCodeAt(i);
      if (i < n && after !== 44 && after !== 10 && after !== 13) {
        throw csvError(`Line ${line} has text after a closing quote: quotes inside a field must be doubled ("")`);
      }
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      fields.push(text.slice(i, end));
      i = end;
    }
    if (i >= n) {
      endRow();
    } else if (text.charCodeAt(i) === 44) {
      i++;
      // A trailing comma ends the text with one more, empty field.
      if (i >= n) {
        fields.push("");
        endRow();
      }
    } else {
      endRow();
      skipLineBreak();
    }
  }
  return rows;
}

export interface ImdbCsvResult {
  /** The movies, TV movies and videos on the list, in its order. */
  items: ListItem[];
  /** Rows left out: series, episodes, shorts and other non-movies, or rows without an IMDb id or title. */
  skipped: number;
}

const REQUIRED_COLUMNS = ["Const", "Title"] as const;

/** Reads an IMDb CSV export (fetched from a URL or uploaded). Throws a parseError Failure. */
export function parseImdbCsv(text: string): ImdbCsvResult {
  const rows = parseCsv(text);
  if (rows.length === 0) throw csvError("The CSV file is empty");
  const header = rows[0].fields.map((name) => name.trim());
  const column = (name: string) => header.findIndex((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((name) => column(name) === -1);
  if (missing.length > 0) {
    throw csvError(
      `This is not an IMDb list export: it has no ${missing.map((name) => `"${name}"`).join(" or ")} column (its columns: ${header.slice(0, 8).join(", ")})`,
    );
  }
  const at = {
    id: column("Const"),
    title: column("Title"),
    originalTitle: column("Original Title"),
    titleType: column("Title Type"),
    year: column("Year"),
    releaseDate: column("Release Date"),
    position: column("Position"),
    rating: column("IMDb Rating"),
    runtime: column("Runtime (mins)"),
    genres: column("Genres"),
    directors: column("Directors"),
    created: column("Created"),
  };

  const items: ListItem[] = [];
  let skipped = 0;
  for (let r = 1; r < rows.length; r++) {
    const { fields, line } = rows[r];
    if (fields.length !== header.length) {
      throw csvError(
        r === rows.length - 1 && fields.length < header.length
          ? `The CSV ends in the middle of the row on line ${line} (${fields.length} of ${header.length} columns): the file looks truncated; export the list again`
          : `The row on line ${line} has ${fields.length} columns but the header has ${header.length}`,
      );
    }
    const field = (index: number) => (index === -1 ? "" : fields[index].trim());
    const imdbId = field(at.id);
    if (!/^tt\d{7,}$/.test(imdbId) || !field(at.title) || !isMovieTitleType(field(at.titleType))) {
      skipped++;
      continue;
    }
    const year = Number(field(at.year) || field(at.releaseDate).slice(0, 4));
    const metadata: Record<string, unknown> = {};
    const put = (name: string, value: unknown) => {
      if (value !== "" && value !== undefined && !Number.isNaN(value)) metadata[name] = value;
    };
    put("position", field(at.position) ? Number(field(at.position)) : "");
    put("titleType", field(at.titleType));
    if (field(at.originalTitle) !== field(at.title)) put("originalTitle", field(at.originalTitle));
    put("imdbRating", field(at.rating) ? Number(field(at.rating)) : "");
    put("runtime", field(at.runtime) ? Number(field(at.runtime)) : "");
    put("releaseDate", field(at.releaseDate));
    if (field(at.genres)) metadata.genres = field(at.genres).split(/\s*,\s*/);
    if (field(at.directors)) metadata.directors = field(at.directors).split(/\s*,\s*/);
    put("added", field(at.created));
    items.push({
      imdbId,
      title: field(at.title),
      year: Number.isInteger(year) ? year : 0,
      metadata,
    });
  }
  return { items, skipped };
}
