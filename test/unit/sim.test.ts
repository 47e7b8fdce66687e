import { beforeEach, describe, expect, test, vi } from "vitest";
import {
  addDays,
  allMovies,
  catalogueReferenceDate,
  catalogueSummary,
  FILLER_FIRST_ID,
  movieById,
  movieByImdbId,
} from "../../sim/src/data/catalogue";
import app from "../../sim/src/index";

// The upstream simulator, driven through its Hono app exactly as the Worker serves it.

async function tmdb(path: string, init?: RequestInit): Promise<Response> {
  return app.request(`/tmdb${path}${path.includes("?") ? "&" : "?"}api_key=test-key`, init);
}

// biome-ignore lint/suspicious/noExplicitAny: tests read TMDb's JSON freely and assert on its shape.
type TmdbBody = Record<string, any>;

async function read(response: Response | Promise<Response>): Promise<TmdbBody> {
  return (await (await response).json()) as TmdbBody;
}

async function tmdbJson<T = TmdbBody>(path: string): Promise<T> {
  const response = await tmdb(path);
  expect(response.status).toBe(200);
  return (await read(response)) as T;
}

async function sim(method: string, path: string, body?: unknown): Promise<Response> {
  return app.request(`/__sim${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function addFault(rule: Record<string, unknown>): Promise<string> {
  const response = await sim("POST", "/faults", rule);
  expect(response.status).toBe(201);
  return (await read(response)).id;
}

async function callCount(service: string, path: string): Promise<number> {
  const response = await sim("GET", `/calls?service=${service}&path=${encodeURIComponent(path)}`);
  return (await read(response)).count;
}

beforeEach(async () => {
  await sim("POST", "/reset");
});

describe("catalogue", () => {
  test("holds thousands of movies with unique TMDb and IMDb ids", () => {
    const movies = allMovies();
    expect(movies.length).toBeGreaterThanOrEqual(5_000);
    expect(new Set(movies.map((movie) => movie.id)).size).toBe(movies.length);
    const imdbIds = movies.flatMap((movie) => (movie.imdbId ? [movie.imdbId] : []));
    expect(new Set(imdbIds).size).toBe(imdbIds.length);
    expect(catalogueSummary().realMovies).toBeGreaterThanOrEqual(300);
  });

  test("keeps real movies under their real ids and generated ones out of their range", () => {
    expect(movieById(603)).toMatchObject({
      title: "The Matrix",
      imdbId: "tt0133093",
      releaseDate: "1999-03-30",
      collectionId: 2344,
    });
    expect(movieByImdbId("tt0137523")?.id).toBe(550);
    expect(movieById(27205)?.imdbId).toBe("tt1375666");
    expect(movieById(157336)?.imdbId).toBe("tt0816692");
    for (const movie of allMovies()) {
      if (!movie.real) {
        expect(movie.id).toBeGreaterThanOrEqual(FILLER_FIRST_ID);
        if (movie.imdbId) expect(movie.imdbId).toMatch(/^tt9\d{7}$/);
      }
    }
  });

  test("is the same on every build", async () => {
    const fingerprint = (movies: readonly { id: number; title: string; releaseDate: string; popularity: number }[]) =>
      movies.map((movie) => `${movie.id}|${movie.title}|${movie.releaseDate}|${movie.popularity}`).join("\n");
    vi.resetModules();
    const rebuilt = await import("../../sim/src/data/catalogue");
    expect(fingerprint(rebuilt.allMovies())).toBe(fingerprint(allMovies()));
    expect(movieById(2_000_000)).toMatchObject({
      title: "The Sacred Echo",
      imdbId: "tt90000001",
      releaseDate: "2016-04-28",
    });
  });

  test("dates unreleased movies after the fixed reference date", () => {
    const unreleased = allMovies().filter((movie) => movie.status !== "Released");
    expect(unreleased.length).toBeGreaterThan(100);
    for (const movie of unreleased) {
      if (movie.releaseDate) expect(movie.releaseDate > catalogueReferenceDate()).toBe(true);
    }
    expect(new Set(unreleased.map((movie) => movie.status))).toEqual(
      new Set(["Post Production", "In Production", "Planned"]),
    );
    // "In Production" is 300–900 days ahead of the catalogue's day, as TMDb would have it.
    const inProduction = unreleased.filter((movie) => movie.status === "In Production" && movie.releaseDate);
    expect(inProduction.length).toBeGreaterThan(10);
    for (const movie of inProduction) {
      expect(movie.releaseDate >= addDays(catalogueReferenceDate(), 300)).toBe(true);
      expect(movie.releaseDate < addDays(catalogueReferenceDate(), 900)).toBe(true);
    }
  });
});

describe("TMDb search", () => {
  test("finds a title case-insensitively and ranks the exact match first", async () => {
    const body = await tmdbJson("/3/search/movie?query=THE%20MATRIX");
    expect(body.results[0]).toMatchObject({
      id: 603,
      title: "The Matrix",
      original_title: "The Matrix",
      release_date: "1999-03-30",
    });
    expect(body.results.map((movie: { id: number }) => movie.id)).toEqual(expect.arrayContaining([604, 605, 624860]));
    expect(Object.keys(body.results[0]).sort()).toEqual(
      [
        "adult",
        "backdrop_path",
        "genre_ids",
        "id",
        "original_language",
        "original_title",
        "overview",
        "popularity",
        "poster_path",
        "release_date",
        "title",
        "video",
        "vote_average",
        "vote_count",
      ].sort(),
    );
  });

  test("pages 20 results at a time", async () => {
    const first = await tmdbJson("/3/search/movie?query=the");
    expect(first.page).toBe(1);
    expect(first.results).toHaveLength(20);
    expect(first.total_results).toBeGreaterThan(40);
    expect(first.total_pages).toBe(Math.ceil(first.total_results / 20));
    const second = await tmdbJson("/3/search/movie?query=the&page=2");
    expect(second.page).toBe(2);
    expect(second.results[0].id).not.toBe(first.results[0].id);
  });

  test("filters by year and matches alternative titles and punctuation-free spellings", async () => {
    const dunes = await tmdbJson("/3/search/movie?query=dune");
    expect(dunes.results.map((movie: { id: number }) => movie.id)).toEqual(
      expect.arrayContaining([438631, 841, 693134]),
    );
    const dune1984 = await tmdbJson("/3/search/movie?query=dune&year=1984");
    expect(dune1984.results.map((movie: { id: number }) => movie.id)).toEqual([841]);
    const sorcerer = await tmdbJson("/3/search/movie?query=Harry%20Potter%20and%20the%20Sorcerer's%20Stone");
    expect(sorcerer.results[0].id).toBe(671);
    const spiderman = await tmdbJson("/3/search/movie?query=spiderman&primary_release_year=2002");
    expect(spiderman.results[0].id).toBe(557);
  });

  test("answers an empty query with an empty page and a bad page with TMDb's error", async () => {
    expect(await tmdbJson("/3/search/movie?query=")).toEqual({
      page: 1,
      results: [],
      total_pages: 1,
      total_results: 0,
    });
    const response = await tmdb("/3/search/movie?query=dune&page=501");
    expect(response.status).toBe(400);
    expect(await read(response)).toMatchObject({ status_code: 22, success: false });
  });

  test("leaves adult titles out unless asked", async () => {
    const adult = allMovies().find((movie) => movie.adult);
    if (!adult) throw new Error("the catalogue should hold a few adult titles");
    const query = encodeURIComponent(adult.title);
    const without = await tmdbJson(`/3/search/movie?query=${query}`);
    expect(without.results.some((movie: { id: number }) => movie.id === adult.id)).toBe(false);
    const withAdult = await tmdbJson(`/3/search/movie?query=${query}&include_adult=true`);
    expect(withAdult.results.some((movie: { id: number }) => movie.id === adult.id)).toBe(true);
  });
});

describe("TMDb movie details", () => {
  test("returns the documented fields", async () => {
    const movie = await tmdbJson("/3/movie/603");
    expect(movie).toMatchObject({
      id: 603,
      imdb_id: "tt0133093",
      title: "The Matrix",
      original_language: "en",
      runtime: 136,
      status: "Released",
      poster_path: "/603-poster.jpg",
      backdrop_path: "/603-backdrop.jpg",
      belongs_to_collection: { id: 2344, name: "The Matrix Collection" },
      genres: [
        { id: 28, name: "Action" },
        { id: 878, name: "Science Fiction" },
      ],
      video: false,
    });
    expect(typeof movie.overview).toBe("string");
    expect(movie.vote_average).toBeGreaterThan(0);
    expect(movie.spoken_languages[0]).toEqual({ english_name: "English", iso_639_1: "en", name: "English" });
    expect(movie.credits).toBeUndefined();
  });

  test("appends each requested section under its own name", async () => {
    const movie = await tmdbJson(
      "/3/movie/603?append_to_response=credits,images,release_dates,external_ids,alternative_titles,keywords,videos,recommendations,nonsense",
    );
    expect(movie.credits.cast.length).toBeGreaterThan(0);
    expect(movie.credits.cast[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        name: expect.any(String),
        character: expect.any(String),
        order: 0,
      }),
    );
    expect(movie.credits.crew.map((credit: { job: string }) => credit.job)).toContain("Director");
    expect(movie.images.posters[0].file_path).toBe("/603-poster.jpg");
    expect(movie.external_ids.imdb_id).toBe("tt0133093");
    expect(movie.alternative_titles.titles).toEqual([]);
    expect(movie.keywords.keywords.length).toBeGreaterThan(0);
    expect(movie.videos.results[0]).toMatchObject({ site: "YouTube", type: "Trailer" });
    expect(movie.recommendations.results.length).toBeGreaterThan(0);
    expect(movie.nonsense).toBeUndefined();
    const us = movie.release_dates.results.find((entry: { iso_3166_1: string }) => entry.iso_3166_1 === "US");
    expect(us.release_dates.map((entry: { type: number }) => entry.type)).toEqual(expect.arrayContaining([3, 4, 5]));
    expect(us.release_dates.find((entry: { type: number }) => entry.type === 3)).toMatchObject({
      certification: "R",
      release_date: "1999-03-30T00:00:00.000Z",
    });
  });

  test("serves the sections as sub-resources with the movie id", async () => {
    expect(await tmdbJson("/3/movie/550/external_ids")).toMatchObject({ id: 550, imdb_id: "tt0137523" });
    const images = await tmdbJson("/3/movie/550/images");
    expect(images).toMatchObject({ id: 550 });
    expect(images.posters[0]).toMatchObject({
      file_path: "/550-poster.jpg",
      aspect_ratio: 0.667,
      width: 2000,
      height: 3000,
    });
    const dates = await tmdbJson("/3/movie/550/release_dates");
    expect(dates.id).toBe(550);
    expect(dates.results.length).toBeGreaterThan(0);
    const alternative = await tmdbJson("/3/movie/671/alternative_titles");
    expect(alternative.titles).toContainEqual({
      iso_3166_1: "US",
      title: "Harry Potter and the Sorcerer's Stone",
      type: "",
    });
  });

  test("describes unreleased movies as TMDb would", async () => {
    const unreleased = allMovies().find((m) => m.status === "In Production" && m.releaseDate && !m.adult);
    const movie = await tmdbJson(`/3/movie/${unreleased?.id}?append_to_response=release_dates`);
    expect(movie).toMatchObject({ status: "In Production", release_date: unreleased?.releaseDate });
    const types = movie.release_dates.results.flatMap((entry: { release_dates: { type: number }[] }) =>
      entry.release_dates.map((date) => date.type),
    );
    expect(types).not.toContain(4);
    expect(types).not.toContain(5);
  });

  test("accepts TMDb's id-slug form", async () => {
    expect((await tmdbJson("/3/movie/27205-inception")).title).toBe("Inception");
  });
});

describe("TMDb find, collections and configuration", () => {
  test("finds a movie by IMDb id", async () => {
    const found = await tmdbJson("/3/find/tt0816692?external_source=imdb_id");
    expect(found.movie_results).toHaveLength(1);
    expect(found.movie_results[0]).toMatchObject({ id: 157336, title: "Interstellar", media_type: "movie" });
    expect(found).toMatchObject({ person_results: [], tv_results: [], tv_episode_results: [], tv_season_results: [] });
    expect((await tmdbJson("/3/find/tt0000001?external_source=imdb_id")).movie_results).toEqual([]);
  });

  test("rejects find without a known external source", async () => {
    const response = await tmdb("/3/find/tt0816692");
    expect(response.status).toBe(422);
    expect(await read(response)).toMatchObject({ status_code: 5, success: false });
  });

  test("lists a collection's parts in release order", async () => {
    const collection = await tmdbJson("/3/collection/2344");
    expect(collection).toMatchObject({
      id: 2344,
      name: "The Matrix Collection",
      poster_path: "/collection-2344-poster.jpg",
    });
    expect(collection.parts.map((part: { id: number }) => part.id)).toEqual([603, 604, 605, 624860]);
    expect((await tmdb("/3/collection/1")).status).toBe(404);
  });

  test("points image URLs at the simulator", async () => {
    const configuration = await tmdbJson("/3/configuration");
    expect(configuration.images.secure_base_url).toBe("http://localhost/tmdb-images/t/p/");
    expect(configuration.images.poster_sizes).toContain("w500");
  });
});

describe("TMDb auth and errors", () => {
  const unauthorized = {
    status_code: 7,
    status_message: "Invalid API key: You must be granted a valid key.",
    success: false,
  };

  test("requires an api_key or a bearer token", async () => {
    for (const path of ["/tmdb/3/movie/603", "/tmdb/3/movie/603?api_key=", "/tmdb/3/movie/603?api_key=invalid-key"]) {
      const response = await app.request(path);
      expect(response.status).toBe(401);
      expect(await read(response)).toEqual(unauthorized);
    }
    const bearer = await app.request("/tmdb/3/movie/603", { headers: { Authorization: "Bearer read-token" } });
    expect(bearer.status).toBe(200);
  });

  test("answers unknown ids and routes with TMDb's 404", async () => {
    const notFound = {
      status_code: 34,
      status_message: "The resource you requested could not be found.",
      success: false,
    };
    for (const path of ["/3/movie/1999999", "/3/movie/abc", "/3/no/such/route"]) {
      const response = await tmdb(path);
      expect(response.status).toBe(404);
      expect(await read(response)).toEqual(notFound);
    }
  });
});

describe("TMDb images", () => {
  test("draws a poster per id with long cache headers", async () => {
    const response = await app.request("/tmdb-images/t/p/w500/603-poster.jpg");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("cache-control")).toContain("max-age=31536000");
    const svg = await response.text();
    expect(svg).toContain("The Matrix");
    expect(svg).toContain("1999");
    expect(svg).toContain('width="500"');
    const again = await app.request("/tmdb-images/t/p/w500/603-poster.jpg", {
      headers: { "If-None-Match": response.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
  });

  test("serves backdrops, collections and profiles, and 404s the rest", async () => {
    expect((await app.request("/tmdb-images/t/p/w1280/603-backdrop.jpg")).status).toBe(200);
    expect((await app.request("/tmdb-images/t/p/original/collection-2344-poster.jpg")).status).toBe(200);
    expect((await app.request("/tmdb-images/t/p/w185/person-9000001-profile.jpg")).status).toBe(200);
    expect((await app.request("/tmdb-images/t/p/w999/603-poster.jpg")).status).toBe(404);
    expect((await app.request("/tmdb-images/t/p/w500/1999999-poster.jpg")).status).toBe(404);
    expect((await app.request("/tmdb-images/t/p/w500/elephant.jpg")).status).toBe(404);
  });
});

describe("call counter", () => {
  test("counts calls by service, route pattern and exact path", async () => {
    await tmdb("/3/movie/603");
    await tmdb("/3/movie/603?append_to_response=credits");
    await tmdb("/3/movie/550");
    await app.request("/tmdb/3/movie/603");
    await app.request("/tmdb-images/t/p/w92/603-poster.jpg");

    const all = await read(sim("GET", "/calls"));
    expect(all.services.tmdb).toMatchObject({
      total: 4,
      faulted: 0,
      byRoute: { "GET /3/movie/:id": 4 },
      byPath: { "/3/movie/603": 3, "/3/movie/550": 1 },
    });
    expect(all.services["tmdb-images"].byRoute).toEqual({ "GET /t/p/:size/:file": 1 });
    expect(await callCount("tmdb", "/3/movie/603")).toBe(3);
    expect(await callCount("tmdb", "/3/movie/604")).toBe(0);
    const byRoute = await sim("GET", `/calls?service=tmdb&route=${encodeURIComponent("GET /3/movie/:id")}`);
    expect(await read(byRoute)).toEqual({ count: 4 });
    expect(await read(sim("GET", "/calls?service=tmdb"))).toEqual({ count: 4 });
  });

  test("keeps a log of recent calls with their status", async () => {
    await tmdb("/3/movie/603");
    await app.request("/tmdb/3/movie/603");
    const { calls } = await read(sim("GET", "/calls/log?service=tmdb"));
    expect(calls.map((call: { status: number }) => call.status)).toEqual([200, 401]);
    expect(calls[0]).toMatchObject({
      method: "GET",
      route: "GET /3/movie/:id",
      path: "/3/movie/603",
      query: "?api_key=test-key",
    });
  });

  test("resets", async () => {
    await tmdb("/3/movie/603");
    await sim("POST", "/reset");
    expect(await read(sim("GET", "/calls"))).toEqual({ services: {} });
  });

  test("validates its query", async () => {
    const unknownService = await sim("GET", "/calls?service=nope");
    expect(unknownService.status).toBe(400);
    expect((await read(unknownService)).errors[0].path).toBe("service");
    const pathWithoutService = await sim("GET", "/calls?path=/3/movie/603");
    expect(pathWithoutService.status).toBe(400);
  });
});

describe("fault switches", () => {
  test("latency delays the answer and still serves it", async () => {
    await addFault({ service: "tmdb", kind: "latency", ms: 60 });
    const started = performance.now();
    const response = await tmdb("/3/movie/603");
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(response.status).toBe(200);
  });

  test("timeout holds the request, then answers 504", async () => {
    await addFault({ service: "tmdb", kind: "timeout", ms: 40 });
    const started = performance.now();
    const response = await tmdb("/3/movie/603");
    expect(performance.now() - started).toBeGreaterThanOrEqual(30);
    expect(response.status).toBe(504);
    expect(await read(response)).toMatchObject({ status_code: 24, success: false });
  });

  test("status answers with the service's own error body", async () => {
    await addFault({ service: "tmdb", kind: "status", status: 503 });
    const response = await tmdb("/3/movie/603");
    expect(response.status).toBe(503);
    expect(await read(response)).toMatchObject({ status_code: 9, success: false });
  });

  test("rateLimit answers 429 with Retry-After and status code 25", async () => {
    await addFault({ service: "tmdb", kind: "rateLimit", retryAfter: 7 });
    const response = await tmdb("/3/search/movie?query=dune");
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("7");
    expect(await read(response)).toMatchObject({ status_code: 25, success: false });
  });

  test("malformed answers 200 with JSON that does not parse", async () => {
    await addFault({ service: "tmdb", kind: "malformed" });
    const response = await tmdb("/3/movie/603");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.length).toBeGreaterThan(100);
    expect(() => JSON.parse(text)).toThrow();
  });

  test("truncate cuts the body in half", async () => {
    const full = await (await tmdb("/3/movie/603")).text();
    await addFault({ service: "tmdb", kind: "truncate" });
    const response = await tmdb("/3/movie/603");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toBe(full.slice(0, Math.floor(full.length / 2)));
    expect(() => JSON.parse(text)).toThrow();
  });

  test("match narrows a rule to matching paths and times makes it expire", async () => {
    await addFault({ service: "tmdb", kind: "status", status: 500, match: "/3/movie/550", times: 2 });
    expect((await tmdb("/3/movie/603")).status).toBe(200);
    expect((await tmdb("/3/movie/550")).status).toBe(500);
    expect((await tmdb("/3/movie/550")).status).toBe(500);
    expect((await tmdb("/3/movie/550")).status).toBe(200);
    expect((await read(sim("GET", "/faults"))).faults).toEqual([]);
  });

  test("faulted requests are counted and marked", async () => {
    await addFault({ service: "tmdb", kind: "rateLimit", times: 1 });
    await tmdb("/3/movie/603");
    await tmdb("/3/movie/603");
    const { services } = await read(sim("GET", "/calls"));
    expect(services.tmdb).toMatchObject({ total: 2, faulted: 1, byFault: { rateLimit: 1 } });
    const { calls } = await read(sim("GET", "/calls/log?service=tmdb"));
    expect(calls.map((call: { faults: string[]; status: number }) => [call.faults, call.status])).toEqual([
      [["rateLimit"], 429],
      [[], 200],
    ]);
  });

  test("faults apply to one service only", async () => {
    await addFault({ service: "tmdb-images", kind: "status", status: 502 });
    expect((await tmdb("/3/movie/603")).status).toBe(200);
    expect((await app.request("/tmdb-images/t/p/w92/603-poster.jpg")).status).toBe(502);
  });

  test("rules can be listed, removed one by one, cleared and reset", async () => {
    const first = await addFault({ service: "tmdb", kind: "latency", ms: 5 });
    const second = await addFault({ service: "tmdb", kind: "status", status: 502, match: "/3/find" });
    const listed = (await read(sim("GET", "/faults"))).faults;
    expect(listed.map((rule: { id: string }) => rule.id)).toEqual([first, second]);
    expect(listed[1]).toMatchObject({
      service: "tmdb",
      kind: "status",
      status: 502,
      match: "/3/find",
      remaining: null,
    });
    expect((await sim("DELETE", `/faults/${first}`)).status).toBe(200);
    expect((await sim("DELETE", `/faults/${first}`)).status).toBe(404);
    expect(await read(sim("DELETE", "/faults"))).toEqual({ cleared: 1 });
    await addFault({ service: "tmdb", kind: "status" });
    await sim("POST", "/reset");
    expect((await tmdb("/3/movie/603")).status).toBe(200);
  });

  test("rejects bad rules naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ service: "tmdb", kind: "explode" }, "kind"],
      [{ service: "nope", kind: "latency" }, "service"],
      [{ service: "tmdb", kind: "latency", ms: -1 }, "ms"],
      [{ service: "tmdb", kind: "status", status: 200 }, "status"],
      [{ service: "tmdb", kind: "latency", times: 0 }, "times"],
      [{ service: "tmdb", kind: "latency", colour: "red" }, "colour"],
      ["not json", "(body)"],
    ];
    for (const [body, field] of cases) {
      const response = await sim("POST", "/faults", body);
      expect(response.status).toBe(400);
      const error = await read(response);
      expect(error.message).toEqual(expect.any(String));
      expect(error.errors.map((entry: { path: string }) => entry.path)).toContain(field);
    }
  });
});

describe("front page", () => {
  test("says it is demo data and lists the services", async () => {
    const json = await read(app.request("/"));
    expect(json.name).toBe("Radarr Edge upstream simulator — demo data");
    expect(json.services.map((service: { name: string }) => service.name)).toEqual(
      expect.arrayContaining(["tmdb", "tmdb-images", "imdb", "plex", "trakt"]),
    );
    const html = await (await app.request("/", { headers: { Accept: "text/html" } })).text();
    expect(html).toContain("Radarr Edge upstream simulator — demo data");
  });
});
