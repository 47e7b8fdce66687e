import { addDays, allMovies, catalogueReferenceDate, type Movie } from "./catalogue";
import { crewFor } from "./people";
import { Random } from "./prng";
import { genreName } from "./reference";
import { ADJECTIVES, NOUNS, PLACES } from "./words";

/**
 * The simulated IMDb's lists, watchlists and charts. Every movie on them is a catalogue movie
 * (real or generated, with its IMDb id), so a list sync can resolve each one through the simulated
 * TMDb's /find. A few lists also hold TV series and shorts, which a movie manager must skip; those
 * get ids of "tt8" and seven digits, a range the catalogue does not use. Everything is built from
 * fixed seeds.
 */

/** Titles per page on IMDb's list and watchlist pages (`?page=N`). */
export const IMDB_LIST_PAGE_SIZE = 250;

/** IMDb's title types, with the label its pages and CSV exports show. */
export const IMDB_TITLE_TYPES = {
  movie: "Movie",
  tvMovie: "TV Movie",
  video: "Video",
  short: "Short",
  tvSeries: "TV Series",
  tvMiniSeries: "TV Mini Series",
} as const;
type ImdbTitleTypeId = keyof typeof IMDB_TITLE_TYPES;

export interface ImdbTitle {
  imdbId: string;
  /** The catalogue movie this title is, when it is one. */
  movie: Movie | null;
  title: string;
  originalTitle: string;
  titleType: ImdbTitleTypeId;
  year: number | null;
  endYear: number | null;
  /** YYYY-MM-DD or "". */
  releaseDate: string;
  runtimeMinutes: number | null;
  rating: number | null;
  votes: number;
  genres: string[];
  certificate: string;
  directors: string[];
}

export interface ImdbListEntry {
  position: number;
  title: ImdbTitle;
  /** When the title was added to the list (YYYY-MM-DD). */
  added: string;
  description: string;
}

type Pool = "real" | "catalogue";

export interface ImdbListSpec {
  id: string;
  name: string;
  authorId: string;
  authorName: string;
  description: string;
  visibility: "PUBLIC" | "PRIVATE";
  movies: number;
  /** TV series, mini series and shorts mixed in among the movies. */
  others: number;
  pool: Pool;
  /** Only movies of this TMDb genre. */
  genreId?: number;
  /** false: the page carries only the visible markup, no `__NEXT_DATA__` JSON. */
  embedsJson: boolean;
  /** The CSV export is cut off inside a quoted field, as a dropped download would leave it. */
  truncatedExport?: boolean;
}

export interface ImdbWatchlistSpec {
  userId: string;
  userName: string;
  visibility: "PUBLIC" | "PRIVATE";
  movies: number;
  others: number;
}

export const IMDB_LISTS: readonly ImdbListSpec[] = [
  {
    id: "ls000000101",
    name: "Science Fiction Essentials",
    authorId: "ur000000001",
    authorName: "sim_cinephile",
    description: "Space, time and machines: the science fiction everyone should see once.",
    visibility: "PUBLIC",
    movies: 42,
    others: 0,
    pool: "real",
    genreId: 878,
    embedsJson: true,
  },
  {
    id: "ls000000102",
    name: "Movies to See Before You Die, Plus a Few Shows",
    authorId: "ur000000001",
    authorName: "sim_cinephile",
    description: 'A long list of "must see" titles; the shows snuck in.',
    visibility: "PUBLIC",
    movies: 588,
    others: 12,
    pool: "catalogue",
    embedsJson: true,
  },
  {
    id: "ls000000103",
    name: "Classics, Markup Only",
    authorId: "ur000000003",
    authorName: "old_school_lister",
    description: "Served without the page's embedded JSON, as IMDb's older pages were.",
    visibility: "PUBLIC",
    movies: 296,
    others: 4,
    pool: "real",
    embedsJson: false,
  },
  {
    id: "ls000000104",
    name: "Empty For Now",
    authorId: "ur000000003",
    authorName: "old_school_lister",
    description: "Nothing here yet.",
    visibility: "PUBLIC",
    movies: 0,
    others: 0,
    pool: "catalogue",
    embedsJson: true,
  },
  {
    id: "ls000000105",
    name: "Export Cut Short",
    authorId: "ur000000003",
    authorName: "old_school_lister",
    description: "Its page is fine; its CSV export ends in the middle of a quoted field.",
    visibility: "PUBLIC",
    movies: 120,
    others: 0,
    pool: "catalogue",
    embedsJson: true,
    truncatedExport: true,
  },
  {
    id: "ls000010000",
    name: "Ten Thousand Movies",
    authorId: "ur000000004",
    authorName: "completionist",
    description: "Ten thousand movies, forty pages of them.",
    visibility: "PUBLIC",
    movies: 10_000,
    others: 0,
    pool: "catalogue",
    embedsJson: true,
  },
  {
    id: "ls000000403",
    name: "Private Stash",
    authorId: "ur000000002",
    authorName: "keeps_to_self",
    description: "Not for your eyes.",
    visibility: "PRIVATE",
    movies: 25,
    others: 0,
    pool: "real",
    embedsJson: true,
  },
];

export const IMDB_WATCHLISTS: readonly ImdbWatchlistSpec[] = [
  { userId: "ur000000001", userName: "sim_cinephile", visibility: "PUBLIC", movies: 180, others: 6 },
  { userId: "ur000000002", userName: "keeps_to_self", visibility: "PRIVATE", movies: 40, others: 0 },
];

const TOP_250_SIZE = 250;
const MOST_POPULAR_SIZE = 100;

export function imdbListSpec(id: string): ImdbListSpec | undefined {
  return IMDB_LISTS.find((list) => list.id === id);
}

export function imdbWatchlistSpec(userId: string): ImdbWatchlistSpec | undefined {
  return IMDB_WATCHLISTS.find((watchlist) => watchlist.userId === userId);
}

// --- titles -----------------------------------------------------------------------------------

const DIRECTORS = crewFor("Directing");

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** IMDb's view of a catalogue movie. TMDb's "TV Movie" genre is IMDb's tvMovie title type. */
function imdbTitleOfMovie(movie: Movie): ImdbTitle {
  const year = movie.releaseDate ? Number(movie.releaseDate.slice(0, 4)) : null;
  const released = movie.status === "Released";
  return {
    imdbId: movie.imdbId as string,
    movie,
    title: movie.title,
    originalTitle: movie.originalTitle,
    titleType: movie.genreIds.includes(10770) ? "tvMovie" : "movie",
    year,
    endYear: null,
    releaseDate: movie.releaseDate,
    runtimeMinutes: movie.runtime || null,
    rating: released && movie.voteCount > 0 ? round1(movie.voteAverage) : null,
    votes: released ? movie.voteCount * 11 : 0,
    genres: movie.genreIds.map(genreName),
    certificate: movie.certification,
    directors: [DIRECTORS[movie.id % DIRECTORS.length].name],
  };
}

const OTHER_TYPES: ImdbTitleTypeId[] = ["tvSeries", "tvSeries", "tvMiniSeries", "short"];

/** A TV series, mini series or short: the titles on IMDb lists that are not movies. */
function otherTitle(seed: string, index: number): ImdbTitle {
  const random = new Random(`imdb-other:${seed}:${index}`);
  const titleType = OTHER_TYPES[index % OTHER_TYPES.length];
  const year = random.int(1985, 2025);
  const ended = titleType !== "short" && random.chance(0.6);
  const title =
    titleType === "short"
      ? `${random.pick(NOUNS)} (A Short Film)`
      : `The ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} of ${random.pick(PLACES)}`;
  return {
    imdbId: `tt8${String(random.int(1, 9_999_999)).padStart(7, "0")}`,
    movie: null,
    title,
    originalTitle: title,
    titleType,
    year,
    endYear: ended ? Math.min(2026, year + random.int(1, 8)) : null,
    releaseDate: `${year}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`,
    runtimeMinutes: titleType === "short" ? random.int(5, 30) : random.int(22, 60),
    rating: round1(6 + random.next() * 3),
    votes: random.int(500, 400_000),
    genres: ["Drama"],
    certificate: "TV-14",
    directors: [],
  };
}

// --- lists ------------------------------------------------------------------------------------

let pools: Record<Pool, Movie[]> | undefined;

function pool(name: Pool): Movie[] {
  pools ??= {
    real: allMovies().filter((movie) => movie.real && movie.imdbId),
    catalogue: allMovies().filter((movie) => movie.imdbId),
  };
  return pools[name];
}

/** `count` distinct movies in a seeded random order (a partial Fisher-Yates shuffle). */
function pickMovies(seed: string, from: Movie[], count: number): Movie[] {
  const random = new Random(`imdb-list:${seed}`);
  const copy = from.slice();
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random.next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

const DESCRIPTIONS = [
  "",
  "",
  "",
  "Rewatch with friends.",
  'The "director\'s cut", if you can find it.',
  "Best on a big screen,\nwith the sound up.",
];

function buildEntries(seed: string, movies: Movie[], others: number): ImdbListEntry[] {
  const titles = movies.map(imdbTitleOfMovie);
  // Others go at even intervals, so every page of a long list may hold one.
  const stride = others > 0 ? Math.max(1, Math.floor((titles.length + others) / others)) : 0;
  for (let i = 0; i < others; i++)
    titles.splice(Math.min(titles.length, i * stride + stride - 1), 0, otherTitle(seed, i));
  const random = new Random(`imdb-added:${seed}`);
  // Added over the last few years, oldest first; long lists were filled faster.
  const daysPerTitle = Math.min(2, 2_000 / Math.max(1, titles.length));
  return titles.map((title, index) => ({
    position: index + 1,
    title,
    added: addDays(catalogueReferenceDate(), -Math.round((titles.length - index) * daysPerTitle) - random.int(0, 1)),
    description: random.pick(DESCRIPTIONS),
  }));
}

const entriesCache = new Map<string, ImdbListEntry[]>();

function cached(key: string, build: () => ImdbListEntry[]): ImdbListEntry[] {
  let entries = entriesCache.get(key);
  if (!entries) {
    entries = build();
    entriesCache.set(key, entries);
  }
  return entries;
}

export function imdbListEntries(spec: ImdbListSpec): ImdbListEntry[] {
  return cached(spec.id, () => {
    const from = spec.genreId ? pool(spec.pool).filter((m) => m.genreIds.includes(spec.genreId ?? 0)) : pool(spec.pool);
    return buildEntries(spec.id, pickMovies(spec.id, from, spec.movies), spec.others);
  });
}

export function imdbWatchlistEntries(spec: ImdbWatchlistSpec): ImdbListEntry[] {
  return cached(`watchlist:${spec.userId}`, () =>
    buildEntries(spec.userId, pickMovies(`watchlist:${spec.userId}`, pool("catalogue"), spec.movies), spec.others),
  );
}

/** IMDb Top 250: the best-rated real movies. */
export function top250(): ImdbTitle[] {
  return cached("chart:top", () =>
    buildEntries(
      "chart:top",
      pool("real")
        .slice()
        .sort((a, b) => b.voteAverage - a.voteAverage || b.voteCount - a.voteCount || a.id - b.id)
        .slice(0, TOP_250_SIZE),
      0,
    ),
  ).map((entry) => entry.title);
}

/** IMDb's Most Popular Movies (the MOVIEmeter chart): the released movies with the most buzz. */
export function mostPopular(): ImdbTitle[] {
  return cached("chart:moviemeter", () =>
    buildEntries(
      "chart:moviemeter",
      pool("catalogue")
        .filter((movie) => movie.status === "Released")
        .sort((a, b) => b.popularity - a.popularity || a.id - b.id)
        .slice(0, MOST_POPULAR_SIZE),
      0,
    ),
  ).map((entry) => entry.title);
}
