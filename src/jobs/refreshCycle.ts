import { BUDGETS, backgroundAllowance } from "../domain/budgets";
import { cronIntervalMinutes, SCHEDULED_TASKS } from "./cronSchedule";

/**
 * The scheduled RefreshMovie cycle, within TMDb's background allowance (80% of the seed's 500
 * calls a day: 400). Refreshing every movie once a week would cost library / 7 calls a day
 * (2,858 for 20,000 movies), so a scheduled run reads TMDb's change feed instead
 * (`/3/movie/changes`, ids edited in a window of ≤ 14 days, 100 a page) from the day of the
 * library's oldest refresh, refreshes the library movies that changed (one call each), and marks
 * every other movie whose last refresh the feed covers as checked without a call: its data is
 * current as of the feed. Movies never refreshed, or refreshed before the window (over 14 days
 * ago), are refreshed directly, stalest first. The window is whole UTC days, so the feed is read
 * by the first scheduled run of a day (its window starts yesterday) or a run asked for by hand;
 * the day's other runs refresh, stalest first, what it left: changed movies beyond its calls
 * (they keep their old refresh time, so they are the stalest) and movies never refreshed. A run
 * stops at its share of the allowance and the next run resumes (a feed run that could not read
 * the whole feed marks nothing, so the next feed run reads the same window again).
 */
export const CYCLE_DAYS = 7;
/** Days the change feed answers for in one request. */
const FEED_MAX_DAYS = 14;
const FEED_PAGE_SIZE = 100;

/** RefreshMovie's runs a day, from its cron expression (6-hourly: 4). */
export function refreshRunsPerDay(): number {
  const task = SCHEDULED_TASKS.find((t) => t.command === "RefreshMovie");
  const interval = task ? cronIntervalMinutes(task.cron) : 0;
  return interval > 0 ? Math.max(1, Math.floor((24 * 60) / interval)) : 1;
}

/** Whether a run at `iso` is the first of its UTC day on RefreshMovie's cron. */
export function isFirstRunOfDay(iso: string, runsPerDay = refreshRunsPerDay()): boolean {
  const minutes = Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
  return minutes < (24 * 60) / runsPerDay;
}

/** TMDb's daily background allowance (400). */
export function tmdbBackgroundAllowance(): number {
  return backgroundAllowance(BUDGETS.tmdb) ?? 0;
}

/**
 * Calls one scheduled run may spend. The day's other runs skip the feed and get an eighth of the
 * allowance each (50); the run that reads the feed gets the rest (250 of 400), so a day's runs
 * together never spend more than the allowance and list syncs still have theirs (ApiBudget).
 */
export function refreshCallsPerRun(readsFeed: boolean, runsPerDay = refreshRunsPerDay()): number {
  const allowance = tmdbBackgroundAllowance();
  const quiet = Math.floor(allowance / (2 * runsPerDay));
  return readsFeed ? allowance - (runsPerDay - 1) * quiet : quiet;
}

/** YYYY-MM-DD `days` after `day`. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The feed window for a run on `today`: from the day of the library's oldest refresh (at most
 * FEED_MAX_DAYS back) to today; null when that is today (the feed was read today already).
 */
export function feedWindow(oldestRefresh: string | null, today: string): { start: string; end: string } | null {
  if (!oldestRefresh) return null;
  const earliest = addDays(today, 1 - FEED_MAX_DAYS);
  // The later of the two days (YYYY-MM-DD sorts as it reads).
  const start = [oldestRefresh.slice(0, 10), earliest].sort()[1];
  return start >= today ? null : { start, end: today };
}

/**
 * TMDb calls a day for a library of `librarySize` when the feed lists `feedIdsPerDay` movies a
 * day and `libraryChangeShare` of the library changes a day: the feed run reads about a day and a
 * quarter of feed (yesterday whole, plus today up to its run), and each changed movie costs one call.
 */
export function dailyRefreshCalls(librarySize: number, feedIdsPerDay: number, libraryChangeShare: number) {
  const feedPages = Math.ceil((feedIdsPerDay * 1.25) / FEED_PAGE_SIZE);
  const movieCalls = Math.ceil(librarySize * libraryChangeShare);
  return { feedPages, movieCalls, total: feedPages + movieCalls };
}
