import { getTableColumns } from "drizzle-orm";
import { movies } from "../schema";

/**
 * The movies table's columns, read once from the drizzle schema: the raw whole-library read and
 * the bulk insert below name them from here, so a new column is added in the schema alone.
 */
const COLUMNS = Object.entries(getTableColumns(movies)).map(([field, column]) => ({
  field,
  name: column.name,
  isJson: column.columnType === "SQLiteTextJson",
}));

export type MovieRow = typeof movies.$inferSelect;
export type NewMovieRow = typeof movies.$inferInsert;

/** A movie's own columns as raw reads return them (booleans arrive as 0/1). */
export type MovieColumns = Omit<
  MovieRow,
  "metadata" | "genres" | "monitored" | "hasFile" | "lastInfoSync" | "updatedAt"
> & {
  monitored: boolean | number;
  hasFile: boolean | number;
  genres: string[];
};

// Bookkeeping columns no reader shows, and the metadata that travels as its own stored text.
const NOT_SCALAR = new Set(["metadata", "last_info_sync", "updated_at"]);
const SCALARS = COLUMNS.filter((c) => !NOT_SCALAR.has(c.name));

/** The scalar columns of a movie as one JSON array (one value per row crosses from D1). */
export const SCALARS_JSON = `json_array(${SCALARS.map((c) => c.name).join(", ")})`;

// Every row starts as a copy of this one object: all rows then share one shape and stay fast to
// read, where adding the fields one by one to `{}` costs most of a whole-library read.
const ROW_SHAPE: Readonly<Record<string, unknown>> = Object.fromEntries(SCALARS.map((c) => [c.field, null]));
const FIELDS = SCALARS.map((c) => c.field);

/** A movie's columns from its scalars array (as read through SCALARS_JSON). */
export function columnsFromScalars(scalarsJson: string): MovieColumns {
  const values = JSON.parse(scalarsJson) as unknown[];
  const row = { ...ROW_SHAPE };
  for (let c = 0; c < FIELDS.length; c++) row[FIELDS[c]] = values[c];
  row.genres = JSON.parse(row.genres as string);
  row.addOptions = row.addOptions ? JSON.parse(row.addOptions as string) : null;
  return row as unknown as MovieColumns;
}

const INSERTED = COLUMNS.filter((c) => c.field !== "id");

/**
 * Inserts every row of a JSON array bound as ?1 (`insert or ignore`: a TMDb id already in the
 * library is skipped). One bound parameter whatever the number of rows, under D1's 100.
 */
export const INSERT_MANY_SQL = `insert or ignore into movies (${INSERTED.map((c) => c.name).join(", ")})
  select ${INSERTED.map((c) => (c.isJson ? `json(json_extract(value, '$.${c.field}'))` : `json_extract(value, '$.${c.field}')`)).join(", ")}
  from json_each(?1)`;

/** The defaults the table would fill in, so every bulk row carries every column. */
export function completeRow(row: NewMovieRow): Omit<Required<NewMovieRow>, "id"> {
  return {
    imdbId: null,
    year: 0,
    runtime: 0,
    inCinemas: null,
    physicalRelease: null,
    digitalRelease: null,
    monitored: true,
    hasFile: false,
    sizeOnDisk: 0,
    rating: 0,
    popularity: 0,
    addOptions: null,
    streamingUnmonitoredService: null,
    lastInfoSync: null,
    lastSearchTime: null,
    ...row,
  };
}

/** A movie as the raw reads return it: its columns, its stored metadata as JSON text, its tags. */
export interface RawMovie {
  columns: MovieColumns;
  metadataJson: string;
  tags: number[];
}

export interface RawMovieRow {
  scalars: string;
  metadata: string;
  tags: string;
}

/** A movie read as its scalars array, its metadata text and its tag ids as a JSON array. */
export const rawMovie = (r: RawMovieRow): RawMovie => ({
  columns: columnsFromScalars(r.scalars),
  metadataJson: r.metadata,
  tags: JSON.parse(r.tags) as number[],
});
