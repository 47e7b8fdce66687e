import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { addToCounter, emptyMetricSet } from "../../src/observability/metricSet";
import { addMovie, addRootFolder, call, getJson, tmdbFaults } from "./helpers";

// /metrics in Prometheus text format. The counters live in this test file's isolate, so each
// test measures the change its own requests make.
// TMDb ids only this file uses: Star Wars: Episode I (fault target) and Episode II.
const FLAKY_ID = 1894;
const CACHED_ID = 1895;

const addFault = tmdbFaults();

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const res = await call("GET", "/metrics");
  expect(res.status).toBe(200);
  const text = await res.text();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return { text, samples };
}

/** The value of the one sample with this name whose labels include `labels` (0 when absent). */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

/** How much each named series grew while `action` ran. */
async function growth(action: () => Promise<unknown>, series: [string, Record<string, string>][]) {
  const before = (await scrape()).samples;
  await action();
  const after = (await scrape()).samples;
  return series.map(([name, labels]) => sampleValue(after, name, labels) - sampleValue(before, name, labels));
}

describe("/metrics", () => {
  test("is Prometheus text with HELP and TYPE lines", async () => {
    const res = await call("GET", "/metrics");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain("# TYPE radarr_library_movies gauge");
    expect(text).toContain("# HELP radarr_library_movies ");
  });

  test("counts requests by route, method and status", async () => {
    const [ok, missing] = await growth(async () => {
      await call("GET", "/api/v3/system/status");
      await call("GET", "/api/v3/system/status");
      await call("GET", "/api/v3/movie/9999");
    }, [
      ["radarr_http_requests_total", { route: "/api/v3/system/status", method: "GET", status: "200" }],
      ["radarr_http_requests_total", { route: "/api/v3/movie/:id", method: "GET", status: "404" }],
    ]);
    expect([ok, missing]).toEqual([2, 1]);
  });

  test("labels a request with the route that answered it, not a later match", async () => {
    const [paged, lookup, byId] = await growth(async () => {
      await call("GET", "/api/v3/movie/paged");
      await call("GET", "/api/v3/movie/lookup");
    }, [
      ["radarr_http_requests_total", { route: "/api/v3/movie/paged", method: "GET", status: "200" }],
      ["radarr_http_requests_total", { route: "/api/v3/movie/lookup", method: "GET", status: "400" }],
      ["radarr_http_requests_total", { route: "/api/v3/movie/:id", method: "GET", status: "200" }],
    ]);
    expect([paged, lookup, byId]).toEqual([1, 1, 0]);
  });

  test("labels requests by route pattern, so unknown paths share one series", async () => {
    const [unmatched] = await growth(async () => {
      await call("GET", "/api/v3/nope-1");
      await call("GET", "/api/v3/nope-2");
    }, [["radarr_http_requests_total", { route: "unmatched", method: "GET", status: "404" }]]);
    expect(unmatched).toBe(2);
    expect((await scrape()).text).not.toContain("nope-1");
  });

  test("counts rejected requests too", async () => {
    const [unauthorized] = await growth(
      () => call("GET", "/api/v3/system/status", { key: "wrong" }),
      [["radarr_http_requests_total", { route: "/api/v3/system/status", method: "GET", status: "401" }]],
    );
    expect(unauthorized).toBe(1);
  });

  test("has a latency histogram with cumulative buckets per route", async () => {
    await call("GET", "/api/v3/health");
    const { samples } = await scrape();
    const route = { route: "/api/v3/health", method: "GET" };
    const buckets = samples.filter(
      (s) => s.name === "radarr_http_request_duration_seconds_bucket" && s.labels.route === route.route,
    );
    const bounds = buckets.map((b) => b.labels.le);
    expect(bounds.at(-1)).toBe("+Inf");
    expect(bounds.slice(0, -1).map(Number)).toEqual([...bounds.slice(0, -1).map(Number)].sort((a, b) => a - b));
    const counts = buckets.map((b) => b.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const count = sampleValue(samples, "radarr_http_request_duration_seconds_count", route);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(counts.at(-1)).toBe(count);
    expect(sampleValue(samples, "radarr_http_request_duration_seconds_sum", route)).toBeGreaterThanOrEqual(0);
  });

  test("counts upstream calls and errors by service", async () => {
    await addFault({ match: `/3/movie/${FLAKY_ID}?`, kind: "status", status: 500, times: 1 });
    const [failed, succeeded, errors] = await growth(
      () => getJson(`/api/v3/movie/lookup/tmdb?tmdbId=${FLAKY_ID}`),
      [
        ["radarr_upstream_calls_total", { service: "tmdb", outcome: "error", status: "500" }],
        ["radarr_upstream_calls_total", { service: "tmdb", outcome: "ok", status: "200" }],
        ["radarr_upstream_errors_total", { service: "tmdb" }],
      ],
    );
    expect([failed, succeeded, errors]).toEqual([1, 1, 1]);
  });

  test("counts cache misses and hits", async () => {
    const lookup = () => getJson(`/api/v3/movie/lookup/tmdb?tmdbId=${CACHED_ID}`);
    const [misses, hits] = await growth(async () => {
      await lookup();
      await lookup();
      await lookup();
    }, [
      ["radarr_cache_requests_total", { cache: "tmdb", result: "miss" }],
      ["radarr_cache_requests_total", { cache: "tmdb", result: "hit" }],
    ]);
    expect([misses, hits]).toEqual([1, 2]);
  });

  test("is the whole Worker's: counts flushed by other isolates are added in", async () => {
    const series = { route: "/api/v3/system/status", method: "GET", status: "200" };
    const [grown] = await growth(async () => {
      await call("GET", "/api/v3/system/status");
      // Another isolate's flush: its deltas go to the one Metrics Durable Object.
      const deltas = emptyMetricSet();
      addToCounter(deltas, "radarr_http_requests_total", "HTTP requests by route, method and status", series, 3);
      await env.METRICS.get(env.METRICS.idFromName("global")).merge(deltas);
    }, [["radarr_http_requests_total", series]]);
    expect(grown).toBe(4);
  });

  test("reports the library size", async () => {
    expect(sampleValue((await scrape()).samples, "radarr_library_movies")).toBe(0);
    await addRootFolder();
    await addMovie(CACHED_ID);
    expect(sampleValue((await scrape()).samples, "radarr_library_movies")).toBe(1);
  });
});
