import { addDays, allMovies, catalogueReferenceDate, type Movie } from "./catalogue";
import { movieIdsOfCompany } from "./discover-studios";
import { movieIdsWithKeyword } from "./lists-tmdb-credits";
import { Random } from "./prng";

/**
 * What the simulated TMDb serves for import lists: v4 user lists (one of 10,000 items), the movie
 * rankings (popular, top rated, upcoming, now playing) and discover. Every entry is a catalogue
 * movie, chosen from fixed seeds and dated relative to catalogueReferenceDate() (the pinned clock's day).
 */

/** A TV show on a v4 list (lists mix movies and shows); made up, as TV is not in the catalogue. */
export interface TvShowEntry {
  id: number;
  name: string;
  firstAirDate: string;
  genreIds: number[];
  popularity: number;
  voteAverage: number;
  voteCount: number;
}

export type ListEntry = { mediaType: "movie"; movie: Movie } | { mediaType: "tv"; show: TvShowEntry };

export interface TmdbUserList {
  id: number;
  name: string;
  description: string;
  /** Private lists answer 401 to anyone but their owner, whom the simulator has no token for. */
  public: boolean;
  entries(): readonly ListEntry[];
}

/** Movies a demo list may hold: dated (import lists skip undated movies) and not adult. */
function listable(movie: Movie): boolean {
  return movie.releaseDate !== "" && !movie.adult;
}

/** `count` catalogue movies in a seeded order: a partial Fisher–Yates shuffle, O(count). */
function shuffledMovies(seed: string, count: number, accept: (movie: Movie) => boolean = listable): Movie[] {
  const pool = allMovies().filter(accept);
  const random = new Random(seed);
  const take = Math.min(count, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, take);
}

const byReleaseDate = (a: Movie, b: Movie) => a.releaseDate.localeCompare(b.releaseDate) || a.id - b.id;

function lazily<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

const movieEntries = (movies: readonly Movie[]): ListEntry[] => movies.map((movie) => ({ mediaType: "movie", movie }));

const DEMO_TV_SHOWS: readonly TvShowEntry[] = [
  {
    id: 9_900_001,
    name: "Harbor Lights",
    firstAirDate: "2019-03-04",
    genreIds: [18],
    popularity: 31.2,
    voteAverage: 7.6,
    voteCount: 812,
  },
  {
    id: 9_900_002,
    name: "The Copper Line",
    firstAirDate: "2022-09-18",
    genreIds: [80, 18],
    popularity: 18.9,
    voteAverage: 7.1,
    voteCount: 240,
  },
];

/** v4 list ids the simulator knows; real TMDb list ids are plain numbers too. */
export const TMDB_LIST_IDS = {
  realClassics: 8_100_001,
  tenThousand: 8_100_002,
  mixedMedia: 8_100_003,
  private: 8_100_004,
} as const;

export const TEN_THOUSAND = 10_000;

const TMDB_LISTS: readonly TmdbUserList[] = [
  {
    id: TMDB_LIST_IDS.realClassics,
    name: "Demo: Well-Known Films",
    description: "Every real, well-known film in the demo catalogue, oldest first.",
    public: true,
    entries: lazily(() =>
      movieEntries(
        allMovies()
          .filter((movie) => movie.real && listable(movie))
          .sort(byReleaseDate),
      ),
    ),
  },
  {
    id: TMDB_LIST_IDS.tenThousand,
    name: "Demo: Ten Thousand Films",
    description: "10,000 films from the demo catalogue, for testing large imports.",
    public: true,
    entries: lazily(() => movieEntries(shuffledMovies("lists-tmdb:ten-thousand", TEN_THOUSAND))),
  },
  {
    id: TMDB_LIST_IDS.mixedMedia,
    name: "Demo: Films and Shows",
    description: "Films, two TV shows and one film without a release date yet.",
    public: true,
    entries: lazily(() => {
      const entries = movieEntries(shuffledMovies("lists-tmdb:mixed-media", 24));
      const undated = allMovies().find((movie) => movie.releaseDate === "" && !movie.adult);
      entries.splice(3, 0, { mediaType: "tv", show: DEMO_TV_SHOWS[0] });
      entries.splice(11, 0, { mediaType: "tv", show: DEMO_TV_SHOWS[1] });
      if (undated) entries.splice(17, 0, { mediaType: "movie", movie: undated });
      return entries;
    }),
  },
  {
    id: TMDB_LIST_IDS.private,
    name: "Demo: Private Picks",
    description: "A private list: TMDb shows it to its owner only.",
    public: false,
    entries: lazily(() => movieEntries(shuffledMovies("lists-tmdb:private", 15))),
  },
];

export function tmdbUserList(id: number): TmdbUserList | undefined {
  return TMDB_LISTS.find((list) => list.id === id);
}

export type MovieRankingName = "popular" | "top_rated" | "upcoming" | "now_playing";

export interface MovieRanking {
  movies: readonly Movie[];
  /** The release window now_playing and upcoming cover, as TMDb reports it. */
  dates?: { minimum: string; maximum: string };
}

/** How far back "now playing" and how far ahead "upcoming" reach from the reference day. */
const NOW_PLAYING_DAYS = 45;
const UPCOMING_DAYS = 180;
/** TMDb ranks only films with enough votes as top rated. */
const TOP_RATED_MIN_VOTES = 300;

const byPopularity = (a: Movie, b: Movie) => b.popularity - a.popularity || a.id - b.id;
const released = (movie: Movie) => movie.status === "Released" && !movie.adult;

const RANKINGS: Record<MovieRankingName, () => MovieRanking> = {
  popular: lazily(() => ({ movies: allMovies().filter(released).sort(byPopularity) })),
  top_rated: lazily(() => ({
    movies: allMovies()
      .filter((movie) => released(movie) && movie.voteCount >= TOP_RATED_MIN_VOTES)
      .sort((a, b) => b.voteAverage - a.voteAverage || b.voteCount - a.voteCount || a.id - b.id),
  })),
  now_playing: lazily(() => {
    const dates = { minimum: addDays(catalogueReferenceDate(), -NOW_PLAYING_DAYS), maximum: catalogueReferenceDate() };
    const movies = allMovies().filter(
      (movie) => released(movie) && movie.releaseDate >= dates.minimum && movie.releaseDate <= dates.maximum,
    );
    return { movies: movies.sort(byPopularity), dates };
  }),
  upcoming: lazily(() => {
    const dates = {
      minimum: addDays(catalogueReferenceDate(), 1),
      maximum: addDays(catalogueReferenceDate(), UPCOMING_DAYS),
    };
    const movies = allMovies().filter(
      (movie) => !movie.adult && movie.releaseDate >= dates.minimum && movie.releaseDate <= dates.maximum,
    );
    return { movies: movies.sort(byPopularity), dates };
  }),
};

export const MOVIE_RANKING_NAMES = Object.keys(RANKINGS) as MovieRankingName[];

export function movieRanking(name: MovieRankingName): MovieRanking {
  return RANKINGS[name]();
}

export interface DiscoverQuery {
  /** TMDb's syntax: "1,2" means both, "1|2" either. */
  withKeywords?: string;
  withCompanies?: string;
  withGenres?: string;
  sortBy?: string;
  includeAdult?: boolean;
  voteCountGte?: number;
  voteAverageGte?: number;
}

/** Ids matching a TMDb "a,b" (all of) / "a|b" (any of) filter, or undefined for "no filter". */
function matchingIds(filter: string | undefined, idsFor: (id: number) => number[]): Set<number> | undefined {
  if (!filter) return undefined;
  let result: Set<number> | undefined;
  for (const group of filter.split(",")) {
    const anyOf = new Set(group.split("|").flatMap((part) => (/^\d+$/.test(part.trim()) ? idsFor(Number(part)) : [])));
    result = result ? new Set([...result].filter((id) => anyOf.has(id))) : anyOf;
  }
  return result;
}

const DISCOVER_SORTS: Record<string, (a: Movie, b: Movie) => number> = {
  "popularity.desc": byPopularity,
  "popularity.asc": (a, b) => -byPopularity(a, b),
  "vote_average.desc": (a, b) => b.voteAverage - a.voteAverage || a.id - b.id,
  "vote_average.asc": (a, b) => a.voteAverage - b.voteAverage || a.id - b.id,
  "vote_count.desc": (a, b) => b.voteCount - a.voteCount || a.id - b.id,
  "primary_release_date.desc": (a, b) => -byReleaseDate(a, b),
  "primary_release_date.asc": byReleaseDate,
};

export function isDiscoverSort(sortBy: string): boolean {
  return Object.hasOwn(DISCOVER_SORTS, sortBy);
}

/** Movies for /3/discover/movie: the filters TMDb documents that list imports use. */
export function discoverMovies(query: DiscoverQuery): Movie[] {
  const keywordIds = matchingIds(query.withKeywords, movieIdsWithKeyword);
  const companyIds = matchingIds(query.withCompanies, movieIdsOfCompany);
  const genreGroups = query.withGenres?.split(",").map((group) => group.split("|").map(Number));
  const movies = allMovies().filter(
    (movie) =>
      (query.includeAdult || !movie.adult) &&
      (!keywordIds || keywordIds.has(movie.id)) &&
      (!companyIds || companyIds.has(movie.id)) &&
      (!genreGroups || genreGroups.every((anyOf) => anyOf.some((id) => movie.genreIds.includes(id)))) &&
      (query.voteCountGte === undefined || movie.voteCount >= query.voteCountGte) &&
      (query.voteAverageGte === undefined || movie.voteAverage >= query.voteAverageGte),
  );
  return movies.sort(DISCOVER_SORTS[query.sortBy ?? ""] ?? byPopularity);
}
