/**
 * The simulator's clock is the app's (src/clock.ts, one rule for both): real time unless
 * `SIM_NOW` (an ISO instant) starts it at that instant — at real time `SIM_CLOCK_START` (epoch
 * ms) when given, else on first use — from where it runs at real speed. The Worker reads both
 * from its environment on every request; in plain Node (unit tests) from process.env. The
 * catalogue is dated relative to the clock's day when it is first built, so "upcoming" is
 * always ahead of "now", and a pinned clock gives the same data on every run.
 */
import { configureClock, nowIso } from "../../src/clock";

export { now, nowIso } from "../../src/clock";

type Vars = { SIM_NOW?: string; SIM_CLOCK_START?: string };

let referenceDay: string | undefined;

export function configureSimClock(vars: Vars | undefined): void {
  configureClock(vars?.SIM_NOW, vars?.SIM_CLOCK_START?.trim() || undefined);
}

configureSimClock((globalThis as { process?: { env?: Vars } }).process?.env);

/** The day the catalogue is dated from (YYYY-MM-DD, UTC): the clock's day at first use, then fixed. */
export function catalogueReferenceDate(): string {
  referenceDay ??= nowIso().slice(0, 10);
  return referenceDay;
}
