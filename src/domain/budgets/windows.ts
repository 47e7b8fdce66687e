/**
 * Fixed UTC windows a budget counts calls in. A window is identified by its start (epoch ms),
 * so a counter whose start differs from the current window's start belongs to a past window.
 */
export type WindowKind = "second" | "fiveMinutes" | "day" | "month";

const SECOND_MS = 1000;
const FIVE_MINUTES_MS = 5 * 60 * SECOND_MS;
const DAY_MS = 24 * 60 * 60 * SECOND_MS;

/** Start (epoch ms) of the window of this kind that contains `now`. */
export function windowStart(kind: WindowKind, now: number): number {
  switch (kind) {
    case "second":
      return now - (now % SECOND_MS);
    case "fiveMinutes":
      return now - (now % FIVE_MINUTES_MS);
    case "day":
      return now - (now % DAY_MS);
    case "month": {
      const date = new Date(now);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}

/** End (epoch ms, exclusive) of the window of this kind that contains `now`: when it resets. */
export function windowEnd(kind: WindowKind, now: number): number {
  switch (kind) {
    case "second":
      return windowStart(kind, now) + SECOND_MS;
    case "fiveMinutes":
      return windowStart(kind, now) + FIVE_MINUTES_MS;
    case "day":
      return windowStart(kind, now) + DAY_MS;
    case "month": {
      const date = new Date(now);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
  }
}

/** Whole seconds from `now` until `until`, at least 1 while `until` is still ahead. */
export function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / SECOND_MS));
}
