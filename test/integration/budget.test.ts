import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import type { ApiBudget } from "../../durable-objects/ApiBudget";
import * as clock from "../../src/clock";
import { type BudgetDecision, type WindowKind, windowEnd } from "../../src/domain/budgets";
import { budgetFor, reserveUpstreamCall } from "../../src/integrations/budget";

// Every test starts from empty storage (setup.ts resets it), so each budget starts unused.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits out the current window when it ends within `marginMs`, so a test never spans a reset. */
async function clearOfReset(kind: WindowKind, marginMs = 3000) {
  const left = windowEnd(kind, clock.now()) - clock.now();
  if (left < marginMs) await sleep(left + 50);
}

const secondsToReset = (kind: WindowKind) => (windowEnd(kind, clock.now()) - clock.now()) / 1000;

async function reserveConcurrently(service: "watchmode" | "trakt", calls: number): Promise<BudgetDecision[]> {
  const budget = budgetFor(env, service);
  return Promise.all(Array.from({ length: calls }, () => budget.reserve()));
}

describe("ApiBudget under concurrency", () => {
  test("1,000 simultaneous Watchmode reservations get exactly 33 grants", async () => {
    await clearOfReset("day");
    const decisions = await reserveConcurrently("watchmode", 1000);
    expect(decisions.filter((d) => d.granted)).toHaveLength(33);
    const refused = decisions.filter((d) => !d.granted);
    expect(refused).toHaveLength(967);
    const expectedWait = secondsToReset("day");
    for (const decision of refused) {
      expect(decision).toMatchObject({ granted: false, reason: "budgetExhausted", window: "day" });
      if (!decision.granted) expect(Math.abs(decision.retryAfterSeconds - expectedWait)).toBeLessThanOrEqual(2);
    }
    const usage = await budgetFor(env, "watchmode").usage();
    expect(usage.windows.map((w) => [w.name, w.used, w.remaining])).toEqual([
      ["day", 33, 0],
      ["month", 33, 967],
    ]);
  });

  test("1,100 simultaneous Trakt reservations get exactly 1,000 grants in a five-minute window", async () => {
    await clearOfReset("fiveMinutes");
    const decisions = await reserveConcurrently("trakt", 1100);
    expect(decisions.filter((d) => d.granted)).toHaveLength(1000);
    const refused = decisions.filter((d) => !d.granted);
    expect(refused).toHaveLength(100);
    expect(refused[0]).toMatchObject({ reason: "budgetExhausted", window: "fiveMinutes" });
    const usage = await budgetFor(env, "trakt").usage();
    expect(usage.windows[0]).toMatchObject({ name: "fiveMinutes", limit: 1000, used: 1000, remaining: 0 });
    expect(usage.softTarget).toEqual({ perDay: 200, usedToday: 1000, over: true });
  });

  test("reserveUpstreamCall reserves against the named service's budget", async () => {
    await clearOfReset("day");
    expect(await reserveUpstreamCall(env, "watchmode")).toEqual({ granted: true });
    expect(await reserveUpstreamCall(env, "tmdb")).toEqual({ granted: true });
    expect((await budgetFor(env, "watchmode").usage()).windows[0].used).toBe(1);
    expect((await budgetFor(env, "trakt").usage()).windows[0].used).toBe(0);
  });
});

describe("ApiBudget pauses", () => {
  test("a 429 with Retry-After pauses the upstream until then", async () => {
    const budget = budgetFor(env, "tmdb");
    await budget.report({ status: 429, retryAfterSeconds: 1 });
    expect(await budget.reserve()).toEqual({
      granted: false,
      reason: "paused",
      retryAfterSeconds: 1,
      window: "retryAfter",
    });
    expect((await budget.usage()).pausedUntil).toEqual(expect.any(String));
    await sleep(1100);
    expect(await budget.reserve()).toEqual({ granted: true });
    expect((await budget.usage()).pausedUntil).toBeUndefined();
  });

  test("a 402 without Retry-After pauses Watchmode to the end of its month", async () => {
    await clearOfReset("month");
    const budget = budgetFor(env, "watchmode");
    await budget.report({ status: 402 });
    const decision = await budget.reserve();
    expect(decision).toMatchObject({ granted: false, reason: "paused", window: "month" });
    if (!decision.granted)
      expect(Math.abs(decision.retryAfterSeconds - secondsToReset("month"))).toBeLessThanOrEqual(2);
    expect((await budget.usage()).pausedUntil).toBe(new Date(windowEnd("month", clock.now())).toISOString());
    expect((await budget.usage()).windows[0].used).toBe(0);
  });

  test("a successful or failed call that is not 429/402 does not pause", async () => {
    const budget = budgetFor(env, "trakt");
    await budget.report({ status: 200 });
    await budget.report({ status: 503, retryAfterSeconds: 30 });
    expect(await budget.reserve()).toEqual({ granted: true });
  });
});

describe("ApiBudget storage", () => {
  test("usage and pauses survive the object's eviction", async () => {
    await clearOfReset("day");
    const first = budgetFor(env, "watchmode");
    for (let i = 0; i < 5; i++) expect((await first.reserve()).granted).toBe(true);
    await first.report({ status: 429, retryAfterSeconds: 60 });
    await runInDurableObject(first, (instance: ApiBudget) => {
      (instance as unknown as { marker: string }).marker = "before eviction";
    });
    await evictDurableObject(first);

    const second = budgetFor(env, "watchmode");
    const marker = await runInDurableObject(
      second,
      (instance: ApiBudget) => (instance as unknown as { marker?: string }).marker,
    );
    expect(marker, "a new instance answers").toBeUndefined();
    const usage = await second.usage();
    expect(usage.windows.map((w) => w.used)).toEqual([5, 5]);
    expect(usage.pausedUntil).toEqual(expect.any(String));
    expect(await second.reserve()).toMatchObject({ granted: false, reason: "paused", window: "retryAfter" });
  });
});
