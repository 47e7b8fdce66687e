import { describe, expect, it } from "vitest";
import {
  CYCLE_DAYS,
  dailyRefreshCalls,
  feedWindow,
  isFirstRunOfDay,
  refreshCallsPerRun,
  refreshRunsPerDay,
  tmdbBackgroundAllowance,
} from "../../src/jobs/refreshCycle";

describe("the RefreshMovie cycle", () => {
  it("runs 4 times a day on its 6-hourly cron, within TMDb's background allowance of 400 calls", () => {
    expect(CYCLE_DAYS).toBe(7);
    expect(refreshRunsPerDay()).toBe(4);
    expect(tmdbBackgroundAllowance()).toBe(400);
    // The feed run takes 250, the other three 50 each: 400 a day at most.
    expect(refreshCallsPerRun(true)).toBe(250);
    expect(refreshCallsPerRun(false)).toBe(50);
    expect(refreshCallsPerRun(true) + 3 * refreshCallsPerRun(false)).toBeLessThanOrEqual(tmdbBackgroundAllowance());
  });

  it("reads the change feed from the day of the oldest refresh, at most 14 days back, once a day", () => {
    expect(feedWindow("2026-12-06T06:00:00.000Z", "2026-12-07")).toEqual({ start: "2026-12-06", end: "2026-12-07" });
    expect(feedWindow("2026-11-01T06:00:00.000Z", "2026-12-07")).toEqual({ start: "2026-11-24", end: "2026-12-07" });
    // Every movie already checked today: the feed was read today.
    expect(feedWindow("2026-12-07T00:10:00.000Z", "2026-12-07")).toBeNull();
    expect(feedWindow(null, "2026-12-07")).toBeNull();
    // The day's first scheduled run (00:00 UTC on the 6-hourly cron) reads it.
    expect(isFirstRunOfDay("2026-12-07T00:00:03.000Z")).toBe(true);
    expect(isFirstRunOfDay("2026-12-07T06:00:03.000Z")).toBe(false);
  });

  it("keeps a 20,000-movie library current under realistic change rates, under the allowance", () => {
    // A week of refreshing every movie would be 2,858 calls a day.
    expect(Math.ceil(20_000 / CYCLE_DAYS)).toBeGreaterThan(tmdbBackgroundAllowance());
    // TMDb's feed at 5,000 ids a day, 0.5% of the library edited a day.
    expect(dailyRefreshCalls(20_000, 5_000, 0.005)).toEqual({ feedPages: 63, movieCalls: 100, total: 163 });
    // At 10,000 ids and 1% a day: 125 pages + 200 movies, still under 400.
    const busy = dailyRefreshCalls(20_000, 10_000, 0.01);
    expect(busy.total).toBe(325);
    expect(busy.total).toBeLessThanOrEqual(tmdbBackgroundAllowance());
    expect(busy.total).toBeLessThanOrEqual(refreshCallsPerRun(true) + 3 * refreshCallsPerRun(false));
  });
});
