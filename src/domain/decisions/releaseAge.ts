import type { Release, ReleaseAge } from "./types";

const MINUTES_PER_DAY = 24 * 60;

/** The release's age from the indexer's own figures, else from its publish date. */
export function releaseAge(release: Release, now: number): ReleaseAge {
  let minutes: number | undefined;
  if (release.ageMinutes !== undefined) minutes = release.ageMinutes;
  else if (release.ageHours !== undefined) minutes = release.ageHours * 60;
  else if (release.publishDate) {
    const published = Date.parse(release.publishDate);
    if (!Number.isNaN(published)) minutes = (now - published) / 60_000;
  } else if (release.age !== undefined) minutes = release.age * MINUTES_PER_DAY;
  if (minutes === undefined) return { known: false, days: 0, hours: 0, minutes: 0 };
  return {
    known: true,
    days: release.age ?? Math.floor(minutes / MINUTES_PER_DAY),
    hours: minutes / 60,
    minutes,
  };
}
