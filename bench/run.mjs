/**
 * `npm run bench`: seeds 20,000 movies into a fresh local D1, starts the app on loopback and
 * measures routes with autocannon; prints a table and writes bench/results.json. Figures are
 * compared as ratios to /ping within the same run, never asserted.
 */
import "../scripts/offline-env.mjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { applyMigrations, executeSqlFile, ROOT, startApp } from "../scripts/lib/app.mjs";
import { writeLibrarySeed } from "../scripts/lib/seed-library.mjs";
import { runDecisionBench } from "./decisions.ts";
import { runDownloadsBench } from "./downloads.mjs";
import { measureLibraryFirstRender } from "./library-render.mjs";
import { runListBench } from "./lists.mjs";
import { HIGH_LOAD, loadSummary } from "./load.mjs";
import { runParserBench } from "./parser.ts";
import { runStreamingBench } from "./streaming.mjs";

const LIBRARY_SIZE = Number(process.env.BENCH_MOVIES ?? 20_000);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
// Parts left out of a run (comma-separated: lists, streaming, downloads), e.g. for a quick library-only run.
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));

const API_KEY = "bench-api-key";

function load(url, { connections, duration, amount }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, ...(amount ? { amount } : { duration }), headers: { "x-api-key": API_KEY }, timeout: 30 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** /ping and one paged page under HIGH_LOAD, the page's p50 as a ratio of /ping's. */
async function measureHighLoad(baseUrl, pagedPath) {
  const options = { connections: HIGH_LOAD.connections, duration: HIGH_LOAD.seconds };
  const ping = loadSummary(await load(`${baseUrl}/ping`, options));
  const paged = loadSummary(await load(`${baseUrl}${pagedPath}`, options));
  return { ...HIGH_LOAD, ping, paged, pagedVsPing: Math.round((paged.p50 / Math.max(ping.p50, 1)) * 100) / 100 };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-bench-"));
  const results = { date: new Date().toISOString(), libraryMovies: LIBRARY_SIZE, routes: [], notes: [] };
  console.log("Parser: our parser and @ctrl/video-filename-parser over the corpus…");
  results.parser = runParserBench();
  console.log("Decision engine: 10,000 releases × a profile scoring 25 custom formats…");
  results.decisions = runDecisionBench();
  let app;
  try {
    console.log(`Seeding ${LIBRARY_SIZE} movies into a fresh local D1…`);
    const started = Date.now();
    await applyMigrations(work);
    writeLibrarySeed(join(work, "seed.sql"), LIBRARY_SIZE);
    await executeSqlFile(work, join(work, "seed.sql"));
    results.seedSeconds = (Date.now() - started) / 1000;
    // The library page's render is measured against the built site.
    execFileSync(
      process.execPath,
      ["node_modules/vite/bin/vite.js", "build", "--config", "site/vite.config.ts", "--logLevel", "warn"],
      {
        cwd: ROOT,
        stdio: "inherit",
      },
    );
    app = await startApp({ persistDir: work, vars: { API_KEY } });

    const routes = [
      { name: "/ping", path: "/ping", connections: 16, duration: DURATION_S },
      { name: "GET /movie (all)", path: "/api/v3/movie", connections: 1, amount: 20, firstCall: true },
      {
        name: "/movie/paged title p1",
        path: "/api/v3/movie/paged?page=1&pageSize=50&sortKey=title&sortDirection=ascending",
        connections: 16,
        duration: DURATION_S,
      },
      {
        name: "/movie/paged search",
        path: "/api/v3/movie/paged?page=1&pageSize=50&sortKey=title&search=river",
        connections: 16,
        duration: DURATION_S,
      },
      {
        name: "/movie/paged filtered",
        path: "/api/v3/movie/paged?page=3&pageSize=50&sortKey=year&sortDirection=descending&monitored=true&genre=Drama&yearFrom=1990",
        connections: 16,
        duration: DURATION_S,
      },
      { name: "/movie/{id}", path: "/api/v3/movie/12345", connections: 16, duration: DURATION_S },
    ];
    for (const route of routes) {
      const url = `${app.url}${route.path}`;
      let firstMs;
      if (route.firstCall) {
        const t = performance.now();
        const res = await fetch(url, { headers: { "x-api-key": API_KEY } });
        const body = await res.json();
        firstMs = Math.round(performance.now() - t);
        if (body.length !== LIBRARY_SIZE) throw new Error(`expected ${LIBRARY_SIZE} movies, got ${body.length}`);
        // The list is cached until the library changes: time full rebuilds right after a write.
        const rebuilds = [];
        for (let i = 0; i < 3; i++) {
          await fetch(`${app.url}/api/v3/movie/1`, {
            method: "PUT",
            headers: { "x-api-key": API_KEY, "content-type": "application/json" },
            body: JSON.stringify({ monitored: i % 2 === 0 }),
          });
          const t0 = performance.now();
          await (await fetch(url, { headers: { "x-api-key": API_KEY } })).arrayBuffer();
          rebuilds.push(Math.round(performance.now() - t0));
        }
        route.rebuildMs = rebuilds.sort((a, b) => a - b)[1];
      } else {
        await load(url, { connections: 2, amount: 50 });
      }
      const r = await load(url, route);
      results.routes.push({
        name: route.name,
        path: route.path,
        connections: route.connections,
        requests: r.requests.total,
        rps: Math.round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts + r.non2xx,
        ...(firstMs !== undefined ? { firstCallMs: firstMs, afterWriteMs: route.rebuildMs } : {}),
      });
    }
    const ping = results.routes[0].p50 || 1;
    for (const r of results.routes) r.p50VsPing = Math.round((r.p50 / ping) * 100) / 100;

    console.log(
      `High load: ${HIGH_LOAD.connections} connections for ${HIGH_LOAD.seconds} s on /ping and /movie/paged…`,
    );
    results.highLoad = await measureHighLoad(app.url, routes[2].path);

    console.log("Measuring the library page's first render in Chromium…");
    try {
      results.libraryFirstRenderMs = await measureLibraryFirstRender(app.url, API_KEY);
    } catch (error) {
      results.notes.push(`library first render not measured: ${error.message}`);
    }
  } finally {
    await app?.stop();
    rmSync(work, { recursive: true, force: true });
  }

  console.log("");
  console.table(
    results.routes.map((r) => ({
      route: r.name,
      conns: r.connections,
      "req/s": r.rps,
      "p50 ms": r.p50,
      "p99 ms": r.p99,
      "p50/ping": r.p50VsPing,
      errors: r.errors,
      ...(r.firstCallMs !== undefined ? { "first ms": r.firstCallMs, "after write ms": r.afterWriteMs } : {}),
    })),
  );
  if (results.highLoad) {
    const h = results.highLoad;
    console.log(
      `High load (${h.connections} connections, ${h.seconds} s): /ping p50 ${h.ping.p50} ms, ${h.ping.requests} requests, ${h.ping.errors} errors; /movie/paged p50 ${h.paged.p50} ms (${h.pagedVsPing}× /ping), ${h.paged.requests} requests, ${h.paged.errors} errors`,
    );
  }
  if (!SKIP.has("lists")) await listsPart(results);
  if (!SKIP.has("streaming")) await streamingPart(results);
  if (!SKIP.has("downloads")) await downloadsPart(results);
  printSummary(results);
}

async function listsPart(results) {
  console.log("Import lists: first sync and unchanged re-sync of 10,000-item lists…");
  results.importLists = await runListBench();
  for (const l of results.importLists.lists) {
    if (l.error) {
      console.log(`  ${l.list}: failed: ${l.error}`);
      continue;
    }
    console.log(
      `  ${l.list} (${l.items} items): first sync ${l.first.wallMs} ms, ${l.first.added} added, ${l.first.rowsWritten} rows written, upstream ${JSON.stringify(l.first.upstreamCalls)}; re-sync ${l.resync.wallMs} ms, unchanged=${l.resync.unchanged}, ${l.resync.rowsWritten} rows written, upstream ${JSON.stringify(l.resync.upstreamCalls)}`,
    );
  }
  console.log(
    `  library: ${results.importLists.libraryMovies} movies, ${results.importLists.duplicateMovies} duplicates`,
  );
}

async function streamingPart(results) {
  console.log("Streaming: replay of mixed trending/availability/coming-soon/providers traffic…");
  try {
    const st = await runStreamingBench();
    results.streaming = st;
    console.log(
      `  ${st.requests} requests (${JSON.stringify(st.kinds)}) in ${st.replaySeconds} s, ${st.non2xx} non-2xx, ${st.errors} errors; replay p50 ${st.replayLatencyMs.p50} ms`,
    );
    console.log(
      `  cache lookups ${st.cacheLookups.total}: ${st.cacheLookups.hits} hits, ${st.cacheLookups.stale} stale, ${st.cacheLookups.misses} misses → hit rate ${(st.cacheLookups.hitRate * 100).toFixed(2)}%`,
    );
    console.log(`  upstream calls: ${JSON.stringify(st.upstreamCalls)}`);
    for (const b of st.budgets)
      console.log(`  budget ${b.service}: ${b.windows}${b.softTarget ? `; soft ${b.softTarget}` : ""}`);
    console.log(
      `  cached trending p50 ${st.cachedTrendingP50Ms} ms vs /ping p50 ${st.pingP50Ms} ms = ${st.cachedTrendingVsPing}×`,
    );
    const h = st.highLoad;
    console.log(
      `  high load (${h.connections} connections, ${h.seconds} s): /ping p50 ${h.ping.p50} ms, ${h.ping.errors} errors; trending p50 ${h.trending.p50} ms (${h.trendingVsPing}× /ping), ${h.trending.requests} requests, ${h.trending.errors} errors`,
    );
  } catch (error) {
    results.notes.push(`streaming replay failed: ${error.message}`);
  }
}

async function downloadsPart(results) {
  console.log("Search and downloads: interactive search over 1,000 indexer results, queue poll of 500 downloads…");
  try {
    const dl = await runDownloadsBench();
    results.downloads = dl;
    console.log(
      `  interactive search: ${dl.interactiveSearch.releasesReturned} releases decided (${dl.interactiveSearch.approved} approved) — median ${dl.interactiveSearch.medianMs} ms per search (runs ${dl.interactiveSearch.runsMs.join(", ")})`,
    );
    console.log(
      `  queue poll: ${dl.queuePoll.activeDownloads} active downloads — median ${dl.queuePoll.medianMs} ms per poll (runs ${dl.queuePoll.runsMs.join(", ")})`,
    );
  } catch (error) {
    results.notes.push(`downloads bench failed: ${error.message}`);
  }
}

function printSummary(results) {
  const percent = (v) => (v === null ? "n/a" : `${(v * 100).toFixed(1)}%`);
  console.table(
    results.parser.kinds.map((k) => ({
      kind: k.kind,
      cases: k.cases,
      core: k.core,
      ours: percent(k.ours),
      peer: percent(k.peer),
    })),
  );
  console.log(
    `Parser names/second: ours ${results.parser.oursNamesPerSecond}, @ctrl/video-filename-parser ${results.parser.peerNamesPerSecond} (n/a: the peer has no answer for that kind)`,
  );
  const d = results.decisions;
  console.log(
    `Decision engine: ${d.releases} releases × ${d.customFormats} custom formats: evaluate ${d.evaluateMs} ms (parsing included), rank ${d.rankMs} ms, ${d.accepted} accepted`,
  );
  if (results.libraryFirstRenderMs !== undefined)
    console.log(`Library page first render (${LIBRARY_SIZE} movies): ${results.libraryFirstRenderMs} ms`);
  for (const note of results.notes) console.log(`note: ${note}`);
  writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log("wrote bench/results.json");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
