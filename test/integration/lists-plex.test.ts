import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, test } from "vitest";
import { plexRssSource, plexWatchlistSource } from "../../src/domain/lists/sources/plex";
import { fetchList } from "../../src/integrations/lists/fetchList";
import { callsDuring as callsDuringFor, listError, simFaults } from "./helpers";

// The Plex list sources run through the real fetcher against the simulated Plex discover API and
// its watchlist RSS feeds. The simulator is shared with every other test file: faults here match
// only Plex paths no other file uses, and call counts are compared before and after.

const callsDuring = <T>(path: string, action: () => Promise<T>) => callsDuringFor("plex", path, action);
const addPlexFault = simFaults("plex");
const WATCHLIST_PATH = "/library/sections/watchlist/all";
const FEED_ID = "7e2ad8c4-5f1b-4a3e-9d6c-0b1a2c3d4e5f";
const EMPTY_FEED_ID = "3c9f1e27-86b0-4d2a-a1f5-c4e8d7b6a901";

function readWatchlist(accessToken: string) {
  return fetchList(plexWatchlistSource, plexWatchlistSource.settings.parse({ accessToken }), env);
}

function readFeed(feedId: string) {
  return fetchList(plexRssSource, plexRssSource.settings.parse({ url: `${env.PLEX_DISCOVER_URL}/rss/${feedId}` }), env);
}

beforeAll(async () => {
  // Build the simulator's catalogue once, outside the app's 500 ms upstream timeout.
  await fetch(`${env.PLEX_DISCOVER_URL}/rss/${FEED_ID}`);
}, 60_000);

describe("Plex watchlist (discover API)", () => {
  test("the whole watchlist in pages of 100: its 218 movies, not its 12 shows", async () => {
    const { result, calls } = await callsDuring(WATCHLIST_PATH, () => readWatchlist("plex-sim-token"));
    expect(result.pages).toBe(3);
    expect(calls).toBe(3);
    expect(result.items).toHaveLength(218);
    for (const item of result.items) {
      expect(item.tmdbId ?? item.imdbId).toBeDefined();
      expect(item.title.length).toBeGreaterThan(0);
    }
    expect(new Set(result.items.map((item) => item.tmdbId)).size).toBe(218);
  });

  test("its movies are the simulated TMDb's movies", async () => {
    const { items } = await readWatchlist("plex-sim-token");
    for (const item of items.slice(0, 5)) {
      const res = await fetch(`${env.TMDB_API_URL}/3/movie/${item.tmdbId}?api_key=sim`);
      const movie = await res.json<{ title: string; imdb_id: string | null; release_date: string }>();
      expect(movie.title).toBe(item.title);
      expect(movie.imdb_id ?? undefined).toBe(item.imdbId);
      expect(Number(movie.release_date.slice(0, 4)) || 0).toBe(item.year);
    }
  });

  test("an empty watchlist is one request and no items", async () => {
    const result = await readWatchlist("plex-sim-token-empty");
    expect(result).toMatchObject({ items: [], pages: 1 });
  });

  test("a token Plex refuses (401) is a credentials error, not retried", async () => {
    const { result: error, calls } = await callsDuring(WATCHLIST_PATH, () => listError(readWatchlist("expired-token")));
    expect(error.kind).toBe("authenticationFailed");
    expect(error.message).toMatch(/credentials were refused \(HTTP 401\)/);
    expect(calls).toBe(1);
  });

  test("a 502 on a later page is retried and the watchlist still arrives whole", async () => {
    await addPlexFault({ match: "X-Plex-Container-Start=100&", kind: "status", status: 502, times: 1 });
    const { result, calls } = await callsDuring(WATCHLIST_PATH, () => readWatchlist("plex-sim-token"));
    expect(result.items).toHaveLength(218);
    expect(calls).toBe(4);
  });
});

describe("Plex watchlist RSS feed", () => {
  test("the feed's five pages of 50: its movies, by IMDb or TMDb id", async () => {
    const { result, calls } = await callsDuring(`/rss/${FEED_ID}`, () => readFeed(FEED_ID));
    expect(result.pages).toBe(5);
    expect(calls).toBe(5);
    expect(result.items).toHaveLength(218);
    expect(result.items.every((item) => item.imdbId || item.tmdbId)).toBe(true);
  });

  test("the feed and the API list the same movies in the same order", async () => {
    const [feed, api] = [await readFeed(FEED_ID), await readWatchlist("plex-sim-token")];
    expect(feed.items.map((item) => item.imdbId ?? item.tmdbId)).toEqual(
      api.items.map((item) => item.imdbId ?? item.tmdbId),
    );
  });

  test("an empty feed is an empty list", async () => {
    expect(await readFeed(EMPTY_FEED_ID)).toMatchObject({ items: [], pages: 1 });
  });

  test("a feed that does not exist is a not-found error", async () => {
    expect((await listError(readFeed("00000000-0000-4000-8000-000000000000"))).kind).toBe("notFound");
  });

  test("a 429 with a short Retry-After is waited out", async () => {
    await addPlexFault({ match: `/rss/${FEED_ID}?page=3`, kind: "rateLimit", retryAfter: 1, times: 1 });
    const { result, calls } = await callsDuring(`/rss/${FEED_ID}`, () => readFeed(FEED_ID));
    expect(result.items).toHaveLength(218);
    expect(calls).toBe(6);
  });

  test("a feed cut off in transit is a parse error", async () => {
    await addPlexFault({ match: `/rss/${FEED_ID}?page=2`, kind: "truncate", times: 1 });
    const error = await listError(readFeed(FEED_ID));
    expect(error.kind).toBe("parseError");
    expect(error.message).toMatch(/not well-formed XML/);
  });
});
