import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { cachedJson } from "../../src/integrations/cache";
import { TmdbClient } from "../../src/integrations/tmdb/client";
import { addMovie, addRootFolder, call, getJson, type Movie, tmdbCalls, tmdbFaults } from "./helpers";

// How the app behaves when TMDb misbehaves. Each test faults a TMDb id that no other test file
// uses, because the simulator (its fault rules and call counts) is shared by every file.
// The app's policy under test (vitest.config.ts): 500 ms per attempt, 3 attempts, and Retry-After
// waited out only up to 2 s.
const TIMEOUT_ID = 157336; // Interstellar
const BURST_ID = 27205; // Inception
const DOWN_ID = 680; // Pulp Fiction
const SHORT_RATE_LIMIT_ID = 13; // Forrest Gump
const LONG_RATE_LIMIT_ID = 278; // The Shawshank Redemption
const MALFORMED_ID = 238; // The Godfather
const TRUNCATED_ID = 424; // Schindler's List
const BAD_KEY_ID = 240; // The Godfather Part II
const CACHED_ID = 1892; // Return of the Jedi
const STALE_ID = 1893; // The Phantom Menace

const addFault = tmdbFaults();
const detailsPath = (id: number) => `/3/movie/${id}`;
/** Matches the details request of one id only (not /3/movie/<id>0…, not its sub-resources). */
const detailsOf = (id: number) => `${detailsPath(id)}?`;

/** Looks a movie up by TMDb id through the API; returns the response and how long it took. */
async function lookupTmdb(id: number) {
  const started = clock.now();
  const res = await call("GET", `/api/v3/movie/lookup/tmdb?tmdbId=${id}`);
  return { res, ms: clock.now() - started };
}

/** Upstream calls made while `action` runs, counted by the simulator. */
async function callsDuring(path: string, action: () => Promise<unknown>): Promise<number> {
  const before = await tmdbCalls(path);
  await action();
  return (await tmdbCalls(path)) - before;
}

describe("timeouts", () => {
  test("a TMDb that never answers gives 504 naming tmdb, after three attempts", async () => {
    await addFault({ match: detailsOf(TIMEOUT_ID), kind: "timeout", ms: 5000 });
    let outcome: Awaited<ReturnType<typeof lookupTmdb>> | undefined;
    const calls = await callsDuring(detailsPath(TIMEOUT_ID), async () => {
      outcome = await lookupTmdb(TIMEOUT_ID);
    });
    expect(outcome?.res.status).toBe(504);
    expect(outcome?.res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await outcome?.res.json()).toMatchObject({
      service: "tmdb",
      kind: "connectionTimeout",
      message: expect.stringContaining("500 ms"),
      correlationId: expect.any(String),
    });
    expect(calls).toBe(3);
    // Three 500 ms attempts, not the 5 s the simulator holds each one.
    expect(outcome?.ms).toBeGreaterThanOrEqual(1500);
    expect(outcome?.ms).toBeLessThan(8000);
  });
});

describe("server errors", () => {
  test("a burst of 5xx is retried and the lookup succeeds", async () => {
    await addFault({ match: detailsOf(BURST_ID), kind: "status", status: 500, times: 2 });
    let res: Response | undefined;
    const calls = await callsDuring(detailsPath(BURST_ID), async () => {
      res = (await lookupTmdb(BURST_ID)).res;
    });
    expect(res?.status).toBe(200);
    expect(await res?.json()).toMatchObject({ tmdbId: BURST_ID, title: "Inception" });
    expect(calls).toBe(3);
  });

  test("a TMDb that keeps answering 503 gives 502 after three attempts", async () => {
    await addFault({ match: detailsOf(DOWN_ID), kind: "status", status: 503 });
    let res: Response | undefined;
    const calls = await callsDuring(detailsPath(DOWN_ID), async () => {
      res = (await lookupTmdb(DOWN_ID)).res;
    });
    expect(res?.status).toBe(502);
    expect(await res?.json()).toMatchObject({
      service: "tmdb",
      kind: "upstreamError",
      message: expect.stringContaining("503"),
    });
    expect(calls).toBe(3);
  });
});

describe("rate limits", () => {
  test("a 429 with a short Retry-After is waited out and the lookup succeeds", async () => {
    await addFault({ match: detailsOf(SHORT_RATE_LIMIT_ID), kind: "rateLimit", retryAfter: 1, times: 1 });
    let outcome: Awaited<ReturnType<typeof lookupTmdb>> | undefined;
    const calls = await callsDuring(detailsPath(SHORT_RATE_LIMIT_ID), async () => {
      outcome = await lookupTmdb(SHORT_RATE_LIMIT_ID);
    });
    expect(outcome?.res.status).toBe(200);
    expect(await outcome?.res.json()).toMatchObject({ tmdbId: SHORT_RATE_LIMIT_ID, title: "Forrest Gump" });
    expect(calls).toBe(2);
    expect(outcome?.ms).toBeGreaterThanOrEqual(1000);
  });

  test("a 429 with a long Retry-After answers 503 at once, passing Retry-After on", async () => {
    await addFault({ match: detailsOf(LONG_RATE_LIMIT_ID), kind: "rateLimit", retryAfter: 60 });
    let outcome: Awaited<ReturnType<typeof lookupTmdb>> | undefined;
    const calls = await callsDuring(detailsPath(LONG_RATE_LIMIT_ID), async () => {
      outcome = await lookupTmdb(LONG_RATE_LIMIT_ID);
    });
    expect(outcome?.res.status).toBe(503);
    expect(outcome?.res.headers.get("Retry-After")).toBe("60");
    expect(await outcome?.res.json()).toMatchObject({ service: "tmdb", kind: "rateLimited" });
    expect(calls).toBe(1);
    expect(outcome?.ms).toBeLessThan(5000);
  });
});

describe("bad responses", () => {
  test("malformed JSON gives 502 with kind parseError", async () => {
    await addFault({ match: detailsOf(MALFORMED_ID), kind: "malformed" });
    const { res } = await lookupTmdb(MALFORMED_ID);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ service: "tmdb", kind: "parseError" });
  });

  test("a truncated body gives 502 with kind parseError", async () => {
    await addFault({ match: detailsOf(TRUNCATED_ID), kind: "truncate" });
    const { res } = await lookupTmdb(TRUNCATED_ID);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ service: "tmdb", kind: "parseError" });
  });

  test("a failed lookup stores nothing: the next one reaches TMDb again", async () => {
    await addFault({ match: detailsOf(MALFORMED_ID), kind: "malformed", times: 1 });
    expect((await lookupTmdb(MALFORMED_ID)).res.status).toBe(502);
    const calls = await callsDuring(detailsPath(MALFORMED_ID), async () => {
      expect((await lookupTmdb(MALFORMED_ID)).res.status).toBe(200);
    });
    expect(calls).toBe(1);
  });

  test("a failed lookup while adding a movie adds nothing", async () => {
    await addRootFolder();
    await addFault({ match: detailsOf(DOWN_ID), kind: "status", status: 503 });
    const profiles = await getJson<{ id: number }[]>("/api/v3/qualityprofile");
    const res = await call("POST", "/api/v3/movie", {
      body: { tmdbId: DOWN_ID, qualityProfileId: profiles[0].id, rootFolderPath: "/movies" },
    });
    expect(res.status).toBe(502);
    expect(await getJson<Movie[]>("/api/v3/movie")).toEqual([]);
  });
});

describe("credentials", () => {
  test("a key TMDb rejects fails at once with authenticationFailed, without retrying", async () => {
    const client = new TmdbClient({ ...env, TMDB_API_KEY: "invalid-key-x" });
    let failure: unknown;
    const calls = await callsDuring(detailsPath(BAD_KEY_ID), async () => {
      failure = await client.movieDetails(BAD_KEY_ID).catch((error: unknown) => error);
    });
    expect(failure).toMatchObject({
      name: "Failure",
      service: "tmdb",
      kind: "authenticationFailed",
      status: 401,
    });
    expect((failure as Error).message).toMatch(/check the API key/);
    expect(calls).toBe(1);
  });

  test("no TMDb credentials at all fails without calling TMDb", async () => {
    const client = new TmdbClient({ ...env, TMDB_API_KEY: undefined, TMDB_READ_TOKEN: undefined });
    let failure: unknown;
    const calls = await callsDuring(detailsPath(BAD_KEY_ID), async () => {
      failure = await client.movieDetails(BAD_KEY_ID).catch((error: unknown) => error);
    });
    expect(failure).toMatchObject({ kind: "authenticationFailed", message: expect.stringContaining("TMDB_API_KEY") });
    expect(calls).toBe(0);
  });
});

describe("the KV cache", () => {
  test("a second details lookup is answered from KV without calling TMDb", async () => {
    const first = await getJson<Movie>(`/api/v3/movie/lookup/tmdb?tmdbId=${CACHED_ID}`);
    let second: Movie | undefined;
    const calls = await callsDuring(detailsPath(CACHED_ID), async () => {
      second = await getJson<Movie>(`/api/v3/movie/lookup/tmdb?tmdbId=${CACHED_ID}`);
    });
    expect(calls).toBe(0);
    expect(second).toEqual(first);
  });

  test("adding a movie just looked up reuses the cached details", async () => {
    await addRootFolder();
    await getJson(`/api/v3/movie/lookup/tmdb?tmdbId=${CACHED_ID}`);
    const calls = await callsDuring(detailsPath(CACHED_ID), () => addMovie(CACHED_ID));
    expect(calls).toBe(0);
  });

  test("a cached copy survives TMDb failing while it is fresh", async () => {
    await getJson(`/api/v3/movie/lookup/tmdb?tmdbId=${CACHED_ID}`);
    await addFault({ match: detailsOf(CACHED_ID), kind: "status", status: 503 });
    expect((await lookupTmdb(CACHED_ID)).res.status).toBe(200);
  });

  describe("after expiry", () => {
    const client = () => new TmdbClient(env);
    const key = `test:stale:${STALE_ID}`;
    const imagesPath = `/3/movie/${STALE_ID}/images`;
    const expire = () => new Promise((resolve) => setTimeout(resolve, 1100));

    test("an expired copy is served, marked stale, when the upstream fails", async () => {
      const fresh = await cachedJson(env.CACHE, "tmdb", key, 1, () => client().movieImages(STALE_ID));
      expect(fresh.stale).toBe(false);
      await expire();
      await addFault({ match: imagesPath, kind: "status", status: 503 });
      const served = await cachedJson(env.CACHE, "tmdb", key, 1, () => client().movieImages(STALE_ID));
      expect(served).toEqual({ value: fresh.value, stale: true });
    });

    test("an expired copy is replaced when the upstream answers", async () => {
      await cachedJson(env.CACHE, "tmdb", key, 1, async () => ({ version: 1 }));
      await expire();
      const reloaded = await cachedJson(env.CACHE, "tmdb", key, 1, async () => ({ version: 2 }));
      expect(reloaded).toEqual({ value: { version: 2 }, stale: false });
    });

    test("without any copy the upstream failure reaches the caller", async () => {
      await addFault({ match: imagesPath, kind: "status", status: 503 });
      const failure = await cachedJson(env.CACHE, "tmdb", key, 1, () => client().movieImages(STALE_ID)).catch(
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ service: "tmdb", kind: "upstreamError" });
    });
  });
});
