/**
 * The library part of `npm run bench`: seeds `size` movies into a fresh local D1, starts the app
 * on loopback and measures the whole list, every /movie/paged variant (each sort key, search of
 * every length and title kind, each filter, combinations, a deep page) and /movie/{id} with
 * autocannon, then the library page's first render in Chromium.
 * BENCH_WHOLE_LIST_ONLY=1 measures only /ping and the whole list (GET /movie: first call in a
 * fresh isolate, first byte, rebuilds after a write, then 20 cached calls, then the first call in
 * another fresh isolate with the list stored in KV), with no high-load run.
 *
 * For working on one query shape (optional environment):
 *   BENCH_PAGED=search,tag   measure /ping and only the /movie/paged variants whose names contain
 *                            one of these words (no whole list, no /movie/{id}).
 *   BENCH_DB_DIR=/tmp/dbs    keep each size's seeded D1 in <dir>/<size> and reuse it on the next
 *                            run instead of seeding again (minutes at 100,000 movies). Delete the
 *                            folder after a schema change.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { applyMigrations, executeSqlFile, startApp } from "../scripts/lib/app.mjs";
import { writeLibrarySeed } from "../scripts/lib/seed-library.mjs";
import { addD1Rows } from "./cost.mjs";
import { measureLibraryFirstRender } from "./library-render.mjs";
import { HIGH_LOAD, loadSummary } from "./load.mjs";

const API_KEY = "bench-api-key";
const headers = { "x-api-key": API_KEY };

function load(url, { connections, duration, amount }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, ...(amount ? { amount } : { duration }), headers, timeout: 30 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

const PAGED = "/api/v3/movie/paged?pageSize=50";
const WHOLE_LIST_ONLY = process.env.BENCH_WHOLE_LIST_ONLY === "1";
const ONLY_PAGED = (process.env.BENCH_PAGED ?? "").split(",").filter(Boolean);
const DB_DIR = process.env.BENCH_DB_DIR;

/** Every /movie/paged shape the issue names, for a library of `size` movies. */
function pagedVariants(size) {
  const deepPage = Math.max(1, Math.floor((size * 0.75) / 50));
  return [
    ["title p1", "&page=1&sortKey=title&sortDirection=ascending"],
    ["title desc p1", "&page=1&sortKey=title&sortDirection=descending"],
    [`title deep p${deepPage}`, `&page=${deepPage}&sortKey=title`],
    ["year desc", "&page=1&sortKey=year&sortDirection=descending"],
    ["added desc", "&page=1&sortKey=added&sortDirection=descending"],
    ["rating desc", "&page=1&sortKey=rating&sortDirection=descending"],
    ["size desc", "&page=1&sortKey=size&sortDirection=descending"],
    ["search", "&page=1&sortKey=title&search=river"],
    ["search long", "&page=1&sortKey=title&search=golden%20harbor%20mirror"],
    ["search 2 chars", "&page=1&sortKey=title&search=ri"],
    ["search 1 char", "&page=1&sortKey=title&search=q"],
    ["search original title", "&page=1&sortKey=title&search=riviere"],
    ["search alternate title", "&page=1&sortKey=year&search=quasar"],
    ["monitored", "&page=2&sortKey=title&monitored=false"],
    ["hasFile", "&page=1&sortKey=size&sortDirection=descending&hasFile=true"],
    ["status", "&page=1&sortKey=title&status=announced"],
    ["genre", "&page=1&sortKey=added&sortDirection=descending&genre=Western"],
    ["year range", "&page=1&sortKey=rating&yearFrom=1990&yearTo=1999"],
    ["tag", "&page=1&sortKey=title&tagId=2"],
    ["profile", "&page=1&sortKey=year&qualityProfileId=3"],
    ["filtered", "&page=3&sortKey=year&sortDirection=descending&monitored=true&genre=Drama&yearFrom=1990"],
    ["filtered + search", "&page=1&sortKey=title&monitored=true&hasFile=false&search=storm&genre=Comedy"],
    ["filtered deep", `&page=${Math.floor(deepPage / 4)}&sortKey=rating&monitored=true&hasFile=true&status=released`],
  ].map(([name, query]) => ({ name: `/movie/paged ${name}`, path: `${PAGED}${query}` }));
}

/** GET /movie once in a fresh isolate (time to first byte and to the end), then rebuilds after writes. */
async function wholeListFirstCall(appUrl, size) {
  const url = `${appUrl}/api/v3/movie`;
  const t = performance.now();
  const res = await fetch(url, { headers });
  const reader = res.body.getReader();
  let firstByteMs;
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    firstByteMs ??= Math.round(performance.now() - t);
    chunks.push(value);
  }
  const firstCallMs = Math.round(performance.now() - t);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (body.length !== size) throw new Error(`expected ${size} movies, got ${body.length}`);
  // The list is cached until the library changes: time full rebuilds right after a write.
  const rebuilds = [];
  for (let i = 0; i < 3; i++) {
    await fetch(`${appUrl}/api/v3/movie/1`, {
      method: "PUT",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ monitored: i % 2 === 0 }),
    });
    const t0 = performance.now();
    await (await fetch(url, { headers })).arrayBuffer();
    rebuilds.push(Math.round(performance.now() - t0));
  }
  return {
    firstCallMs,
    firstByteMs,
    afterWriteMs: rebuilds.sort((a, b) => a - b)[1],
    bytes: JSON.stringify(body).length,
  };
}

/**
 * GET /movie once in a fresh isolate while the list the last isolate built is stored (the library
 * unchanged since): time to first byte and to the end.
 */
async function storedListFirstCall(appUrl, size) {
  for (let i = 0; i < 5; i++) await (await fetch(`${appUrl}/ping`)).arrayBuffer();
  const t = performance.now();
  const res = await fetch(`${appUrl}/api/v3/movie`, { headers });
  const reader = res.body.getReader();
  let storedFirstByteMs;
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    storedFirstByteMs ??= Math.round(performance.now() - t);
    chunks.push(value);
  }
  const storedFirstCallMs = Math.round(performance.now() - t);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (body.length !== size) throw new Error(`expected ${size} movies, got ${body.length}`);
  return { storedFirstCallMs, storedFirstByteMs };
}

async function measureRoutes(appUrl, size, seconds) {
  const paged = pagedVariants(size)
    .filter((r) => !ONLY_PAGED.length || ONLY_PAGED.some((word) => r.name.includes(word)))
    .map((r) => ({ ...r, connections: 16, duration: seconds }));
  const routes = ONLY_PAGED.length
    ? [{ name: "/ping", path: "/ping", connections: 16, duration: seconds }, ...paged]
    : [
        { name: "/ping", path: "/ping", connections: 16, duration: seconds },
        { name: "GET /movie (all)", path: "/api/v3/movie", connections: 1, amount: 20, firstCall: true },
        ...(WHOLE_LIST_ONLY
          ? []
          : [...paged, { name: "/movie/{id}", path: "/api/v3/movie/12345", connections: 16, duration: seconds }]),
      ];
  const measured = [];
  for (const route of routes) {
    const url = `${appUrl}${route.path}`;
    let first;
    try {
      first = route.firstCall ? await wholeListFirstCall(appUrl, size) : undefined;
    } catch (error) {
      // Kept as a figure: a whole list too big for the isolate (an unstreamed 100k body) fails here.
      measured.push({ name: route.name, path: route.path, failed: String(error.cause?.message ?? error.message) });
      continue;
    }
    if (!first) await load(url, { connections: 2, amount: 50 });
    const r = await load(url, route);
    measured.push({
      name: route.name,
      path: route.path,
      connections: route.connections,
      requests: r.requests.total,
      rps: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts + r.non2xx,
      ...first,
    });
  }
  const ping = measured[0].p50 || 1;
  for (const r of measured) if (r.p50 !== undefined) r.p50VsPing = Math.round((r.p50 / ping) * 100) / 100;
  await addD1Rows(appUrl, measured, API_KEY);
  return measured;
}

/** /ping and one paged page under HIGH_LOAD, the page's p50 as a ratio of /ping's. */
async function measureHighLoad(baseUrl, pagedPath) {
  const options = { connections: HIGH_LOAD.connections, duration: HIGH_LOAD.seconds };
  const ping = loadSummary(await load(`${baseUrl}/ping`, options));
  const paged = loadSummary(await load(`${baseUrl}${pagedPath}`, options));
  return { ...HIGH_LOAD, ping, paged, pagedVsPing: Math.round((paged.p50 / Math.max(ping.p50, 1)) * 100) / 100 };
}

/**
 * One library size from seed to render. `skip` may hold "routes" (the autocannon figures, and so
 * the high-load part), "highload" and "render". The site must
 * already be built (the render is measured against dist/site).
 */
export async function runLibraryBench(size, { seconds, skip }) {
  const work = DB_DIR ? join(DB_DIR, String(size)) : mkdtempSync(join(tmpdir(), "radarr-edge-bench-"));
  const seeded = join(work, "seeded");
  const out = { libraryMovies: size, routes: [], notes: [] };
  let app;
  try {
    if (DB_DIR && existsSync(seeded)) console.log(`Reusing the ${size}-movie D1 seeded in ${work}`);
    else {
      console.log(`Seeding ${size} movies into a fresh local D1…`);
      const started = Date.now();
      mkdirSync(work, { recursive: true });
      await applyMigrations(work);
      writeLibrarySeed(join(work, "seed.sql"), size);
      await executeSqlFile(work, join(work, "seed.sql"));
      writeFileSync(seeded, "");
      out.seedSeconds = (Date.now() - started) / 1000;
    }
    app = await startApp({ persistDir: work, vars: { API_KEY } });
    if (!skip.has("routes")) out.routes = await measureRoutes(app.url, size, seconds);
    // Only a list the app keeps (at most 40 MB, as src/services/libraryListCache.ts) is stored.
    const whole = out.routes.find((r) => r.firstCallMs !== undefined && r.bytes <= 40_000_000);
    if (whole) {
      // A fresh isolate again (the app restarted), now with the list the last one built stored in
      // KV: the app stores a list 2 s after building it (libraryListCache.ts), so wait for that first.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await app.stop();
      app = await startApp({ persistDir: work, vars: { API_KEY } });
      Object.assign(whole, await storedListFirstCall(app.url, size));
    }
    if (!skip.has("highload") && !skip.has("routes") && !WHOLE_LIST_ONLY && !ONLY_PAGED.length) {
      console.log(
        `High load: ${HIGH_LOAD.connections} connections for ${HIGH_LOAD.seconds} s on /ping and /movie/paged…`,
      );
      out.highLoad = await measureHighLoad(app.url, out.routes[2].path);
    }
    if (!skip.has("render") && !ONLY_PAGED.length) {
      console.log("Measuring the library page's first render in Chromium…");
      try {
        out.libraryFirstRenderMs = await measureLibraryFirstRender(app.url, API_KEY);
      } catch (error) {
        out.notes.push(`library first render not measured: ${error.message}`);
      }
    }
  } finally {
    await app?.stop();
    if (!DB_DIR) rmSync(work, { recursive: true, force: true });
  }
  printLibrary(out);
  return out;
}

function printLibrary(out) {
  console.log(`\nLibrary of ${out.libraryMovies} movies (seeded in ${out.seedSeconds} s):`);
  console.table(
    out.routes.map((r) => ({
      route: r.name,
      conns: r.connections,
      "req/s": r.rps,
      "p50 ms": r.p50,
      "p99 ms": r.p99,
      "p50/ping": r.p50VsPing,
      errors: r.failed ?? r.errors,
      "D1 rows r/w": r.d1RowsRead === undefined ? "" : `${r.d1RowsRead}/${r.d1RowsWritten}`,
      ...(r.firstCallMs !== undefined
        ? {
            "first ms": r.firstCallMs,
            "first byte ms": r.firstByteMs,
            "after write ms": r.afterWriteMs,
            "first ms, stored": r.storedFirstCallMs,
          }
        : {}),
    })),
  );
  if (out.highLoad) {
    const h = out.highLoad;
    console.log(
      `High load (${h.connections} connections, ${h.seconds} s): /ping p50 ${h.ping.p50} ms, ${h.ping.requests} requests, ${h.ping.errors} errors; /movie/paged p50 ${h.paged.p50} ms (${h.pagedVsPing}× /ping), ${h.paged.requests} requests, ${h.paged.errors} errors`,
    );
  }
  if (out.libraryFirstRenderMs !== undefined)
    console.log(`Library page first render (${out.libraryMovies} movies): ${out.libraryFirstRenderMs} ms`);
}
