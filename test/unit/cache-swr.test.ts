import { describe, expect, test } from "vitest";
import { Failure } from "../../src/domain/failures/failure";
import { type BackgroundWork, CACHE_TTL_SECONDS, type JsonStore, swrJson } from "../../src/integrations/cache";

/** A Map-backed stand-in for KV (get/put only), recording what was stored. */
function memoryStore() {
  const data = new Map<string, string>();
  const store: JsonStore = {
    async get<T>(key: string) {
      const text = data.get(key);
      return text === undefined ? null : (JSON.parse(text) as T);
    },
    async put(key: string, value: string) {
      data.set(key, value);
    },
  };
  return { store, data };
}

/** Collects waitUntil promises so a test can wait for the background work. */
function background() {
  const pending: Promise<unknown>[] = [];
  const ctx: BackgroundWork = { waitUntil: (promise) => pending.push(promise) };
  return { ctx, pending, settle: () => Promise.all(pending) };
}

/** A loader that counts its calls and answers only when released. */
function gatedLoader<T>(value: T) {
  let release: () => void = () => {};
  let gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const loader = {
    calls: 0,
    fail: undefined as Error | undefined,
    load: async () => {
      loader.calls++;
      await gate;
      if (loader.fail) throw loader.fail;
      return value;
    },
    release: () => release(),
    reset: () => {
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
  };
  return loader;
}

const TTL = 60;
let keySeq = 0;
// The single-flight table lives for the isolate; each test uses keys no other test touches.
const freshKey = () => `test:swr:${++keySeq}`;

function putEntry(data: Map<string, string>, key: string, value: unknown, ageSeconds: number) {
  data.set(key, JSON.stringify({ storedAt: Date.now() - ageSeconds * 1000, value }));
}

describe("swrJson", () => {
  test("a fresh copy is served without calling the upstream", async () => {
    const { store, data } = memoryStore();
    const key = freshKey();
    putEntry(data, key, "cached", 10);
    const loader = gatedLoader("new");
    const result = await swrJson(store, background().ctx, "test", key, TTL, loader.load);
    expect(result).toEqual({ value: "cached", stale: false, refreshing: false });
    expect(loader.calls).toBe(0);
  });

  test("with no copy, 20 concurrent readers share one load and it is stored", async () => {
    const { store, data } = memoryStore();
    const key = freshKey();
    const loader = gatedLoader({ answer: 42 });
    const reads = Array.from({ length: 20 }, () => swrJson(store, background().ctx, "test", key, TTL, loader.load));
    await new Promise((resolve) => setTimeout(resolve, 5));
    loader.release();
    const results = await Promise.all(reads);
    expect(loader.calls).toBe(1);
    for (const result of results) expect(result).toEqual({ value: { answer: 42 }, stale: false, refreshing: false });
    expect(JSON.parse(data.get(key) ?? "null").value).toEqual({ answer: 42 });
  });

  test("a reader that missed just before the store joins the finished load instead of loading again", async () => {
    const { store } = memoryStore();
    const key = freshKey();
    const loader = gatedLoader("v");
    loader.release();
    await swrJson(store, background().ctx, "test", key, TTL, loader.load);
    // A store whose read still returns nothing, as a read that raced the write would.
    const racing: JsonStore = { get: async () => null, put: store.put };
    await swrJson(racing, background().ctx, "test", key, TTL, loader.load);
    expect(loader.calls).toBe(1);
  });

  test("an expired copy is served at once, flagged, and refreshed once in the background", async () => {
    const { store, data } = memoryStore();
    const key = freshKey();
    putEntry(data, key, "old", TTL + 5);
    const loader = gatedLoader("new");
    const work = background();
    const reads = await Promise.all(
      Array.from({ length: 10 }, () => swrJson(store, work.ctx, "test", key, TTL, loader.load)),
    );
    for (const result of reads) expect(result).toEqual({ value: "old", stale: true, refreshing: true });
    expect(work.pending).toHaveLength(10);
    loader.release();
    await work.settle();
    expect(loader.calls).toBe(1);
    const after = await swrJson(store, work.ctx, "test", key, TTL, loader.load);
    expect(after).toEqual({ value: "new", stale: false, refreshing: false });
  });

  test("a failed refresh keeps the expired copy, which is served again (stale) next time", async () => {
    const { store, data } = memoryStore();
    const key = freshKey();
    putEntry(data, key, "old", TTL * 2);
    const loader = gatedLoader("new");
    loader.fail = new Failure("upstreamError", "tmdb answered HTTP 503", { service: "tmdb", status: 503 });
    loader.release();
    const work = background();
    expect(await swrJson(store, work.ctx, "test", key, TTL, loader.load)).toMatchObject({ value: "old", stale: true });
    await work.settle();
    expect(await swrJson(store, work.ctx, "test", key, TTL, loader.load)).toMatchObject({ value: "old", stale: true });
    await work.settle();
    expect(loader.calls).toBe(2);
  });

  test("with no copy a failed load is thrown to every waiting reader, and the next read tries again", async () => {
    const { store } = memoryStore();
    const key = freshKey();
    const loader = gatedLoader("v");
    loader.fail = new Failure("connectionTimeout", "tmdb did not answer", { service: "tmdb" });
    const reads = Array.from({ length: 5 }, () =>
      swrJson(store, background().ctx, "test", key, TTL, loader.load).catch((error: unknown) => error),
    );
    loader.release();
    for (const outcome of await Promise.all(reads)) expect(outcome).toBeInstanceOf(Failure);
    expect(loader.calls).toBe(1);
    loader.fail = undefined;
    expect((await swrJson(store, background().ctx, "test", key, TTL, loader.load)).value).toBe("v");
    expect(loader.calls).toBe(2);
  });

  test("different keys load independently", async () => {
    const { store } = memoryStore();
    const loader = gatedLoader("v");
    loader.release();
    await Promise.all(
      [freshKey(), freshKey()].map((key) => swrJson(store, background().ctx, "test", key, TTL, loader.load)),
    );
    expect(loader.calls).toBe(2);
  });
});

test("the TTL table follows issue #5 (trending 3 h, providers and coming soon 24 h)", () => {
  expect(CACHE_TTL_SECONDS.tmdbTrending).toBe(3 * 3600);
  expect(CACHE_TTL_SECONDS.tmdbWatchProviders).toBe(24 * 3600);
  expect(CACHE_TTL_SECONDS.tmdbProviderCatalogue).toBe(24 * 3600);
  expect(CACHE_TTL_SECONDS.tmdbComingSoon).toBe(24 * 3600);
});
