import { describe, expect, test } from "vitest";
import { movieById } from "../../sim/src/data/catalogue";
import { FIFTY_THOUSAND, TEN_THOUSAND, TRAKT_LIST_SLUGS, TRAKT_SIM_TOKEN } from "../../sim/src/data/lists-trakt";
import app from "../../sim/src/index";

// The simulated Trakt: required headers, status codes, paging headers and JSON shapes.

// biome-ignore lint/suspicious/noExplicitAny: tests read Trakt's JSON freely and assert on its shape.
type Body = any;

const APP_HEADERS = { "trakt-api-key": "any-client-id", "trakt-api-version": "2" };
const SIGNED_IN = { ...APP_HEADERS, Authorization: `Bearer ${TRAKT_SIM_TOKEN}` };

function trakt(path: string, headers: Record<string, string> = APP_HEADERS): Promise<Response> {
  return Promise.resolve(app.request(`/trakt${path}`, { headers }));
}

async function traktJson(path: string, headers: Record<string, string> = APP_HEADERS) {
  const response = await trakt(path, headers);
  expect(response.status, path).toBe(200);
  return { body: (await response.json()) as Body, headers: response.headers };
}

function paging(headers: Headers) {
  return {
    page: headers.get("X-Pagination-Page"),
    limit: headers.get("X-Pagination-Limit"),
    pageCount: headers.get("X-Pagination-Page-Count"),
    itemCount: headers.get("X-Pagination-Item-Count"),
  };
}

const classics = `/users/sim/lists/${TRAKT_LIST_SLUGS.classics}/items/movies`;

describe("headers and status codes", () => {
  test("403 without a trakt-api-key; any non-empty client id is accepted", async () => {
    expect((await trakt(classics, {})).status).toBe(403);
    expect((await trakt(classics, { "trakt-api-key": " " })).status).toBe(403);
    expect((await trakt(classics, { "trakt-api-key": "x" })).status).toBe(200);
    expect(await (await trakt(classics, {})).json()).toMatchObject({ error: "forbidden" });
  });

  test("401 for a token that is not the simulator's", async () => {
    expect((await trakt(classics, { ...APP_HEADERS, Authorization: "Bearer stale" })).status).toBe(401);
  });

  test("404 for unknown users and lists", async () => {
    expect((await trakt("/users/nobody/lists/anything/items/movies")).status).toBe(404);
    expect((await trakt("/users/sim/lists/no-such-list/items/movies")).status).toBe(404);
  });

  test("a private list answers 401 without its owner's token, and its items with it", async () => {
    const path = `/users/sim/lists/${TRAKT_LIST_SLUGS.private}/items/movies`;
    expect((await trakt(path)).status).toBe(401);
    const { body } = await traktJson(`${path}?limit=250`, SIGNED_IN);
    expect(body).toHaveLength(40);
  });

  test("a private profile answers 401 with X-Private-User", async () => {
    const response = await trakt("/users/sim-hidden/watchlist/movies");
    expect(response.status).toBe(401);
    expect(response.headers.get("X-Private-User")).toBe("true");
  });

  test("'me' needs a token and is the token's owner", async () => {
    expect((await trakt("/users/me/watchlist/movies")).status).toBe(401);
    const mine = await traktJson("/users/me/watchlist/movies?limit=100", SIGNED_IN);
    const sims = await traktJson("/users/sim/watchlist/movies?limit=100");
    expect(mine.body).toEqual(sims.body);
  });

  test("429s carry Trakt's X-Ratelimit header", async () => {
    const { traktError } = await import("../../sim/src/services/trakt");
    const limited = traktError(429);
    expect(JSON.parse(limited.headers.get("X-Ratelimit") ?? "{}")).toMatchObject({ limit: 1000, period: 300 });
  });
});

describe("lists", () => {
  test("pages list items with X-Pagination headers, clamping limit to 250", async () => {
    const first = await traktJson(`${classics}?page=1&limit=1000`);
    expect(paging(first.headers)).toMatchObject({ page: "1", limit: "250" });
    const itemCount = Number(first.headers.get("X-Pagination-Item-Count"));
    expect(Number(first.headers.get("X-Pagination-Page-Count"))).toBe(Math.ceil(itemCount / 250));
    expect(first.body).toHaveLength(250);
    expect(first.body[0]).toMatchObject({
      rank: 1,
      id: expect.any(Number),
      listed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      notes: null,
      type: "movie",
      movie: { title: expect.any(String), year: expect.any(Number), ids: expect.any(Object) },
    });
    const { ids, title } = first.body[0].movie;
    expect(movieById(ids.tmdb)).toMatchObject({ title, imdbId: ids.imdb });
    expect(ids.slug).toMatch(/^[a-z0-9-]+-\d{4}$/);
  });

  test("uses a low default page size without page and limit", async () => {
    const { body, headers } = await traktJson(classics);
    expect(body).toHaveLength(10);
    expect(paging(headers)).toMatchObject({ page: "1", limit: "10" });
  });

  test("finds a list by its Trakt id as well as its slug", async () => {
    const bySlug = await traktJson(`${classics}?limit=5`);
    const byId = await traktJson("/users/sim/lists/7100001/items/movies?limit=5");
    expect(byId.body).toEqual(bySlug.body);
  });

  test("holds a 10,000-item public list: 40 pages of 250", async () => {
    const path = `/users/sim/lists/${TRAKT_LIST_SLUGS.tenThousand}/items/movies`;
    const first = await traktJson(`${path}?limit=250`);
    expect(paging(first.headers)).toEqual({
      page: "1",
      limit: "250",
      pageCount: "40",
      itemCount: String(TEN_THOUSAND),
    });
    const last = await traktJson(`${path}?limit=250&page=40`);
    expect(last.body).toHaveLength(250);
    expect(last.body[249].rank).toBe(TEN_THOUSAND);
    expect((await traktJson(`${path}?limit=250&page=41`)).body).toEqual([]);
  });

  test("holds a 50,000-item public list of distinct movies, past the catalogue's size", async () => {
    const path = `/users/sim/lists/${TRAKT_LIST_SLUGS.fiftyThousand}/items/movies`;
    const first = await traktJson(`${path}?limit=250`);
    expect(paging(first.headers)).toMatchObject({ pageCount: "200", itemCount: String(FIFTY_THOUSAND) });
    const last = await traktJson(`${path}?limit=250&page=200`);
    expect(last.body[249].rank).toBe(FIFTY_THOUSAND);
    const ids = new Set<number>();
    for (let page = 1; page <= 200; page += 1) {
      const { body } = await traktJson(`${path}?limit=250&page=${page}`);
      for (const item of body) {
        ids.add(item.movie.ids.tmdb);
      }
    }
    expect(ids.size).toBe(FIFTY_THOUSAND);
  });
});

describe("a user's watchlist, collection and history", () => {
  test("answer in Trakt's shapes", async () => {
    const watchlist = await traktJson("/users/sim/watchlist/movies?limit=250");
    expect(watchlist.body[0]).toMatchObject({ rank: 1, type: "movie", movie: { ids: { tmdb: expect.any(Number) } } });
    const collection = await traktJson("/users/sim/collection/movies?limit=250");
    expect(paging(collection.headers)).toMatchObject({ pageCount: "3", itemCount: "600" });
    expect(collection.body[0]).toMatchObject({
      collected_at: expect.any(String),
      movie: { title: expect.any(String) },
    });
    const watched = await traktJson("/users/sim/watched/movies?limit=250");
    expect(watched.body[0]).toMatchObject({ plays: expect.any(Number), last_watched_at: expect.any(String) });
  });

  test("sort the watchlist by title when asked", async () => {
    const { body } = await traktJson("/users/sim/watchlist/movies/title?limit=250");
    const titles = body.map((entry: Body) => entry.movie.title);
    expect(titles).toEqual([...titles].sort((a: string, b: string) => a.localeCompare(b)));
  });
});

describe("movie charts", () => {
  test("trending, popular, anticipated and most watched in Trakt's shapes", async () => {
    expect((await traktJson("/movies/trending?limit=3")).body[0]).toMatchObject({
      watchers: expect.any(Number),
      movie: { ids: { trakt: expect.any(Number), slug: expect.any(String) } },
    });
    const popular = (await traktJson("/movies/popular?limit=3")).body[0];
    expect(popular).toMatchObject({ title: expect.any(String), ids: { tmdb: expect.any(Number) } });
    expect((await traktJson("/movies/anticipated?limit=3")).body[0]).toMatchObject({ list_count: expect.any(Number) });
    expect((await traktJson("/movies/watched/monthly?limit=3")).body[0]).toMatchObject({
      watcher_count: expect.any(Number),
      play_count: expect.any(Number),
      collected_count: expect.any(Number),
    });
    expect((await trakt("/movies/watched/fortnightly")).status).toBe(404);
  });

  test("the box office is Trakt's unpaged top 10", async () => {
    const { body, headers } = await traktJson("/movies/boxoffice?limit=50");
    expect(body).toHaveLength(10);
    expect(body[0]).toMatchObject({ revenue: expect.any(Number), movie: { title: expect.any(String) } });
    expect(headers.get("X-Pagination-Page")).toBeNull();
  });

  test("apply the genres, years, ratings and certifications filters", async () => {
    const all = await traktJson("/movies/popular?limit=250");
    const filtered = await traktJson(
      "/movies/popular?limit=250&years=2010-2015&genres=action,science-fiction&ratings=70-100",
    );
    expect(Number(filtered.headers.get("X-Pagination-Item-Count"))).toBeLessThan(
      Number(all.headers.get("X-Pagination-Item-Count")),
    );
    for (const entry of filtered.body) {
      const movie = movieById(entry.ids.tmdb);
      expect(entry.year).toBeGreaterThanOrEqual(2010);
      expect(entry.year).toBeLessThanOrEqual(2015);
      expect(movie?.genreIds.some((id) => id === 28 || id === 878)).toBe(true);
      expect((movie?.voteAverage ?? 0) * 10).toBeGreaterThanOrEqual(69.5);
    }
    const rated = await traktJson("/movies/popular?limit=250&certifications=pg-13");
    for (const entry of rated.body) expect(movieById(entry.ids.tmdb)?.certification).toBe("PG-13");
  });
});
