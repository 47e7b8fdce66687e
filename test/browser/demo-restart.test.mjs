/**
 * `npm start` twice on one persist dir: the demo it seeded (movies, the simulator's Torznab
 * indexer and qBittorrent) keeps working after a restart, and when the simulator's fixed port is
 * taken on the second start, the stored settings and posters follow it to its new address.
 * Runs scripts/start.mjs itself, in a temporary PERSIST_DIR on free loopback ports.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { clockVars } from "../../scripts/lib/clock.mjs";

const READY = "Press Ctrl+C to stop.";
const START_TIMEOUT_MS = 150_000;

/** Listens on `port` (0: any) on loopback; resolves to the server, or undefined when taken. */
function listen(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

const close = (server) => new Promise((resolve) => server.close(resolve));

/** A free port whose successor is free too (the simulator's default port is the app's + 1). */
async function freePortPair() {
  for (;;) {
    const probe = await listen(0);
    const port = probe.address().port;
    await close(probe);
    const next = await listen(port + 1);
    if (next) {
      await close(next);
      return port;
    }
  }
}

/** Runs `npm start`'s script until it says it is ready; returns its output so far and a stop function. */
async function startDemo(env) {
  const child = spawn(process.execPath, [join(ROOT, "scripts/start.mjs")], { cwd: ROOT, env });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready in time:\n${output}`)), START_TIMEOUT_MS);
    child.stdout.on("data", () => {
      if (output.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}):\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGINT");
    await exited;
  };
  await ready.catch(async (error) => {
    await stop();
    throw error;
  });
  const line = (label) => output.match(new RegExp(`^${label}: (\\S+)`, "m"))?.[1];
  return { output: () => output, apiKey: line("API key"), simUrl: line("Simulator"), stop };
}

/** The demo's indexer, a movie's poster and an interactive search, as the restarted demo serves them. */
async function checkDemo(appUrl, apiKey, simUrl) {
  const api = async (path) => {
    const res = await fetch(`${appUrl}/api/v3${path}`, { headers: { "x-api-key": apiKey } });
    assert.equal(res.status, 200, `GET ${path}: ${res.status}`);
    return res.json();
  };
  const indexers = await api("/indexer");
  const baseUrl = indexers[0]?.fields.find((f) => f.name === "baseUrl")?.value;
  assert.equal(baseUrl, `${simUrl}/torznab`, "the demo indexer points at the running simulator");
  const [client] = await api("/downloadclient");
  const port = client.fields.find((f) => f.name === "port")?.value;
  assert.equal(port, Number(new URL(simUrl).port), "the demo download client points at the running simulator");

  const movies = await api("/movie");
  const matrix = movies.find((m) => m.tmdbId === 603);
  assert.ok(matrix, "the demo library holds The Matrix");
  const poster = matrix.images.find((i) => i.coverType === "poster").remoteUrl;
  assert.ok(poster.startsWith(`${simUrl}/`), `the poster ${poster} is served by the running simulator`);
  const image = await fetch(poster);
  assert.equal(image.status, 200, `GET ${poster}`);
  assert.match(image.headers.get("content-type") ?? "", /^image\//);

  const releases = await api(`/release?movieId=${matrix.id}`);
  assert.ok(releases.length > 0, "the interactive search found releases through the demo indexer");
  assert.ok(
    releases.every((r) => !r.downloadUrl || r.downloadUrl.startsWith(`${simUrl}/`)),
    "every release comes from the running simulator",
  );
}

test("npm start again on the same state: the demo's search, posters and settings still work", async (t) => {
  const persistDir = mkdtempSync(join(tmpdir(), "radarr-edge-demo-"));
  const port = await freePortPair();
  const env = { ...process.env, ...clockVars(), PORT: String(port), PERSIST_DIR: persistDir };
  for (const name of ["API_KEY", "ENCRYPTION_KEY", "SIM_PORT", "TMDB_API_KEY", "TMDB_READ_TOKEN", "TMDB_API_URL"])
    delete env[name];
  const appUrl = `http://127.0.0.1:${port}`;
  let running;
  let blocker;
  t.after(async () => {
    await running?.stop();
    if (blocker) await close(blocker);
    rmSync(persistDir, { recursive: true, force: true });
  });

  running = await startDemo(env);
  const first = running;
  assert.equal(first.simUrl, `http://127.0.0.1:${port + 1}`, "the simulator listens on the app's port + 1");
  await checkDemo(appUrl, first.apiKey, first.simUrl);
  await running.stop();

  // The simulator's port is taken this time: it moves, and the stored demo settings follow it.
  blocker = await listen(port + 1);
  assert.ok(blocker, "holding the simulator's port");
  running = await startDemo(env);
  assert.equal(running.apiKey, first.apiKey, "the generated API key is kept");
  assert.notEqual(running.simUrl, first.simUrl, "the simulator moved to another port");
  assert.match(running.output(), /Port \d+ for the simulator is taken/);
  await checkDemo(appUrl, running.apiKey, running.simUrl);
  const recorded = JSON.parse(readFileSync(join(persistDir, "demo-simulator.json"), "utf8"));
  assert.equal(recorded.url, running.simUrl, "the simulator's new address is recorded for the next start");
  assert.ok(existsSync(join(persistDir, "local-secrets.json")), "the secrets live in PERSIST_DIR");
});
