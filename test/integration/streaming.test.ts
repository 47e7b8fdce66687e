import { expect, test } from "vitest";
import { ATTRIBUTION_HEADER } from "../../src/api/streaming";
import { STALE_HEADER } from "../../src/integrations/cache";
import { addMovie, addRootFolder, call, callsDuring, expectFieldError, getJson, tmdbFaults } from "./helpers";

// TMDb paths only this file reads (cache-swr.test.ts uses others), so call counts are exact.
interface Attribution {
  name: string;
  url: string;
  notice: string;
}

interface Trending {
  mediaType: string;
  window: string;
  source: string;
  page: number;
  totalPages: number;
  results: {
    tmdbId: number;
    title: string;
    year: number | null;
    posterUrl: string | null;
    rank: number;
    popularity: number;
    voteAverage: number;
    inLibrary?: boolean;
  }[];
  attribution: Attribution[];
}

interface OfferProvider {
  providerId: number;
  name: string;
  logoUrl: string | null;
  displayPriority: number;
  link: string | null;
}

interface Availability {
  tmdbId: number;
  mediaType: string;
  region: string;
  available: boolean;
  link: string | null;
  offers: Record<"flatrate" | "free" | "ads" | "rent" | "buy", OfferProvider[]>;
  attribution: Attribution[];
}

const OFFER_TYPES = ["flatrate", "free", "ads", "rent", "buy"];
const addFault = tmdbFaults();

test("trending movies this week: ranked TMDb titles, library membership, TMDb credited", async () => {
  await addRootFolder();
  const res = await call("GET", "/api/v3/streaming/trending/movie/week");
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb");
  expect(res.headers.get(STALE_HEADER)).toBeNull();
  const body = await res.json<Trending>();
  expect(body).toMatchObject({ mediaType: "movie", window: "week", source: "tmdb", page: 1 });
  expect(body.results).toHaveLength(20);
  expect(body.results.map((r) => r.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(body.results[0]).toEqual({
    tmdbId: expect.any(Number),
    title: expect.any(String),
    year: expect.any(Number),
    posterUrl: expect.stringMatching(/^https?:\/\/.+\/t\/p\/w342\//),
    rank: 1,
    popularity: expect.any(Number),
    voteAverage: expect.any(Number),
    inLibrary: false,
  });
  expect(body.attribution.map((a) => a.name)).toEqual(["TMDb"]);

  // Added to the library, it shows as such; the list itself comes from the cache.
  await addMovie(body.results[0].tmdbId);
  const again = await callsDuring("tmdb", "/3/trending/movie/week", () =>
    getJson<Trending>("/api/v3/streaming/trending/movie/week"),
  );
  expect(again.calls).toBe(0);
  expect(again.result.results[0]).toMatchObject({ tmdbId: body.results[0].tmdbId, inLibrary: true });
  expect(again.result.results.slice(1).every((r) => r.inLibrary === false)).toBe(true);
});

test("trending TV today and a later page rank from where the page starts; TV has no library flag", async () => {
  const body = await getJson<Trending>("/api/v3/streaming/trending/tv/day?page=2");
  expect(body).toMatchObject({ mediaType: "tv", window: "day", page: 2 });
  expect(body.totalPages).toBeGreaterThan(2);
  expect(body.results[0].rank).toBe(21);
  expect(body.results[0].title).toEqual(expect.any(String));
  expect(body.results.every((r) => r.inLibrary === undefined)).toBe(true);
});

test("trending rejects an unknown media type or window, naming the path field", async () => {
  await expectFieldError(await call("GET", "/api/v3/streaming/trending/person/day"), "path.mediaType");
  await expectFieldError(await call("GET", "/api/v3/streaming/trending/movie/month"), "path.window");
  await expectFieldError(await call("GET", "/api/v3/streaming/trending/movie/day?page=0"), "query.page");
});

test("every streaming route needs the API key", async () => {
  for (const path of ["trending/movie/day", "availability/603", "providers", "coming-soon"]) {
    expect((await call("GET", `/api/v3/streaming/${path}`, { key: null })).status, path).toBe(401);
  }
});

test("availability groups a title's offers by type, per region, crediting TMDb and JustWatch", async () => {
  const us = await call("GET", "/api/v3/streaming/availability/603?region=US");
  expect(us.status).toBe(200);
  expect(us.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch");
  const body = await us.json<Availability>();
  expect(body).toMatchObject({ tmdbId: 603, mediaType: "movie", region: "US" });
  expect(Object.keys(body.offers).sort()).toEqual([...OFFER_TYPES].sort());
  expect(body.attribution.map((a) => a.name)).toEqual(["TMDb", "JustWatch"]);
  expect(body.available).toBe(true);
  expect(body.link).toMatch(/themoviedb\.org\/movie\/603-.*\/watch\?locale=US$/);
  // The simulator's JustWatch data for The Matrix in the US: two subscriptions and one with ads.
  expect(body.offers.flatrate.map((p) => p.name)).toEqual(["Netflix", "Apple TV+"]);
  expect(body.offers.ads.map((p) => p.name)).toEqual(["Tubi TV"]);
  expect(body.offers.rent).toEqual([]);
  expect(body.offers.flatrate[0]).toEqual({
    providerId: 8,
    name: "Netflix",
    logoUrl: expect.stringMatching(/\/t\/p\/w92\/.+\.jpg$/),
    displayPriority: 0,
    link: body.link,
  });

  // TMDb answers all regions at once: another region (lower case accepted) costs no call.
  const gb = await callsDuring("tmdb", "/3/movie/603/watch/providers", () =>
    getJson<Availability>("/api/v3/streaming/availability/603?region=gb"),
  );
  expect(gb.calls).toBe(0);
  expect(gb.result.region).toBe("GB");
});

test("regions differ, and some titles are not available anywhere", async () => {
  const byRegion = async (id: number, region: string) =>
    getJson<Availability>(`/api/v3/streaming/availability/${id}?region=${region}`);
  const names = (a: Availability) => Object.values(a.offers).flatMap((list) => list.map((p) => p.name));
  // The Dark Knight: Peacock in the US, Netflix-and-co elsewhere, as each region's services differ.
  const us = await byRegion(155, "US");
  const gb = await byRegion(155, "GB");
  expect(names(us)).toContain("Peacock");
  expect(names(gb)).not.toContain("Peacock");
  expect(gb.link).toMatch(/locale=GB$/);
  // The Matrix has no offers in Germany; Star Wars has none anywhere.
  expect((await byRegion(603, "DE")).available).toBe(false);
  for (const region of ["US", "GB", "DE"]) {
    const none = await byRegion(11, region);
    expect(none.available).toBe(false);
    expect(none.link).toBeNull();
    expect(Object.values(none.offers).every((list) => list.length === 0)).toBe(true);
  }

  // A movie not yet released has no offers either: the body says so rather than failing.
  const soon = await getJson<{ results: { tmdbId: number }[] }>("/api/v3/streaming/coming-soon");
  expect((await byRegion(soon.results[0].tmdbId, "US")).available).toBe(false);
});

test("availability of a title TMDb does not know is a 404; a bad region or type is a 400", async () => {
  expect((await call("GET", "/api/v3/streaming/availability/999999999")).status).toBe(404);
  await expectFieldError(await call("GET", "/api/v3/streaming/availability/603?region=ZZ"), "query.region");
  await expectFieldError(await call("GET", "/api/v3/streaming/availability/603?region=USA"), "query.region");
  await expectFieldError(await call("GET", "/api/v3/streaming/availability/603?type=person"), "query.type");
  await expectFieldError(await call("GET", "/api/v3/streaming/availability/abc"), "path.tmdbId");
});

test("TV availability reads TMDb's TV watch providers", async () => {
  const trending = await getJson<Trending>("/api/v3/streaming/trending/tv/week");
  const id = trending.results[0].tmdbId;
  const body = await getJson<Availability>(`/api/v3/streaming/availability/${id}?type=tv&region=GB`);
  expect(body).toMatchObject({ tmdbId: id, mediaType: "tv", region: "GB" });
});

test("the provider catalogue lists a region's services in display order", async () => {
  const res = await call("GET", "/api/v3/streaming/providers?region=GB");
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch");
  const body = await res.json<{ mediaType: string; region: string; providers: OfferProvider[] }>();
  expect(body).toMatchObject({ mediaType: "movie", region: "GB" });
  const names = body.providers.map((p) => p.name);
  expect(names).toContain("Netflix");
  expect(names).toContain("BBC iPlayer");
  expect(names).not.toContain("Hulu");
  const priorities = body.providers.map((p) => p.displayPriority);
  expect(priorities).toEqual([...priorities].sort((a, b) => a - b));

  // The default region (DEFAULT_REGION, US) has its own services.
  const us = await getJson<{ region: string; providers: OfferProvider[] }>("/api/v3/streaming/providers");
  expect(us.region).toBe("US");
  expect(us.providers.map((p) => p.name)).toContain("Hulu");
  await expectFieldError(await call("GET", "/api/v3/streaming/providers?region=1A"), "query.region");
});

test("coming soon lists upcoming movies for the region, with their release window", async () => {
  const res = await call("GET", "/api/v3/streaming/coming-soon?region=DE");
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb");
  const body = await res.json<{
    region: string;
    dates: { minimum: string; maximum: string } | null;
    results: { tmdbId: number; releaseDate: string | null; inLibrary: boolean }[];
  }>();
  expect(body.region).toBe("DE");
  expect(body.dates).toEqual({ minimum: expect.any(String), maximum: expect.any(String) });
  expect(body.results.length).toBeGreaterThan(0);
  const window = body.dates ?? { minimum: "", maximum: "" };
  for (const movie of body.results) {
    expect(movie.releaseDate ?? "", String(movie.tmdbId)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((movie.releaseDate ?? "") >= window.minimum).toBe(true);
    expect(movie.inLibrary).toBe(false);
  }
  await expectFieldError(await call("GET", "/api/v3/streaming/coming-soon?region=XX"), "query.region");
});

test("with no cached copy an upstream failure is a clear 5xx error, not a 500", async () => {
  await addFault({ match: "/3/movie/24428/watch/providers", kind: "status", status: 503 });
  const res = await call("GET", "/api/v3/streaming/availability/24428");
  expect([502, 503]).toContain(res.status);
  expect((await res.json<{ service: string }>()).service).toBe("tmdb");
});

test("the streaming routes and the Trakt ones mounted under them both answer, and are documented", async () => {
  const doc = await getJson<{ paths: Record<string, unknown> }>("/api/v3/openapi.json");
  for (const path of ["trending/{mediaType}/{window}", "availability/{tmdbId}", "providers", "coming-soon"]) {
    expect(Object.keys(doc.paths)).toContain(`/api/v3/streaming/${path}`);
  }
  // Another router owns /streaming/trakt; whatever it answers, the app knows the route.
  const trakt = await call("GET", "/api/v3/streaming/trakt/auth");
  const body = await trakt.text();
  expect(body).not.toContain("No API route");
});
