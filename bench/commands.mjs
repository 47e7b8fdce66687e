/**
 * Commands over a 20,000-movie library (issue #12): MissingMoviesSearch and RefreshMovie run on
 * the commands queue in chunks, through the real app in workerd against the simulator. Reports
 * each command's chunks and the longest chunk, and restarts the app midway through the search.
 * The local queue loses its pending message on a restart (miniflare keeps queue messages in
 * memory), so, as `npm start` does, the bench runs the 5-minute cron once 65 s after the restart:
 * its sweep re-sends the command silent for over 60 s, which resumes from its saved cursor.
 *
 * A chunk's wall time is read from the outside: the time between two progress updates seen on
 * GET /api/v3/command/{id} (polled every POLL_MS), so it also counts the queue's hop and is an
 * upper bound of the invocation's own time (and of its CPU time).
 *
 *   npm run bench:commands            (BENCH_COMMANDS_LIBRARY to change the size)
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, executeSqlFile, ROOT, startApp } from "../scripts/lib/app.mjs";
import { writeLibrarySeed } from "../scripts/lib/seed-library.mjs";
import { simulatorVars, startSimulator } from "../scripts/lib/simulator.mjs";
import { apiCaller } from "./api.mjs";

const API_KEY = "bench-commands-key";
const LIBRARY = Number(process.env.BENCH_COMMANDS_LIBRARY ?? 20_000);
const POLL_MS = 200;
// Restart the app once the search has run this many chunks.
const RESTART_AFTER_CHUNKS = 3;

const api = apiCaller(API_KEY);

// When the app was last restarted (performance.now()); a progress step spanning it is the resume, not a chunk.
let restartedAt = -1;

/** Follows a command to its end; calls `onChunk(n)` after each progress step. Chunk times in ms. */
async function follow(getApp, id, onChunk = async () => {}) {
  const chunks = [];
  let last = performance.now();
  let done = -1;
  for (;;) {
    let command;
    try {
      command = await api(getApp(), "GET", `/command/${id}`);
    } catch {
      await new Promise((r) => setTimeout(r, POLL_MS)); // the app is restarting
      continue;
    }
    const now = performance.now();
    const progressed = (command.progress?.done ?? -1) !== done || command.status === "completed";
    if (progressed && command.status !== "queued") {
      if (done >= 0 || command.status === "completed")
        chunks.push({ ms: Math.round(now - last), acrossRestart: restartedAt > last && restartedAt <= now });
      done = command.progress?.done ?? done;
      last = now;
      await onChunk(chunks.length, command);
    }
    if (command.status === "completed" || command.status === "failed") return { command, chunks };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-bench-commands-"));
  const sim = await startSimulator();
  const vars = { API_KEY, TMDB_API_KEY: "bench", ...simulatorVars(sim.url) };
  let app;
  try {
    console.log(`Seeding ${LIBRARY} movies (TMDb ids the simulator knows from 2,000,000 on)…`);
    await applyMigrations(work);
    writeLibrarySeed(join(work, "seed.sql"), LIBRARY, { firstTmdbId: 2_000_000 });
    await executeSqlFile(work, join(work, "seed.sql"));
    // The Worker's [assets] directory must exist; the site itself is not needed here.
    mkdirSync(join(ROOT, "dist/site"), { recursive: true });
    app = await startApp({ persistDir: work, vars });

    const search = await api(app, "POST", "/command", { name: "MissingMoviesSearch" });
    let restart;
    const searched = await follow(
      () => app,
      search.id,
      async (n) => {
        if (n !== RESTART_AFTER_CHUNKS || restart) return;
        const before = await api(app, "GET", `/command/${search.id}`);
        console.log(`Restarting the app midway: ${before.message}`);
        const stopped = performance.now();
        await app.stop();
        app = await startApp({ persistDir: work, vars });
        restartedAt = performance.now();
        restart = { at: before.progress, restartMs: Math.round(restartedAt - stopped) };
        const restarted = app;
        setTimeout(() => {
          fetch(`${restarted.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("*/5 * * * *")}`).catch(() => {});
        }, 65_000);
      },
    );
    const refresh = await api(app, "POST", "/command", { name: "RefreshMovie" });
    const refreshed = await follow(() => app, refresh.id);
    const report = (name, { command, chunks }) => ({
      name,
      status: command.status,
      message: command.message,
      progress: command.progress,
      chunks: chunks.length,
      // Seen from outside by polling, so each includes up to one poll interval of slack.
      longestChunkMs: Math.max(...chunks.filter((c) => !c.acrossRestart).map((c) => c.ms)),
      resumedAfterRestartMs: chunks.find((c) => c.acrossRestart)?.ms,
      wallSeconds: Math.round((Date.parse(command.ended) - Date.parse(command.started)) / 100) / 10,
      completionMessage: command.body?.completionMessage,
    });
    const results = {
      library: LIBRARY,
      commands: [report("MissingMoviesSearch", searched), report("RefreshMovie", refreshed)],
      restart,
    };
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await app?.stop();
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
