/**
 * Search and download benchmarks through the real app against the simulator:
 * - interactive search: `GET /api/v3/release?movieId=` for a movie whose Torznab search returns
 *   1,000 results (every page fetched, every result parsed and decided, ranked);
 * - queue poll: `RefreshMonitoredDownloads` with 500 active downloads on one qBittorrent (one
 *   client call for the whole queue, progress written back in batches).
 * - the same search in the site (bench/search-render.mjs): pressing "Search indexers" to the
 *   1,000 releases drawn, in Chromium on the built site.
 * Times are wall time per run as the app reports it (command started → ended) or as the client
 * sees it (the release request, the page).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, executeSqlFile, startApp } from "../scripts/lib/app.mjs";
import { writeLibrarySeed } from "../scripts/lib/seed-library.mjs";
import { simulatorVars, startSimulator } from "../scripts/lib/simulator.mjs";
import { apiCaller } from "./api.mjs";
import { measureSearchRender } from "./search-render.mjs";

const API_KEY = "bench-downloads-key";
const ACTIVE_DOWNLOADS = 500;
const SEARCH_RESULTS = 1_000;
const SEARCH_RUNS = 5;
const POLL_RUNS = 5;
const MATRIX = 603;
// A fixed key: the bench's credentials are the simulator's and never leave loopback.
const ENCRYPTION_KEY = Buffer.from("radarr-edge-bench-encryption-key").toString("base64");

const api = apiCaller(API_KEY);

async function sim(simUrl, method, path, body) {
  const res = await fetch(`${simUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sim ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function runCommand(app, name, body = {}) {
  const queued = await api(app, "POST", "/command", { name, ...body });
  for (;;) {
    const command = await api(app, "GET", `/command/${queued.id}`);
    if (command.status === "completed" || command.status === "failed") {
      if (command.status === "failed") throw new Error(`${name} failed: ${command.message}`);
      return command;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const sqlString = (value) => `'${String(value).replaceAll("'", "''")}'`;

/** 500 queue rows for the seeded library's first movies, one per torrent the simulator holds. */
function queueSeedSql(clientId, torrents) {
  const now = new Date().toISOString();
  const rows = torrents.map((t, index) => {
    const quality = JSON.stringify({ quality: 7, revision: { version: 1, real: 0, isRepack: false } });
    const release = JSON.stringify({ title: t.name, protocol: "torrent", indexer: "Bench", infoHash: t.id });
    return `(${index + 1}, ${clientId}, ${sqlString(t.id)}, ${sqlString(t.name)}, 'Bench', 'torrent', ${sqlString(quality)}, '[]', 0, '[{"id":1,"name":"English"}]', ${t.size}, ${t.size}, 'downloading', 'downloading', 'ok', '[]', 0, ${sqlString(release)}, 'automatic', ${sqlString(now)})`;
  });
  const statements = [];
  // D1 caps a statement's length: 50 rows per INSERT.
  for (let i = 0; i < rows.length; i += 50) {
    statements.push(
      `INSERT INTO downloads (movie_id, download_client_id, download_id, title, indexer, protocol, quality, custom_format_ids, custom_format_score, languages, size, sizeleft, status, tracked_download_state, tracked_download_status, status_messages, progress, release, source, grabbed_at) VALUES\n${rows.slice(i, i + 50).join(",\n")};`,
    );
  }
  return `${statements.join("\n")}\n`;
}

export async function runDownloadsBench() {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-bench-downloads-"));
  const simulator = await startSimulator();
  const vars = {
    API_KEY,
    ENCRYPTION_KEY,
    TMDB_API_KEY: "bench",
    ...simulatorVars(simulator.url),
  };
  let app;
  try {
    await applyMigrations(work);
    writeLibrarySeed(join(work, "seed.sql"), ACTIVE_DOWNLOADS + 100);
    await executeSqlFile(work, join(work, "seed.sql"));
    app = await startApp({ persistDir: work, vars });

    // Interactive search: one Torznab indexer whose id search for The Matrix finds 1,000 releases.
    await api(app, "POST", "/indexer", {
      name: "Bench Torznab",
      implementation: "Torznab",
      fields: [
        { name: "baseUrl", value: `${simulator.url}/torznab` },
        { name: "apiKey", value: "bench-indexer-key" },
      ],
    });
    await sim(simulator.url, "POST", "/torznab/__results", { tmdbId: MATRIX, count: SEARCH_RESULTS });
    const profiles = await api(app, "GET", "/qualityprofile");
    const profile = profiles.find((p) => p.name === "HD-1080p") ?? profiles[0];
    const existing = (await api(app, "GET", `/movie?tmdbId=${MATRIX}`)) ?? [];
    const movie =
      existing[0] ??
      (await api(app, "POST", "/movie", {
        tmdbId: MATRIX,
        qualityProfileId: profile.id,
        rootFolderPath: "/movies",
        monitored: true,
      }));
    const searches = [];
    let releases = [];
    for (let run = 0; run < SEARCH_RUNS; run++) {
      const started = performance.now();
      releases = await api(app, "GET", `/release?movieId=${movie.id}`);
      searches.push(Math.round(performance.now() - started));
    }
    const approved = releases.filter((r) => r.approved).length;
    let siteRender;
    try {
      siteRender = await measureSearchRender(app.url, API_KEY, movie.id, releases.length);
    } catch (error) {
      siteRender = { failed: error.message };
    }

    // Queue poll: 500 active torrents on one qBittorrent, each a queue row in D1.
    const client = await api(app, "POST", "/downloadclient", {
      name: "Bench qBittorrent",
      implementation: "QBittorrent",
      fields: [
        { name: "host", value: new URL(simulator.url).hostname },
        { name: "port", value: Number(new URL(simulator.url).port) },
        { name: "useSsl", value: false },
        { name: "urlBase", value: "/qbittorrent" },
        { name: "username", value: "bench" },
        { name: "password", value: "bench-pass" },
        { name: "movieCategory", value: "radarr" },
      ],
    });
    await sim(simulator.url, "POST", "/qbittorrent/__seed", {
      count: ACTIVE_DOWNLOADS,
      instance: "bench",
      category: "radarr",
    });
    const { downloads: torrents } = await sim(simulator.url, "GET", "/qbittorrent/__downloads?instance=bench");
    await app.stop();
    app = undefined;
    const queueSql = join(work, "queue.sql");
    writeFileSync(queueSql, queueSeedSql(client.id, torrents.slice(0, ACTIVE_DOWNLOADS)));
    await executeSqlFile(work, queueSql);
    app = await startApp({ persistDir: work, vars });

    const polls = [];
    let lastResult;
    for (let run = 0; run < POLL_RUNS; run++) {
      const command = await runCommand(app, "RefreshMonitoredDownloads");
      polls.push(Date.parse(command.ended) - Date.parse(command.started));
      lastResult = command.message;
    }
    const status = await api(app, "GET", "/queue/status");
    return {
      interactiveSearch: {
        indexerResults: SEARCH_RESULTS,
        releasesReturned: releases.length,
        approved,
        rejected: releases.length - approved,
        runsMs: searches,
        medianMs: median(searches),
        siteRender,
      },
      queuePoll: {
        activeDownloads: torrents.length,
        queueCount: status.totalCount,
        runsMs: polls,
        medianMs: median(polls),
        lastRun: lastResult,
      },
    };
  } finally {
    await app?.stop();
    await simulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runDownloadsBench(), null, 1));
}
