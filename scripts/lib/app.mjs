import "../offline-env.mjs";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { unstable_startWorker } from "wrangler";
import { cronMatches } from "../../src/jobs/cronSchedule.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

/** Runs `wrangler d1 <command> DB --local` on the local D1 database kept under `persistDir`; resolves to its output. */
async function localD1(persistDir, command, options = [], maxBuffer = 16 * 1024 * 1024) {
  const { stdout } = await run(
    process.execPath,
    [
      `${ROOT}node_modules/wrangler/bin/wrangler.js`,
      "d1",
      ...command,
      "DB",
      "--local",
      "--persist-to",
      persistDir,
      ...options,
    ],
    { cwd: ROOT, env: { ...process.env, CI: "true" }, maxBuffer },
  );
  return stdout;
}

/** Applies d1-migrations/ to the local D1 database kept under `persistDir`. */
export async function applyMigrations(persistDir) {
  await localD1(persistDir, ["migrations", "apply"]);
}

/** Runs SQL from a file against the local D1 database (used to seed big libraries). */
export async function executeSqlFile(persistDir, file) {
  await localD1(persistDir, ["execute"], ["--file", file, "--yes"], 64 * 1024 * 1024);
}

/** The rows one SQL statement reads from the local D1 database. */
export async function queryLocalD1(persistDir, sql) {
  const stdout = await localD1(persistDir, ["execute"], ["--json", "--command", sql]);
  return JSON.parse(stdout)[0]?.results ?? [];
}

/**
 * Starts the app Worker in workerd (wrangler's local runtime) with the given variables and local
 * state directory. Returns its URL and a stop function. With `registry` (a dev registry directory)
 * it is listed there, so another local wrangler process (`wrangler pages dev`) reaches it through
 * a service binding. `root` starts another checkout's app instead (a bench comparing two trees).
 */
export async function startApp({ port = 0, persistDir, vars = {}, logLevel = "warn", registry, root = ROOT }) {
  const bindings = Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, { type: "plain_text", value: String(v) }]),
  );
  const worker = await unstable_startWorker({
    config: `${root}wrangler.toml`,
    bindings,
    dev: {
      server: { hostname: "127.0.0.1", port },
      inspector: false,
      logLevel,
      watch: false,
      persist: persistDir,
      registry,
    },
  });
  const url = (await worker.url).href.replace(/\/$/, "");
  return { url, stop: () => worker.dispose() };
}

/**
 * `wrangler dev` fires no cron by itself: check every minute boundary and run the scheduled
 * handler for each wrangler.toml cron that matches, so the local app behaves as deployed.
 */
export function fireCronsLocally(appUrl, onFire = () => {}) {
  const crons = cronsFromWranglerToml(readFileSync(`${ROOT}wrangler.toml`, "utf8"));
  let timer;
  const tick = () => {
    const now = new Date();
    for (const cron of crons) {
      if (cronMatches(cron, now)) {
        fetch(`${appUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`)
          .then((r) => onFire(cron, r.status))
          .catch((e) => onFire(cron, e.message));
      }
    }
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
  };
  timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
  return () => clearTimeout(timer);
}

/** The cron expressions declared in wrangler.toml's [triggers]. */
function cronsFromWranglerToml(text) {
  const match = text.match(/^\s*crons\s*=\s*\[([^\]]*)\]/m);
  return match ? [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
}
