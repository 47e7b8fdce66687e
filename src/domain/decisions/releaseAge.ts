import type { Release, ReleaseAge } from "./types";

const MINUTES_PER_DAY = 24 * 60;

const ISO_INSTANT_LENGTH = "2026-01-01T00:00:00.000Z".length;

/** The digits at [start, end) as a number, or -1 when any is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `Date.parse`, with a fast path for the canonical "YYYY-MM-DDTHH:mm:ss.sssZ" that indexers'
 * dates are stored as (Date.parse is a hot spot when judging thousands of releases). Anything
 * else, and any value the fast path cannot vouch for, goes to Date.parse.
 */
function parseIsoInstant(text: string): number {
  if (
    text.length !== ISO_INSTANT_LENGTH ||
    text[4] !== "-" ||
    text[7] !== "-" ||
    text[10] !== "T" ||
    text[13] !== ":" ||
    text[16] !== ":" ||
    text[19] !== "." ||
    text[23] !== "Z"
  ) {
    return Date.parse(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const millisecond = digits(text, 20, 23);
  const plain = year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour < 24;
  if (!plain || minute < 0 || minute > 59 || second < 0 || second > 59 || millisecond < 0) return Date.parse(text);
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

/** The release's age from the indexer's own figures, else from its publish date. */
export function releaseAge(release: Release, now: number): ReleaseAge {
  let minutes: number | undefined;
  if (release.ageMinutes !== undefined) minutes = release.ageMinutes;
  else if (release.ageHours !== undefined) minutes = release.ageHours * 60;
  else if (release.publishDate) {
    const published = parseIsoInstant(release.publishDate);
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
