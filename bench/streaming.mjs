/**
 * Streaming traffic replay: a day's worth of mixed requests (trending, availability, coming soon,
 * providers, across regions) sent to the real app with the simulator as TMDb, Trakt and Watchmode.
 * Reports the cache hit rate (from /api/v3/system/cache), the calls each upstream really received
 * (the simulator's counters) against its budget, and cached trending latency against /ping.
 *
 * The replay is compressed in time (minutes, not a day), so no cache entry expires during it.
 * Over a real day each key is refreshed at most 24 h / TTL times (8× for TMDb trending at 3 h,
 * 24× for the 1 h aggregate), which the report adds as an upper bound on extra upstream calls.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { applyMigrations, startApp } from "../scripts/lib/app.mjs";
import { simulatorVars, startSimulator } from "../scripts/lib/simulator.mjs";
import { HIGH_LOAD, loadSummary } from "./load.mjs";

const API_KEY = "bench-streaming-key";
const REQUESTS = Number(process.env.BENCH_STREAMING_REQUESTS ?? 100_000);
const CONNECTIONS = 16;
const REGIONS = ["US", "GB", "DE", "FR", "CA", "AU", "NL", "ES", "IT", "BR"];
const TITLES = 2_000;

/** A deterministic PRNG (mulberry32), so every run replays the same traffic. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws an index in [0, n) with Zipf(s) weights: a few titles get most of the traffic, as in life. */
function zipf(n, s, random) {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + 1) ** s;
    cumulative[i] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

async function api(app, path, init = {}) {
  const res = await fetch(`${app.url}${path}`, {
    ...init,
    headers: { "x-api-key": API_KEY, "content-type": "application/json", ...init.headers },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function simTotals(simUrl) {
  const body = await (await fetch(`${simUrl}/__sim/calls`)).json();
  return Object.fromEntries(Object.entries(body.services).map(([name, s]) => [name, s.total]));
}

/** TMDb ids of the titles the traffic asks about: the simulator's most popular movies and shows. */
async function popularIds(simUrl, mediaType, count) {
  const ids = [];
  for (let page = 1; ids.length < count && page <= 100; page++) {
    const res = await fetch(`${simUrl}/tmdb/3/trending/${mediaType}/week?page=${page}&api_key=bench`);
    if (!res.ok) break;
    const body = await res.json();
    if (!body.results?.length) break;
    ids.push(...body.results.map((r) => r.id));
  }
  return ids.slice(0, count);
}

/**
 * The traffic: 30% trending (movie/TV × day/week × region), 50% availability (Zipf over the
 * popular titles × region; one in 50 asks for Watchmode's deep links too), 12% coming soon
 * (region), 8% provider catalogue (region).
 */
function trafficGenerator(movieIds, tvIds) {
  const random = prng(20261127);
  const pickMovie = zipf(movieIds.length, 1.1, random);
  const pickTv = zipf(tvIds.length, 1.1, random);
  const region = () => REGIONS[Math.floor(random() * REGIONS.length)];
  const kinds = {};
  const next = () => {
    const roll = random();
    let kind;
    let path;
    if (roll < 0.3) {
      kind = "trending";
      const media = random() < 0.7 ? "movie" : "tv";
      const window = random() < 0.5 ? "day" : "week";
      path = `/api/v3/streaming/trending/${media}/${window}?region=${region()}`;
    } else if (roll < 0.8) {
      kind = "availability";
      const tv = random() < 0.2;
      const id = tv ? tvIds[pickTv()] : movieIds[pickMovie()];
      const watchmode = random() < 0.02 ? "&watchmode=true" : "";
      path = `/api/v3/streaming/availability/${id}?region=${region()}&type=${tv ? "tv" : "movie"}${watchmode}`;
    } else if (roll < 0.92) {
      kind = "comingSoon";
      path = `/api/v3/streaming/coming-soon?region=${region()}`;
    } else {
      kind = "providers";
      path = `/api/v3/streaming/providers?region=${region()}`;
    }
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    return path;
  };
  return { next, kinds };
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 30, headers: { "x-api-key": API_KEY }, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

const cacheTotals = (stats) =>
  stats.caches.reduce(
    (sum, c) => ({ hits: sum.hits + c.hits, stale: sum.stale + c.stale, misses: sum.misses + c.misses }),
    { hits: 0, stale: 0, misses: 0 },
  );

export async function runStreamingBench() {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-bench-streaming-"));
  const sim = await startSimulator();
  let app;
  try {
    await applyMigrations(work);
    app = await startApp({
      persistDir: work,
      vars: {
        API_KEY,
        TMDB_API_KEY: "bench",
        TRAKT_CLIENT_ID: "bench",
        WATCHMODE_API_KEY: "bench",
        ...simulatorVars(sim.url),
      },
    });
    // The daily id map import, as the cron runs it: one Watchmode call.
    const refresh = await api(app, "/api/v3/command", {
      method: "POST",
      body: JSON.stringify({ name: "WatchmodeIdMapRefresh" }),
    });
    for (let i = 0; i < 600; i++) {
      const command = await api(app, `/api/v3/command/${refresh.id}`);
      if (command.status === "completed" || command.status === "failed") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const [movieIds, tvIds] = await Promise.all([
      popularIds(sim.url, "movie", TITLES),
      popularIds(sim.url, "tv", TITLES / 4),
    ]);
    const simBefore = await simTotals(sim.url);
    const cacheBefore = cacheTotals(await api(app, "/api/v3/system/cache"));

    const traffic = trafficGenerator(movieIds, tvIds);
    const started = performance.now();
    const replay = await run({
      url: app.url,
      connections: CONNECTIONS,
      amount: REQUESTS,
      requests: [
        {
          setupRequest: (request) => ({ ...request, path: traffic.next() }),
        },
      ],
    });
    const replaySeconds = (performance.now() - started) / 1000;

    const simAfter = await simTotals(sim.url);
    const cacheAfter = cacheTotals(await api(app, "/api/v3/system/cache"));
    const budgets = await api(app, "/api/v3/system/budget");

    // Cached latency against /ping in the same run, after the replay warmed every key.
    const ping = await run({ url: `${app.url}/ping`, connections: CONNECTIONS, duration: 6 });
    const trending = await run({
      url: `${app.url}/api/v3/streaming/trending/movie/week?region=US`,
      connections: CONNECTIONS,
      duration: 6,
    });

    // The same cached route under many connections held for a while, with /ping beside it.
    const loaded = { connections: HIGH_LOAD.connections, duration: HIGH_LOAD.seconds };
    const loadedPing = await run({ url: `${app.url}/ping`, ...loaded });
    const loadedTrending = await run({ url: `${app.url}/api/v3/streaming/trending/movie/week?region=US`, ...loaded });

    const upstreamCalls = Object.fromEntries(
      ["tmdb", "trakt", "watchmode"].map((s) => [s, (simAfter[s] ?? 0) - (simBefore[s] ?? 0)]),
    );
    const lookups = {
      hits: cacheAfter.hits - cacheBefore.hits,
      stale: cacheAfter.stale - cacheBefore.stale,
      misses: cacheAfter.misses - cacheBefore.misses,
    };
    const total = lookups.hits + lookups.stale + lookups.misses;
    return {
      requests: replay.requests.total,
      kinds: traffic.kinds,
      non2xx: replay.non2xx,
      errors: replay.errors + replay.timeouts,
      replaySeconds: Math.round(replaySeconds * 10) / 10,
      requestsPerSecond: Math.round(replay.requests.average),
      replayLatencyMs: { p50: replay.latency.p50, p99: replay.latency.p99 },
      cacheLookups: { ...lookups, total, hitRate: total ? (lookups.hits + lookups.stale) / total : 0 },
      upstreamCalls,
      upstreamCallsPerRequest: Object.fromEntries(
        Object.entries(upstreamCalls).map(([s, n]) => [s, Math.round((n / REQUESTS) * 1e5) / 1e5]),
      ),
      budgets: budgets.map((b) => ({
        service: b.service,
        windows: b.windows.map((w) => `${w.name} ${w.used}/${w.limit}`).join(", "),
        softTarget: b.softTarget ? `${b.softTarget.usedToday}/${b.softTarget.perDay} a day` : undefined,
      })),
      pingP50Ms: ping.latency.p50,
      cachedTrendingP50Ms: trending.latency.p50,
      cachedTrendingVsPing: Math.round((trending.latency.p50 / Math.max(ping.latency.p50, 1)) * 100) / 100,
      cachedTrendingNon2xx: trending.non2xx,
      highLoad: {
        connections: HIGH_LOAD.connections,
        seconds: HIGH_LOAD.seconds,
        ping: loadSummary(loadedPing),
        trending: loadSummary(loadedTrending),
        trendingVsPing: Math.round((loadedTrending.latency.p50 / Math.max(loadedPing.latency.p50, 1)) * 100) / 100,
      },
    };
  } finally {
    await app?.stop();
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runStreamingBench(), null, 1));
}
