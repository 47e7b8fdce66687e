/**
 * `npm run bench:auth`: what checking the API key costs per request in the steady state.
 * Autocannon on GET /api/v3/tag (a one-row read) against two apps of this tree on loopback: one
 * on the API_KEY secret (sent in X-Api-Key, and as a session cookie), one after Regenerate (the
 * regenerated key, and a session signed with it); /ping (no auth) as the baseline. Cases are
 * interleaved in rounds (each round starting with another app) so machine load hits each alike;
 * the median round is reported. With
 * BENCH_AUTH_COMPARE_ROOT=<another checkout>/ that tree's app runs the secret's cases too (a
 * before/after in one run). Prints a table; asserts nothing.
 */
import "../scripts/offline-env.mjs";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { applyMigrations, startApp } from "../scripts/lib/app.mjs";
import { constantTimeEqual } from "../src/api/middleware/auth.ts";
import { apiKeyMatches } from "../src/services/apiKeys.ts";

const SECRET = "bench-auth-key";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_AUTH_ROUNDS ?? 3);
const CONNECTIONS = 8;
const COMPARE_ROOT = process.env.BENCH_AUTH_COMPARE_ROOT;

function measure(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS, timeout: 10 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** One app with fresh state: its name, URL, the cases to measure and a stop function. */
async function startCase(name, root) {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-bench-auth-"));
  await applyMigrations(work);
  const vars = { API_KEY: SECRET, ENCRYPTION_KEY: randomBytes(32).toString("base64"), TMDB_API_KEY: "bench" };
  const app = await startApp({ persistDir: work, vars, ...(root ? { root } : {}) });
  const stop = async () => {
    await app.stop();
    rmSync(work, { recursive: true, force: true });
  };
  return { name, url: app.url, stop };
}

async function signIn(appUrl, apiKey) {
  const res = await fetch(`${appUrl}/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  return res.headers.get("set-cookie").split(";")[0];
}

/** The secret's cases: /ping, the key in X-Api-Key, a session cookie. */
async function secretCases(app) {
  return [
    ["ping (no auth)", "/ping", {}],
    ["secret key", "/api/v3/tag", { "x-api-key": SECRET }],
    ["session cookie", "/api/v3/tag", { cookie: await signIn(app.url, SECRET) }],
  ];
}

/** Regenerates the key, then its cases: the regenerated key and a session signed with it. */
async function regeneratedCases(app) {
  const res = await fetch(`${app.url}/api/v3/config/host/apikey/regenerate`, {
    method: "POST",
    headers: { "x-api-key": SECRET },
  });
  if (res.status !== 200) throw new Error(`regenerate: ${res.status}`);
  const { apiKey } = await res.json();
  return [
    ["regenerated key", "/api/v3/tag", { "x-api-key": apiKey }],
    ["session (regenerated)", "/api/v3/tag", { cookie: await signIn(app.url, apiKey) }],
  ];
}

/**
 * The check alone, in process, without HTTP: the secret compared with both sides hashed per
 * request (constantTimeEqual) against apiKeyMatches in its steady state (the key state held, the
 * presented key compared with it in clear, in constant time, no hash), over a database that
 * counts the reads it is asked for. Interleaved blocks, after a warm-up, so load and the JIT weigh on both alike; medians of the blocks.
 */
async function checkCost(blocks = 15, perBlock = 2_000) {
  let reads = 0;
  const read = async () => {
    reads++;
    return [];
  };
  const db = { select: () => ({ from: () => ({ where: read }) }) };
  const env = { API_KEY: SECRET };
  const cases = {
    "both hashed (before)": () => constantTimeEqual(SECRET, SECRET),
    "held state, compared in clear (now)": () => apiKeyMatches(db, env, SECRET),
  };
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let block = -2; block < blocks; block++) {
    for (const [name, check] of Object.entries(cases)) {
      const started = performance.now();
      for (let i = 0; i < perBlock; i++) if (!(await check())) throw new Error("the key did not match");
      if (block >= 0) times[name].push(((performance.now() - started) / perBlock) * 1000);
    }
  }
  const figures = Object.entries(times).map(([name, list]) => `${name} ${median(list).toFixed(1)} µs`);
  console.log(
    `key check in process, median of ${blocks} blocks × ${perBlock}: ${figures.join("; ")}; D1 reads ${reads}`,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  await checkCost();
  if (ROUNDS < 1) return; // BENCH_AUTH_ROUNDS=0: the in-process check alone
  const apps = [];
  try {
    const plan = [];
    const current = await startCase("this tree");
    apps.push(current);
    plan.push({ app: current, cases: await secretCases(current) });
    const regenerated = await startCase("this tree, regenerated");
    apps.push(regenerated);
    plan.push({ app: regenerated, cases: await regeneratedCases(regenerated) });
    if (COMPARE_ROOT) {
      const other = await startCase(`compare ${COMPARE_ROOT}`, COMPARE_ROOT);
      apps.push(other);
      plan.push({ app: other, cases: await secretCases(other) });
    }
    const samples = new Map();
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with another app, so going first or last favours none.
      const order = plan.map((_, i) => plan[(i + round) % plan.length]);
      for (const { app, cases } of order) {
        for (const [label, path, headers] of cases) {
          const result = await measure(`${app.url}${path}`, headers);
          const key = `${app.name}\t${label}`;
          samples.set(key, [...(samples.get(key) ?? []), result]);
        }
      }
    }
    const ping = median(samples.get("this tree\tping (no auth)").map((r) => r.requests.average));
    const rows = [...samples].map(([key, results]) => {
      const [app, label] = key.split("\t");
      const rps = median(results.map((r) => r.requests.average));
      return {
        app,
        case: label,
        "req/s": rps,
        "vs this tree's ping": Math.round((rps / ping) * 100) / 100,
        "p50 ms": median(results.map((r) => r.latency.p50)),
        "p99 ms": median(results.map((r) => r.latency.p99)),
        non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
      };
    });
    console.log(`${ROUNDS} rounds × ${SECONDS} s per case, ${CONNECTIONS} connections; medians of the rounds`);
    console.table(rows);
  } finally {
    await Promise.allSettled(apps.map((app) => app.stop()));
  }
}

await main();
