import { allMovies, catalogueReferenceDate, type Movie } from "./catalogue";
import { movieOverview } from "./details";
import { Random } from "./prng";
import { ADJECTIVES, NOUNS, PLACES } from "./words";

/**
 * The simulated Plex watchlists. Movies are catalogue movies (with their imdb:// and tmdb://
 * guids; upcoming ones may have no IMDb id yet, as on Plex); a few shows are mixed in, which a
 * movie manager must skip. Newest first, as Plex sorts by `watchlistedAt:desc`.
 */

/** The account token the simulated Plex accepts; any other token gets 401. */
export const PLEX_SIM_TOKEN = "plex-sim-token";
/** A valid token whose watchlist is empty. */
const PLEX_SIM_EMPTY_TOKEN = "plex-sim-token-empty";

export interface PlexWatchlistEntry {
  type: "movie" | "show";
  ratingKey: string;
  title: string;
  year: number | null;
  /** "imdb://tt…", "tmdb://…", "tvdb://…". */
  guids: string[];
  /** Unix seconds. */
  watchlistedAt: number;
  originallyAvailableAt: string | null;
  contentRating: string | null;
  summary: string;
  /** The watch.plex.tv path, e.g. "movie/the-matrix". */
  slug: string;
}

interface WatchlistSpec {
  seed: string;
  movies: number;
  shows: number;
}

const WATCHLISTS: Record<string, WatchlistSpec> = {
  [PLEX_SIM_TOKEN]: { seed: "plex-watchlist", movies: 218, shows: 12 },
  [PLEX_SIM_EMPTY_TOKEN]: { seed: "plex-empty", movies: 0, shows: 0 },
};

export interface PlexRssFeedSpec {
  id: string;
  title: string;
  /** The watchlist the feed publishes (by its account token). */
  token: string;
  /** Items per feed page; a longer feed links to its next page. */
  pageSize: number;
}

export const PLEX_RSS_FEEDS: readonly PlexRssFeedSpec[] = [
  { id: "7e2ad8c4-5f1b-4a3e-9d6c-0b1a2c3d4e5f", title: "Watchlist", token: PLEX_SIM_TOKEN, pageSize: 50 },
  { id: "3c9f1e27-86b0-4d2a-a1f5-c4e8d7b6a901", title: "Watchlist", token: PLEX_SIM_EMPTY_TOKEN, pageSize: 50 },
];

export function plexRssFeed(id: string): PlexRssFeedSpec | undefined {
  return PLEX_RSS_FEEDS.find((feed) => feed.id === id);
}

function slugify(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const referenceSeconds = () => Date.parse(`${catalogueReferenceDate()}T00:00:00Z`) / 1000;

function movieEntry(movie: Movie, watchlistedAt: number): PlexWatchlistEntry {
  const random = new Random(`plex:${movie.id}`);
  return {
    type: "movie",
    ratingKey: `5d77${random.hex(20)}`,
    title: movie.title,
    year: movie.releaseDate ? Number(movie.releaseDate.slice(0, 4)) : null,
    guids: [...(movie.imdbId ? [`imdb://${movie.imdbId}`] : []), `tmdb://${movie.id}`],
    watchlistedAt,
    originallyAvailableAt: movie.releaseDate || null,
    contentRating: movie.certification || null,
    summary: movieOverview(movie),
    slug: `movie/${slugify(movie.title)}`,
  };
}

function showEntry(seed: string, index: number, watchlistedAt: number): PlexWatchlistEntry {
  const random = new Random(`plex-show:${seed}:${index}`);
  const title = `The ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} of ${random.pick(PLACES)}`;
  const year = random.int(1995, 2025);
  return {
    type: "show",
    ratingKey: `5d9c${random.hex(20)}`,
    title,
    year,
    guids: [`imdb://tt8${String(random.int(1, 9_999_999)).padStart(7, "0")}`, `tvdb://${random.int(70_000, 450_000)}`],
    watchlistedAt,
    originallyAvailableAt: `${year}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
    contentRating: "TV-14",
    summary: "A series the simulator made up; movie managers skip it.",
    slug: `show/${slugify(title)}`,
  };
}

const cache = new Map<string, PlexWatchlistEntry[]>();

function buildWatchlist(spec: WatchlistSpec): PlexWatchlistEntry[] {
  const random = new Random(spec.seed);
  const movies = random.sample(
    allMovies().filter((movie) => movie.status !== "Planned"),
    spec.movies,
  );
  const total = spec.movies + spec.shows;
  const stride = spec.shows > 0 ? Math.floor(total / spec.shows) : 0;
  const entries: PlexWatchlistEntry[] = [];
  let movieIndex = 0;
  for (let i = 0; i < total; i++) {
    const watchlistedAt = referenceSeconds() - i * 86_400 - random.int(0, 80_000);
    const isShow = stride > 0 && i % stride === stride - 1 && entries.length - movieIndex < spec.shows;
    entries.push(
      isShow || movieIndex >= movies.length
        ? showEntry(spec.seed, i, watchlistedAt)
        : movieEntry(movies[movieIndex++], watchlistedAt),
    );
  }
  return entries;
}

/** The watchlist of an account token, or undefined when Plex would not accept the token. */
export function plexWatchlist(token: string): PlexWatchlistEntry[] | undefined {
  const spec = WATCHLISTS[token];
  if (!spec) return undefined;
  let entries = cache.get(token);
  if (!entries) {
    entries = buildWatchlist(spec);
    cache.set(token, entries);
  }
  return entries;
}
