import { describe, expect, it } from "vitest";
import { CYCLE_DAYS, refreshBatchSize, refreshRunsPerCycle } from "../../src/jobs/refreshCycle";

describe("the RefreshMovie cycle", () => {
  it("runs 28 times a week on its 6-hourly cron", () => {
    expect(CYCLE_DAYS).toBe(7);
    expect(refreshRunsPerCycle()).toBe(28);
  });

  it("refreshes a 20,000-movie library within 7 days: 715 movies a run", () => {
    const batch = refreshBatchSize(20_000);
    expect(batch).toBe(715);
    expect(batch * refreshRunsPerCycle()).toBeGreaterThanOrEqual(20_000);
  });

  it("refreshes at least 50 movies a run in a small library", () => {
    expect(refreshBatchSize(0)).toBe(50);
    expect(refreshBatchSize(1_000)).toBe(50);
  });
});
