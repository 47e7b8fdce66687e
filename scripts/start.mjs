/**
 * `npm start`: builds the site, applies local D1 migrations, starts the upstream simulator (on
 * PORT + 1 unless SIM_PORT says otherwise) and the app (http://localhost:8787 unless PORT says
 * otherwise), fires crons on schedule, and in demo mode fills an empty library with a few movies
 * from the simulator. State lives in PERSIST_DIR (default .wrangler/state) and survives restarts.
 */
import "./offline-env.mjs";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";
import { workingApiKey } from "./lib/api-key.mjs";
import { applyMigrations, fireCronsLocally, ROOT, startApp } from "./lib/app.mjs";
import { clockVars } from "./lib/clock.mjs";
import { seedDemoLibrary } from "./lib/demo.mjs";
import { demoPaths, followSimulator, simulatorPort } from "./lib/demo-state.mjs";
import { simulatorVars, startSimulator } from "./lib/simulator.mjs";

const UPSTREAM_VARS = [
  "TMDB_API_URL",
  "TMDB_IMAGE_URL",
  "TRAKT_API_URL",
  "TRAKT_AUTH_URL",
  "WATCHMODE_API_URL",
  "IMDB_URL",
  "PLEX_DISCOVER_URL",
  "PLEX_TV_URL",
  "PLEX_APP_URL",
  "HDBITS_URL",
];
const PASSED_VARS = [
  "API_KEY",
  "ADMIN_PASSWORD",
  "ENCRYPTION_KEY",
  "TMDB_API_KEY",
  "TMDB_READ_TOKEN",
  "TRAKT_CLIENT_ID",
  "TRAKT_CLIENT_SECRET",
  "WATCHMODE_API_KEY",
  "DEFAULT_REGION",
  ...UPSTREAM_VARS,
];

const paths = demoPaths();
const { persistDir, secretsFile } = paths;

/** Local secrets generated once and kept (git-ignored), so the key stays the same across starts. */
function localSecrets() {
  mkdirSync(dirname(secretsFile), { recursive: true });
  const stored = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, "utf8")) : {};
  const secrets = {
    API_KEY: stored.API_KEY ?? randomBytes(16).toString("hex"),
    ENCRYPTION_KEY: stored.ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
  };
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Whether nothing listens on `port` on loopback yet. */
function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * The simulator's fixed port (SIM_PORT, else PORT + 1), so a restart finds it at the address the
 * demo's settings name; when that port is taken, any free one (the stored settings follow it).
 */
async function availableSimulatorPort(appPort) {
  const wanted = simulatorPort(appPort);
  if (wanted === 0 || (await portFree(wanted))) return wanted;
  console.warn(
    `Port ${wanted} for the simulator is taken: using a free one instead (set SIM_PORT to choose another fixed port).`,
  );
  return 0;
}

async function main() {
  const port = Number(process.env.PORT ?? 8787);
  console.log("Building the site…");
  execFileSync(
    process.execPath,
    [`${ROOT}node_modules/vite/bin/vite.js`, "build", "--config", "site/vite.config.ts", "--logLevel", "warn"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  console.log("Applying D1 migrations…");
  await applyMigrations(persistDir);

  const fromEnv = Object.fromEntries(PASSED_VARS.filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
  const realTmdb = Boolean(fromEnv.TMDB_API_KEY || fromEnv.TMDB_READ_TOKEN);
  // SIM_NOW (optional) starts the demo's clocks, the app's and the simulator's, at that instant.
  const clock = process.env.SIM_NOW ? clockVars() : undefined;
  const sim = await startSimulator({ port: await availableSimulatorPort(port), clock });
  const movedFrom = await followSimulator(paths, sim.url);
  if (movedFrom) console.log(`Demo settings and posters moved from the simulator at ${movedFrom} to ${sim.url}`);
  // Demo mode: every upstream not configured from the environment is the simulator.
  const demoVars = simulatorVars(sim.url);
  const upstream = Object.fromEntries(
    UPSTREAM_VARS.filter((k) => !(k.startsWith("TMDB") && realTmdb)).map((k) => [k, demoVars[k]]),
  );
  const demoMode = !realTmdb && !fromEnv.TMDB_API_URL;
  const vars = {
    ...localSecrets(),
    ...upstream,
    ...(realTmdb ? {} : { TMDB_API_KEY: "demo-simulator-key" }),
    // The simulated Trakt and Watchmode take any credentials: demo ones let Trakt connect, trending
    // and Watchmode's streaming releases work out of the box (real ones from the environment win).
    ...(fromEnv.TRAKT_API_URL || fromEnv.TRAKT_AUTH_URL
      ? {}
      : { TRAKT_CLIENT_ID: "demo-simulator-client", TRAKT_CLIENT_SECRET: "demo-simulator-secret" }),
    ...(fromEnv.WATCHMODE_API_URL ? {} : { WATCHMODE_API_KEY: "demo-simulator-key" }),
    DEMO_MODE: String(demoMode),
    BUILD_TIME: new Date().toISOString(),
    ...clock,
    ...fromEnv,
  };

  // The secret, or the key Settings › General › Regenerate made from it (stored in D1).
  const apiKey = await workingApiKey(persistDir, vars);
  const app = await startApp({ port, persistDir, vars, logLevel: "info" });
  const stopCrons = fireCronsLocally(app.url, (cron, status) => console.log(`cron ${cron} fired (${status})`));
  // The local queue keeps no pending messages across a restart: once a command left running has
  // been silent past the stall threshold (60 s), one run of the 5-minute cron resends its chunk.
  const resumeOnce = setTimeout(() => {
    fetch(`${app.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("*/5 * * * *")}`)
      .then((r) => console.log(`resumed stalled commands after start (${r.status})`))
      .catch(() => {});
  }, 65_000);
  if (demoMode) {
    const added = await seedDemoLibrary(app.url, apiKey, sim.url);
    if (added > 0) console.log(`Demo library: added ${added} movies from the simulator`);
  }

  console.log("");
  console.log(`API key: ${apiKey}`);
  console.log(`Site: http://localhost:${port}`);
  console.log(`Simulator: ${sim.url}${demoMode ? " (demo data)" : ""}`);
  console.log("Press Ctrl+C to stop.");

  const shutdown = async () => {
    stopCrons();
    clearTimeout(resumeOnce);
    await Promise.allSettled([app.stop(), sim.stop()]);
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
