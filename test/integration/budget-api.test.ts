import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { budgetFor, reserveUpstreamCall } from "../../src/integrations/budget";
import { call, getJson } from "./helpers";

interface Budget {
  service: string;
  windows: { name: string; limit: number; used: number; remaining: number; resetsAt: string }[];
  softTarget?: { perDay: number; usedToday: number; over: boolean };
  pausedUntil?: string;
}

const metricsText = async () => {
  const res = await call("GET", "/metrics");
  expect(res.status).toBe(200);
  return res.text();
};

describe("GET /api/v3/system/budget", () => {
  test("lists every rationed upstream with its windows, limits and soft target", async () => {
    const budgets = await getJson<Budget[]>("/api/v3/system/budget");
    expect(budgets.map((b) => b.service)).toEqual(["watchmode", "trakt", "tmdb"]);
    const [watchmode, trakt, tmdb] = budgets;
    expect(watchmode.windows.map((w) => [w.name, w.limit, w.used, w.remaining])).toEqual([
      ["day", 33, 0, 33],
      ["month", 1000, 0, 1000],
    ]);
    expect(watchmode.softTarget).toBeUndefined();
    expect(trakt.windows.map((w) => [w.name, w.limit])).toEqual([["fiveMinutes", 1000]]);
    expect(trakt.softTarget).toEqual({ perDay: 200, usedToday: 0, over: false });
    expect(tmdb.windows.map((w) => [w.name, w.limit])).toEqual([["second", 40]]);
    expect(tmdb.softTarget).toEqual({ perDay: 500, usedToday: 0, over: false });
    for (const b of budgets) {
      expect(b.pausedUntil).toBeUndefined();
      for (const w of b.windows) expect(Date.parse(w.resetsAt)).toBeGreaterThan(clock.now() - 1000);
    }
  });

  test("shows calls used and an upstream's pause", async () => {
    for (let i = 0; i < 3; i++) await reserveUpstreamCall(env, "watchmode");
    await budgetFor(env, "trakt").report({ status: 429, retryAfterSeconds: 120 });
    const [watchmode, trakt] = await getJson<Budget[]>("/api/v3/system/budget");
    expect(watchmode.windows[0]).toMatchObject({ name: "day", used: 3, remaining: 30 });
    expect(Date.parse(trakt.pausedUntil ?? "")).toBeGreaterThan(clock.now() + 100_000);
  });

  test("needs the API key and is documented", async () => {
    expect((await call("GET", "/api/v3/system/budget", { key: null })).status).toBe(401);
    const doc = await getJson<{ paths: Record<string, unknown> }>("/api/v3/openapi.json");
    expect(Object.keys(doc.paths)).toContain("/api/v3/system/budget");
  });
});

describe("/metrics budget gauges", () => {
  test("report used and limit per service and window", async () => {
    await reserveUpstreamCall(env, "watchmode");
    await reserveUpstreamCall(env, "watchmode");
    await reserveUpstreamCall(env, "tmdb");
    const text = await metricsText();
    expect(text).toContain("# TYPE radarr_api_budget_used gauge");
    expect(text).toContain("# TYPE radarr_api_budget_limit gauge");
    const lines = text.split("\n");
    for (const line of [
      'radarr_api_budget_used{service="watchmode",window="day"} 2',
      'radarr_api_budget_used{service="watchmode",window="month"} 2',
      'radarr_api_budget_limit{service="watchmode",window="day"} 33',
      'radarr_api_budget_limit{service="watchmode",window="month"} 1000',
      'radarr_api_budget_limit{service="trakt",window="fiveMinutes"} 1000',
      'radarr_api_budget_limit{service="tmdb",window="second"} 40',
      'radarr_api_budget_used{service="tmdb",window="day"} 1',
      'radarr_api_budget_soft_target{service="tmdb",window="day"} 500',
      'radarr_api_budget_soft_target{service="trakt",window="day"} 200',
      'radarr_api_budget_paused{service="trakt"} 0',
    ]) {
      expect(lines).toContain(line);
    }
  });

  test("flag a paused upstream", async () => {
    await budgetFor(env, "tmdb").report({ status: 429, retryAfterSeconds: 30 });
    expect((await metricsText()).split("\n")).toContain('radarr_api_budget_paused{service="tmdb"} 1');
  });
});

interface CacheStats {
  caches: { name: string; hits: number; stale: number; misses: number; total: number; hitRate: number }[];
}

describe("GET /api/v3/system/cache", () => {
  test("counts a miss and then a hit for the cache an upstream read went through", async () => {
    const tmdbCache = async () =>
      (await getJson<CacheStats>("/api/v3/system/cache")).caches.find((c) => c.name === "tmdb") ?? {
        hits: 0,
        misses: 0,
        stale: 0,
        total: 0,
        hitRate: 0,
      };
    const before = await tmdbCache();
    // A region no other test reads, so the first read misses.
    for (let i = 0; i < 2; i++) expect((await call("GET", "/api/v3/streaming/providers?region=IS")).status).toBe(200);
    const after = await tmdbCache();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    expect(after.total).toBe(after.hits + after.misses + after.stale);
    expect(after.hitRate).toBeCloseTo((after.hits + after.stale) / after.total, 6);
  });

  test("needs the API key", async () => {
    expect((await call("GET", "/api/v3/system/cache", { key: null })).status).toBe(401);
  });
});
