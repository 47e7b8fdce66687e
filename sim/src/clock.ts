/**
 * The simulator's clock, the same rule as the app's (src/clock.ts): real time unless `SIM_NOW`
 * (an ISO instant) starts it at that instant — at real time `SIM_CLOCK_START` (epoch ms) when
 * given, else on first use — from where it runs at real speed. The Worker reads both from its
 * environment on every request; in plain Node (unit tests) from process.env. The catalogue is
 * dated relative to the clock's day when it is first built, so "upcoming" is always ahead of
 * "now", and a pinned clock gives the same data on every run.
 */
type Vars = { SIM_NOW?: string; SIM_CLOCK_START?: string };

let setting: string | undefined;
let pinnedMs: number | undefined;
let startedAt: number | undefined;
let offsetMs: number | undefined;
let referenceDay: string | undefined;

export function configureSimClock(vars: Vars | undefined): void {
  const value = vars?.SIM_NOW?.trim() || undefined;
  const clockStart = vars?.SIM_CLOCK_START?.trim() || undefined;
  const key = `${value}@${clockStart ?? ""}`;
  if (key === setting) return;
  const ms = value === undefined ? undefined : Date.parse(value);
  if (ms !== undefined && !Number.isFinite(ms))
    throw new Error(`SIM_NOW must be an ISO date or date-time, got "${value}"`);
  const start = clockStart === undefined ? undefined : Number(clockStart);
  if (start !== undefined && !Number.isFinite(start)) {
    throw new Error(`SIM_CLOCK_START must be epoch milliseconds, got "${clockStart}"`);
  }
  setting = key;
  pinnedMs = ms;
  startedAt = start;
  offsetMs = ms !== undefined && start !== undefined ? ms - start : undefined;
}

configureSimClock((globalThis as { process?: { env?: Vars } }).process?.env);

/** Milliseconds since the epoch, as Date.now(). */
export function now(): number {
  if (pinnedMs === undefined) return Date.now();
  // Taken on first use, never while a module loads: Workers read the time as 0 then.
  offsetMs ??= pinnedMs - (startedAt ?? Date.now());
  return Date.now() + offsetMs;
}

export function nowIso(): string {
  return new Date(now()).toISOString();
}

/** The day the catalogue is dated from (YYYY-MM-DD, UTC): the clock's day at first use, then fixed. */
export function catalogueReferenceDate(): string {
  referenceDay ??= nowIso().slice(0, 10);
  return referenceDay;
}
