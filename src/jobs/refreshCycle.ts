import { cronIntervalMinutes, SCHEDULED_TASKS } from "./cronSchedule";

/**
 * How many movies one RefreshMovie run without ids refreshes, stalest first, so the whole
 * library is refreshed within CYCLE_DAYS. Each refresh is one TMDb call (movie details with its
 * appended parts), and the details cache (24 h) has long expired for a movie refreshed a week ago.
 *
 * With the cron every 6 hours (28 runs a week): a 20,000-movie library takes ceil(20000 / 28) =
 * 715 movies a run, 2,860 TMDb calls a day, 0.033 a second on average; each run's 715 calls go
 * out in about 18 s at TMDb's 40 calls/s window (the ApiBudget "tmdb" hard limit), spread over
 * chunks of about 8 s (src/jobs/commandRunner.ts). That is above the seed's soft daily TMDb target of 500
 * (reported, never enforced): at one call a movie, 500 a day cycles at most 3,500 movies a week,
 * so a library above that size either exceeds the target or cycles more slowly — we keep the
 * 7-day cycle and document it (docs/operations.md). Small libraries refresh MIN_BATCH a run.
 */
export const CYCLE_DAYS = 7;
const MIN_BATCH = 50;

/** RefreshMovie's runs per cycle, from its cron expression (6-hourly: 28). */
export function refreshRunsPerCycle(): number {
  const task = SCHEDULED_TASKS.find((t) => t.command === "RefreshMovie");
  const interval = task ? cronIntervalMinutes(task.cron) : 0;
  return interval > 0 ? Math.floor((CYCLE_DAYS * 24 * 60) / interval) : 1;
}

/** Movies to refresh per run for a library of `librarySize`, so it cycles within CYCLE_DAYS. */
export function refreshBatchSize(librarySize: number, runsPerCycle = refreshRunsPerCycle()): number {
  return Math.max(MIN_BATCH, Math.ceil(librarySize / runsPerCycle));
}
