import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, test } from "vitest";
import { allMovies } from "../../sim/src/data/catalogue";
import { TV_FIRST_ID } from "../../sim/src/data/discovery-trending";
import { watchmodeIdForMovie } from "../../sim/src/data/watchmode-id-map";
import { ATTRIBUTION_HEADER } from "../../src/api/streaming";
import * as clock from "../../src/clock";
import type { Env } from "../../src/config";
import { WATCHMODE_ID_MAP_STATE_KEY } from "../../src/db/repositories/watchmodeIdMap";
import { windowEnd } from "../../src/domain/budgets";
import worker from "../../src/index";
import { budgetFor } from "../../src/integrations/budget";
import { APP, addMovie, addRootFolder, simFaults } from "./helpers";

// Watchmode through the streaming API. The test bindings hold no Watchmode key, so requests that
// should reach Watchmode run the app with one. Only this file calls Watchmode's sources and
// releases routes, so the simulator's counts of them are exact.

const withKey = { ...env, WATCHMODE_API_KEY: "sim-watchmode-key" } as Env;
const addFault = simFaults("watchmode");
const simBase = () => env.TMDB_API_URL.replace(/\/tmdb$/, "");
const SOURCES_ROUTE = "GET /v1/title/:id/sources/";
const RELEASES_ROUTE = "GET /v1/releases/";
const THE_DARK_KNIGHT = 155;
const WATCHMODE_DAILY_BUDGET = 33;

interface WatchmodeSource {
  sourceId: number;
  name: string;
  type: string;
  region: string;
  webUrl: string | null;
  format: string | null;
  price: number | null;
}

interface Availability {
  tmdbId: number;
  region: string;
  available: boolean;
  offers: Record<string, { name: string }[]>;
  /** Null unless asked for with watchmode=true. */
  watchmode: { status: string; message?: string; sources: WatchmodeSource[] };
  attribution: { name: string }[];
}

interface ComingSoon {
  results: { tmdbId: number }[];
  streamingReleases: {
    watchmodeId: number;
    tmdbId: number | null;
    title: string;
    mediaType: "movie" | "tv";
    posterUrl: string | null;
    releaseDate: string;
    sourceId: number;
    sourceName: string;
    inLibrary: boolean;
  }[];
  streamingReleasesStatus: string;
  streamingReleasesMessage?: string;
}

/** The app's real fetch handler with `target` as its bindings. */
async function appFetch(path: string, target: Env = withKey): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`${APP}${path}`, { headers: { "X-Api-Key": env.API_KEY ?? "" } });
  const response = await worker.fetch(request, target, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function appJson<T>(path: string, target: Env = withKey): Promise<T> {
  const res = await appFetch(path, target);
  expect(res.status, path).toBe(200);
  return res.json<T>();
}

/** Calls the simulator received on one Watchmode route (all titles), or on one path. */
async function watchmodeCalls(filter: { route: string } | { path: string }): Promise<number> {
  const query = new URLSearchParams({ service: "watchmode", ...filter });
  return (await (await fetch(`${simBase()}/__sim/calls?${query}`)).json<{ count: number }>()).count;
}

/** Puts movies into the imported id map (as the daily import would) with the import's state row. */
async function seedIdMap(tmdbIds: number[]) {
  const statements = tmdbIds.map((tmdbId) => {
    const movie = allMovies().find((m) => m.id === tmdbId);
    return env.DB.prepare(
      "insert into watchmode_id_map (watchmode_id, tmdb_id, tmdb_type, imdb_id, title, year) values (?, ?, 'movie', ?, ?, ?)",
    ).bind(watchmodeIdForMovie(tmdbId), tmdbId, movie?.imdbId ?? null, movie?.title ?? "", null);
  });
  const state = {
    etag: '"title-id-map-v1"',
    lastModified: null,
    rows: tmdbIds.length,
    importedAt: clock.nowIso(),
  };
  await env.DB.batch([
    ...statements,
    env.DB.prepare("insert into settings (key, value, updated_at) values (?, ?, ?)").bind(
      WATCHMODE_ID_MAP_STATE_KEY,
      JSON.stringify(state),
      state.importedAt,
    ),
  ]);
}

/** Waits out the UTC day when it ends within a minute, so the daily budget cannot reset mid-test. */
async function clearOfMidnight() {
  const left = windowEnd("day", clock.now()) - clock.now();
  if (left < 60_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

test("availability adds Watchmode's sources in the region, found through the id map and cached a day", async () => {
  await seedIdMap([THE_DARK_KNIGHT]);
  const path = `/v1/title/${watchmodeIdForMovie(THE_DARK_KNIGHT)}/sources/`;
  const before = await watchmodeCalls({ path });
  const res = await appFetch(`/api/v3/streaming/availability/${THE_DARK_KNIGHT}?region=US&watchmode=true`);
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch; Watchmode");
  const us = await res.json<Availability>();
  expect(us.watchmode.status).toBe("ok");
  expect(us.watchmode.message).toBeUndefined();
  expect(us.attribution.map((a) => a.name)).toEqual(["TMDb", "JustWatch", "Watchmode"]);
  expect(us.watchmode.sources.length).toBeGreaterThan(0);
  expect(us.watchmode.sources.every((source) => source.region === "US")).toBe(true);
  // Watchmode's terms for the same offers TMDb lists: Peacock by subscription in the US.
  expect(us.offers.flatrate.map((p) => p.name)).toContain("Peacock");
  expect(us.watchmode.sources).toContainEqual({
    sourceId: expect.any(Number),
    name: "Peacock Premium",
    type: "sub",
    region: "US",
    webUrl: expect.stringMatching(/^https:\/\//),
    format: expect.any(String),
    price: null,
  });
  expect((await watchmodeCalls({ path })) - before).toBe(1);

  // One call holds every region: another region, and the same again, cost nothing.
  const gb = await appJson<Availability>(`/api/v3/streaming/availability/${THE_DARK_KNIGHT}?region=GB&watchmode=true`);
  expect(gb.watchmode.status).toBe("ok");
  expect(gb.watchmode.sources.every((source) => source.region === "GB")).toBe(true);
  expect(gb.watchmode.sources.map((s) => s.name)).not.toContain("Peacock Premium");
  await appJson<Availability>(`/api/v3/streaming/availability/${THE_DARK_KNIGHT}?region=US&watchmode=true`);
  expect((await watchmodeCalls({ path })) - before).toBe(1);
});

test("without watchmode=true availability is TMDb's alone and spends no Watchmode call", async () => {
  await seedIdMap([THE_DARK_KNIGHT]);
  const before = await watchmodeCalls({ route: SOURCES_ROUTE });
  const res = await appFetch(`/api/v3/streaming/availability/${THE_DARK_KNIGHT}?region=US`);
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch");
  const body = await res.json<Availability>();
  expect(body.watchmode).toBeNull();
  expect(body.offers.flatrate.map((p) => p.name)).toContain("Peacock");
  expect((await watchmodeCalls({ route: SOURCES_ROUTE })) - before).toBe(0);
});

test("a title the id map lacks is notMapped and spends no Watchmode call", async () => {
  const before = await watchmodeCalls({ route: SOURCES_ROUTE });
  const unimported = await appJson<Availability>("/api/v3/streaming/availability/238?watchmode=true");
  expect(unimported.watchmode).toEqual({
    status: "notMapped",
    message: "Watchmode's id map has not been imported yet (it is refreshed daily)",
    sources: [],
  });

  await seedIdMap([THE_DARK_KNIGHT]);
  const res = await appFetch("/api/v3/streaming/availability/238?region=US&watchmode=true");
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch");
  const body = await res.json<Availability>();
  expect(body.watchmode).toEqual({
    status: "notMapped",
    message: "Watchmode's id map has no TMDb movie 238",
    sources: [],
  });
  // TV ids are their own: a show is looked up as a show.
  const show = await appJson<Availability>(`/api/v3/streaming/availability/${TV_FIRST_ID}?type=tv&watchmode=true`);
  expect(show.watchmode).toMatchObject({
    status: "notMapped",
    message: `Watchmode's id map has no TMDb tv ${TV_FIRST_ID}`,
  });
  expect(await watchmodeCalls({ route: SOURCES_ROUTE })).toBe(before);
});

test("without WATCHMODE_API_KEY Watchmode is disabled: TMDb's data alone, no call", async () => {
  await seedIdMap([THE_DARK_KNIGHT]);
  const before = await watchmodeCalls({ route: SOURCES_ROUTE });
  const body = await appJson<Availability>(
    `/api/v3/streaming/availability/${THE_DARK_KNIGHT}?watchmode=true`,
    env as Env,
  );
  expect(body.available).toBe(true);
  expect(body.watchmode).toEqual({
    status: "disabled",
    message: "Watchmode is not configured: set WATCHMODE_API_KEY",
    sources: [],
  });
  expect(await watchmodeCalls({ route: SOURCES_ROUTE })).toBe(before);
});

test("a failing Watchmode is an error status, never a failed request", async () => {
  // A title no other test here reads, so no earlier load of it can answer this one.
  const title = allMovies().filter((movie) => !movie.real)[400].id;
  await seedIdMap([title]);
  await addFault({ match: `/v1/title/${watchmodeIdForMovie(title)}/sources/`, kind: "status", status: 500 });
  const res = await appFetch(`/api/v3/streaming/availability/${title}?region=US&watchmode=true`);
  expect(res.status).toBe(200);
  const body = await res.json<Availability>();
  expect(Object.keys(body.offers)).toHaveLength(5);
  expect(body.watchmode).toMatchObject({ status: "error", sources: [] });
  expect(body.watchmode.message).toMatch(/watchmode/i);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; JustWatch");
});

test("34 titles at once: 33 Watchmode calls, the 34th answered budgetExhausted with TMDb's data and no call", async () => {
  await clearOfMidnight();
  const tmdbIds = allMovies()
    .filter((movie) => !movie.real)
    .slice(500, 500 + WATCHMODE_DAILY_BUDGET + 1)
    .map((movie) => movie.id);
  await seedIdMap(tmdbIds);
  const paths = tmdbIds.map((id) => `/v1/title/${watchmodeIdForMovie(id)}/sources/`);
  const callsPerTitle = () => Promise.all(paths.map((path) => watchmodeCalls({ path })));
  const before = await callsPerTitle();
  // TMDb's offers first, one title at a time (Watchmode off), so only Watchmode is raced below.
  for (const id of tmdbIds)
    await appJson<Availability>(`/api/v3/streaming/availability/${id}?region=US&watchmode=true`, env as Env);

  const answers = await Promise.all(
    tmdbIds.map(async (id) => {
      const res = await appFetch(`/api/v3/streaming/availability/${id}?region=US&watchmode=true`);
      const body = await res.text();
      expect(res.status, body).toBe(200);
      return JSON.parse(body) as Availability;
    }),
  );
  const after = await callsPerTitle();
  const spent = after.map((count, i) => count - before[i]);

  const statuses = answers.map((answer) => answer.watchmode.status);
  expect(statuses.filter((status) => status === "ok")).toHaveLength(WATCHMODE_DAILY_BUDGET);
  const refused = answers.filter((answer) => answer.watchmode.status === "budgetExhausted");
  expect(refused).toHaveLength(1);
  expect(refused[0].watchmode.message).toMatch(/budget .*used up/);
  expect(refused[0].watchmode.sources).toEqual([]);
  // The refused title still has TMDb's offers, and Watchmode never saw its request.
  expect(Object.keys(refused[0].offers).sort()).toEqual(["ads", "buy", "flatrate", "free", "rent"]);
  expect(spent.reduce((sum, n) => sum + n, 0)).toBe(WATCHMODE_DAILY_BUDGET);
  expect(spent[answers.indexOf(refused[0])]).toBe(0);
  const usage = await budgetFor(env, "watchmode").usage();
  expect(usage.windows[0]).toMatchObject({ name: "day", used: WATCHMODE_DAILY_BUDGET, remaining: 0 });

  // Titles fetched before the budget ran out are still served, from the cache.
  const cachedId = tmdbIds[statuses.indexOf("ok")];
  const cached = await appJson<Availability>(`/api/v3/streaming/availability/${cachedId}?region=GB&watchmode=true`);
  expect(cached.watchmode.status).toBe("ok");
  expect(await callsPerTitle()).toEqual(after);
}, 60_000);

test("coming soon adds Watchmode's streaming releases for the next 30 days, one call a day", async () => {
  await addRootFolder();
  const before = await watchmodeCalls({ route: RELEASES_ROUTE });
  const res = await appFetch("/api/v3/streaming/coming-soon?region=US");
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb; Watchmode");
  const body = await res.json<ComingSoon>();
  expect(body.streamingReleasesStatus).toBe("ok");
  expect(body.streamingReleasesMessage).toBeUndefined();
  expect(body.results.length).toBeGreaterThan(0);
  const releases = body.streamingReleases;
  expect(releases.length).toBeGreaterThanOrEqual(2 * 30);
  const today = clock.nowIso().slice(0, 10);
  const last = new Date(clock.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const dates = releases.map((release) => release.releaseDate);
  expect(dates).toEqual([...dates].sort());
  expect(dates[0] >= today && dates[dates.length - 1] <= last).toBe(true);
  expect(releases.some((release) => release.mediaType === "tv")).toBe(true);
  const movie = releases.find((release) => release.mediaType === "movie" && release.tmdbId !== null);
  expect(movie).toEqual({
    watchmodeId: expect.any(Number),
    tmdbId: expect.any(Number),
    title: expect.any(String),
    mediaType: "movie",
    // Watchmode's poster as it sent it (the simulator serves its own posters over http).
    posterUrl: expect.stringMatching(/^https?:\/\/.+\.jpg$/),
    releaseDate: expect.any(String),
    sourceId: expect.any(Number),
    sourceName: expect.any(String),
    inLibrary: false,
  });
  expect((await watchmodeCalls({ route: RELEASES_ROUTE })) - before).toBe(1);

  // Another region and a later page reuse the day's releases; a movie added to the library shows as such.
  await addMovie(movie?.tmdbId ?? 0);
  const again = await appJson<ComingSoon>("/api/v3/streaming/coming-soon?region=GB&page=2");
  expect(again.streamingReleases.map((r) => r.watchmodeId)).toEqual(releases.map((r) => r.watchmodeId));
  expect(again.streamingReleases.find((r) => r.watchmodeId === movie?.watchmodeId)?.inLibrary).toBe(true);
  expect((await watchmodeCalls({ route: RELEASES_ROUTE })) - before).toBe(1);
});

test("with the day's Watchmode budget spent, coming soon still answers, saying so", async () => {
  await clearOfMidnight();
  // The releases were loaded by the previous test; a load settled this recently still answers misses.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const spent = await budgetFor(env, "watchmode").reserve(WATCHMODE_DAILY_BUDGET);
  expect(spent.granted).toBe(true);
  const before = await watchmodeCalls({ route: RELEASES_ROUTE });
  const res = await appFetch("/api/v3/streaming/coming-soon");
  expect(res.status).toBe(200);
  expect(res.headers.get(ATTRIBUTION_HEADER)).toBe("TMDb");
  const body = await res.json<ComingSoon>();
  expect(body.results.length).toBeGreaterThan(0);
  expect(body.streamingReleases).toEqual([]);
  expect(body.streamingReleasesStatus).toBe("budgetExhausted");
  expect(body.streamingReleasesMessage).toMatch(/budget .*used up/);
  expect(await watchmodeCalls({ route: RELEASES_ROUTE })).toBe(before);
});

interface LinkedProvider {
  providerId: number;
  name: string;
  link: string | null;
  watchUrl?: string;
  watchUrlSource?: string;
}

interface TrendingLinks {
  results: {
    tmdbId: number;
    title: string;
    availability: { link: string | null; offers: Record<string, LinkedProvider[]> } | null;
  }[];
}

const providersOf = (title: TrendingLinks["results"][number]) => Object.values(title.availability?.offers ?? {}).flat();

test("trending's provider chips link to each provider's search for the title, else TMDb's watch page", async () => {
  const trending = await appJson<TrendingLinks>("/api/v3/streaming/trending/movie/week?region=US", env as Env);
  const enriched = trending.results.filter((t) => t.availability?.offers.flatrate.length);
  expect(enriched.length).toBeGreaterThan(0);
  const providers = enriched.flatMap((t) => providersOf(t).map((p) => ({ title: t, p })));
  for (const { title, p } of providers) {
    expect(p.watchUrl, `${title.title} on ${p.name}`).toEqual(expect.stringMatching(/^https:\/\//));
    if (p.providerId === 8) {
      expect(p).toMatchObject({
        watchUrlSource: "search",
        watchUrl: `https://www.netflix.com/search?q=${encodeURIComponent(title.title)}`,
      });
    }
    // Pluto TV has no search page in the table: TMDb's watch page for the title.
    if (p.name === "Pluto TV") expect(p).toMatchObject({ watchUrlSource: "tmdb", watchUrl: title.availability?.link });
  }
  expect(providers.some(({ p }) => p.watchUrlSource === "search")).toBe(true);
  // The availability route links the same way when given the title.
  const first = enriched[0];
  const query = `region=US&title=${encodeURIComponent(first.title)}`;
  const availability = await appJson<Availability & { offers: Record<string, LinkedProvider[]> }>(
    `/api/v3/streaming/availability/${first.tmdbId}?${query}`,
    env as Env,
  );
  expect(Object.values(availability.offers).flat()).toEqual(providersOf(first));
});

test("trending's chips take Watchmode's deep links once the title's sources are known, spending no call", async () => {
  await clearOfMidnight();
  const before = await trendingLinks();
  const title = before.results.find((t) => t.availability?.offers.flatrate.length) as TrendingLinks["results"][0];
  await seedIdMap(before.results.map((t) => t.tmdbId).filter((id) => allMovies().some((m) => m.id === id)));
  const callsBefore = await watchmodeCalls({ route: SOURCES_ROUTE });
  // Trending alone asks Watchmode nothing: search links still.
  expect(
    providersOf((await trendingLinks()).results.find((t) => t.tmdbId === title.tmdbId) ?? title),
  ).not.toContainEqual(expect.objectContaining({ watchUrlSource: "watchmode" }));
  expect(await watchmodeCalls({ route: SOURCES_ROUTE })).toBe(callsBefore);

  // The movie page asks Watchmode (one call); from then on trending links its chips there.
  const asked = await appJson<Availability>(`/api/v3/streaming/availability/${title.tmdbId}?region=US&watchmode=true`);
  expect(asked.watchmode.status).toBe("ok");
  const after = (await trendingLinks()).results.find((t) => t.tmdbId === title.tmdbId) ?? title;
  const linked = providersOf(after);
  for (const p of linked) {
    const watchmode = asked.watchmode.sources.find((s) => s.webUrl === p.watchUrl);
    if (p.watchUrlSource === "watchmode") expect(watchmode, p.name).toBeDefined();
  }
  const netflixOrAny = linked.find((p) => p.watchUrlSource === "watchmode");
  expect(netflixOrAny?.watchUrl).toMatch(/^https:\/\//);
  expect(linked.every((p) => p.watchUrlSource === "watchmode")).toBe(true);
  expect((await watchmodeCalls({ route: SOURCES_ROUTE })) - callsBefore).toBe(1);
});

const trendingLinks = () => appJson<TrendingLinks>("/api/v3/streaming/trending/movie/week?region=US");
