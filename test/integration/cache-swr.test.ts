import { env } from "cloudflare:workers";
import { expect, test } from "vitest";
import * as clock from "../../src/clock";
import { forgetCachedInMemory, STALE_HEADER } from "../../src/integrations/cache";
import { TmdbDiscovery } from "../../src/integrations/tmdb/discovery";
import { call, callsDuring, simCalls, tmdbCalls, tmdbFaults } from "./helpers";

// TMDb paths only this file reads (streaming.test.ts uses others), so call counts are exact.
const addFault = tmdbFaults();

/** Waits until `path` has been called `expected` times (background work finishes after the response). */
async function untilCalls(path: string, expected: number, timeoutMs = 5_000): Promise<number> {
  const deadline = clock.now() + timeoutMs;
  let count = await tmdbCalls(path);
  while (count < expected && clock.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    count = await tmdbCalls(path);
  }
  return count;
}

/** Makes the cached entry for `key` look `ageSeconds` old, keeping the copy itself. */
async function age(key: string, ageSeconds: number) {
  const entry = await env.CACHE.get<{ storedAt: number; value: unknown }>(key, "json");
  expect(entry, key).not.toBeNull();
  await env.CACHE.put(key, JSON.stringify({ ...entry, storedAt: clock.now() - ageSeconds * 1000 }));
  // Time passes for every copy: the isolate's in-memory one is as old as KV's.
  forgetCachedInMemory();
}

test("20 concurrent first requests for one key make exactly one upstream call", async () => {
  const path = "/3/trending/movie/day";
  const before = await tmdbCalls(path);
  const responses = await Promise.all(
    Array.from({ length: 20 }, () => call("GET", "/api/v3/streaming/trending/movie/day")),
  );
  const bodies = await Promise.all(responses.map((res) => res.json<{ results: { tmdbId: number }[] }>()));
  expect(responses.map((res) => res.status)).toEqual(Array(20).fill(200));
  expect(new Set(bodies.map((body) => JSON.stringify(body.results))).size).toBe(1);
  expect((await tmdbCalls(path)) - before).toBe(1);

  // And the next request is a cache hit.
  await call("GET", "/api/v3/streaming/trending/movie/day");
  expect((await tmdbCalls(path)) - before).toBe(1);
});

test("an expired entry is served at once, flagged stale, and refreshed once in the background", async () => {
  const path = "/3/trending/tv/week";
  // TMDb's ranking alone, so TMDb is the only upstream in it.
  const url = "/api/v3/streaming/trending/tv/week?source=tmdb";
  const before = await tmdbCalls(path);
  const first = await call("GET", url);
  expect(first.status).toBe(200);
  const fresh = await first.json<{ results: unknown[] }>();
  expect(await tmdbCalls(path)).toBe(before + 1);

  // Both the ranking built from TMDb's list (1 h) and the list itself (3 h) have expired.
  await age("streaming:trending:tmdb:tv:week:US:v1", 4 * 3600);
  await age("tmdb:trending:tv:week:1:v1", 4 * 3600);
  const stale = await Promise.all(Array.from({ length: 5 }, () => call("GET", url)));
  for (const res of stale) {
    expect(res.status).toBe(200);
    expect(res.headers.get(STALE_HEADER)).toBe("tmdb");
    expect((await res.json<{ results: unknown[] }>()).results).toEqual(fresh.results);
  }
  // One refresh for all five readers, finishing after their responses.
  expect(await untilCalls(path, before + 2)).toBe(before + 2);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await tmdbCalls(path)).toBe(before + 2);

  // The refreshed entry is fresh again: served without the header and without a call.
  let after = await call("GET", url);
  for (let tries = 0; after.headers.get(STALE_HEADER) && tries < 40; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    after = await call("GET", url);
  }
  expect(after.headers.get(STALE_HEADER)).toBeNull();
  expect(await tmdbCalls(path)).toBe(before + 2);
});

test("when TMDb fails, the expired copy is served with the stale header and kept for next time", async () => {
  const tmdbId = 550;
  const path = `/3/movie/${tmdbId}/watch/providers`;
  const url = `/api/v3/streaming/availability/${tmdbId}?region=US`;
  const fresh = await (await call("GET", url)).json<{ offers: unknown }>();
  await age(`tmdb:watch-providers:movie:${tmdbId}:v1`, 25 * 3600);
  await addFault({ match: path, kind: "status", status: 503 });

  const before = await tmdbCalls(path);
  const res = await call("GET", url);
  expect(res.status).toBe(200);
  expect(res.headers.get(STALE_HEADER)).toBe("tmdb");
  expect(res.headers.get("X-Attribution")).toBe("TMDb; JustWatch");
  expect((await res.json<{ offers: unknown }>()).offers).toEqual(fresh.offers);

  // The background refresh tries (with retries) and fails; the copy survives it.
  expect(await untilCalls(path, before + 3)).toBe(before + 3);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const again = await call("GET", url);
  expect(again.status).toBe(200);
  expect(again.headers.get(STALE_HEADER)).toBe("tmdb");
  expect((await again.json<{ offers: unknown }>()).offers).toEqual(fresh.offers);
});

test("the discovery client serves TV on the air through the same cache", async () => {
  const work: Promise<unknown>[] = [];
  const discovery = new TmdbDiscovery(env, { waitUntil: (promise) => work.push(promise) });
  const before = await simCalls("tmdb", "/3/tv/on_the_air");
  const first = await discovery.tvOnTheAir();
  expect(first.stale).toBe(false);
  expect(first.value.results.length).toBeGreaterThan(0);
  expect(first.value.results[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
  const second = await discovery.tvOnTheAir();
  expect(second.value).toEqual(first.value);
  expect((await simCalls("tmdb", "/3/tv/on_the_air")) - before).toBe(1);
  expect(work).toHaveLength(0);
});

test("a fresh entry is answered from the isolate's memory without a KV read, and from KV once memory is dropped", async () => {
  const path = "/3/watch/providers/movie";
  const url = "/api/v3/streaming/providers?region=NZ";
  const key = "tmdb:provider-catalogue:movie:NZ:v1";
  const first = await callsDuring("tmdb", path, () => call("GET", url));
  expect(first.calls).toBe(1);
  expect(await env.CACHE.get(key)).not.toBeNull();

  // KV's copy gone: memory still answers while the entry is fresh.
  await env.CACHE.delete(key);
  const fromMemory = await callsDuring("tmdb", path, () => call("GET", url));
  expect(fromMemory.calls).toBe(0);
  expect(fromMemory.result.status).toBe(200);

  // Memory dropped too: the next read misses and loads once more (after the 2 s in which a
  // settled load still answers readers that missed just before it stored).
  forgetCachedInMemory();
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const reloaded = await callsDuring("tmdb", path, () => call("GET", url));
  expect(reloaded.calls).toBe(1);
  expect(await env.CACHE.get(key)).not.toBeNull();
});
