const DAY_MS = 86_400_000;

/** A movie's release dates (ISO dates or date-times; null when unknown). */
interface ReleaseDates {
  inCinemas: string | null;
  physicalRelease: string | null;
  digitalRelease: string | null;
}

const since = (date: string | null, now: number, days: number) => {
  const at = date ? Date.parse(date) : Number.NaN;
  return Number.isFinite(at) && at >= now - days * DAY_MS;
};

/**
 * Radarr's MovieMetadata.IsRecentMovie, which picks a download client's recent or older
 * priority: released on disc or digitally within the last 21 days, or in cinemas within the last
 * 120 (dates still ahead count as recent too).
 */
export function isRecentMovie(dates: ReleaseDates, now: number): boolean {
  return (
    since(dates.physicalRelease, now, 21) || since(dates.digitalRelease, now, 21) || since(dates.inCinemas, now, 120)
  );
}
