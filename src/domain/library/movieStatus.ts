/** Radarr's movie statuses, in the order a release moves through them. */
export const MOVIE_STATUSES = ["tba", "announced", "inCinemas", "released", "deleted"] as const;
export type MovieStatus = (typeof MOVIE_STATUSES)[number];

/** What minimumAvailability may be set to. */
export const MINIMUM_AVAILABILITIES = ["tba", "announced", "inCinemas", "released"] as const;
export type MinimumAvailability = (typeof MINIMUM_AVAILABILITIES)[number];

export interface ReleaseDates {
  inCinemas: string | null;
  digitalRelease: string | null;
  physicalRelease: string | null;
}

const DAY_MS = 86_400_000;
// Radarr assumes a home release about 90 days after the cinema release when none is known.
const ASSUMED_HOME_RELEASE_DAYS = 90;

const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);

function earliestHomeRelease(dates: ReleaseDates): number {
  const candidates = [time(dates.digitalRelease), time(dates.physicalRelease)].filter((t) => !Number.isNaN(t));
  if (candidates.length) return Math.min(...candidates);
  const cinema = time(dates.inCinemas);
  return Number.isNaN(cinema) ? Number.NaN : cinema + ASSUMED_HOME_RELEASE_DAYS * DAY_MS;
}

const UNRELEASED_TMDB_STATUSES = new Set(["Rumored", "Planned", "In Production", "Post Production"]);

/** The movie's status from TMDb's status and its release dates, as Radarr derives it. */
export function deriveMovieStatus(tmdbStatus: string | undefined, dates: ReleaseDates, now: number): MovieStatus {
  const home = earliestHomeRelease(dates);
  if (!Number.isNaN(home) && home <= now) return "released";
  const cinema = time(dates.inCinemas);
  if (!Number.isNaN(cinema) && cinema <= now) return "inCinemas";
  if (!Number.isNaN(cinema) || !Number.isNaN(home)) return "announced";
  if (tmdbStatus === "Released") return "released";
  if (tmdbStatus && UNRELEASED_TMDB_STATUSES.has(tmdbStatus)) return "announced";
  return "tba";
}

/**
 * Radarr's `Movie.IsAvailable`: the date the minimum availability is reached (the cinema date for
 * inCinemas; the first digital/physical release — or cinema + 90 days — for released) has passed.
 * Without any date the status decides.
 */
export function isMovieAvailable(
  movie: ReleaseDates & { status: MovieStatus; minimumAvailability: MinimumAvailability },
  now: number,
): boolean {
  const wanted = movie.minimumAvailability;
  if (wanted === "tba" || wanted === "announced") return true;
  const date = availableFrom(movie);
  if (!Number.isNaN(date)) return now >= date;
  return MOVIE_STATUSES.indexOf(movie.status) >= MOVIE_STATUSES.indexOf(wanted) && movie.status !== "deleted";
}

/**
 * The instant from which isMovieAvailable holds by date (epoch ms); NaN when no date decides (the
 * status does, or the minimum availability is tba/announced): the answer never changes with time then.
 */
export function availableFrom(movie: ReleaseDates & { minimumAvailability: MinimumAvailability }): number {
  const wanted = movie.minimumAvailability;
  if (wanted === "tba" || wanted === "announced") return Number.NaN;
  return wanted === "inCinemas" && movie.inCinemas ? time(movie.inCinemas) : earliestHomeRelease(movie);
}
