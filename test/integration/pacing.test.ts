import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { imdbListSource } from "../../src/domain/lists/sources/imdb";
import { fetchList } from "../../src/integrations/lists/fetchList";

// Pacing is handed out by ApiBudget objects named "pacing:<upstream>", so it holds for every
// caller at once: concurrent syncs, searches and isolates (each caller below stands for one).

const pacing = (upstream: string) => env.API_BUDGET.get(env.API_BUDGET.idFromName(`pacing:${upstream}`));

beforeAll(async () => {
  // Build the simulator's IMDb catalogue once, outside the app's 500 ms timeout.
  await fetch(`${env.IMDB_URL}/list/ls000000102/`);
}, 60_000);

describe("pacing across callers", () => {
  test("concurrent callers get turns at least the interval apart", async () => {
    const waits = await Promise.all(Array.from({ length: 5 }, () => pacing("test-indexer").pace(500)));
    const sorted = [...waits].sort((a, b) => a - b);
    expect(sorted[0]).toBe(0);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(490);
  });

  test("a burst lets that many callers go at once after a quiet spell, then turns are the interval apart", async () => {
    const upstream = `test-burst-${crypto.randomUUID()}`;
    const waits = await Promise.all(Array.from({ length: 6 }, () => pacing(upstream).pace(1_000, 4)));
    const sorted = [...waits].sort((a, b) => a - b);
    expect(sorted.slice(0, 4)).toEqual([0, 0, 0, 0]);
    // The fifth and sixth wait for the bucket to refill: one turn a second.
    expect(sorted[4]).toBeGreaterThanOrEqual(990);
    expect(sorted[5] - sorted[4]).toBeGreaterThanOrEqual(990);
  });

  test("two IMDb list reads at once share IMDb's 2 requests a second", async () => {
    const read = () => fetchList(imdbListSource, imdbListSource.settings.parse({ listId: "ls000000102" }), env);
    const started = clock.now();
    const [first, second] = await Promise.all([read(), read()]);
    expect(first.pages + second.pages).toBe(6);
    // Six requests, one every 500 ms wherever they come from: the last starts 2.5 s after the first.
    expect(clock.now() - started).toBeGreaterThanOrEqual(2_500);
  });
});
