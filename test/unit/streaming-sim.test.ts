import { describe, expect, test } from "vitest";
import { traktTrendingShows, tvShows } from "../../sim/src/data/discovery-trending";
import { TV_WATCHMODE_ID_BASE, watchmodeIdForMovie } from "../../sim/src/data/watchmode-id-map";
import app from "../../sim/src/index";

// The simulator's Watchmode sources/releases and Trakt trending shows, driven through its Hono app.

const KEY = "apiKey=sim-watchmode-key";
const THE_MATRIX = 603;

interface Source {
  source_id: number;
  name: string;
  type: string;
  region: string;
  web_url: string;
  format: string;
  price: number | null;
  seasons: number | null;
  episodes: number | null;
}

async function json<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await app.request(path, init);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

describe("simulated Watchmode title sources", () => {
  const matrix = watchmodeIdForMovie(THE_MATRIX);

  test("follow the title's JustWatch offers in Watchmode's terms, every region unless narrowed", async () => {
    const all = await json<Source[]>(`/watchmode/v1/title/${matrix}/sources/?${KEY}`);
    expect(all.status).toBe(200);
    const us = all.body.filter((source) => source.region === "US");
    // The Matrix in the US (as TMDb serves it): Netflix and Apple TV+ by subscription, Tubi with ads.
    expect([...new Set(us.map((source) => `${source.name}:${source.type}`))].sort()).toEqual([
      "AppleTV+:sub",
      "Netflix:sub",
      "Tubi TV:free",
    ]);
    expect(us[0]).toEqual({
      source_id: expect.any(Number),
      name: expect.any(String),
      type: expect.any(String),
      region: "US",
      ios_url: expect.any(String),
      android_url: expect.any(String),
      web_url: expect.stringMatching(/^https:\/\//),
      format: expect.stringMatching(/^(SD|HD|4K)$/),
      price: null,
      seasons: null,
      episodes: null,
    });
    expect(all.body.some((source) => source.region === "DE")).toBe(false);

    const narrowed = await json<Source[]>(`/watchmode/v1/title/${matrix}/sources/?${KEY}&regions=gb,FR`);
    expect(narrowed.body.length).toBeGreaterThan(0);
    expect(new Set(narrowed.body.map((source) => source.region))).toEqual(
      new Set(all.body.filter((s) => s.region === "GB" || s.region === "FR").map((s) => s.region)),
    );
    // Deterministic: the same answer every time.
    expect((await json<Source[]>(`/watchmode/v1/title/${matrix}/sources/?${KEY}`)).body).toEqual(all.body);
  });

  test("rentals and purchases come per format with a price; TV shows count seasons", async () => {
    let priced: Source[] = [];
    for (let id = 1_000_000; priced.length === 0; id++) {
      priced = (await json<Source[]>(`/watchmode/v1/title/${id}/sources/?${KEY}`)).body.filter(
        (source) => source.type === "rent" || source.type === "purchase",
      );
    }
    expect(priced.every((source) => typeof source.price === "number" && source.price > 0)).toBe(true);
    expect(new Set(priced.map((source) => source.format)).has("HD")).toBe(true);

    let show: Source[] = [];
    for (let k = 0; show.length === 0; k++) {
      show = (await json<Source[]>(`/watchmode/v1/title/${TV_WATCHMODE_ID_BASE + k}/sources/?${KEY}`)).body;
    }
    expect(show[0].seasons).toBeGreaterThan(0);
    expect(show[0].episodes).toBeGreaterThanOrEqual(show[0].seasons ?? 0);
  });

  test("401 without a key or with an invalid one; 404 for an unknown title", async () => {
    expect((await app.request(`/watchmode/v1/title/${matrix}/sources/`)).status).toBe(401);
    expect((await app.request(`/watchmode/v1/title/${matrix}/sources/?apiKey=invalid-key`)).status).toBe(401);
    const missing = await json<{ success: boolean; statusCode: number }>(`/watchmode/v1/title/99/sources/?${KEY}`);
    expect(missing).toMatchObject({ status: 404, body: { success: false, statusCode: 404 } });
  });
});

/** How the simulator's SVG artwork writes text. */
const escapeXml = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);

interface Release {
  id: number;
  title: string;
  type: string;
  tmdb_id: number;
  tmdb_type: string;
  source_release_date: string;
  source_id: number;
  source_name: string;
  season_number: number | null;
  is_original: number;
  poster_url: string;
}

describe("simulated Watchmode releases", () => {
  test("lists each day's releases in the range, in date order, the same every time", async () => {
    const path = `/watchmode/v1/releases/?${KEY}&start_date=20261201&end_date=20261215`;
    const { status, body } = await json<{ releases: Release[] }>(path);
    expect(status).toBe(200);
    const days = body.releases.map((release) => release.source_release_date);
    expect(days.length).toBeGreaterThanOrEqual(2 * 15);
    expect(days).toEqual([...days].sort());
    expect([days[0], days[days.length - 1]]).toEqual(["2026-12-01", "2026-12-15"]);
    expect(new Set(days).size).toBe(15);
    for (const release of body.releases) {
      expect(release.tmdb_type === "movie" ? release.type : release.type.startsWith("tv_")).toBeTruthy();
      expect(release.season_number === null).toBe(release.tmdb_type === "movie");
    }
    expect((await json<{ releases: Release[] }>(path)).body).toEqual(body);
    // A window inside another has the same releases on its days.
    const firstDay = await json<{ releases: Release[] }>(
      `/watchmode/v1/releases/?${KEY}&start_date=20261201&end_date=20261201`,
    );
    expect(firstDay.body.releases).toEqual(body.releases.filter((r) => r.source_release_date === "2026-12-01"));
  });

  test("poster URLs point at the simulator's own poster CDN, which draws each title", async () => {
    const path = `/watchmode/v1/releases/?${KEY}&start_date=20261201&end_date=20261203`;
    const { body } = await json<{ releases: Release[] }>(`http://127.0.0.1:8788${path}`);
    expect(body.releases.length).toBeGreaterThan(0);
    for (const release of body.releases) {
      // Demo pages load no image from the internet: the posters come from the simulator that answered.
      expect(release.poster_url).toMatch(
        /^http:\/\/127\.0\.0\.1:8788\/watchmode\/cdn\/posters\/0\d+_poster_w185\.jpg$/,
      );
      const poster = await app.request(release.poster_url);
      expect(poster.status).toBe(200);
      expect(poster.headers.get("content-type")).toBe("image/svg+xml");
      expect(await poster.text()).toContain(escapeXml(release.title.split(" ")[0]));
    }
    expect((await app.request("/watchmode/cdn/posters/099_poster_w185.jpg")).status).toBe(404);
  });

  test("honours limit and refuses malformed dates", async () => {
    const limited = await json<{ releases: Release[] }>(
      `/watchmode/v1/releases/?${KEY}&start_date=20261201&end_date=20261231&limit=5`,
    );
    expect(limited.body.releases).toHaveLength(5);
    expect((await app.request(`/watchmode/v1/releases/?${KEY}&start_date=2026-12-01`)).status).toBe(400);
    expect((await app.request(`/watchmode/v1/releases/?${KEY}&start_date=20261231&end_date=20261201`)).status).toBe(
      400,
    );
    expect((await app.request("/watchmode/v1/releases/")).status).toBe(401);
  });

  test("the source catalogue lists the services, narrowed by region", async () => {
    const gb = await json<{ id: number; name: string; regions: string[] }[]>(
      `/watchmode/v1/sources/?${KEY}&regions=GB`,
    );
    const names = gb.body.map((source) => source.name);
    expect(names).toContain("BBC iPlayer");
    expect(names).not.toContain("Hulu");
  });
});

describe("simulated Trakt trending shows", () => {
  const headers = { "trakt-api-key": "any-client-id", "trakt-api-version": "2" };

  test("ranked by watchers, with TMDb ids of the TV shows TMDb serves, paged like Trakt", async () => {
    const {
      status,
      body,
      headers: response,
    } = await json<
      { watchers: number; show: { title: string; year: number | null; ids: { tmdb: number; trakt: number } } }[]
    >("/trakt/shows/trending?limit=20", { headers });
    expect(status).toBe(200);
    expect(body).toHaveLength(20);
    expect(response.get("X-Pagination-Item-Count")).toBe(String(tvShows().length));
    const watchers = body.map((entry) => entry.watchers);
    expect(watchers).toEqual([...watchers].sort((a, b) => b - a));
    const known = new Set(tvShows().map((show) => show.id));
    expect(body.every((entry) => known.has(entry.show.ids.tmdb))).toBe(true);
    expect(body[0].show.ids.tmdb).toBe(traktTrendingShows()[0].show.id);

    const second = await json<{ show: { ids: { tmdb: number } } }[]>("/trakt/shows/trending?page=2&limit=10", {
      headers,
    });
    expect(second.body.map((entry) => entry.show.ids.tmdb)).toEqual(body.slice(10).map((e) => e.show.ids.tmdb));
    expect((await app.request("/trakt/shows/trending")).status).toBe(403);
  });
});
