import { allMovies, type Movie } from "./catalogue";
import { Random } from "./prng";
import { ADJECTIVES, NOUNS, PLACES } from "./words";

/**
 * Watchmode's title id map (`/datasets/title_id_map.csv`), generated: one row per catalogue movie
 * plus generated TV shows up to ID_MAP_BASE_ROWS rows, in Watchmode's format (an unquoted header,
 * then every field quoted; an empty Year when unknown). TV shows reuse TMDb ids that movies also
 * have, as on TMDb, so the TMDB Type matters. Rows are produced lazily, a chunk at a time.
 *
 * The dataset has a version (1 unless a test changes it). Each later version drops 1% of the TV
 * shows, retitles another 1% and adds VERSION_ADDED_ROWS new ones, so an import has upserts and
 * removals to make; its ETag and Last-Modified change with it.
 */

export const ID_MAP_HEADER = "Watchmode ID,IMDB ID,TMDB ID,TMDB Type,Title,Year";
export const ID_MAP_BASE_ROWS = 300_000;
export const MOVIE_WATCHMODE_ID_BASE = 1_000_000;
export const TV_WATCHMODE_ID_BASE = 3_000_000;
export const ADDED_WATCHMODE_ID_BASE = 4_000_000;
export const VERSION_ADDED_ROWS = 1_000;
const TV_IMDB_BASE = 20_000_000;
const CHUNK_ROWS = 2_000;
const FIRST_PUBLISHED = Date.UTC(2026, 10, 1, 4, 0, 0);

type Row = [watchmodeId: number, imdbId: string, tmdbId: number, tmdbType: "movie" | "tv", title: string, year: string];

export interface IdMapVersion {
  version: number;
  etag: string;
  lastModified: string;
}

export function idMapVersion(version: number): IdMapVersion {
  return {
    version,
    etag: `"title-id-map-v${version}"`,
    lastModified: new Date(FIRST_PUBLISHED + (version - 1) * 86_400_000).toUTCString(),
  };
}

const moviesByTmdbId = () => [...allMovies()].sort((a, b) => a.id - b.id);

/** The Watchmode id the map gives a catalogue movie (in every version). */
export function watchmodeIdForMovie(tmdbId: number): number | undefined {
  const index = moviesByTmdbId().findIndex((movie) => movie.id === tmdbId);
  return index === -1 ? undefined : MOVIE_WATCHMODE_ID_BASE + index;
}

let moviesInMapOrder: readonly Movie[] | undefined;

export interface IdMapEntry {
  watchmodeId: number;
  imdbId: string | null;
  tmdbId: number;
  tmdbType: "movie" | "tv";
  title: string;
  year: number | null;
}

/** The version-1 row for a Watchmode id (catalogue movies and the base TV shows), as the API knows it. */
export function idMapEntry(watchmodeId: number): IdMapEntry | undefined {
  let row: Row | undefined;
  if (watchmodeId >= MOVIE_WATCHMODE_ID_BASE && watchmodeId < TV_WATCHMODE_ID_BASE) {
    moviesInMapOrder ??= moviesByTmdbId();
    const movie = moviesInMapOrder[watchmodeId - MOVIE_WATCHMODE_ID_BASE];
    if (movie) row = [watchmodeId, movie.imdbId ?? "", movie.id, "movie", movie.title, movie.releaseDate.slice(0, 4)];
  } else if (watchmodeId >= TV_WATCHMODE_ID_BASE && watchmodeId - TV_WATCHMODE_ID_BASE < tvShowCount()) {
    row = tvShow(watchmodeId - TV_WATCHMODE_ID_BASE, 1);
  }
  if (!row) return undefined;
  const [id, imdbId, tmdbId, tmdbType, title, year] = row;
  return { watchmodeId: id, imdbId: imdbId || null, tmdbId, tmdbType, title, year: year ? Number(year) : null };
}

export function tvShowCount(): number {
  return ID_MAP_BASE_ROWS - allMovies().length;
}

/** Which version drops / retitles TV show `k`. */
const droppedIn = (k: number, version: number) => version > 1 && k % 100 === version % 100;
const retitledIn = (k: number, version: number) => version > 1 && k % 100 === (version + 1) % 100;

function tvShow(k: number, version: number, watchmodeId = TV_WATCHMODE_ID_BASE + k): Row {
  const random = new Random(`watchmode-tv:${watchmodeId}`);
  let title = `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
  // Some titles carry the characters CSV must quote.
  if (k % 11 === 0) title = `${title}, ${random.pick(PLACES)}`;
  if (k % 37 === 0) title = `The "${title}" Show`;
  if (retitledIn(k, version)) title = `${title} (Revival ${version})`;
  const year = k % 13 === 0 ? "" : String(1950 + random.int(0, 76));
  return [watchmodeId, `tt${TV_IMDB_BASE + k}`, 1 + k, "tv", title, year];
}

/** The number of data rows (header excluded) in a version. */
export function idMapRowCount(version: number): number {
  if (version <= 1) return ID_MAP_BASE_ROWS;
  const shows = tvShowCount();
  let dropped = 0;
  for (let k = version % 100; k < shows; k += 100) dropped++;
  return ID_MAP_BASE_ROWS - dropped + VERSION_ADDED_ROWS;
}

function* rows(version: number): Generator<Row> {
  for (const [index, movie] of moviesByTmdbId().entries()) {
    yield [
      MOVIE_WATCHMODE_ID_BASE + index,
      movie.imdbId ?? "",
      movie.id,
      "movie",
      movie.title,
      movie.releaseDate.slice(0, 4),
    ];
  }
  const shows = tvShowCount();
  for (let k = 0; k < shows; k++) if (!droppedIn(k, version)) yield tvShow(k, version);
  if (version > 1) {
    for (let j = 0; j < VERSION_ADDED_ROWS; j++) {
      yield tvShow(shows + j, version, ADDED_WATCHMODE_ID_BASE + version * VERSION_ADDED_ROWS + j);
    }
  }
}

const quote = (field: string | number) => `"${String(field).replaceAll('"', '""')}"`;

/** The file as a stream of UTF-8 chunks, generated as it is read. */
export function idMapStream(version: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const source = rows(version);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const lines: string[] = headerSent ? [] : [ID_MAP_HEADER];
      headerSent = true;
      for (let n = 0; n < CHUNK_ROWS; n++) {
        const next = source.next();
        if (next.done) {
          if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
          controller.close();
          return;
        }
        lines.push(next.value.map(quote).join(","));
      }
      controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
    },
  });
}
