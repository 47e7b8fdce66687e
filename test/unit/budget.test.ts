import { describe, expect, test } from "vitest";
import {
  applyOutcome,
  BUDGETS,
  type BudgetState,
  decide,
  emptyBudgetState,
  reserveCalls,
  returnCalls,
  usageOf,
  windowEnd,
  windowStart,
} from "../../src/domain/budgets";

const at = (iso: string) => Date.parse(iso);
const { watchmode, trakt, tmdb } = BUDGETS;

/** The state after granting `times` single reservations at `now` (each must be granted). */
function reserveTimes(budget: typeof watchmode, times: number, now: number, state = emptyBudgetState()) {
  for (let i = 0; i < times; i++) {
    const result = reserveCalls(budget, state, now);
    expect(result.decision, `reservation ${i + 1}`).toEqual({ granted: true });
    state = result.state;
  }
  return state;
}

describe("budget windows", () => {
  test("UTC day and month start at midnight UTC and end at the next", () => {
    const now = at("2026-03-31T23:59:59.500Z");
    expect(windowStart("day", now)).toBe(at("2026-03-31T00:00:00Z"));
    expect(windowEnd("day", now)).toBe(at("2026-04-01T00:00:00Z"));
    expect(windowStart("month", now)).toBe(at("2026-03-01T00:00:00Z"));
    expect(windowEnd("month", now)).toBe(at("2026-04-01T00:00:00Z"));
    expect(windowEnd("month", at("2026-12-15T12:00:00Z"))).toBe(at("2027-01-01T00:00:00Z"));
  });

  test("five-minute buckets align to the clock", () => {
    const now = at("2026-05-05T10:07:30Z");
    expect(windowStart("fiveMinutes", now)).toBe(at("2026-05-05T10:05:00Z"));
    expect(windowEnd("fiveMinutes", now)).toBe(at("2026-05-05T10:10:00Z"));
  });

  test("seconds are whole seconds", () => {
    const now = at("2026-05-05T10:07:30.999Z");
    expect(windowStart("second", now)).toBe(at("2026-05-05T10:07:30Z"));
    expect(windowEnd("second", now)).toBe(at("2026-05-05T10:07:31Z"));
  });
});

describe("watchmode budget", () => {
  const noon = at("2026-03-10T12:00:00Z");

  test("grants 33 calls a day and refuses the 34th until the next UTC day", () => {
    const state = reserveTimes(watchmode, 33, noon);
    expect(reserveCalls(watchmode, state, noon)).toEqual({
      decision: { granted: false, reason: "budgetExhausted", retryAfterSeconds: 12 * 3600, window: "day" },
      state,
    });
  });

  test("the day resets at midnight UTC but the month keeps counting", () => {
    const full = reserveTimes(watchmode, 33, noon);
    const nextDay = at("2026-03-11T00:00:00Z");
    expect(decide(watchmode, full, nextDay - 1).granted).toBe(false);
    const after = reserveTimes(watchmode, 1, nextDay, full);
    const usage = usageOf(watchmode, after, nextDay);
    expect(usage.windows).toEqual([
      { name: "day", limit: 33, used: 1, remaining: 32, resetsAt: "2026-03-12T00:00:00.000Z" },
      { name: "month", limit: 1000, used: 34, remaining: 966, resetsAt: "2026-04-01T00:00:00.000Z" },
    ]);
  });

  test("a used-up month refuses until the first of the next month, even on a fresh day", () => {
    const state: BudgetState = {
      counters: {
        day: { start: at("2026-03-30T00:00:00Z"), used: 33 },
        month: { start: at("2026-03-01T00:00:00Z"), used: 1000 },
      },
    };
    const now = at("2026-03-31T18:00:00Z");
    expect(decide(watchmode, state, now)).toEqual({
      granted: false,
      reason: "budgetExhausted",
      retryAfterSeconds: 6 * 3600,
      window: "month",
    });
    expect(decide(watchmode, state, at("2026-04-01T00:00:00Z"))).toEqual({ granted: true });
  });

  test("refuses a batch that would overshoot, while a smaller one fits", () => {
    const state = reserveTimes(watchmode, 30, noon);
    expect(decide(watchmode, state, noon, 4).granted).toBe(false);
    expect(decide(watchmode, state, noon, 3).granted).toBe(true);
  });

  test("counters of past windows are replaced, not kept", () => {
    const state = reserveTimes(watchmode, 2, at("2026-01-31T10:00:00Z"));
    const next = reserveTimes(watchmode, 1, at("2026-02-01T10:00:00Z"), state);
    expect(next.counters).toEqual({
      day: { start: at("2026-02-01T00:00:00Z"), used: 1 },
      month: { start: at("2026-02-01T00:00:00Z"), used: 1 },
    });
  });
});

describe("trakt budget", () => {
  test("grants 1,000 calls per five-minute window, then waits for the next", () => {
    const now = at("2026-05-05T10:07:30Z");
    const state = reserveTimes(trakt, 1000, now);
    expect(decide(trakt, state, now)).toEqual({
      granted: false,
      reason: "budgetExhausted",
      retryAfterSeconds: 150,
      window: "fiveMinutes",
    });
    expect(decide(trakt, state, at("2026-05-05T10:10:00Z"))).toEqual({ granted: true });
  });

  test("the soft daily target of 200 never refuses; it is reported as over", () => {
    const now = at("2026-05-05T10:07:30Z");
    const state = reserveTimes(trakt, 201, now);
    expect(usageOf(trakt, state, now).softTarget).toEqual({ perDay: 200, usedToday: 201, over: true });
    const underState = reserveTimes(trakt, 200, now);
    expect(usageOf(trakt, underState, now).softTarget).toEqual({ perDay: 200, usedToday: 200, over: false });
  });

  test("the day's count spans five-minute windows", () => {
    const state = reserveTimes(trakt, 3, at("2026-05-05T10:07:30Z"));
    const later = reserveTimes(trakt, 2, at("2026-05-05T11:00:00Z"), state);
    const usage = usageOf(trakt, later, at("2026-05-05T11:00:00Z"));
    expect(usage.windows[0]).toMatchObject({ name: "fiveMinutes", used: 2, remaining: 998 });
    expect(usage.softTarget?.usedToday).toBe(5);
  });
});

describe("tmdb budget", () => {
  test("grants 40 calls a second and the next second starts afresh", () => {
    const now = at("2026-05-05T10:07:30.250Z");
    const state = reserveTimes(tmdb, 40, now);
    expect(decide(tmdb, state, now)).toEqual({
      granted: false,
      reason: "budgetExhausted",
      retryAfterSeconds: 1,
      window: "second",
    });
    expect(decide(tmdb, state, at("2026-05-05T10:07:31Z"))).toEqual({ granted: true });
  });

  test("reports its soft daily target of 500", () => {
    const now = at("2026-05-05T10:07:30Z");
    const usage = usageOf(tmdb, reserveTimes(tmdb, 7, now), now);
    expect(usage.softTarget).toEqual({ perDay: 500, usedToday: 7, over: false });
    expect(usage.windows).toEqual([
      { name: "second", limit: 40, used: 7, remaining: 33, resetsAt: "2026-05-05T10:07:31.000Z" },
    ]);
  });
});

describe("pauses", () => {
  const now = at("2026-03-10T12:00:00Z");

  test("a 429 with Retry-After pauses until then, and only until then", () => {
    const paused = applyOutcome(trakt, emptyBudgetState(), { status: 429, retryAfterSeconds: 30 }, now);
    expect(decide(trakt, paused, now + 10_000)).toEqual({
      granted: false,
      reason: "paused",
      retryAfterSeconds: 20,
      window: "retryAfter",
    });
    expect(usageOf(trakt, paused, now).pausedUntil).toBe("2026-03-10T12:00:30.000Z");
    expect(decide(trakt, paused, now + 30_000)).toEqual({ granted: true });
    expect(usageOf(trakt, paused, now + 30_000).pausedUntil).toBeUndefined();
  });

  test("a 429 without Retry-After waits for the narrowest window to reset", () => {
    const paused = applyOutcome(watchmode, emptyBudgetState(), { status: 429 }, now);
    expect(decide(watchmode, paused, now)).toMatchObject({
      reason: "paused",
      retryAfterSeconds: 12 * 3600,
      window: "day",
    });
  });

  test("a 402 without Retry-After waits for the widest window (the plan's quota) to reset", () => {
    const paused = applyOutcome(watchmode, emptyBudgetState(), { status: 402 }, now);
    expect(decide(watchmode, paused, now)).toMatchObject({ reason: "paused", window: "month" });
    expect(usageOf(watchmode, paused, now).pausedUntil).toBe("2026-04-01T00:00:00.000Z");
  });

  test("other statuses change nothing, and a shorter pause does not cut a longer one", () => {
    const state = emptyBudgetState();
    expect(applyOutcome(tmdb, state, { status: 200 }, now)).toBe(state);
    expect(applyOutcome(tmdb, state, { status: 500, retryAfterSeconds: 60 }, now)).toBe(state);
    const long = applyOutcome(tmdb, state, { status: 429, retryAfterSeconds: 60 }, now);
    expect(applyOutcome(tmdb, long, { status: 429, retryAfterSeconds: 5 }, now)).toBe(long);
  });

  test("a pause refuses even when the windows have room, and grants do not count while paused", () => {
    const paused = applyOutcome(tmdb, emptyBudgetState(), { status: 429, retryAfterSeconds: 2 }, now);
    const result = reserveCalls(tmdb, paused, now);
    expect(result.decision.granted).toBe(false);
    expect(usageOf(tmdb, result.state, now).windows[0].used).toBe(0);
  });
});

describe("background work's share of the daily targets", () => {
  const now = at("2026-05-10T15:00:00Z");

  /** Spreads `times` calls over the day (one a second from midnight), so per-second windows never fill. */
  function usedToday(budget: typeof tmdb, times: number) {
    let state = emptyBudgetState();
    const midnight = windowStart("day", now);
    for (let i = 0; i < times; i++) state = reserveCalls(budget, state, midnight + i * 1000).state;
    return state;
  }

  test.each([
    [tmdb, 400],
    [trakt, 160],
  ])("background work stops at 80% of %s's target; interactive calls go on", (budget, allowance) => {
    const state = usedToday(budget, allowance - 1);
    const last = reserveCalls(budget, state, now, 1, "background");
    expect(last.decision).toEqual({ granted: true });
    expect(decide(budget, last.state, now, 1, "background")).toEqual({
      granted: false,
      reason: "backgroundLimit",
      retryAfterSeconds: 9 * 60 * 60,
      window: "day",
    });
    expect(decide(budget, last.state, now, 1, "interactive")).toEqual({ granted: true });
    expect(decide(budget, last.state, windowEnd("day", now), 1, "background")).toEqual({ granted: true });
  });

  test("a budget without a daily target has no background limit", () => {
    expect(decide(watchmode, emptyBudgetState(), now, 1, "background")).toEqual({ granted: true });
  });
});

describe("bulk reservations (a list sync's pages, as one unit)", () => {
  const now = at("2026-05-10T15:02:30Z");

  test("trakt's bulk allowance is half its 5-minute limit, granted whole or not at all", () => {
    expect(trakt.bulk).toEqual({ window: "fiveMinutes", limit: 500 });
    const first = reserveCalls(trakt, emptyBudgetState(), now, 201, "bulk");
    expect(first.decision).toEqual({ granted: true });
    const second = reserveCalls(trakt, first.state, now, 201, "bulk");
    expect(second.decision).toEqual({ granted: true });
    expect(decide(trakt, second.state, now, 201, "bulk")).toEqual({
      granted: false,
      reason: "bulkLimit",
      retryAfterSeconds: 150,
      window: "fiveMinutes",
    });
    // 98 bulk calls are left in this window, and the next window starts afresh.
    expect(decide(trakt, second.state, now, 98, "bulk")).toEqual({ granted: true });
    expect(decide(trakt, second.state, windowEnd("fiveMinutes", now), 201, "bulk")).toEqual({ granted: true });
    const usage = usageOf(trakt, second.state, now);
    expect(usage.bulk).toMatchObject({ name: "fiveMinutes", limit: 500, used: 402, remaining: 98 });
    expect(usage.windows[0]).toMatchObject({ used: 402 });
    expect(usage.softTarget).toEqual({ perDay: 200, usedToday: 402, over: true });
  });

  test("bulk calls leave background work's daily share and interactive calls alone", () => {
    const bulk = reserveCalls(trakt, emptyBudgetState(), now, 400, "bulk").state;
    expect(decide(trakt, bulk, now, 160, "background")).toEqual({ granted: true });
    expect(decide(trakt, bulk, now, 161, "background")).toMatchObject({ granted: false, reason: "backgroundLimit" });
    expect(decide(trakt, bulk, now, 600, "interactive")).toEqual({ granted: true });
    expect(decide(trakt, bulk, now, 601, "interactive")).toMatchObject({ granted: false, reason: "budgetExhausted" });
    // Per-call work keeps the bulk counters as they were.
    const after = reserveCalls(trakt, bulk, now, 10, "background").state;
    expect(usageOf(trakt, after, now).bulk?.used).toBe(400);
  });

  test("the hard limit still refuses bulk work, and a pause holds it", () => {
    const busy = reserveCalls(trakt, emptyBudgetState(), now, 900).state;
    expect(decide(trakt, busy, now, 101, "bulk")).toMatchObject({ granted: false, reason: "budgetExhausted" });
    const paused = applyOutcome(trakt, emptyBudgetState(), { status: 429, retryAfterSeconds: 30 }, now);
    expect(decide(trakt, paused, now, 1, "bulk")).toMatchObject({ granted: false, reason: "paused" });
  });

  test("calls a sync reserved and never made are given back to the window they were counted in", () => {
    const reserved = reserveCalls(trakt, emptyBudgetState(), now, 40, "bulk").state;
    const afterOthers = reserveCalls(trakt, reserved, now, 5, "interactive").state;
    // The sync read 4 of its 40 pages, then failed: 36 come back, the others' 5 calls stay.
    const returned = returnCalls(trakt, afterOthers, 36, "bulk", now + 10_000);
    const usage = usageOf(trakt, returned, now + 20_000);
    expect(usage.bulk?.used).toBe(4);
    expect(usage.windows[0].used).toBe(9);
    expect(usage.softTarget?.usedToday).toBe(9);
    expect(decide(trakt, returned, now, 496, "bulk")).toEqual({ granted: true });
    // Never below zero, and a window that has passed owes the new one nothing.
    expect(usageOf(trakt, returnCalls(trakt, afterOthers, 999, "bulk", now), now).bulk?.used).toBe(0);
    const later = windowEnd("fiveMinutes", now);
    const next = reserveCalls(trakt, afterOthers, later, 10, "bulk").state;
    const stale = returnCalls(trakt, next, 36, "bulk", now);
    expect(usageOf(trakt, stale, later).bulk?.used).toBe(10);
    expect(usageOf(trakt, stale, later).windows[0].used).toBe(10);
    // The day's counters did count the old reservation, and give it back.
    expect(usageOf(trakt, stale, later).softTarget?.usedToday).toBe(55 - 36);
  });

  test("a budget without a bulk allowance treats bulk work as background", () => {
    expect(tmdb.bulk).toBeUndefined();
    expect(decide(tmdb, emptyBudgetState(), now, 1, "bulk")).toEqual({ granted: true });
    const state: BudgetState = reserveCalls(tmdb, emptyBudgetState(), windowStart("day", now), 40).state;
    expect(usageOf(tmdb, state, now).bulk).toBeUndefined();
  });
});
