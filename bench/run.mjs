/**
 * `npm run bench`: seeds 20,000 and then 100,000 movies into fresh local D1s, starts the app on
 * loopback and measures routes with autocannon (bench/library.mjs); prints a table per size and
 * writes bench/results.json. Figures are
 * compared as ratios to /ping within the same run, never asserted.
 */
import "../scripts/offline-env.mjs";
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { ROOT } from "../scripts/lib/app.mjs";
import { runCostBench } from "./cost.mjs";
import { runDecisionBench } from "./decisions.ts";
import { runDownloadsBench } from "./downloads.mjs";
import { runLibraryBench } from "./library.mjs";
import { runListBench } from "./lists.mjs";
import { runParserBench } from "./parser.ts";
import { runStreamingBench } from "./streaming.mjs";

// Library sizes measured, comma-separated; the first one's figures are the top-level `routes`.
const LIBRARY_SIZES = (process.env.BENCH_MOVIES ?? "20000,100000").split(",").map(Number);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
// Parts left out of a run (comma-separated: parser, decisions, lists, streaming, downloads,
// routes, highload, render), e.g. BENCH_SKIP=parser,decisions,lists,streaming,downloads for the
// library alone, and BENCH_MOVIES=100000 BENCH_SKIP=parser,decisions,lists,streaming,downloads,routes
// for the library page's first render alone.
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));

async function main() {
  const results = {
    date: new Date().toISOString(),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    libraryMovies: LIBRARY_SIZES[0],
    routes: [],
    notes: [],
  };
  if (!SKIP.has("parser")) {
    console.log("Parser: our parser and @ctrl/video-filename-parser over the corpus…");
    results.parser = runParserBench();
  }
  if (!SKIP.has("decisions")) {
    console.log("Decision engine: 10,000 releases × a profile scoring 25 custom formats…");
    results.decisions = runDecisionBench();
  }
  await libraryPart(results);
  if (!SKIP.has("lists")) await listsPart(results);
  if (!SKIP.has("streaming")) await streamingPart(results);
  if (!SKIP.has("downloads")) await downloadsPart(results);
  printSummary(results);
}

/** Each library size in turn; the first size's figures stay at the top level of results.json. */
async function libraryPart(results) {
  // The library page's render and the interactive search's are measured against the built site,
  // and the app serves its assets from dist/site, so a missing build is made whatever is skipped.
  const siteBuilt = existsSync(join(ROOT, "dist/site/index.html"));
  if (!SKIP.has("render") || !SKIP.has("downloads") || !siteBuilt) buildSite();
  results.libraries = [];
  for (const size of LIBRARY_SIZES) {
    const library = await runLibraryBench(size, { seconds: DURATION_S, skip: SKIP });
    results.libraries.push(library);
    results.notes.push(...library.notes.map((n) => `${size} movies: ${n}`));
  }
  const [first] = results.libraries;
  results.seedSeconds = first.seedSeconds;
  results.routes = first.routes;
  results.highLoad = first.highLoad;
  results.libraryFirstRenderMs = first.libraryFirstRenderMs;
}

function buildSite() {
  execFileSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--config", "site/vite.config.ts", "--logLevel", "warn"],
    { cwd: ROOT, stdio: "inherit" },
  );
}

async function listsPart(results) {
  console.log("Import lists: first sync and unchanged re-sync of 10,000- and 50,000-item lists…");
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
    const site = dl.interactiveSearch.siteRender;
    console.log(
      site.failed
        ? `  interactive search in the site: not measured: ${site.failed}`
        : `  interactive search in the site: press to ${dl.interactiveSearch.releasesReturned} releases drawn — median ${site.medianMs} ms (runs ${site.runsMs.join(", ")}), of which the site's render (response to drawn) median ${site.renderMedianMs} ms (runs ${site.renderRunsMs.join(", ")}); then every row in the table after a median ${site.restMedianMs} ms more`,
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
  if (results.parser) printParser(results.parser, percent);
  if (results.decisions) {
    const d = results.decisions;
    console.log(
      `Decision engine: ${d.releases} releases × ${d.customFormats} custom formats: evaluate ${d.evaluateMs} ms (parsing included), rank ${d.rankMs} ms, ${d.accepted} accepted`,
    );
  }
  for (const library of results.libraries ?? [])
    if (library.libraryFirstRenderMs !== undefined)
      console.log(`Library page first render (${library.libraryMovies} movies): ${library.libraryFirstRenderMs} ms`);
  for (const note of results.notes) console.log(`note: ${note}`);
  writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log("wrote bench/results.json");
}

function printParser(parser, percent) {
  console.table(
    parser.kinds.map((k) => ({
      kind: k.kind,
      cases: k.cases,
      core: k.core,
      ours: percent(k.ours),
      peer: percent(k.peer),
    })),
  );
  console.log(
    `Parser names/second: ours ${parser.oursNamesPerSecond}, @ctrl/video-filename-parser ${parser.peerNamesPerSecond} (n/a: the peer has no answer for that kind)`,
  );
}

// `npm run bench -- --cost`: the cost of a reference day instead (bench/cost.mjs).
(process.argv.includes("--cost") ? runCostBench() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
