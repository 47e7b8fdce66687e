import { addDays, allMovies, catalogueReferenceDate, type Movie } from "./catalogue";
import { hashString, Random } from "./prng";
import { ADJECTIVES, NOUNS, PLACES } from "./words";

/**
 * What TMDb's trending, on-the-air and TV watch-provider routes serve: movie trending ranked from
 * the catalogue around catalogueReferenceDate() (recent releases rise, more so for "day"), and a
 * generated set of TV series (TV is not in the catalogue). Never the clock: the same every run.
 */

export type TrendingWindow = "day" | "week";

export interface TvShow {
  id: number;
  name: string;
  firstAirDate: string;
  genreIds: number[];
  originCountry: string;
  originalLanguage: string;
  popularity: number;
  voteAverage: number;
  voteCount: number;
  /** Has an episode airing within a week of the reference day. */
  onTheAir: boolean;
  hasPoster: boolean;
}

const TV_SHOW_COUNT = 400;
/** Generated show ids; well clear of the movie catalogue and the v4 list demo shows. */
export const TV_FIRST_ID = 9_700_001;
const TV_GENRES = [18, 35, 80, 9648, 10759, 10765, 10764, 99, 16, 10751];
const TV_COUNTRIES: [string, string][] = [
  ["US", "en"],
  ["US", "en"],
  ["GB", "en"],
  ["DE", "de"],
  ["FR", "fr"],
  ["KR", "ko"],
  ["JP", "ja"],
];

const DAY_MS = 86_400_000;
let referenceMsHeld: number | undefined;
/** Midnight (UTC) of the catalogue's reference day. */
const referenceMs = () => (referenceMsHeld ??= Date.parse(`${catalogueReferenceDate()}T00:00:00Z`));

function lazily<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function showName(random: Random): string {
  switch (random.int(0, 3)) {
    case 0:
      return `The ${random.pick(NOUNS)}`;
    case 1:
      return `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
    case 2:
      return `${random.pick(PLACES)}`;
    default:
      return `${random.pick(NOUNS)}s of ${random.pick(PLACES)}`;
  }
}

export const tvShows = lazily((): TvShow[] => {
  const random = new Random("tv-shows");
  const shows: TvShow[] = [];
  for (let i = 0; i < TV_SHOW_COUNT; i++) {
    const [originCountry, originalLanguage] = random.pick(TV_COUNTRIES);
    const firstAirDate = addDays(catalogueReferenceDate(), -random.int(0, 20 * 365));
    shows.push({
      id: TV_FIRST_ID + i,
      name: showName(random),
      firstAirDate,
      genreIds: random.sample(TV_GENRES, random.int(1, 3)),
      originCountry,
      originalLanguage,
      popularity: round(1 + random.next() ** 3 * 400, 3),
      voteAverage: round(5 + random.next() * 4, 1),
      voteCount: random.int(0, 20_000),
      onTheAir: random.chance(0.2),
      hasPoster: random.chance(0.9),
    });
  }
  return shows;
});

const showsById = lazily(() => new Map(tvShows().map((show) => [show.id, show])));

export function tvShowById(id: number): TvShow | undefined {
  return showsById().get(id);
}

export const onTheAir = lazily(() =>
  tvShows()
    .filter((show) => show.onTheAir)
    .sort((a, b) => b.popularity - a.popularity || a.id - b.id),
);

/** How fast the recency boost fades, in days: a day's trending favours this week's releases. */
const RECENCY_DAYS: Record<TrendingWindow, number> = { day: 14, week: 45 };
/** TMDb's trending lists stop at 500 pages of 20; the simulator keeps the top 1,000. */
const TRENDING_SIZE = 1_000;

function daysSince(date: string): number {
  return date ? (referenceMs() - Date.parse(`${date}T00:00:00Z`)) / DAY_MS : Number.POSITIVE_INFINITY;
}

function trendingScore(popularity: number, date: string, window: TrendingWindow, seed: string): number {
  const age = daysSince(date);
  const recency = age >= 0 ? 1 + 6 * Math.exp(-age / RECENCY_DAYS[window]) : 1;
  const jitter = 0.6 + new Random(hashString(seed)).next() * 0.8;
  return popularity * recency * jitter;
}

function rank<T extends { id: number }>(items: readonly T[], score: (item: T) => number): T[] {
  return items
    .map((item) => ({ item, score: score(item) }))
    .sort((a, b) => b.score - a.score || a.item.id - b.item.id)
    .slice(0, TRENDING_SIZE)
    .map(({ item }) => item);
}

const trendingMoviesBy: Record<TrendingWindow, () => Movie[]> = {
  day: lazily(() => trendingMoviesFor("day")),
  week: lazily(() => trendingMoviesFor("week")),
};

function trendingMoviesFor(window: TrendingWindow): Movie[] {
  const released = allMovies().filter(
    (movie) => !movie.adult && movie.releaseDate !== "" && movie.releaseDate <= catalogueReferenceDate(),
  );
  return rank(released, (movie) =>
    trendingScore(movie.popularity, movie.releaseDate, window, `trending:${window}:movie:${movie.id}`),
  );
}

const trendingTvBy: Record<TrendingWindow, () => TvShow[]> = {
  day: lazily(() =>
    rank(tvShows(), (show) => trendingScore(show.popularity * (show.onTheAir ? 3 : 1), "", "day", `tv:day:${show.id}`)),
  ),
  week: lazily(() =>
    rank(tvShows(), (show) =>
      trendingScore(show.popularity * (show.onTheAir ? 2 : 1), "", "week", `tv:week:${show.id}`),
    ),
  ),
};

export function trendingMovies(window: TrendingWindow): readonly Movie[] {
  return trendingMoviesBy[window]();
}

export function trendingTv(window: TrendingWindow): readonly TvShow[] {
  return trendingTvBy[window]();
}

export interface TraktTrendingShow {
  show: TvShow;
  watchers: number;
  traktId: number;
  tvdbId: number;
}

/**
 * Trakt's trending shows ("watched right now", no day/week window): the same demo series TMDb
 * serves, ranked by Trakt's own watcher counts (popularity, favouring shows on the air, with a
 * per-show twist), so the two services' lists overlap without being equal.
 */
export const traktTrendingShows = lazily((): TraktTrendingShow[] =>
  tvShows()
    .map((show, index) => {
      const twist = 0.5 + new Random(`trakt-trending-tv:${show.id}`).next();
      const watchers = Math.max(1, Math.round(show.popularity * (show.onTheAir ? 2.5 : 1) * twist));
      return { show, watchers, traktId: 200_000 + index, tvdbId: 400_000 + index };
    })
    .sort((a, b) => b.watchers - a.watchers || a.show.id - b.show.id),
);
