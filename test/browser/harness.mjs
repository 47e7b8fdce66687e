/**
 * The browser tests' world: the site built once, a fresh local D1 seeded with generated movies,
 * the upstream simulator, the app Worker (demo mode, known API key) and one Chromium. Started
 * before the first test (a setup step with its own timeout) and shared by every test in the
 * process (run.mjs runs all files in one process), and torn down when the run ends. Each test
 * gets its own browser context and leaves a screenshot in test/browser/artifacts/.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { promisify } from "node:util";
import { applyMigrations, executeSqlFile, ROOT, startApp } from "../../scripts/lib/app.mjs";
import { clockVars, testClockNow } from "../../scripts/lib/clock.mjs";
import { writeLibrarySeed } from "../../scripts/lib/seed-library.mjs";
import { simulatorVars, startSimulator } from "../../scripts/lib/simulator.mjs";
import { launchChromium } from "./chromium.mjs";

export const API_KEY = "browser-test-api-key";
const LIBRARY_SIZE = Number(process.env.BROWSER_TEST_MOVIES ?? 2000);
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

const VIEWPORT = { width: 1400, height: 900 };
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
/** What a page loads by itself (not a link the user follows), so off-loopback loads fail the test. */
const PAGE_LOADS = new Set([
  "image",
  "script",
  "fetch",
  "xhr",
  "stylesheet",
  "font",
  "media",
  "eventsource",
  "websocket",
]);

const run = promisify(execFile);

/** `npm run build`, run through Vite directly so it uses this Node. */
async function buildSite() {
  await run(
    process.execPath,
    [`${ROOT}node_modules/vite/bin/vite.js`, "build", "--config", "site/vite.config.ts", "--logLevel", "warn"],
    {
      cwd: ROOT,
    },
  );
}

async function start() {
  const work = mkdtempSync(join(tmpdir(), "radarr-edge-browser-"));
  const stops = [];
  const stopAll = async () => {
    await Promise.allSettled(stops.reverse().map((stop) => stop()));
    rmSync(work, { recursive: true, force: true });
  };
  try {
    // The slow parts (wrangler's D1 commands, the build, workerd, Chromium) overlap.
    const seeded = (async () => {
      await applyMigrations(work);
      writeLibrarySeed(join(work, "seed.sql"), LIBRARY_SIZE);
      await executeSqlFile(work, join(work, "seed.sql"));
    })();
    const simulator = startSimulator({ clock: clockVars() }).then((sim) => {
      stops.push(() => sim.stop());
      return sim;
    });
    const browser = launchChromium().then((b) => {
      stops.push(() => b.close());
      return b;
    });
    const settled = await Promise.allSettled([buildSite(), seeded, simulator, browser]);
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    const sim = await simulator;
    // The app reads the built assets when it starts, so it starts after the build.
    const app = await startApp({
      persistDir: work,
      vars: {
        API_KEY,
        TMDB_API_KEY: "sim-key",
        // A Trakt app for the simulated Trakt (device flow, trending) and a key for the stored tokens.
        TRAKT_CLIENT_ID: "browser-test-trakt-id",
        TRAKT_CLIENT_SECRET: "browser-test-trakt-secret",
        WATCHMODE_API_KEY: "browser-test-watchmode-key",
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        DEMO_MODE: "true",
        ...clockVars(),
        ...simulatorVars(sim.url),
      },
    });
    stops.push(() => app.stop());
    mkdirSync(ARTIFACTS, { recursive: true });
    return { appUrl: app.url, simUrl: sim.url, persistDir: work, browser: await browser, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

let shared;

/** The running world, started by the first caller. */
export function environment() {
  shared ??= start();
  return shared;
}

/**
 * The world starts before the first test, on its own generous clock: on a loaded machine the
 * build, D1 seed, workerd and Chromium take minutes, which no single test's timeout should pay.
 */
const STARTUP_TIMEOUT_MS = 600_000;
before(() => environment(), { timeout: STARTUP_TIMEOUT_MS });

after(async () => {
  if (!shared) return;
  const env = await shared.catch(() => undefined);
  await env?.stop();
});

/** Calls the app's API with the key, for arranging and checking what the browser did. */
export async function api(path, { method = "GET", body } = {}) {
  const { appUrl } = await environment();
  const res = await fetch(`${appUrl}/api/v3${path}`, {
    method,
    headers: { "x-api-key": API_KEY, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const slug = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100);

/**
 * Collects every Content-Security-Policy violation in the context's pages: the browser's
 * securitypolicyviolation events (listened for before any page script runs) and its console
 * reports ("… violates the following Content Security Policy directive", "Refused to …"), so a
 * test fails when the site needs something its policy forbids.
 */
async function watchCspViolations(context) {
  const violations = [];
  await context.exposeBinding("reportCspViolation", (_source, violation) => violations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) =>
        window.reportCspViolation(`${e.effectiveDirective} refused ${e.blockedURI || "inline"} on ${e.documentURI}`),
      true,
    );
  });
  context.on("console", (message) => {
    if (/Content Security Policy|^Refused to/.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/**
 * Runs `body(page)` in a fresh browser context (its own cookies), logged in through POST /login
 * unless `loggedIn` is false. Saves a screenshot whatever happens, and fails the test if the page
 * threw an uncaught error, broke its Content-Security-Policy or loaded anything from off loopback.
 * `viewport` sizes the page (a phone's 390 × 844, say); the default is a desktop window.
 * The site's service worker is blocked unless `serviceWorkers` is "allow" (the PWA's own test):
 * then every other test sees the network as the page does without one.
 */
export async function withPage(t, body, { loggedIn = true, viewport = VIEWPORT, serviceWorkers = "block" } = {}) {
  const env = await environment();
  const context = await env.browser.newContext({ viewport, baseURL: env.appUrl, serviceWorkers });
  // The page's clock starts at the run's pinned time too, then runs at real speed.
  await context.clock.install({ time: new Date(testClockNow()) });
  // Only loopback traffic: anything else the page asks for (a real CDN named in simulated data,
  // say) is refused at once rather than tried, and a load the page makes by itself fails the
  // test, since in demo mode nothing the site shows may come from the internet.
  const offLoopback = [];
  await context.route(
    (url) => /^https?:$/.test(url.protocol) && !LOOPBACK_HOSTS.has(url.hostname),
    (route) => {
      const request = route.request();
      if (PAGE_LOADS.has(request.resourceType())) offLoopback.push(`${request.resourceType()} ${request.url()}`);
      return route.abort("blockedbyclient");
    },
  );
  const violations = await watchCspViolations(context);
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  try {
    if (loggedIn) {
      const res = await context.request.post("/login", { data: { apiKey: API_KEY } });
      assert.equal(res.status(), 200, "logging in through POST /login");
    }
    await body(page, env);
    assert.deepEqual(
      pageErrors.map((e) => e.message),
      [],
      "the page threw no uncaught errors",
    );
    assert.deepEqual(violations, [], "the page broke no rule of its Content-Security-Policy");
    assert.deepEqual(offLoopback, [], "in demo mode the page loaded nothing from off loopback");
  } finally {
    await page
      .screenshot({ path: join(ARTIFACTS, `${slug(t.fullName ?? t.name)}.png`), fullPage: false })
      .catch(() => undefined);
    await context.close();
  }
}

/** The library's movie count as the page shows it ("2,000 movies"). */
export function countText(n) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "movie" : "movies"}`;
}

/**
 * Waits for `success` to appear; if an error alert appears inside `scope` instead, fails at once
 * with the message the page showed rather than waiting out the timeout.
 */
export async function expectSuccess(success, scope) {
  const alert = scope.getByRole("alert");
  await success.or(alert).first().waitFor();
  if (!(await success.first().isVisible()))
    assert.fail(`the page reported an error: ${await alert.first().textContent()}`);
}
