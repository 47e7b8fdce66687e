import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { call, callsDuring, tmdbFaults } from "./helpers";

// Circuit breakers live one per upstream in UpstreamBreaker Durable Objects. The tests' breaker
// opens after 5 consecutive failed calls (each call is 3 attempts) and lets a probe through
// after 1 s (UPSTREAM_BREAKER_COOLDOWN_S in vitest.config.ts).
// TMDb ids only this file uses: The Empire Strikes Back (fault target).
const FAILING_ID = 1891;
const FAILURES_TO_OPEN = 5;
const ATTEMPTS_PER_CALL = 3;
const COOL_DOWN_MS = 1_000;
const PATH = `/3/movie/${FAILING_ID}`;

const addFault = tmdbFaults();
const lookup = () => call("GET", `/api/v3/movie/lookup/tmdb?tmdbId=${FAILING_ID}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tmdbHealthIssues(): Promise<string[]> {
  const res = await call("GET", "/api/v3/health");
  expect(res.status).toBe(200);
  const checks = await res.json<{ source: string; message: string }[]>();
  return checks.filter((c) => c.source === "UpstreamCheck" && c.message.startsWith("tmdb ")).map((c) => c.message);
}

/** The tmdb breaker's phase as /metrics shows it (the state labelled 1), or undefined when not listed. */
async function metricsPhase(): Promise<string | undefined> {
  const text = await (await call("GET", "/metrics")).text();
  return text.match(/^radarr_upstream_breaker_state\{service="tmdb",state="(\w+)"\} 1$/m)?.[1];
}

/** Fails `count` lookups in a row (every attempt answers 500). */
async function failLookups(count: number) {
  await addFault({ match: `${PATH}?`, kind: "status", status: 500, times: count * ATTEMPTS_PER_CALL });
  for (let i = 0; i < count; i++) expect((await lookup()).status).toBeGreaterThanOrEqual(500);
}

// Each failed lookup waits out its retries; on a loaded machine a test takes more than the 5 s default.
describe("circuit breaker per upstream", { timeout: 30_000 }, () => {
  test("opens after N consecutive failures, half-opens after the cool-down, closes on a successful probe", async () => {
    await failLookups(FAILURES_TO_OPEN - 1);
    expect(await tmdbHealthIssues()).toEqual([]);
    await failLookups(1);
    expect(await tmdbHealthIssues()).toEqual(["tmdb is failing repeatedly; calls are paused"]);
    expect(await metricsPhase()).toBe("open");

    // Open: calls fail fast without reaching TMDb.
    const { result: refused, calls } = await callsDuring("tmdb", PATH, lookup);
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(calls).toBe(0);

    await sleep(COOL_DOWN_MS + 200);
    expect(await metricsPhase()).toBe("halfOpen");
    expect(await tmdbHealthIssues()).toEqual([]);

    // The probe reaches TMDb (its faults are used up), succeeds, and closes the breaker.
    const { result: probe, calls: probeCalls } = await callsDuring("tmdb", PATH, lookup);
    expect(probe.status).toBe(200);
    expect(probeCalls).toBe(1);
    expect(await metricsPhase()).toBe("closed");
    expect(await tmdbHealthIssues()).toEqual([]);
  });

  test("a failed probe opens the breaker again for another cool-down", async () => {
    await failLookups(FAILURES_TO_OPEN);
    await sleep(COOL_DOWN_MS + 200);
    await failLookups(1);
    expect(await metricsPhase()).toBe("open");
    expect(await tmdbHealthIssues()).toHaveLength(1);
    await sleep(COOL_DOWN_MS + 200);
    expect((await lookup()).status).toBe(200);
    expect(await metricsPhase()).toBe("closed");
  });

  test("half-open lets exactly one probe through, whichever isolate asks", async () => {
    const breaker = env.UPSTREAM_BREAKER.get(env.UPSTREAM_BREAKER.idFromName("breaker-test:probe"));
    const settings = { failureThreshold: 2, coolDownMs: COOL_DOWN_MS, probeTimeoutMs: 10_000 };
    await breaker.record(false, settings);
    expect((await breaker.record(false, settings)).phase).toBe("open");
    expect((await breaker.admit(settings)).allowed).toBe(false);
    await sleep(COOL_DOWN_MS + 100);
    const answers = await Promise.all(Array.from({ length: 20 }, () => breaker.admit(settings)));
    expect(answers.filter((a) => a.allowed)).toHaveLength(1);
    expect((await breaker.record(true, settings)).phase).toBe("closed");
    expect((await breaker.admit(settings)).allowed).toBe(true);
  });
});
