/**
 * The command-line tools against a running app and the simulator, as a user runs them:
 * `npm run trakt-auth` (Trakt's device flow, the code approved at the simulated Trakt) and
 * `npm run watchmode-sync` (Watchmode's id map imported now, its progress printed).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, ROOT, startApp } from "../../scripts/lib/app.mjs";
import { clockVars } from "../../scripts/lib/clock.mjs";
import { simulatorVars, startSimulator } from "../../scripts/lib/simulator.mjs";

const API_KEY = "clis-e2e-api-key";

let work: string;
let app: { url: string; stop: () => Promise<void> } | undefined;
let sim: { url: string; stop: () => Promise<void> } | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "radarr-edge-clis-"));
  sim = await startSimulator({ clock: clockVars() });
  await applyMigrations(work);
  app = await startApp({
    persistDir: work,
    vars: {
      API_KEY,
      ENCRYPTION_KEY: "cmFkYXJyLWVkZ2UtdGVzdC1lbmNyeXB0aW9uLWtleSE=",
      TMDB_API_KEY: "sim-tmdb-key",
      TRAKT_CLIENT_ID: "sim-trakt-client-id",
      TRAKT_CLIENT_SECRET: "sim-trakt-client-secret",
      WATCHMODE_API_KEY: "sim-watchmode-key",
      UPSTREAM_TIMEOUT_MS: "10000",
      ...clockVars(),
      ...simulatorVars(sim.url),
    },
  });
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await sim?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts `scripts/<script>` against the app, as `npm run <name> -- --url … --api-key …` does. */
function runCli(script: string, apiKey = API_KEY): Run {
  let output = "";
  const child = spawn(process.execPath, [join(ROOT, "scripts", script), "--url", app?.url ?? "", "--api-key", apiKey], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, output: () => output, exit };
}

async function waitFor<T>(read: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npm run trakt-auth", () => {
  it("prints the code, and exits 0 once the code is approved at Trakt and the app holds a token", async () => {
    const run = runCli("trakt-auth.mjs");
    const code = await waitFor(() => /enter the code (\S+)/.exec(run.output())?.[1], 30_000);
    expect(run.output()).toMatch(new RegExp(`Open ${sim?.url}/trakt/activate`));
    const approved = await fetch(`${sim?.url}/trakt/activate?code=${code}`);
    expect(approved.status).toBe(200);
    expect(await run.exit).toBe(0);
    expect(run.output()).toMatch(/Trakt connected; the token is valid until \S+/);
    const status = await fetch(`${app?.url}/api/v3/streaming/trakt/auth`, { headers: { "X-Api-Key": API_KEY } });
    expect(await status.json()).toMatchObject({ connected: true });
  }, 120_000);

  it("exits 1 with the app's message when the API key is wrong", async () => {
    const run = runCli("trakt-auth.mjs", "wrong-key");
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/trakt-auth: /);
  }, 60_000);
});

describe("npm run watchmode-sync", () => {
  it("imports the id map through the app, printing progress, then finds it unchanged", async () => {
    const first = runCli("watchmode-sync.mjs");
    expect(await first.exit).toBe(0);
    expect(first.output()).toMatch(/Queued WatchmodeIdMapRefresh \(command \d+\)/);
    expect(first.output()).toMatch(/Imported 300000 Watchmode titles/);
    const again = runCli("watchmode-sync.mjs");
    expect(await again.exit).toBe(0);
    expect(again.output()).toMatch(/Watchmode id map unchanged \(300000 titles\)/);
  }, 240_000);
});
