import { addDays, allMovies, catalogueReferenceDate, type Movie } from "./catalogue";
import { Random } from "./prng";
import { genreName } from "./reference";

/**
 * What the simulated Trakt serves: its ids for catalogue movies, demo users with lists, a
 * watchlist, a collection and watch history, and the movie charts (trending, popular, anticipated,
 * box office, most watched). Chosen from fixed seeds and dated relative to catalogueReferenceDate().
 */

/** The one access token the simulator accepts (as `Authorization: Bearer …`); it belongs to `sim`. */
export const TRAKT_SIM_TOKEN = "trakt-sim-token";
export const TRAKT_SIM_USER = "sim";

export interface TraktIds {
  trakt: number;
  slug: string;
  imdb: string | null;
  tmdb: number;
}

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function movieYear(movie: Movie): number | null {
  return movie.releaseDate ? Number(movie.releaseDate.slice(0, 4)) : null;
}

let traktIdByMovie: Map<number, number> | undefined;

/** Trakt's ids for a catalogue movie: its own numbering, a title-year slug, and the TMDb/IMDb ids. */
export function traktIds(movie: Movie): TraktIds {
  traktIdByMovie ??= new Map(allMovies().map((entry, index) => [entry.id, index + 1]));
  const year = movieYear(movie);
  return {
    trakt: traktIdByMovie.get(movie.id) ?? movie.id,
    slug: year === null ? slugify(movie.title) : `${slugify(movie.title)}-${year}`,
    imdb: movie.imdbId,
    tmdb: movie.id,
  };
}

/** Trakt's genre slugs ("science-fiction") for a movie's TMDb genres. */
function traktGenres(movie: Movie): string[] {
  return movie.genreIds.map((id) => slugify(genreName(id)));
}

export interface TraktListDefinition {
  traktId: number;
  slug: string;
  name: string;
  privacy: "public" | "private";
  movies(): readonly Movie[];
  /** Days before the reference day the list's items last changed (its summary's updated_at). */
  updatedDaysAgo: number;
  /** Whether the control route edits it (POST /trakt/__lists/{slug}/edit). */
  editable?: boolean;
}

export interface TraktUserData {
  username: string;
  /** A private profile: only its owner sees its lists, watchlist, collection and history. */
  private: boolean;
  lists: readonly TraktListDefinition[];
  watchlist(): readonly Movie[];
  collection(): readonly Movie[];
  watched(): readonly Movie[];
}

function lazily<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

/** `count` catalogue movies in a seeded order (a partial Fisher–Yates shuffle, O(count)). */
function shuffledMovies(seed: string, count: number, accept: (movie: Movie) => boolean): Movie[] {
  const pool = allMovies().filter(accept);
  const random = new Random(seed);
  const take = Math.min(count, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, take);
}

const notAdult = (movie: Movie) => !movie.adult;
const released = (movie: Movie) => movie.status === "Released" && !movie.adult;
const byPopularity = (a: Movie, b: Movie) => b.popularity - a.popularity || a.id - b.id;

export const TEN_THOUSAND = 10_000;
export const FIFTY_THOUSAND = 50_000;
/** The 50,000-item list's movies past the catalogue are generated: ids from here, never in the catalogue. */
const BULK_FIRST_ID = 2_500_000;

/**
 * `count` list movies, more than the catalogue holds: every catalogue movie (seeded order), then
 * generated ones (a catalogue movie's details under a new TMDb id, IMDb id "tt8…" and title) that
 * exist only in this list, so the catalogue and every other list stay as they are.
 */
function bulkListMovies(seed: string, count: number): Movie[] {
  const pool = shuffledMovies(seed, count, notAdult);
  const movies = [...pool];
  for (let i = 0; movies.length < count; i++) {
    const base = pool[i % pool.length];
    movies.push({
      ...base,
      id: BULK_FIRST_ID + i,
      imdbId: `tt8${String(i).padStart(7, "0")}`,
      title: `${base.title} (Bulk ${i + 1})`,
      originalTitle: `${base.originalTitle} (Bulk ${i + 1})`,
      alternativeTitles: [],
      collectionId: null,
    });
  }
  return movies;
}

/**
 * Items of the oversized list: more than one sync may reserve (500 pages of 250). Trakt's own lists
 * stay far smaller; this one exists so a sync's refusal from the summary alone can be tested. Its
 * pages repeat 1,000 catalogue movies (references, not copies, so it costs the simulator little memory).
 */
const OVERSIZED = 130_000;

export const TRAKT_LIST_SLUGS = {
  classics: "demo-classics",
  tenThousand: "demo-ten-thousand",
  fiftyThousand: "demo-fifty-thousand",
  private: "demo-private",
  edited: "demo-edited",
  oversized: "demo-oversized",
} as const;

/** The editable list: 300 movies, and each edit drops its first 10 and adds 20 at its end. */
const EDITED_LIST_SIZE = 300;
const EDITED_LIST_MAX_EDITS = 40;
let listEdits = 0;
const editedPool = lazily(() =>
  shuffledMovies("lists-trakt:edited", EDITED_LIST_SIZE + 20 * EDITED_LIST_MAX_EDITS, released),
);

/** Edits the editable list once more (at most EDITED_LIST_MAX_EDITS times); returns the edits so far. */
export function editTraktList(): number {
  listEdits = Math.min(EDITED_LIST_MAX_EDITS, listEdits + 1);
  return listEdits;
}

/** Forgets the editable list's edits (POST /__sim/reset). */
export function resetTraktListEdits(): void {
  listEdits = 0;
}

/** When a list's items last changed: its day, and one minute later per edit of the editable list. */
export function traktListUpdatedAt(list: TraktListDefinition): string {
  const edits = list.editable ? listEdits : 0;
  const minutes = String(edits % 60).padStart(2, "0");
  return `${addDays(catalogueReferenceDate(), -list.updatedDaysAgo)}T${String(12 + Math.floor(edits / 60)).padStart(2, "0")}:${minutes}:00.000Z`;
}

const SIM_LISTS: readonly TraktListDefinition[] = [
  {
    traktId: 7_100_001,
    slug: TRAKT_LIST_SLUGS.classics,
    name: "Demo Classics",
    privacy: "public",
    movies: lazily(() =>
      allMovies()
        .filter((movie) => movie.real)
        .sort((a, b) => a.releaseDate.localeCompare(b.releaseDate) || a.id - b.id),
    ),
    updatedDaysAgo: 30,
  },
  {
    traktId: 7_100_002,
    slug: TRAKT_LIST_SLUGS.tenThousand,
    name: "Demo Ten Thousand",
    privacy: "public",
    movies: lazily(() => shuffledMovies("lists-trakt:ten-thousand", TEN_THOUSAND, notAdult)),
    updatedDaysAgo: 3,
  },
  {
    traktId: 7_100_003,
    slug: TRAKT_LIST_SLUGS.private,
    name: "Demo Private",
    privacy: "private",
    movies: lazily(() => shuffledMovies("lists-trakt:private", 40, released)),
    updatedDaysAgo: 10,
  },
  {
    traktId: 7_100_004,
    slug: TRAKT_LIST_SLUGS.fiftyThousand,
    name: "Demo Fifty Thousand",
    privacy: "public",
    movies: lazily(() => bulkListMovies("lists-trakt:fifty-thousand", FIFTY_THOUSAND)),
    updatedDaysAgo: 2,
  },
  {
    traktId: 7_100_005,
    slug: TRAKT_LIST_SLUGS.edited,
    name: "Demo Edited",
    privacy: "public",
    movies: () => editedPool().slice(10 * listEdits, EDITED_LIST_SIZE + 20 * listEdits),
    updatedDaysAgo: 1,
    editable: true,
  },
  {
    traktId: 7_100_006,
    slug: TRAKT_LIST_SLUGS.oversized,
    name: "Demo Oversized",
    privacy: "public",
    movies: lazily(() => {
      const pool = shuffledMovies("lists-trakt:oversized", 1000, notAdult);
      return Array.from({ length: OVERSIZED }, (_, i) => pool[i % pool.length]);
    }),
    updatedDaysAgo: 5,
  },
];

const upcomingOrRecent = (movie: Movie) => !movie.adult && movie.releaseDate >= addDays(catalogueReferenceDate(), -120);

const TRAKT_USERS: readonly TraktUserData[] = [
  {
    username: TRAKT_SIM_USER,
    private: false,
    lists: SIM_LISTS,
    watchlist: lazily(() => shuffledMovies("lists-trakt:watchlist", 75, upcomingOrRecent)),
    collection: lazily(() => shuffledMovies("lists-trakt:collection", 600, released)),
    watched: lazily(() => shuffledMovies("lists-trakt:watched", 320, released)),
  },
  {
    username: "sim-hidden",
    private: true,
    lists: [],
    watchlist: lazily(() => shuffledMovies("lists-trakt:hidden-watchlist", 12, released)),
    collection: () => [],
    watched: () => [],
  },
];

export function traktUser(username: string): TraktUserData | undefined {
  const wanted = username.toLowerCase();
  return TRAKT_USERS.find((user) => user.username === wanted);
}

/** A user's list by slug or Trakt id, as Trakt accepts either. */
export function traktList(user: TraktUserData, idOrSlug: string): TraktListDefinition | undefined {
  return user.lists.find((list) => list.slug === idOrSlug.toLowerCase() || String(list.traktId) === idOrSlug);
}

export type TraktChartName = "trending" | "popular" | "anticipated" | "boxoffice";
export const TRAKT_WATCHED_PERIODS = ["daily", "weekly", "monthly", "yearly", "all"] as const;
export type TraktWatchedPeriod = (typeof TRAKT_WATCHED_PERIODS)[number];

/** Trakt's box office chart is always the top 10 of the weekend. */
export const BOX_OFFICE_SIZE = 10;
const TRENDING_YEARS = 3;

const CHARTS: Record<TraktChartName, () => readonly Movie[]> = {
  // Most watched right now: recent releases first, as on Trakt (and so overlapping TMDb's trending).
  trending: lazily(() => {
    const since = addDays(catalogueReferenceDate(), -365 * TRENDING_YEARS);
    return allMovies()
      .filter((movie) => released(movie) && movie.releaseDate >= since)
      .sort((a, b) => traktTrendingWatchers(b) - traktTrendingWatchers(a) || a.id - b.id);
  }),
  // Trakt ranks "popular" by rating and votes together.
  popular: lazily(() => {
    const score = (movie: Movie) => movie.voteAverage * Math.log10(movie.voteCount + 1);
    return allMovies()
      .filter(released)
      .sort((a, b) => score(b) - score(a) || a.id - b.id);
  }),
  anticipated: lazily(() =>
    allMovies()
      .filter((movie) => !movie.adult && movie.status !== "Released")
      .sort(byPopularity),
  ),
  boxoffice: lazily(() =>
    allMovies()
      .filter((movie) => released(movie) && movie.releaseDate >= addDays(catalogueReferenceDate(), -60))
      .sort(byPopularity)
      .slice(0, BOX_OFFICE_SIZE),
  ),
};

let referenceMsHeld: number | undefined;
/** Midnight (UTC) of the catalogue's reference day. */
const referenceMs = () => (referenceMsHeld ??= Date.parse(`${catalogueReferenceDate()}T00:00:00Z`));
const trendingWatchers = new Map<number, number>();

/**
 * People watching a movie on Trakt right now: popularity, boosted for releases of the last few
 * weeks, with a per-movie twist. The trending chart is ordered by it.
 */
export function traktTrendingWatchers(movie: Movie): number {
  let watchers = trendingWatchers.get(movie.id);
  if (watchers === undefined) {
    const ageDays = Math.max(0, (referenceMs() - Date.parse(`${movie.releaseDate}T00:00:00Z`)) / 86_400_000);
    const twist = 0.7 + new Random(`lists-trakt:trending:${movie.id}`).next() * 0.6;
    watchers = Math.max(1, Math.round(movie.popularity * 3 * (1 + 6 * Math.exp(-ageDays / 30)) * twist));
    trendingWatchers.set(movie.id, watchers);
  }
  return watchers;
}

export function traktChart(name: TraktChartName): readonly Movie[] {
  return CHARTS[name]();
}

const watchedCharts = new Map<TraktWatchedPeriod, readonly Movie[]>();

/** Most watched in a period: popularity with a per-period twist, so the periods differ. */
export function traktWatchedChart(period: TraktWatchedPeriod): readonly Movie[] {
  let chart = watchedCharts.get(period);
  if (!chart) {
    const random = new Random(`lists-trakt:watched:${period}`);
    const score = new Map(allMovies().map((movie) => [movie.id, movie.popularity * (0.5 + random.next())]));
    chart = allMovies()
      .filter(released)
      .sort((a, b) => (score.get(b.id) ?? 0) - (score.get(a.id) ?? 0) || a.id - b.id);
    watchedCharts.set(period, chart);
  }
  return chart;
}

export interface TraktChartFilters {
  /** Trakt genre slugs; a movie matches with any of them. */
  genres?: string[];
  years?: { from: number; to: number };
  /** Trakt's 0–100 rating range. */
  ratings?: { from: number; to: number };
  /** US certifications, lowercase as Trakt writes them ("pg-13"; "nr" for unrated). */
  certifications?: string[];
}

/** The common filters Trakt documents for charts (genres, years, ratings, certifications). */
export function matchesFilters(movie: Movie, filters: TraktChartFilters): boolean {
  const year = movieYear(movie);
  const rating = Math.round(movie.voteAverage * 10);
  return (
    (!filters.genres || traktGenres(movie).some((genre) => filters.genres?.includes(genre))) &&
    (!filters.years || (year !== null && year >= filters.years.from && year <= filters.years.to)) &&
    (!filters.ratings || (rating >= filters.ratings.from && rating <= filters.ratings.to)) &&
    (!filters.certifications || filters.certifications.includes((movie.certification || "nr").toLowerCase()))
  );
}
