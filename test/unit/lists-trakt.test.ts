import { describe, expect, test } from "vitest";
import type { ListResponse, ListSourceEnvironment } from "../../src/domain/lists/source";
import {
  traktListSlug,
  traktListSource,
  traktPopularSource,
  traktUserSource,
} from "../../src/domain/lists/sources/trakt";

// Trakt list sources: the requests they make (headers, paths, paging) and how they read Trakt's
// documented responses. Fixtures are built inline in the shapes docs.trakt.tv documents.

const env: ListSourceEnvironment = {
  tmdbApiUrl: "https://api.themoviedb.org",
  traktApiUrl: "https://api.trakt.tv",
  traktClientId: "client-id",
  imdbUrl: "https://www.imdb.com",
  plexDiscoverUrl: "https://discover.provider.plex.tv",
};
const connected: ListSourceEnvironment = { ...env, traktAccessToken: "access-token" };

function response(body: unknown, paging?: { page: number; pageCount: number; limit?: number; items?: number }) {
  const headers = new Headers({ "content-type": "application/json" });
  if (paging) {
    headers.set("X-Pagination-Page", String(paging.page));
    headers.set("X-Pagination-Page-Count", String(paging.pageCount));
    headers.set("X-Pagination-Limit", String(paging.limit ?? 250));
    headers.set("X-Pagination-Item-Count", String(paging.items ?? paging.pageCount * 250));
  }
  return { url: "https://api.trakt.tv/x", status: 200, headers, text: JSON.stringify(body) } satisfies ListResponse;
}

function movie(trakt: number, title: string, year: number | null, tmdb: number | null, imdb: string | null) {
  return { title, year, ids: { trakt, slug: `${title.toLowerCase().replace(/\W+/g, "-")}-${year}`, imdb, tmdb } };
}

const matrix = movie(481, "The Matrix", 1999, 603, "tt0133093");
const inception = movie(16662, "Inception", 2010, 27205, "tt1375666");

function listEntry(rank: number, entry: ReturnType<typeof movie>) {
  return { rank, id: 100 + rank, listed_at: "2026-10-01T20:15:00.000Z", notes: null, type: "movie", movie: entry };
}

const query = (url: string | undefined) => Object.fromEntries(new URL(url ?? "http://x").searchParams);

describe("Trakt requests", async () => {
  test("send Trakt's required headers, the client id as trakt-api-key", async () => {
    const request = traktListSource.firstRequest({ username: "sim", listname: "demo-classics" }, env);
    expect(request).toEqual({
      service: "trakt",
      url: "https://api.trakt.tv/users/sim/lists/demo-classics/items/movies?page=1&limit=250",
      headers: { "Content-Type": "application/json", "trakt-api-version": "2", "trakt-api-key": "client-id" },
    });
  });

  test("add the connected account's token as a Bearer header", async () => {
    const request = traktListSource.firstRequest({ username: "sim", listname: "demo-private" }, connected);
    expect(request.headers).toMatchObject({ Authorization: "Bearer access-token", "trakt-api-key": "client-id" });
  });

  test("send no trakt-api-key when no client id is configured (Trakt then answers 403)", async () => {
    const request = traktListSource.firstRequest(
      { username: "sim", listname: "x" },
      { ...env, traktClientId: undefined },
    );
    expect(request.headers).not.toHaveProperty("trakt-api-key");
  });
});

describe("TraktListImport", async () => {
  test("turns a list name into Trakt's slug, as Radarr does", async () => {
    expect(traktListSlug("Demo Classics")).toBe("demo-classics");
    expect(traktListSlug("  Best of 2024: Sci-Fi & Friends! ")).toBe("best-of-2024-sci-fi-friends");
    expect(traktListSlug("Amélie's   Picks")).toBe("amelies-picks");
    expect(traktListSlug("7100001")).toBe("7100001");
    expect(traktListSource.settings.parse({ username: " Sim ", listname: "Demo Classics" })).toEqual({
      username: "Sim",
      listname: "demo-classics",
    });
  });

  test("needs a username and a list name", async () => {
    const paths = traktListSource.settings.safeParse({ username: "", listname: "!!" }).error?.issues.map((i) => i.path);
    expect(paths).toEqual([["username"], ["listname"]]);
  });

  test("reading your own lists ('me') needs a connected Trakt account", async () => {
    expect(() => traktListSource.firstRequest({ username: "me", listname: "favourites" }, env)).toThrow(
      expect.objectContaining({ kind: "authenticationFailed", message: expect.stringContaining("Connect your Trakt") }),
    );
    expect(traktListSource.firstRequest({ username: "me", listname: "favourites" }, connected).url).toBe(
      "https://api.trakt.tv/users/me/lists/favourites/items/movies?page=1&limit=250",
    );
  });

  test("reads list entries as items with their TMDb and IMDb ids", async () => {
    const settings = { username: "sim", listname: "demo-classics" };
    const page = await traktListSource.parse(
      response(
        [
          listEntry(1, matrix),
          listEntry(2, movie(9, "Only IMDb", 2001, null, "tt0000009")),
          listEntry(3, movie(10, "No Ids", 2002, null, null)),
          { rank: 4, id: 104, listed_at: "2026-10-01T20:15:00.000Z", type: "show", show: { title: "A Show" } },
          listEntry(5, movie(11, "Undated", null, 2000011, null)),
        ],
        { page: 1, pageCount: 1 },
      ),
      settings,
      env,
    );
    expect(page).toEqual({
      items: [
        {
          tmdbId: 603,
          imdbId: "tt0133093",
          title: "The Matrix",
          year: 1999,
          metadata: { trakt_id: 481, trakt_slug: "the-matrix-1999" },
        },
        {
          imdbId: "tt0000009",
          title: "Only IMDb",
          year: 2001,
          metadata: { trakt_id: 9, trakt_slug: "only-imdb-2001" },
        },
        { tmdbId: 2000011, title: "Undated", year: 0, metadata: { trakt_id: 11, trakt_slug: "undated-null" } },
      ],
      next: undefined,
    });
  });

  test("follows X-Pagination-Page-Count to the last page", async () => {
    const settings = { username: "sim", listname: "demo-ten-thousand" };
    const first = await traktListSource.parse(
      response([listEntry(1, matrix)], { page: 1, pageCount: 40 }),
      settings,
      env,
    );
    expect(query(first.next?.url)).toEqual({ page: "2", limit: "250" });
    expect(first.next?.headers).toMatchObject({ "trakt-api-key": "client-id" });
    expect(
      (await traktListSource.parse(response([], { page: 40, pageCount: 40 }), settings, env)).next,
    ).toBeUndefined();
    // A response without pagination headers is the whole list.
    expect((await traktListSource.parse(response([listEntry(1, matrix)]), settings, env)).next).toBeUndefined();
  });

  test("an unexpected body is a parse error naming the field", async () => {
    const settings = { username: "sim", listname: "x" };
    await expect(async () => traktListSource.parse(response({ error: "nope" }), settings, env)).rejects.toThrow(
      expect.objectContaining({ kind: "parseError" }),
    );
    await expect(async () =>
      traktListSource.parse(response([{ movie: { title: "No ids" } }]), settings, env),
    ).rejects.toThrow(expect.objectContaining({ kind: "parseError", message: expect.stringContaining("ids") }));
    const garbled: ListResponse = { url: "u", status: 200, headers: new Headers(), text: "[{" };
    await expect(async () => traktListSource.parse(garbled, settings, env)).rejects.toThrow(
      expect.objectContaining({ kind: "parseError" }),
    );
  });
});

describe("TraktListImport's summary", () => {
  const summary = traktListSource.summary as NonNullable<typeof traktListSource.summary>;
  const body = (itemCount: number, updatedAt = "2026-11-30T12:00:00.000Z") => ({
    name: "Big",
    privacy: "public",
    type: "personal",
    created_at: "2025-01-01T00:00:00.000Z",
    updated_at: updatedAt,
    item_count: itemCount,
    comment_count: 0,
    likes: 0,
    ids: { trakt: 7100004, slug: "big" },
  });

  test("asks for the list itself, as the item pages do", () => {
    const request = summary.request(traktListSource.settings.parse({ username: "Sim", listname: "Big" }), env);
    expect(request.url).toBe("https://api.trakt.tv/users/sim/lists/big");
    expect(request.headers).toMatchObject({ "trakt-api-key": "client-id", "trakt-api-version": "2" });
    expect(() => summary.request(traktListSource.settings.parse({ username: "me", listname: "x" }), env)).toThrow(
      expect.objectContaining({ kind: "authenticationFailed" }),
    );
  });

  test("its version follows the list's id, updated_at and item_count; pages are 250 items each", () => {
    const big = summary.parse(response(body(50_000)));
    expect(big).toEqual({ version: "trakt:7100004:2026-11-30T12:00:00.000Z:50000", pages: 200 });
    expect(summary.parse(response(body(50_001))).pages).toBe(201);
    expect(summary.parse(response(body(0))).pages).toBe(1);
    expect(summary.parse(response(body(50_000, "2026-11-30T12:01:00.000Z"))).version).not.toBe(big.version);
  });

  test("an unexpected summary is a parse error naming the field", () => {
    expect(() => summary.parse(response({ ...body(10), item_count: "ten" }))).toThrow(
      expect.objectContaining({ kind: "parseError", message: expect.stringContaining("item_count") }),
    );
    const garbled: ListResponse = { url: "u", status: 200, headers: new Headers(), text: "{" };
    expect(() => summary.parse(garbled)).toThrow(expect.objectContaining({ kind: "parseError" }));
  });
});

describe("TraktUserImport", async () => {
  const request = (input: Record<string, unknown>, on = connected) =>
    traktUserSource.firstRequest(traktUserSource.settings.parse(input), on).url;

  test("reads the watchlist, watched movies or collection of a user", async () => {
    expect(request({ traktListType: 0, username: "sim" })).toBe(
      "https://api.trakt.tv/users/sim/watchlist/movies/rank?page=1&limit=250",
    );
    expect(request({ traktListType: 1, username: "sim" })).toBe(
      "https://api.trakt.tv/users/sim/watched/movies?page=1&limit=250",
    );
    expect(request({ traktListType: "2", username: "sim" })).toBe(
      "https://api.trakt.tv/users/sim/collection/movies?page=1&limit=250",
    );
    expect(request({ traktListType: 0, traktWatchSorting: 3, username: "sim" })).toBe(
      "https://api.trakt.tv/users/sim/watchlist/movies/released?page=1&limit=250",
    );
  });

  test("without a username reads the connected account's, which needs Trakt connected", async () => {
    expect(request({ traktListType: 2 })).toBe("https://api.trakt.tv/users/me/collection/movies?page=1&limit=250");
    expect(request({ traktListType: 0, username: "  " })).toBe(
      "https://api.trakt.tv/users/me/watchlist/movies/rank?page=1&limit=250",
    );
    expect(() => request({ traktListType: 1 }, env)).toThrow(
      expect.objectContaining({
        kind: "authenticationFailed",
        message: expect.stringContaining("Connect your Trakt account (Trakt sign-in) to import your watched movies"),
      }),
    );
  });

  test("reads collection and watched entries, page by page", async () => {
    const settings = traktUserSource.settings.parse({ traktListType: 2, username: "sim" });
    const page = await traktUserSource.parse(
      response(
        [
          { collected_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z", movie: matrix },
          { plays: 2, last_watched_at: "2026-01-01T00:00:00.000Z", movie: inception },
        ],
        { page: 1, pageCount: 3 },
      ),
      settings,
      env,
    );
    expect(page.items.map((item) => item.tmdbId)).toEqual([603, 27205]);
    expect(page.next?.url).toBe("https://api.trakt.tv/users/sim/collection/movies?page=2&limit=250");
  });

  test("rejects unknown list types", async () => {
    expect(traktUserSource.settings.safeParse({ traktListType: 5 }).error?.issues[0].path).toEqual(["traktListType"]);
  });
});

describe("TraktPopularImport", async () => {
  const settingsOf = (input: Record<string, unknown>) => traktPopularSource.settings.parse(input);

  test("reads the chart the list type names", async () => {
    const paths = [0, 1, 2, 3, 4, 5, 6, 7].map(
      (traktListType) => new URL(traktPopularSource.firstRequest(settingsOf({ traktListType }), env).url).pathname,
    );
    expect(paths).toEqual([
      "/movies/trending",
      "/movies/popular",
      "/movies/anticipated",
      "/movies/boxoffice",
      "/movies/watched/weekly",
      "/movies/watched/monthly",
      "/movies/watched/yearly",
      "/movies/watched/all",
    ]);
  });

  test("passes the filters as Trakt's query parameters and asks for `limit` movies", async () => {
    const settings = settingsOf({
      traktListType: 0,
      limit: 50,
      rating: "60-100",
      certification: "PG-13, R",
      genres: "Action, science-fiction",
      years: "2010-2019",
    });
    expect(query(traktPopularSource.firstRequest(settings, env).url)).toEqual({
      years: "2010-2019",
      genres: "action,science-fiction",
      ratings: "60-100",
      certifications: "pg-13,r",
      page: "1",
      limit: "50",
    });
    expect(query(traktPopularSource.firstRequest(settingsOf({}), env).url)).toEqual({ page: "1", limit: "100" });
  });

  test("rejects malformed filters, naming the field", async () => {
    const paths = (input: Record<string, unknown>) =>
      traktPopularSource.settings.safeParse(input).error?.issues.map((issue) => issue.path.join("."));
    expect(paths({ rating: "high" })).toEqual(["rating"]);
    expect(paths({ certification: "PG,X" })).toEqual(["certification"]);
    expect(paths({ years: "90s" })).toEqual(["years"]);
    expect(paths({ limit: 0 })).toEqual(["limit"]);
    expect(paths({ traktListType: 12 })).toEqual(["traktListType"]);
  });

  test("reads bare movies (popular) and wrapped ones (trending, anticipated, box office, watched)", async () => {
    const popular = settingsOf({ traktListType: 1 });
    expect(
      (await traktPopularSource.parse(response([matrix, inception], { page: 1, pageCount: 1 }), popular, env)).items,
    ).toHaveLength(2);
    const wrapped = [
      { watchers: 120, movie: matrix },
      { list_count: 4000, movie: inception },
      { revenue: 21000000, movie: movie(5, "Box Office", 2026, 5, null) },
      { watcher_count: 9, play_count: 18, collected_count: 4, movie: movie(6, "Watched", 2020, 6, null) },
    ];
    const page = await traktPopularSource.parse(response(wrapped, { page: 1, pageCount: 1 }), settingsOf({}), env);
    expect(page.items.map((item) => item.tmdbId)).toEqual([603, 27205, 5, 6]);
  });

  test("reads 250 a page up to `limit`, cutting the last page short", async () => {
    const settings = settingsOf({ traktListType: 0, limit: 600 });
    expect(query(traktPopularSource.firstRequest(settings, env).url).limit).toBe("250");
    const full = Array.from({ length: 250 }, (_, i) => ({ watchers: 1, movie: movie(i, `M${i}`, 2020, i + 1, null) }));
    const first = await traktPopularSource.parse(response(full, { page: 1, pageCount: 9 }), settings, env);
    expect(first.items).toHaveLength(250);
    expect(query(first.next?.url)).toMatchObject({ page: "2", limit: "250" });
    const third = await traktPopularSource.parse(response(full, { page: 3, pageCount: 9 }), settings, env);
    expect(third.items).toHaveLength(100);
    expect(third.next).toBeUndefined();
  });

  test("stops at the chart's last page, and reads the unpaged box office once", async () => {
    const settings = settingsOf({ traktListType: 0, limit: 1000 });
    expect(
      (await traktPopularSource.parse(response([], { page: 2, pageCount: 2 }), settings, env)).next,
    ).toBeUndefined();
    const boxOffice = settingsOf({ traktListType: 3 });
    const page = await traktPopularSource.parse(response([{ revenue: 1, movie: matrix }]), boxOffice, env);
    expect(page).toMatchObject({ items: [{ tmdbId: 603 }], next: undefined });
  });
});

describe("provider schema", async () => {
  test("each source names Radarr's implementation and contract, and its defaults are valid settings", async () => {
    for (const [source, implementation, contract] of [
      [traktListSource, "TraktListImport", "TraktListSettings"],
      [traktUserSource, "TraktUserImport", "TraktUserSettings"],
      [traktPopularSource, "TraktPopularImport", "TraktPopularSettings"],
    ] as const) {
      expect([source.implementation, source.configContract]).toEqual([implementation, contract]);
      expect(source.requestsPerSecond).toBeLessThanOrEqual(1000 / 300);
      // 401 (no account that may see it) and 403 (client id refused) both need the user to act.
      expect([source.refusalKind?.(401), source.refusalKind?.(403)]).toEqual([
        "authenticationFailed",
        "authenticationFailed",
      ]);
    }
    for (const source of [traktUserSource, traktPopularSource]) {
      const defaults = Object.fromEntries(
        source.fields.flatMap((field) => (field.value === undefined ? [] : [[field.name, field.value]])),
      );
      expect(source.settings.safeParse(defaults).success, source.implementation).toBe(true);
    }
    expect(traktPopularSource.fields.find((field) => field.name === "traktListType")?.selectOptions?.[3]).toEqual({
      value: 3,
      name: "Top Box Office Movies",
    });
  });
});
