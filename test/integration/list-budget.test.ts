import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { tmdbCollectionSource } from "../../src/domain/lists/sources/tmdb";
import { fetchList } from "../../src/integrations/lists/fetchList";
import { call, callsDuring, listError } from "./helpers";

// Background work (list syncs, refreshes) spends TMDb's calls under two rules: its pages are reused
// from KV for 24 h, and it stops at 80% of the daily target (400 of 500), the rest kept for people.
// TMDb ids only this file uses: the Alien collection and Blade Runner.
const COLLECTION_ID = 8091;
const LOOKUP_ID = 78;

const readCollection = (work: "background" | "interactive") =>
  fetchList(tmdbCollectionSource, tmdbCollectionSource.settings.parse({ collectionId: COLLECTION_ID }), env, { work });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("TMDb for background work", () => {
  test("a list sync's TMDb pages are reused for 24 h; an interactive read asks TMDb", async () => {
    const path = `/3/collection/${COLLECTION_ID}`;
    const first = await callsDuring("tmdb", path, () => readCollection("background"));
    const again = await callsDuring("tmdb", path, () => readCollection("background"));
    const interactive = await callsDuring("tmdb", path, () => readCollection("interactive"));
    expect([first.calls, again.calls, interactive.calls]).toEqual([1, 0, 1]);
    expect(again.result.items).toEqual(first.result.items);
    expect([first.result.requests, again.result.requests]).toEqual([1, 0]);
  });

  test("stops background work at 80% of the daily target while interactive lookups go on", async () => {
    const budget = env.API_BUDGET.get(env.API_BUDGET.idFromName("tmdb"));
    // 400 calls today, 40 a second (TMDb's per-second window).
    for (let used = 0; used < 400; used += 40) {
      while (!(await budget.reserve(40)).granted) await sleep(100);
    }
    const error = await listError(readCollection("background"));
    expect(error.kind).toBe("rateLimited");
    expect(error.message).toContain("background work (400 of 500 calls)");
    const lookup = await call("GET", `/api/v3/movie/lookup/tmdb?tmdbId=${LOOKUP_ID}`);
    expect(lookup.status).toBe(200);
    const usage = await budget.usage();
    expect(usage.softTarget?.usedToday).toBe(401);
  }, 30_000);
});
