import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, test } from "vitest";
import { traktTrendingShows } from "../../sim/src/data/discovery-trending";
import { traktChart } from "../../sim/src/data/lists-trakt";
import { ATTRIBUTION_HEADER } from "../../src/api/streaming";
import type { Env } from "../../src/config";
import worker from "../../src/index";
import { STALE_HEADER } from "../../src/integrations/cache";
import {
  APP,
  addMovie,
  addRootFolder,
  call,
  callsDuring,
  expectFieldError,
  getJson,
  simFaults,
  tmdbFaults,
} from "./helpers";

// TMDb paths only this file reads (cache-swr.test.ts uses others), so call counts are exact.
interface Attribution {
  name: string;
  url: string;
  notice: string;
}

interface SourceStatus {
  requested: boolean;
  ok: boolean;
  stale: boolean;
  error?: string;
}

interface TrendingTitle {
  tmdbId: number;
  title: string;
  year: number | null;
  posterUrl: string | null;
  score: number;
  ranks: { tmdb: number | null; trakt: number | null };
  popularity: number | null;
  voteAverage: number | null;
  traktWatchers: number | null;
  inLibrary?: boolean;
  availability: { available: boolean; link: string | null; offers: Record<string, OfferProvider[]> } | null;
}

interface Trending {
  mediaType: string;
  window: string;
  region: string;
  source: string;
  results: TrendingTitle[];
  sources: { tmdb: SourceStatus; trakt: SourceStatus };
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
  watchmode: { status: string; message?: string; sources: unknown[] };
  attribution: Attribution[];
}

const OFFER_TYPES = ["flatrate", "free", "ads", "rent", "buy"];
const addFault = tmdbFaults();

/** The app's real fetch handler with `target` as its bindings (to run without a configured upstream). */
async function appFetch(target: Env, path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${APP}${path}`, { headers: { "X-Api-Key": env.API_KEY ?? "" } }),
    target,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

const TRENDING_DEPTH = 20;
const addTraktFault = simFaults("trakt");

/**
 * Waits until loads finished by earlier tests no longer answer this isolate's cache misses (a
 * settled single-flight load serves misses for 2 s), so a fault set now is what the next read meets.
 */
const pastSettledLoads = () => new Promise((resolve) => setTimeout(resolve, 2_100));

/** The normalised rank the route documents: 1 − (rank − 1)/N, 0 when absent. */
const normalised = (rank: number | null, size: number) => (rank === null ? 0 : 1 - (rank - 1) / size);

test("combined trending merges TMDb and Trakt by TMDb id, scores them, enriches the top ten", async () => {
  await addRootFolder();
  const res = await call("GET", "/api/v3/streaming/trending/movie/week");
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch; Trakt");
  expect(res.headers.get(STALE_HEADER)).toBeNull();
  const body = await res.json<Trending>();
  expect(body).toMatchObject({ mediaType: "movie", window: "week", region: "US", source: "combined" });
  expect(body.sources).toEqual({
    tmdb: { requested: true, ok: true, stale: false },
    trakt: { requested: true, ok: true, stale: false },
  });
  expect(body.attribution.map((a) => a.name)).toEqual(["TMDb", "JustWatch", "Trakt"]);

  // One entry per TMDb id; each source's ranks 1..20 appear once; titles on both lists count once.
  const ids = body.results.map((r) => r.tmdbId);
  expect(new Set(ids).size).toBe(ids.length);
  const ranksOf = (source: "tmdb" | "trakt") =>
    body.results.flatMap((r) => (r.ranks[source] === null ? [] : [r.ranks[source]])).sort((a, b) => a - b);
  const oneToTwenty = Array.from({ length: TRENDING_DEPTH }, (_, i) => i + 1);
  expect(ranksOf("tmdb")).toEqual(oneToTwenty);
  expect(ranksOf("trakt")).toEqual(oneToTwenty);
  const onBoth = body.results.filter((r) => r.ranks.tmdb !== null && r.ranks.trakt !== null);
  expect(onBoth.length).toBeGreaterThan(0);
  expect(body.results).toHaveLength(2 * TRENDING_DEPTH - onBoth.length);

  // Trakt's ranks are its trending order (the simulator's chart), with its watcher counts.
  const traktChartIds = traktChart("trending")
    .slice(0, TRENDING_DEPTH)
    .map((movie) => movie.id);
  for (const title of body.results) {
    if (title.ranks.trakt !== null) expect(traktChartIds[title.ranks.trakt - 1]).toBe(title.tmdbId);
    expect(title.traktWatchers === null).toBe(title.ranks.trakt === null);
    expect(title.popularity === null).toBe(title.ranks.tmdb === null);
    // score = 0.5 × TMDb + 0.5 × Trakt normalised rank, best first.
    const expected =
      0.5 * normalised(title.ranks.tmdb, TRENDING_DEPTH) + 0.5 * normalised(title.ranks.trakt, TRENDING_DEPTH);
    expect(title.score).toBeCloseTo(expected, 4);
  }
  const scores = body.results.map((r) => r.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));

  const top = body.results[0];
  expect(top).toEqual({
    tmdbId: expect.any(Number),
    title: expect.any(String),
    year: expect.any(Number),
    posterUrl: top.ranks.tmdb === null ? null : expect.stringMatching(/^https?:\/\/.+\/t\/p\/w342\//),
    score: expect.any(Number),
    ranks: { tmdb: expect.toBeOneOf([expect.any(Number), null]), trakt: expect.toBeOneOf([expect.any(Number), null]) },
    popularity: top.ranks.tmdb === null ? null : expect.any(Number),
    voteAverage: top.ranks.tmdb === null ? null : expect.any(Number),
    traktWatchers: top.ranks.trakt === null ? null : expect.any(Number),
    inLibrary: false,
    availability: {
      available: expect.any(Boolean),
      link: expect.toBeOneOf([expect.any(String), null]),
      offers: expect.any(Object),
    },
  });
  // The top ten carry their offers in the region, the rest none.
  for (const [index, title] of body.results.entries()) {
    if (index < 10) expect(Object.keys(title.availability?.offers ?? {}).sort()).toEqual([...OFFER_TYPES].sort());
    else expect(title.availability).toBeNull();
  }
  expect(body.results.slice(0, 10).some((title) => title.availability?.available)).toBe(true);

  // Added to the library, it shows as such; the ranking itself comes from the cache.
  await addMovie(top.tmdbId);
  const again = await callsDuring("tmdb", "/3/trending/movie/week", () =>
    getJson<Trending>("/api/v3/streaming/trending/movie/week"),
  );
  expect(again.calls).toBe(0);
  expect(again.result.results.map((r) => r.tmdbId)).toEqual(ids);
  expect(again.result.results[0].inLibrary).toBe(true);
  expect(again.result.results.slice(1).every((r) => r.inLibrary === false)).toBe(true);

  // A write that did not come through this isolate's API (another isolate, a queue consumer) is
  // seen within the badge ids' one-second recheck of the library version.
  await env.DB.prepare("delete from movies where tmdb_id = ?").bind(top.tmdbId).run();
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const afterDelete = await getJson<Trending>("/api/v3/streaming/trending/movie/week");
  expect(afterDelete.results.every((r) => r.inLibrary === false)).toBe(true);
});

test("source=tmdb or source=trakt ranks by that source alone; Trakt's list is cached an hour for every window and region", async () => {
  const traktOnly = await callsDuring("trakt", "/shows/trending", async () => {
    const res = await call("GET", "/api/v3/streaming/trending/tv/day?source=trakt");
    expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch; Trakt");
    return res.json<Trending>();
  });
  expect(traktOnly.calls).toBe(1);
  const byTrakt = traktOnly.result;
  expect(byTrakt.source).toBe("trakt");
  expect(byTrakt.sources.tmdb).toEqual({ requested: false, ok: false, stale: false });
  expect(byTrakt.results.map((r) => r.ranks.trakt)).toEqual(Array.from({ length: TRENDING_DEPTH }, (_, i) => i + 1));
  expect(byTrakt.results.map((r) => r.tmdbId)).toEqual(
    traktTrendingShows()
      .slice(0, TRENDING_DEPTH)
      .map((entry) => entry.show.id),
  );
  expect(byTrakt.results.map((r) => r.score)).toEqual(
    Array.from({ length: TRENDING_DEPTH }, (_, i) => Math.round((1 - i / TRENDING_DEPTH) * 10_000) / 10_000),
  );
  expect(
    byTrakt.results.every((r) => r.title.length > 0 && r.traktWatchers !== null && r.inLibrary === undefined),
  ).toBe(true);

  const tmdbRes = await call("GET", "/api/v3/streaming/trending/tv/day?source=tmdb");
  expect(tmdbRes.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch");
  const byTmdb = await tmdbRes.json<Trending>();
  expect(byTmdb.sources.trakt).toEqual({ requested: false, ok: false, stale: false });
  expect(byTmdb.results.map((r) => r.ranks.tmdb)).toEqual(Array.from({ length: TRENDING_DEPTH }, (_, i) => i + 1));
  expect(byTmdb.results.every((r) => r.ranks.trakt === null && r.traktWatchers === null)).toBe(true);
  expect(byTmdb.results[0]).toMatchObject({ score: 1, posterUrl: expect.any(String), popularity: expect.any(Number) });

  // The combined list and another region reuse Trakt's cached list: no Trakt call.
  const combined = await callsDuring("trakt", "/shows/trending", async () => [
    await getJson<Trending>("/api/v3/streaming/trending/tv/day"),
    await getJson<Trending>("/api/v3/streaming/trending/tv/day?region=gb"),
  ]);
  expect(combined.calls).toBe(0);
  const [us, gb] = combined.result;
  expect(gb.region).toBe("GB");
  expect(gb.results.map((r) => r.tmdbId)).toEqual(us.results.map((r) => r.tmdbId));
  expect(us.results.some((r) => r.ranks.tmdb !== null && r.ranks.trakt !== null)).toBe(true);

  // And the combined result itself is cached: neither TMDb nor Trakt is asked again.
  const cached = await callsDuring("tmdb", "/3/trending/tv/day", () =>
    callsDuring("trakt", "/shows/trending", () => getJson<Trending>("/api/v3/streaming/trending/tv/day")),
  );
  expect(cached.calls).toBe(0);
  expect(cached.result.calls).toBe(0);
  expect(cached.result.result.results).toEqual(us.results);
});

test("when Trakt fails the TMDb list alone ranks, the response says why, and it is not kept", async () => {
  await pastSettledLoads();
  await addTraktFault({ match: "/shows/trending", kind: "status", status: 503, times: 3 });
  const res = await call("GET", "/api/v3/streaming/trending/tv/day");
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch");
  const degraded = await res.json<Trending>();
  expect(degraded.sources.tmdb).toEqual({ requested: true, ok: true, stale: false });
  expect(degraded.sources.trakt).toMatchObject({ requested: true, ok: false, stale: false });
  expect(degraded.sources.trakt.error).toMatch(/trakt/i);
  expect(degraded.results.map((r) => r.ranks.tmdb)).toEqual(Array.from({ length: TRENDING_DEPTH }, (_, i) => i + 1));
  expect(degraded.results[0].score).toBe(1);

  // Trakt is back: the next request ranks with it (the one-sided result was not cached).
  const recovered = await getJson<Trending>("/api/v3/streaming/trending/tv/day");
  expect(recovered.sources.trakt).toEqual({ requested: true, ok: true, stale: false });
  expect(recovered.results.some((r) => r.ranks.trakt !== null)).toBe(true);
});

test("without TRAKT_CLIENT_ID trending is TMDb's alone, saying Trakt is not configured", async () => {
  const unconfigured = { ...env, TRAKT_CLIENT_ID: undefined } as Env;
  const res = await appFetch(unconfigured, "/api/v3/streaming/trending/movie/week?region=DE");
  expect(res.status).toBe(200);
  const body = await res.json<Trending>();
  expect(body.sources.trakt).toEqual({
    requested: true,
    ok: false,
    stale: false,
    error: "Trakt is not configured: set TRAKT_CLIENT_ID",
  });
  expect(body.results).toHaveLength(TRENDING_DEPTH);
  expect(body.results.every((r) => r.ranks.trakt === null)).toBe(true);
});

test("when no requested source answers, trending is a clear 5xx error", async () => {
  await pastSettledLoads();
  await addFault({ match: "/3/trending/tv/day", kind: "status", status: 503, times: 3 });
  const res = await call("GET", "/api/v3/streaming/trending/tv/day?source=tmdb");
  expect([502, 503]).toContain(res.status);
  expect((await res.json<{ service: string }>()).service).toBe("tmdb");
});

test("trending rejects an unknown media type, window, source or region, naming the field", async () => {
  await expectFieldError(await call("GET", "/api/v3/streaming/trending/person/day"), "path.mediaType");
  await expectFieldError(await call("GET", "/api/v3/streaming/trending/movie/month"), "path.window");
  await expectFieldError(await call("GET", "/api/v3/streaming/trending/movie/day?source=imdb"), "query.source");
  await expectFieldError(await call("GET", "/api/v3/streaming/trending/movie/day?region=ZZ"), "query.region");
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
  // Watchmode is asked only with watchmode=true.
  expect(body.watchmode).toBeNull();
  // The test bindings hold no Watchmode key: asked, the TMDb data comes alone, saying why.
  const asked = await getJson<Availability>("/api/v3/streaming/availability/603?region=US&watchmode=true");
  expect(asked.watchmode).toEqual({
    status: "disabled",
    message: "Watchmode is not configured: set WATCHMODE_API_KEY",
    sources: [],
  });
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
    // No title given (`title=`): nothing to search for, so the chip opens TMDb's watch page.
    watchUrl: body.link,
    watchUrlSource: "tmdb",
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
  const trending = await getJson<Trending>("/api/v3/streaming/trending/tv/day?source=tmdb");
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
    streamingReleases: unknown[];
    streamingReleasesStatus: string;
    streamingReleasesMessage?: string;
  }>();
  expect(body.region).toBe("DE");
  expect(body).toMatchObject({
    streamingReleases: [],
    streamingReleasesStatus: "disabled",
    streamingReleasesMessage: "Watchmode is not configured: set WATCHMODE_API_KEY",
  });
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
