/**
 * `npm run bench -- --cost`: what a reference user's day costs on Cloudflare, measured. A fresh
 * local D1 is seeded with the library, the app runs in workerd against the simulator, and each
 * kind of work is run a few times for real: every Cron Trigger fired once (with the commands it
 * queues run to the end), one unchanged list re-sync, one site visit's requests, a sample of
 * other tools' API calls. The app's own counters (/metrics: requests, D1 rows from D1's result
 * meta, KV, Durable Object and Queue operations per binding) give each unit per operation; the
 * workerd processes' CPU time (utime + stime from /proc) gives CPU ms. Each operation's units are
 * multiplied by its daily count (REFERENCE_DAY) and priced by bench/cost-pricing.mjs.
 */
import "../scripts/offline-env.mjs";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, executeSqlFile, ROOT, startApp } from "../scripts/lib/app.mjs";
import { writeLibrarySeed } from "../scripts/lib/seed-library.mjs";
import { simulatorVars, startSimulator } from "../scripts/lib/simulator.mjs";
import { apiCaller } from "./api.mjs";
import { priceMonth } from "./cost-pricing.mjs";

const API_KEY = "bench-cost-key";
// Indexer credentials are stored encrypted: a fixed 32-byte key for the bench's throwaway D1.
const ENCRYPTION_KEY = Buffer.from("radarr-edge-bench-cost-key-32byt").toString("base64");
const api = apiCaller(API_KEY);

/** The reference user: 10 lists every 6 hours, 5 indexers (RSS every 15 minutes), 50 site visits and 2,000 API calls a day. */
const REFERENCE_DAY = {
  lists: 10,
  listSyncsPerListPerDay: 4,
  indexers: 5,
  siteVisitsPerDay: 50,
  apiCallsPerDay: 2_000,
};

/** Each Cron Trigger (wrangler.toml) and how often it fires in a day. */
const CRON_FIRES_PER_DAY = { "0 */6 * * *": 4, "*/15 * * * *": 96, "*/5 * * * *": 288, "0 * * * *": 24 };

// ---- counting ----------------------------------------------------------------------------

/** Every counter sample of /metrics, keyed by name and labels. */
async function scrape(app) {
  const text = await (await fetch(`${app.url}/metrics`, { headers: { "x-api-key": API_KEY } })).text();
  const samples = new Map();
  for (const line of text.split("\n")) {
    const match = line.match(/^(radarr_[a-z0-9_]+_total)(\{.*\})? (\S+)$/);
    if (match) samples.set(`${match[1]}${match[2] ?? ""}`, Number(match[3]));
  }
  return samples;
}

const labelsOf = (key) => Object.fromEntries([...key.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

/** The units between two scrapes, leaving out what the scrapes themselves cost. */
function unitsBetween(before, after) {
  const units = {
    requests: 0,
    d1RowsRead: 0,
    d1RowsWritten: 0,
    kvReads: 0,
    kvWrites: 0,
    doRequests: 0,
    queueMessages: 0,
  };
  for (const [key, value] of after) {
    const delta = value - (before.get(key) ?? 0);
    if (!delta) continue;
    const labels = labelsOf(key);
    if (labels.route === "/metrics") continue;
    if (key.startsWith("radarr_http_requests_total")) units.requests += delta;
    else if (key.startsWith("radarr_d1_rows_read_total")) units.d1RowsRead += delta;
    else if (key.startsWith("radarr_d1_rows_written_total")) units.d1RowsWritten += delta;
    else if (key.startsWith("radarr_cf_operations_total")) addOperation(units, labels, delta);
  }
  // The first scrape's own call to the Metrics object lands after its counters were read.
  units.doRequests = Math.max(0, units.doRequests - 1);
  return units;
}

function addOperation(units, { service, op }, delta) {
  if (service === "kv") {
    if (op === "read") units.kvReads += delta;
    else units.kvWrites += delta; // writes, deletes and lists are billed alike
  } else if (service === "durable_object") units.doRequests += delta;
  else if (service === "queue") {
    units.queueMessages += delta;
    // Each queue message is also a consumer invocation's share: counted as a request (batches of one here).
    units.requests += delta;
  }
}

/** CPU ms of the workerd processes under this bench (the app's isolates and its local D1/KV/DO). */
function workerdCpuMs() {
  const ticks = 100; // USER_HZ on Linux
  const procs = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  const parent = new Map();
  const stats = new Map();
  for (const pid of procs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(pid, fields[1]);
      stats.set(pid, {
        name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
        cpu: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // gone between listing and reading
    }
  }
  const isOurs = (pid) => {
    for (let p = pid, i = 0; p && p !== "0" && i < 50; p = parent.get(p), i++)
      if (p === String(process.pid)) return true;
    return false;
  };
  let cpu = 0;
  for (const [pid, stat] of stats) if (stat.name.startsWith("workerd") && isOurs(pid)) cpu += stat.cpu;
  return (cpu * 1000) / ticks;
}

/** Runs `work` `times` times and returns the units of one run (averaged), CPU ms included. */
async function measure(app, times, work) {
  const before = await scrape(app);
  const cpuBefore = workerdCpuMs();
  const started = performance.now();
  for (let i = 0; i < times; i++) await work(i);
  const wallMs = performance.now() - started;
  const cpuMs = workerdCpuMs() - cpuBefore;
  const units = unitsBetween(before, await scrape(app));
  const per = Object.fromEntries(Object.entries(units).map(([k, v]) => [k, v / times]));
  return { ...per, cpuMs: cpuMs / times, wallMs: wallMs / times, runs: times };
}

// ---- the operations ------------------------------------------------------------------------

/** Waits until no command is queued or running (the work a cron fire or a sync queued). */
async function drainCommands(app, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const commands = await api(app, "GET", "/command");
    if (!commands.some((c) => c.status === "queued" || c.status === "started")) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("commands still running after the timeout");
}

async function fireCron(app, cron) {
  const res = await fetch(`${app.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`);
  await res.arrayBuffer();
  await drainCommands(app);
}

async function get(app, path) {
  const res = await fetch(`${app.url}${path}`, { headers: { "x-api-key": API_KEY } });
  await res.arrayBuffer();
  return res.status;
}

/** What one site visit asks the API for: the Movies index (two pages), one movie, the calendar, the activity queue. */
const siteVisit = (ids) => [
  "/api/v3/system/status",
  "/api/v3/health",
  "/api/v3/qualityprofile",
  "/api/v3/tag",
  "/api/v3/rootfolder",
  "/api/v3/movie/paged?page=1&pageSize=50&sortKey=title&sortDirection=ascending",
  "/api/v3/movie/paged?page=2&pageSize=50&sortKey=title&sortDirection=ascending",
  `/api/v3/movie/${ids.movie}`,
  `/api/v3/moviefile?movieId=${ids.movie}`,
  `/api/v3/history/movie?movieId=${ids.movie}`,
  `/api/v3/credit?movieId=${ids.movie}`,
  "/api/v3/calendar?start=2026-12-01&end=2026-12-31",
  "/api/v3/queue?page=1&pageSize=20",
];

/** Other tools' calls (dashboards, request managers, subtitle tools), 100 in the day's proportions. */
const apiMix = (ids) => [
  ...Array(30).fill("/api/v3/queue?page=1&pageSize=20"),
  ...Array(20).fill("/api/v3/system/status"),
  ...Array(20).fill(`/api/v3/movie?tmdbId=${ids.tmdb}`),
  ...Array(10).fill(`/api/v3/movie/${ids.movie}`),
  ...Array(10).fill("/api/v3/calendar?start=2026-12-01&end=2026-12-31"),
  ...Array(5).fill("/api/v3/health"),
  ...Array(4).fill("/api/v3/history?page=1&pageSize=20"),
  "/api/v3/movie",
];

/** Five sim indexers (Newznab and Torznab) and one Trakt list, as the reference user has. */
async function configure(app, simUrl) {
  const folders = await api(app, "GET", "/rootfolder");
  if (!folders.some((f) => f.path === "/movies")) await api(app, "POST", "/rootfolder", { path: "/movies" });
  for (let i = 0; i < REFERENCE_DAY.indexers; i++) {
    const torznab = i % 2 === 0;
    await api(app, "POST", "/indexer", {
      name: `Cost ${torznab ? "Torznab" : "Newznab"} ${i + 1}`,
      implementation: torznab ? "Torznab" : "Newznab",
      enableRss: true,
      fields: [
        { name: "baseUrl", value: `${simUrl}/${torznab ? "torznab" : "newznab"}` },
        { name: "apiKey", value: `cost-indexer-${i}` },
      ],
    });
  }
  const profiles = await api(app, "GET", "/qualityprofile");
  return api(app, "POST", "/importlist", {
    name: "Cost list",
    implementation: "TraktListImport",
    fields: [
      { name: "username", value: "sim" },
      { name: "listname", value: "demo-classics" },
    ],
    qualityProfileId: profiles[0].id,
    rootFolderPath: "/movies",
    enableAuto: false,
  });
}

/** Measures every operation of the reference day once (or a few times) against a running app. */
async function measureOperations(app, simUrl) {
  const list = await configure(app, simUrl);
  const [first] = (await api(app, "GET", "/movie/paged?pageSize=1&sortKey=title")).records;
  const ids = { movie: first.id, tmdb: first.tmdbId };
  const sync = async () => {
    await api(app, "POST", "/command", { name: "ImportListSync", listId: list.id });
    await drainCommands(app);
  };
  await sync(); // the first sync adds the list's movies; the day's syncs are re-syncs
  const operations = {};
  // A fresh database's first fires do one-off work (the Watchmode id map's first import, first
  // refreshes): measured apart. The id map's full re-import is counted once a day (Watchmode
  // publishes a new file about daily; an unchanged file is a conditional GET and no writes).
  const sixHourly = "0 */6 * * *";
  console.log(`  cron ${sixHourly} (first: imports the id map)…`);
  operations[`cron ${sixHourly} (id map re-imported)`] = {
    perDay: 1,
    ...(await measure(app, 1, () => fireCron(app, sixHourly))),
  };
  for (const [cron, perDay] of Object.entries(CRON_FIRES_PER_DAY)) {
    console.log(`  cron ${cron}…`);
    if (cron !== sixHourly) await fireCron(app, cron); // warm-up: the steady state is measured
    operations[`cron ${cron}`] = {
      perDay: cron === sixHourly ? perDay - 1 : perDay,
      ...(await measure(app, 1, () => fireCron(app, cron))),
    };
  }
  console.log("  list re-sync, site visit, API calls…");
  const syncs = REFERENCE_DAY.lists * REFERENCE_DAY.listSyncsPerListPerDay;
  operations["list re-sync (unchanged)"] = { perDay: syncs, ...(await measure(app, 2, sync)) };
  const visit = siteVisit(ids);
  operations["site visit"] = {
    perDay: REFERENCE_DAY.siteVisitsPerDay,
    ...(await measure(app, 3, async () => {
      for (const path of visit) await get(app, path);
    })),
  };
  const calls = apiMix(ids);
  operations["API call (mix)"] = {
    perDay: REFERENCE_DAY.apiCallsPerDay,
    ...(await measure(app, calls.length, (i) => get(app, calls[i]))),
  };
  return operations;
}

/** The day's totals: each operation's units × its daily count. */
function dayTotals(operations) {
  const totals = {};
  for (const op of Object.values(operations)) {
    for (const unit of [
      "requests",
      "cpuMs",
      "d1RowsRead",
      "d1RowsWritten",
      "kvReads",
      "kvWrites",
      "doRequests",
      "queueMessages",
    ]) {
      totals[unit] = (totals[unit] ?? 0) + op[unit] * op.perDay;
    }
  }
  return totals;
}

/** D1 rows one request of each route reads and writes (the X-D1-Rows-* headers, from D1's result meta). */
export async function addD1Rows(baseUrl, routes, apiKey) {
  for (const route of routes) {
    const res = await fetch(`${baseUrl}${route.path}`, { headers: { "x-api-key": apiKey } });
    await res.arrayBuffer();
    if (!res.headers.has("x-d1-rows-read")) continue;
    route.d1RowsRead = Number(res.headers.get("x-d1-rows-read"));
    route.d1RowsWritten = Number(res.headers.get("x-d1-rows-written"));
  }
}

// ---- the run -------------------------------------------------------------------------------

const COST_LIBRARIES = (process.env.BENCH_COST_MOVIES ?? "20000,100000").split(",").map(Number);

/** One library size: seed a fresh D1, start the simulator and the app, measure the day. */
async function costForLibrary(movies) {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-bench-cost-"));
  const sim = await startSimulator();
  let app;
  try {
    await applyMigrations(work);
    writeLibrarySeed(join(work, "seed.sql"), movies);
    await executeSqlFile(work, join(work, "seed.sql"));
    mkdirSync(join(ROOT, "dist/site"), { recursive: true }); // wrangler.toml's assets folder (the site is not needed)
    app = await startApp({
      persistDir: work,
      vars: {
        API_KEY,
        ENCRYPTION_KEY,
        TMDB_API_KEY: "bench",
        TRAKT_CLIENT_ID: "bench",
        WATCHMODE_API_KEY: "bench",
        ...simulatorVars(sim.url),
      },
    });
    const operations = await measureOperations(app, sim.url);
    const totals = dayTotals(operations);
    return { libraryMovies: movies, operations, dayTotals: totals, month: priceMonth(totals) };
  } finally {
    await app?.stop();
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : String(Math.round(n * 10) / 10));

/** `npm run bench -- --cost`: both library sizes, a table each, bench/cost-results.json. */
export async function runCostBench() {
  const results = {
    date: new Date().toISOString(),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    reference: REFERENCE_DAY,
    libraries: [],
  };
  for (const movies of COST_LIBRARIES) {
    console.log(`Cost: a reference day at ${movies.toLocaleString("en-US")} movies…`);
    const result = await costForLibrary(movies);
    results.libraries.push(result);
    for (const [name, op] of Object.entries(result.operations)) {
      console.log(
        `  ${name.padEnd(28)} ×${String(op.perDay).padStart(4)}/day  req ${fmt(op.requests)}  cpu ${fmt(op.cpuMs)} ms  D1 r/w ${fmt(op.d1RowsRead)}/${fmt(op.d1RowsWritten)}  KV r/w ${fmt(op.kvReads)}/${fmt(op.kvWrites)}  DO ${fmt(op.doRequests)}  Q ${fmt(op.queueMessages)}`,
      );
    }
    for (const line of result.month.lines)
      console.log(
        `  ${line.name.padEnd(34)} ${fmt(line.perDay).padStart(14)}/day  ${(line.allowanceUsed * 100).toFixed(2)}% of the allowance  $${line.overUsd.toFixed(2)} over`,
      );
    console.log(`  month: $${result.month.totalUsd.toFixed(2)} ($5 minimum + $${result.month.overUsd.toFixed(2)})`);
  }
  writeFileSync(new URL("./cost-results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log("wrote bench/cost-results.json");
  return results;
}
