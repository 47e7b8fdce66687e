/**
 * `npm run test:dates`: the date-sensitive tests again with the clock pinned at each of the
 * awkward days in TEST_DATES (month end, a DST change, year end, a leap day). Every other run
 * pins the default day (scripts/lib/clock.mjs); these files are the ones whose answers move
 * with "today": release windows and statuses, budgets' day/month windows, token expiry, list
 * schedules, the simulator's catalogue and calendars. Exits non-zero when any date fails.
 */
import { spawnSync } from "node:child_process";
import { TEST_DATES } from "./lib/clock.mjs";

const ROOT = new URL("..", import.meta.url).pathname;

/** Vitest files (unit and worker projects) whose results depend on the date. */
const VITEST_FILES = [
  "test/unit/sim.test.ts",
  "test/unit/streaming-sim.test.ts",
  "test/unit/watchmode-sim.test.ts",
  "test/unit/lists-trakt-sim.test.ts",
  "test/unit/lists-tmdb-sim.test.ts",
  "test/unit/library-status.test.ts",
  "test/unit/budget.test.ts",
  "test/unit/trakt-auth.test.ts",
  "test/integration/streaming.test.ts",
  "test/integration/streaming-watchmode.test.ts",
  "test/integration/movies.test.ts",
  "test/integration/lookup.test.ts",
  "test/integration/release.test.ts",
  "test/integration/budget.test.ts",
  "test/integration/budget-api.test.ts",
  "test/integration/trakt-auth.test.ts",
  "test/integration/lists-trakt.test.ts",
  "test/integration/import-lists.test.ts",
  "test/integration/system.test.ts",
];

/** Browser files whose pages show dates or date windows. */
const BROWSER_FILES = ["test/browser/coming-soon.test.mjs", "test/browser/trending.test.mjs"];

function run(label, args, env) {
  const started = Date.now();
  // SIM_CLOCK_START is per run: each date's run starts its own clock.
  const { SIM_CLOCK_START: _inherited, ...inherited } = process.env;
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: { ...inherited, ...env } });
  const ok = result.status === 0;
  console.log(`test:dates ${label}: ${ok ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return ok;
}

const dates = process.argv.slice(2).length > 0 ? process.argv.slice(2) : TEST_DATES;
let passed = 0;
let failed = 0;
for (const date of dates) {
  const env = { SIM_NOW: date };
  const vitest = run(`${date} vitest`, ["node_modules/vitest/vitest.mjs", "run", ...VITEST_FILES], env);
  const browser = run(`${date} browser`, ["test/browser/run.mjs", ...BROWSER_FILES.map((f) => `${ROOT}${f}`)], {
    ...env,
    // The date pages need a library, not a large one.
    BROWSER_TEST_MOVIES: "200",
  });
  for (const ok of [vitest, browser]) ok ? passed++ : failed++;
}
console.log(`dates: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
