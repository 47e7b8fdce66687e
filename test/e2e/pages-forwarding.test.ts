/**
 * The site on Pages, end to end: `wrangler pages dev` runs pages/ (the built site, its _headers and
 * the Pages Function of pages/functions/) with its API service binding reaching the app Worker,
 * started beside it on loopback and found through a private dev registry. Requests go to the
 * Pages origin only, as a browser's would.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, ROOT, startApp } from "../../scripts/lib/app.mjs";
import { clockVars } from "../../scripts/lib/clock.mjs";
import { simulatorVars } from "../../scripts/lib/simulator.mjs";

const API_KEY = "pages-e2e-api-key";
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const run = promisify(execFile);

let work: string;
let pages: ChildProcess | undefined;
let stopApp: (() => Promise<void>) | undefined;
let origin: string;

/** `wrangler pages dev` from pages/, resolving to its URL once it says it is ready. */
function startPagesDev(registry: string): Promise<string> {
  const args = ["pages", "dev", "--ip", "127.0.0.1", "--port", "0", "--inspector-port", "0"];
  args.push("--persist-to", join(work, "pages-state"), "--log-level", "info", "--show-interactive-dev-session=false");
  pages = spawn(process.execPath, [WRANGLER, ...args], {
    cwd: join(ROOT, "pages"),
    env: { ...process.env, WRANGLER_REGISTRY_PATH: registry },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const ready = /Ready on (http:\/\/\S+)/.exec(output);
      if (ready) resolve(ready[1].replace(/\/$/, ""));
    };
    pages?.stdout?.on("data", read);
    pages?.stderr?.on("data", read);
    pages?.on("exit", (code) => reject(new Error(`wrangler pages dev exited (${code}):\n${output}`)));
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "radarr-edge-pages-"));
  const registry = join(work, "registry");
  // The app (migrated local D1; no upstream reachable, nothing here needs one) and the site's build.
  const app = (async () => {
    await applyMigrations(join(work, "state"));
    const started = await startApp({
      persistDir: join(work, "state"),
      registry,
      vars: {
        API_KEY,
        ENCRYPTION_KEY: "cmFkYXJyLWVkZ2UtdGVzdC1lbmNyeXB0aW9uLWtleSE=",
        ...clockVars(),
        ...simulatorVars("http://127.0.0.1:9"),
      },
    });
    stopApp = started.stop;
  })();
  const site = run(
    process.execPath,
    [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "site/vite.config.ts"],
    {
      cwd: ROOT,
    },
  );
  await Promise.all([app, site]);
  // After the app: pages dev resolves the service binding from the registry when it starts.
  origin = await startPagesDev(registry);
}, 300_000);

afterAll(async () => {
  pages?.kill();
  await stopApp?.();
  rmSync(work, { recursive: true, force: true });
});

const fromWorker = (res: Response) => res.headers.get("x-correlation-id") !== null;

async function login(): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey: API_KEY }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("radarr_edge_session="));
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).toMatch(/Path=\//);
  return cookie?.split(";")[0] ?? "";
}

describe("the site on Pages", () => {
  it("logs in through the forwarder: the session cookie comes back, and alone authorizes the API", async () => {
    const before = await fetch(`${origin}/session`);
    expect(fromWorker(before)).toBe(true);
    expect(await before.json()).toMatchObject({ authenticated: false });

    const cookie = await login();
    const session = await fetch(`${origin}/session`, { headers: { cookie } });
    expect(await session.json()).toMatchObject({ authenticated: true });
    const tags = await fetch(`${origin}/api/v3/tag`, { headers: { cookie } });
    expect(tags.status).toBe(200);
    expect(await tags.json()).toEqual(expect.any(Array));
    expect((await fetch(`${origin}/api/v3/tag`)).status).toBe(401);

    const out = await fetch(`${origin}/logout`, { method: "POST", headers: { cookie } });
    expect(out.headers.getSetCookie().join()).toMatch(/radarr_edge_session=;.*Max-Age=0/);
    expect(await (await fetch(`${origin}/session`, { headers: { cookie } })).json()).toMatchObject({
      authenticated: false,
    });
  });

  it("forwards methods, bodies, query strings and headers, and returns the Worker's status and headers", async () => {
    const cookie = await login();
    const json = { cookie, "content-type": "application/json" };
    const created = await fetch(`${origin}/api/v3/tag`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ label: "via-pages" }),
    });
    expect(created.status).toBe(201);
    const tag = (await created.json()) as { id: number; label: string };
    expect(tag.label).toBe("via-pages");

    const put = await fetch(`${origin}/api/v3/tag/${tag.id}`, {
      method: "PUT",
      headers: json,
      body: JSON.stringify({ id: tag.id, label: "renamed" }),
    });
    expect(put.ok).toBe(true);
    // The API key in the query string alone (no cookie) authorizes: the query arrived.
    const listed = await fetch(`${origin}/api/v3/tag?apikey=${API_KEY}`);
    expect(await listed.json()).toContainEqual({ id: tag.id, label: "renamed" });
    // A request header arrives and the Worker's response headers come back.
    const traced = await fetch(`${origin}/ping`, { headers: { "X-Correlation-Id": "pages-e2e-1" } });
    expect(traced.headers.get("x-correlation-id")).toBe("pages-e2e-1");
    expect(await traced.json()).toEqual({ status: "OK" });

    expect((await fetch(`${origin}/api/v3/tag/${tag.id}`, { method: "DELETE", headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${origin}/api/v3/tag/${tag.id}`, { headers: { cookie } })).status).toBe(404);
    // The Worker's own answers for what it refuses, unchanged: a bad body is its 400 JSON.
    const bad = await fetch(`${origin}/api/v3/tag`, { method: "POST", headers: json, body: '{"label": "oops"' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: expect.any(String) });
    const metrics = await fetch(`${origin}/metrics`, { headers: { "X-Api-Key": API_KEY } });
    expect(metrics.status).toBe(200);
    expect(fromWorker(metrics)).toBe(true);
  });

  it("serves the site's files and pages itself, with the Worker's security headers, never forwarding them", async () => {
    const bundle = readdirSync(join(ROOT, "dist/site/assets")).find((name) => name.endsWith(".js"));
    for (const path of ["/", "/movie/42", "/settings/general", `/assets/${bundle}`]) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status, path).toBe(200);
      expect(fromWorker(res), path).toBe(false);
      expect(res.headers.get("content-security-policy"), path).toMatch(/default-src 'self'/);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      await res.arrayBuffer();
    }
    const page = await fetch(`${origin}/movie/42`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<div id="app">|<!doctype html>/i);
  });
});
