/**
 * Import list sync benchmark: the first sync and an unchanged re-sync of 10,000- and 50,000-item lists,
 * through the real app (ListSync Durable Object, D1) against the simulator. Reports wall time,
 * upstream calls, D1 rows written and duplicates.
 */
import "../scripts/offline-env.mjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, startApp } from "../scripts/lib/app.mjs";
import { simulatorVars, startSimulator } from "../scripts/lib/simulator.mjs";
import { apiCaller } from "./api.mjs";

const API_KEY = "bench-lists-key";

const api = apiCaller(API_KEY);
/** `BENCH_TRAKT_LATENCY_MS`: added to every simulated Trakt answer (0 by default), to measure syncs at a real upstream's latency. */
const TRAKT_LATENCY_MS = Number(process.env.BENCH_TRAKT_LATENCY_MS ?? 0);

async function simCalls(simUrl) {
  const body = await (await fetch(`${simUrl}/__sim/calls`)).json();
  return Object.fromEntries(Object.entries(body.services).map(([name, s]) => [name, s.total]));
}

/** Runs a command and waits for it; returns its wall time in ms. */
async function commandAndWait(app, body) {
  const started = performance.now();
  const queued = await api(app, "POST", "/command", body);
  for (;;) {
    const command = await api(app, "GET", `/command/${queued.id}`);
    if (command.status === "completed" || command.status === "failed") {
      if (command.status === "failed") throw new Error(`${body.name} failed: ${command.message}`);
      return Math.round(performance.now() - started);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const syncAndWait = (app, listId) => commandAndWait(app, { name: "ImportListSync", listId });

async function libraryCounters(app) {
  const status = await api(app, "GET", "/movie/paged?pageSize=1");
  return { movies: status.totalRecords };
}

/** Runs one list: first sync then an unchanged re-sync. */
async function benchList(app, sim, { name, implementation, fields }) {
  const profiles = await api(app, "GET", "/qualityprofile");
  const list = await api(app, "POST", "/importlist", {
    name,
    implementation,
    fields: Object.entries(fields).map(([k, v]) => ({ name: k, value: v })),
    qualityProfileId: profiles[0].id,
    rootFolderPath: "/movies",
    enableAuto: false,
  });
  const before = await simCalls(sim.url);
  const firstMs = await syncAndWait(app, list.id);
  const afterFirst = await simCalls(sim.url);
  const [first] = await api(app, "GET", `/importlist/${list.id}/history?limit=1`);
  const library = await libraryCounters(app);
  const secondMs = await syncAndWait(app, list.id);
  const afterSecond = await simCalls(sim.url);
  const [second] = await api(app, "GET", `/importlist/${list.id}/history?limit=1`);
  const diff = (a, b) =>
    Object.fromEntries(
      Object.keys(b)
        .map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)])
        .filter(([, v]) => v > 0),
    );
  return {
    list: name,
    implementation,
    items: first.found,
    first: {
      wallMs: firstMs,
      added: first.added,
      upstreamCalls: diff(before, afterFirst),
      rowsWritten: first.rowsWritten,
    },
    resync: {
      wallMs: secondMs,
      unchanged: second.unchanged,
      added: second.added,
      upstreamCalls: diff(afterFirst, afterSecond),
      rowsWritten: second.rowsWritten,
    },
    libraryMovies: library.movies,
  };
}

export async function runListBench() {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-bench-lists-"));
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
    // Watchmode's id map is imported daily where Watchmode is configured: the IMDb list resolves
    // its ids through it rather than a TMDb /find each.
    const idMapMs = await commandAndWait(app, { name: "WatchmodeIdMapRefresh" });
    console.log(`  Watchmode id map imported in ${idMapMs} ms`);
    await api(app, "POST", "/rootfolder", { path: "/movies" });
    if (TRAKT_LATENCY_MS > 0) {
      // Trakt as deployed answers in hundreds of ms, not the simulator's few: every Trakt call waits this long.
      const res = await fetch(`${sim.url}/__sim/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ service: "trakt", kind: "latency", ms: TRAKT_LATENCY_MS }),
      });
      if (res.status !== 201) throw new Error(`could not add Trakt's latency: HTTP ${res.status}`);
    }
    await fetch(`${sim.url}/`);
    const schema = await api(app, "GET", "/importlist/schema");
    const lists = [];
    if (schema.some((s) => s.implementation === "TraktListImport")) {
      lists.push({
        name: "Trakt 10k",
        implementation: "TraktListImport",
        fields: { username: "sim", listname: "demo-ten-thousand" },
      });
      // Targets: first sync under 60 s, unchanged re-sync under 5 s with 0 rows written.
      lists.push({
        name: "Trakt 50k",
        implementation: "TraktListImport",
        fields: { username: "sim", listname: "demo-fifty-thousand" },
      });
    }
    lists.push({
      name: "IMDb CSV 10k",
      implementation: "IMDbCsvImport",
      fields: { csvUrl: `${sim.url}/imdb/list/ls000010000/export` },
    });
    const results = [];
    for (const list of lists) {
      try {
        results.push(await benchList(app, sim, list));
      } catch (error) {
        results.push({ list: list.name, error: error.message });
      }
    }
    const duplicates = await api(app, "GET", "/movie/paged?pageSize=1");
    const all = await api(app, "GET", "/movie");
    const distinct = new Set(all.map((m) => m.tmdbId)).size;
    return {
      lists: results,
      libraryMovies: duplicates.totalRecords,
      duplicateMovies: all.length - distinct,
      traktLatencyMs: TRAKT_LATENCY_MS,
    };
  } finally {
    await app?.stop();
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// `node bench/lists.mjs`: the list part alone, printed as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runListBench(), null, 2));
}
