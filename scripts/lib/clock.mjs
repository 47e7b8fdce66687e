/**
 * The tests' one clock. Every test run pins "now" to `SIM_NOW` (an ISO instant): the simulator,
 * the app Worker, Node-side test code and the browser all read the same time (src/clock.ts,
 * sim/src/clock.ts), so nothing depends on the day the suite runs. `SIM_CLOCK_START` records
 * when, in real time, the run's clock read SIM_NOW; it is set once per run (and inherited by
 * child processes), so every component's clock agrees to the millisecond. `npm run test:dates`
 * runs the date-sensitive tests again at the awkward days in TEST_DATES.
 */

/** The default: the simulator catalogue's historical reference day, at noon UTC (no midnight edge). */
const DEFAULT_TEST_NOW = "2026-11-01T12:00:00.000Z";

/** The days `npm run test:dates` runs at: month end, a DST change (Europe), year end, a leap day. */
export const TEST_DATES = ["2026-02-28", "2026-03-29", "2027-12-31", "2028-02-29"];

/** The pinned instant for this run: SIM_NOW when set (a bare day means noon UTC), else the default. */
function testNow() {
  const raw = process.env.SIM_NOW?.trim();
  if (!raw) return DEFAULT_TEST_NOW;
  const value = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T12:00:00.000Z` : raw;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`SIM_NOW must be an ISO date or date-time, got "${raw}"`);
  return new Date(ms).toISOString();
}

/** When (real epoch ms, as a string) the run's clock read testNow(): fixed at first call. */
function testClockStart() {
  process.env.SIM_CLOCK_START ||= String(Date.now());
  return process.env.SIM_CLOCK_START;
}

/** The variables that pin a Worker's clock to the run's. */
export function clockVars() {
  return { SIM_NOW: testNow(), SIM_CLOCK_START: testClockStart() };
}

/** "Now" on the run's clock, in epoch ms, for test code comparing with the app's times. */
export function testClockNow() {
  return Date.parse(testNow()) + (Date.now() - Number(testClockStart()));
}
