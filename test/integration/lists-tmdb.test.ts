import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import type { ImportListSource, ListSourceEnvironment } from "../../src/domain/lists/source";
import {
  tmdbCollectionSource,
  tmdbCompanySource,
  tmdbKeywordSource,
  tmdbListSource,
  tmdbPersonSource,
  tmdbPopularSource,
} from "../../src/domain/lists/sources/tmdb";
import { fetchList, listSourceEnvironment } from "../../src/integrations/lists/fetchList";
import { callsDuring as callsDuringFor, listError, simFaults } from "./helpers";

// The TMDb list sources run through the real fetcher (upstream layer, 20 requests a second)
// against the simulated TMDb. The simulator is shared with every other test file: only ids used
// here are faulted (v4 list 8100001, collections 3000005–3000007), faults are removed after each
// test, and call counts are compared before and after rather than reset.

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
const callsDuring = <T>(path: string, action: () => Promise<T>) => callsDuringFor("tmdb", path, action);
const addTmdbFault = simFaults("tmdb");
const sourceEnv: ListSourceEnvironment = listSourceEnvironment(env);

interface LoggedCall {
  seq: number;
  path: string;
  query: string;
}

/** Upstream calls to one path while `action` runs. */
/** Logged calls (path + query) made while `action` runs that contain `marker`: for shared paths. */
async function loggedCallsDuring<T>(marker: string, action: () => Promise<T>) {
  const log = async () =>
    (await (await fetch(`${SIM}/__sim/calls/log?service=tmdb&limit=1000`)).json<{ calls: LoggedCall[] }>()).calls;
  const lastSeq = (await log()).at(-1)?.seq ?? 0;
  const result = await action();
  const calls = (await log()).filter((call) => call.seq > lastSeq && `${call.path}${call.query}`.includes(marker));
  return { result, calls };
}

function read<S>(source: ImportListSource<S>, settings: Record<string, unknown>, on = sourceEnv) {
  return fetchList(source, source.settings.parse(settings), env, { sourceEnv: on });
}

beforeAll(async () => {
  // Build the simulator's catalogue and credits index once, outside the app's 500 ms timeout.
  await fetch(`${env.TMDB_API_URL}/4/list/8100001?api_key=warm-up`);
  await fetch(`${env.TMDB_API_URL}/3/person/9000017/movie_credits?api_key=warm-up`);
  await fetch(`${env.TMDB_API_URL}/3/movie/top_rated?api_key=warm-up`);
}, 60_000);

describe("TMDb lists (v4)", () => {
  test("reads every page of a public list: 603 movies on 31 pages", async () => {
    const { result, calls } = await callsDuring("/4/list/8100001", () => read(tmdbListSource, { listId: "8100001" }));
    expect(result.items).toHaveLength(603);
    expect(result.pages).toBe(31);
    expect(calls).toBe(31);
    expect(result.items).toContainEqual(
      expect.objectContaining({
        tmdbId: 603,
        title: "The Matrix",
        year: 1999,
        metadata: expect.objectContaining({ release_date: "1999-03-30", poster_path: expect.any(String) }),
      }),
    );
    expect(new Set(result.items.map((item) => item.tmdbId)).size).toBe(603);
  });

  test("leaves TV shows and undated movies out of a mixed list", async () => {
    const { result, calls } = await callsDuring("/4/list/8100003", () => read(tmdbListSource, { listId: 8100003 }));
    expect(calls).toBe(2);
    expect(result.items).toHaveLength(24);
    for (const item of result.items) {
      expect(item.year).toBeGreaterThan(1800);
      expect(item.tmdbId).not.toBe(9_900_001);
    }
  });

  test("authenticates with the read access token instead of the API key when one is set", async () => {
    const withToken = { ...sourceEnv, tmdbApiKey: undefined, tmdbReadToken: "sim-read-token" };
    const { result, calls } = await loggedCallsDuring("/4/list/8100003", () =>
      read(tmdbListSource, { listId: "8100003" }, withToken),
    );
    expect(result.items).toHaveLength(24);
    expect(calls.map((call) => call.query)).toEqual(["?page=1", "?page=2"]);
  });

  test("a private list and an unknown list are errors the user can act on", async () => {
    const privateList = await listError(read(tmdbListSource, { listId: "8100004" }));
    expect(privateList.kind).toBe("forbidden");
    expect(privateList.message).toContain("401");
    expect((await listError(read(tmdbListSource, { listId: "1" }))).kind).toBe("notFound");
  });

  test("a page that fails once is retried and the list still reads whole", async () => {
    await addTmdbFault({ match: "/4/list/8100001?page=2&", kind: "status", status: 503, times: 1 });
    const { result, calls } = await callsDuring("/4/list/8100001", () => read(tmdbListSource, { listId: "8100001" }));
    expect(result.items).toHaveLength(603);
    expect(result.pages).toBe(31);
    expect(calls).toBe(32);
  });

  test("without any TMDb credential nothing is requested", async () => {
    const { calls } = await loggedCallsDuring("/4/list/8100003", async () => {
      const error = await listError(
        read(tmdbListSource, { listId: "8100003" }, { ...sourceEnv, tmdbApiKey: undefined, tmdbReadToken: undefined }),
      );
      expect(error.kind).toBe("authenticationFailed");
    });
    expect(calls).toEqual([]);
  });
});

describe("TMDb collections", () => {
  test("reads a collection's parts in one request", async () => {
    const { result, calls } = await callsDuring("/3/collection/2344", () =>
      read(tmdbCollectionSource, { collectionId: "2344" }),
    );
    expect(calls).toBe(1);
    expect(result.items.map((item) => [item.tmdbId, item.title, item.year])).toEqual([
      [603, "The Matrix", 1999],
      [604, "The Matrix Reloaded", 2003],
      [605, "The Matrix Revolutions", 2003],
      [624860, "The Matrix Resurrections", 2021],
    ]);
  });

  test("waits out a short 429 Retry-After and succeeds", async () => {
    await addTmdbFault({ match: "/3/collection/3000005?", kind: "rateLimit", retryAfter: 1, times: 1 });
    const started = clock.now();
    const { result, calls } = await callsDuring("/3/collection/3000005", () =>
      read(tmdbCollectionSource, { collectionId: "3000005" }),
    );
    expect(result.items).toHaveLength(4);
    expect(calls).toBe(2);
    expect(clock.now() - started).toBeGreaterThanOrEqual(1000);
  });

  test("a garbled response is a parse error, not a crash", async () => {
    await addTmdbFault({ match: "/3/collection/3000006?", kind: "malformed", times: 1 });
    const error = await listError(read(tmdbCollectionSource, { collectionId: "3000006" }));
    expect(error.kind).toBe("parseError");
    expect(error.message).toContain("TMDb");
  });

  test("an unknown collection is not found", async () => {
    expect((await listError(read(tmdbCollectionSource, { collectionId: "1" }))).kind).toBe("notFound");
  });
});

describe("TMDb people", () => {
  test("an actor's movies come from their cast credits, in one request", async () => {
    const { result, calls } = await callsDuring("/3/person/9000017/movie_credits", () =>
      read(tmdbPersonSource, { personId: "9000017", personCast: true }),
    );
    expect(calls).toBe(1);
    expect(result.items).toHaveLength(61);
    expect(
      (await read(tmdbPersonSource, { personId: "9000017", personCastDirector: true, personCastWriting: true })).items,
    ).toEqual([]);
  });

  test("a director's movies come from their Directing credits only", async () => {
    const directed = await read(tmdbPersonSource, { personId: "9001803", personCastDirector: true });
    expect(directed.items).toHaveLength(118);
    expect((await read(tmdbPersonSource, { personId: "9001803", personCast: true })).items).toEqual([]);
    const rated = await read(tmdbPersonSource, { personId: "9001803", personCastDirector: true, minVoteAverage: 7 });
    expect(rated.items.length).toBeGreaterThan(0);
    expect(rated.items.length).toBeLessThan(118);
    for (const item of rated.items) expect(item.metadata?.vote_average).toBeGreaterThanOrEqual(7);
  });

  test("an unknown person is not found", async () => {
    expect((await listError(read(tmdbPersonSource, { personId: "42", personCast: true }))).kind).toBe("notFound");
  });
});

describe("TMDb keywords and companies (discover)", () => {
  // Discover also returns films with no release date yet; list items leave those out.
  test("reads every discover page of a keyword: 826 results, 818 of them dated, 42 requests", async () => {
    const { result, calls } = await loggedCallsDuring("with_keywords=9500003&", () =>
      read(tmdbKeywordSource, { keywordId: "9500003" }),
    );
    expect(result.items).toHaveLength(818);
    expect(result.pages).toBe(42);
    expect(calls).toHaveLength(42);
    expect(calls.at(-1)?.query).toContain("page=42");
  }, 30_000);

  test("reads every discover page of a company: 1,544 results, 1,530 dated, 78 requests", async () => {
    const { result, calls } = await loggedCallsDuring("with_companies=9800000&", () =>
      read(tmdbCompanySource, { companyId: 9800000 }),
    );
    expect(result.items).toHaveLength(1530);
    expect(calls).toHaveLength(78);
    expect(new Set(result.items.map((item) => item.tmdbId)).size).toBe(1530);
  }, 30_000);
});

describe("TMDb rankings", () => {
  test("reads the first ten pages of Popular", async () => {
    const { result, calls } = await callsDuring("/3/movie/popular", () => read(tmdbPopularSource, {}));
    expect(calls).toBe(10);
    expect(result.items).toHaveLength(200);
    const popularity = result.items.map((item) => Number(item.metadata?.popularity));
    expect(popularity).toEqual([...popularity].sort((a, b) => b - a));
  });

  test("reads Upcoming to its last page, and In Theaters", async () => {
    const upcoming = await callsDuring("/3/movie/upcoming", () => read(tmdbPopularSource, { tmdbListType: 4 }));
    expect(upcoming.calls).toBe(10);
    expect(upcoming.result.items).toHaveLength(197);
    const inTheaters = await callsDuring("/3/movie/now_playing", () => read(tmdbPopularSource, { tmdbListType: 1 }));
    expect(inTheaters.calls).toBe(7);
    expect(inTheaters.result.items).toHaveLength(131);
  });

  test("filters Top Rated by votes and original language, with Radarr's dotted field names", async () => {
    const result = await read(tmdbPopularSource, {
      tmdbListType: 3,
      "filterCriteria.minVoteAverage": "7.5",
      "filterCriteria.minVotes": "3000",
      "filterCriteria.languageCode": 2,
    });
    expect(result.items.length).toBeGreaterThan(0);
    for (const item of result.items) {
      expect(item.metadata).toMatchObject({ original_language: "en" });
      expect(Number(item.metadata?.vote_average)).toBeGreaterThanOrEqual(7.5);
      expect(Number(item.metadata?.vote_count)).toBeGreaterThanOrEqual(3000);
    }
  });
});
