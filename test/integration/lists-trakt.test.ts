import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import type { ImportListSource, ListSourceEnvironment } from "../../src/domain/lists/source";
import { traktListSource, traktPopularSource, traktUserSource } from "../../src/domain/lists/sources/trakt";
import { fetchList, listSourceEnvironment } from "../../src/integrations/lists/fetchList";
import { callsDuring as callsDuringFor, listError, simFaults } from "./helpers";

// The Trakt list sources run through the real fetcher (upstream layer, 3 requests a second)
// against the simulated Trakt. TRAKT_CLIENT_ID is not set in tests, so the client id comes in
// through the source environment, as does the connected account's token. The simulator is shared
// with every other test file: faults are scoped to paths only this file reads and removed after
// each test, and call counts are compared before and after rather than reset.

const callsDuring = <T>(path: string, action: () => Promise<T>) => callsDuringFor("trakt", path, action);
const addTraktFault = simFaults("trakt");
const app: ListSourceEnvironment = { ...listSourceEnvironment(env), traktClientId: "radarr-edge-test-client" };
const signedIn: ListSourceEnvironment = { ...app, traktAccessToken: "trakt-sim-token" };

const CLASSICS = "/users/sim/lists/demo-classics/items/movies";

/** Upstream calls to one path while `action` runs. */
function read<S>(source: ImportListSource<S>, settings: Record<string, unknown>, on = app) {
  return fetchList(source, source.settings.parse(settings), env, { sourceEnv: on });
}

beforeAll(async () => {
  // Build the simulator's catalogue and charts once, outside the app's 500 ms timeout.
  const headers = { "trakt-api-key": "warm-up" };
  await fetch(`${env.TRAKT_API_URL}${CLASSICS}`, { headers });
  await fetch(`${env.TRAKT_API_URL}/movies/trending?limit=1`, { headers });
  await fetch(`${env.TRAKT_API_URL}/movies/popular?limit=1`, { headers });
}, 60_000);

describe("Trakt lists", () => {
  test("reads every page of a public list, 250 movies a request", async () => {
    const { result, calls } = await callsDuring(CLASSICS, () =>
      read(traktListSource, { username: "sim", listname: "demo-classics" }),
    );
    expect(result.items).toHaveLength(603);
    expect(result.pages).toBe(3);
    expect(calls).toBe(3);
    expect(result.items).toContainEqual(
      expect.objectContaining({ tmdbId: 603, imdbId: "tt0133093", title: "The Matrix", year: 1999 }),
    );
  });

  test("finds the list by its name as typed", async () => {
    const list = await read(traktListSource, { username: "Sim", listname: "Demo Classics" });
    expect(list.items).toHaveLength(603);
  });

  test("a private list needs its owner's connected account", async () => {
    const settings = { username: "sim", listname: "demo-private" };
    const refused = await listError(read(traktListSource, settings));
    expect(refused.kind).toBe("authenticationFailed");
    expect(refused.message).toContain("401");
    expect((await read(traktListSource, settings, signedIn)).items).toHaveLength(40);
  });

  test("an unknown list or user is not found", async () => {
    expect((await listError(read(traktListSource, { username: "sim", listname: "no-such-list" }))).kind).toBe(
      "notFound",
    );
    expect((await listError(read(traktListSource, { username: "nobody-here", listname: "x" }))).kind).toBe("notFound");
  });

  test("without a client id Trakt refuses the app (403), and it is not retried", async () => {
    const { result: error, calls } = await callsDuring(CLASSICS, () =>
      listError(
        read(traktListSource, { username: "sim", listname: "demo-classics" }, { ...app, traktClientId: undefined }),
      ),
    );
    expect(error.kind).toBe("authenticationFailed");
    expect(error.message).toContain("403");
    expect(calls).toBe(1);
  });

  test("a page that fails once is retried and the list still reads whole", async () => {
    await addTraktFault({ match: `${CLASSICS}?page=2&`, kind: "status", status: 502, times: 1 });
    const { result, calls } = await callsDuring(CLASSICS, () =>
      read(traktListSource, { username: "sim", listname: "demo-classics" }),
    );
    expect(result.items).toHaveLength(603);
    expect(calls).toBe(4);
  });

  test("a 429 with a short Retry-After is waited out", async () => {
    await addTraktFault({ match: `${CLASSICS}?page=3&`, kind: "rateLimit", retryAfter: 1, times: 1 });
    const started = clock.now();
    const { result, calls } = await callsDuring(CLASSICS, () =>
      read(traktListSource, { username: "sim", listname: "demo-classics" }),
    );
    expect(result.items).toHaveLength(603);
    expect(calls).toBe(4);
    expect(clock.now() - started).toBeGreaterThanOrEqual(1000);
  });
});

describe("a Trakt user's watchlist, watched movies and collection", () => {
  test("reads another user's public watchlist, watched movies and collection", async () => {
    const watchlist = await callsDuring("/users/sim/watchlist/movies/rank", () =>
      read(traktUserSource, { traktListType: 0, username: "sim" }),
    );
    expect(watchlist.result.items).toHaveLength(75);
    expect(watchlist.calls).toBe(1);
    const watched = await callsDuring("/users/sim/watched/movies", () =>
      read(traktUserSource, { traktListType: 1, username: "sim" }),
    );
    expect(watched.result.items).toHaveLength(320);
    expect(watched.calls).toBe(2);
    const collection = await callsDuring("/users/sim/collection/movies", () =>
      read(traktUserSource, { traktListType: 2, username: "sim" }),
    );
    expect(collection.result.items).toHaveLength(600);
    expect(collection.calls).toBe(3);
  });

  test("without a username reads the connected account's, and says to connect Trakt when it is not", async () => {
    const mine = await read(traktUserSource, { traktListType: 0 }, signedIn);
    const sims = await read(traktUserSource, { traktListType: 0, username: "sim" });
    expect(mine.items).toEqual(sims.items);
    const { result: error, calls } = await callsDuring("/users/me/watchlist/movies/rank", () =>
      listError(read(traktUserSource, { traktListType: 0 })),
    );
    expect(error.kind).toBe("authenticationFailed");
    expect(error.message).toContain("Connect your Trakt account");
    expect(calls).toBe(0);
  });

  test("a private profile's lists are refused without its owner's account", async () => {
    const error = await listError(read(traktUserSource, { traktListType: 0, username: "sim-hidden" }));
    expect(error.kind).toBe("authenticationFailed");
  });
});

describe("Trakt charts", () => {
  // Anticipated rather than trending: the streaming tests read /movies/trending at the same time.
  test("reads the first `limit` chart movies in one request", async () => {
    const { result, calls } = await callsDuring("/movies/anticipated", () =>
      read(traktPopularSource, { traktListType: 2, limit: 100 }),
    );
    expect(calls).toBe(1);
    expect(result.items).toHaveLength(100);
  });

  test("pages past 250 for a larger limit and stops at it", async () => {
    const { result, calls } = await callsDuring("/movies/popular", () =>
      read(traktPopularSource, { traktListType: 1, limit: 300 }),
    );
    expect(calls).toBe(2);
    expect(result.items).toHaveLength(300);
  });

  test("sends the filters to Trakt, which applies them", async () => {
    const list = await read(traktPopularSource, { traktListType: 0, limit: 500, years: "2025-2026", genres: "Action" });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.length).toBeLessThan(500);
    for (const item of list.items) expect(item.year === 2025 || item.year === 2026).toBe(true);
  });

  test("reads the box office top 10, anticipated and most watched", async () => {
    expect((await read(traktPopularSource, { traktListType: 3 })).items).toHaveLength(10);
    const anticipated = await read(traktPopularSource, { traktListType: 2, limit: 50 });
    expect(anticipated.items).toHaveLength(50);
    for (const item of anticipated.items) expect(item.tmdbId).toEqual(expect.any(Number));
    const watched = await callsDuring("/movies/watched/monthly", () =>
      read(traktPopularSource, { traktListType: 5, limit: 20 }),
    );
    expect(watched.result.items).toHaveLength(20);
    expect(watched.calls).toBe(1);
  });
});
