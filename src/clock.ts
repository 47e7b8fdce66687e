/**
 * The app's one clock. Real time by default; `SIM_NOW` (an ISO instant, for the tests) starts it
 * at that instant, from where it runs at real speed, so durations, timeouts and retries pass as
 * they do in production. `SIM_CLOCK_START` (epoch ms) says when, in real time, the clock read
 * `SIM_NOW`, so the app, the simulator and the test code — separate processes and isolates —
 * read the same time; without it the clock starts on first use. Every "now" in the app comes
 * from here; only the platform's own timers (Durable Object alarms) take real time.
 */
let setting: string | undefined;
let pinnedMs: number | undefined;
let startedAt: number | undefined;
let offsetMs: number | undefined;

/** Reads the clock's variables at each entry point (fetch, scheduled, queue, Durable Objects). */
export function configureClock(simNow: string | undefined, clockStart?: string): void {
  const value = simNow?.trim() || undefined;
  const key = `${value}@${clockStart ?? ""}`;
  if (key === setting) return;
  const ms = value === undefined ? undefined : Date.parse(value);
  if (ms !== undefined && !Number.isFinite(ms)) {
    throw new Error(`SIM_NOW must be an ISO date or date-time, got "${value}"`);
  }
  const start = clockStart ? Number(clockStart) : undefined;
  if (start !== undefined && !Number.isFinite(start)) {
    throw new Error(`SIM_CLOCK_START must be epoch milliseconds, got "${clockStart}"`);
  }
  setting = key;
  pinnedMs = ms;
  startedAt = start;
  offsetMs = ms !== undefined && start !== undefined ? ms - start : undefined;
}

/** Milliseconds since the epoch, as Date.now(). */
export function now(): number {
  if (pinnedMs === undefined) return Date.now();
  // Taken on first use, never while a module loads: Workers read the time as 0 then.
  offsetMs ??= pinnedMs - (startedAt ?? Date.now());
  return Date.now() + offsetMs;
}

export function nowDate(): Date {
  return new Date(now());
}

export function nowIso(): string {
  return nowDate().toISOString();
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(): string {
  return nowIso().slice(0, 10);
}

/** An absolute time on this clock as the platform's real time (for Durable Object alarms). */
export function toRealTime(clockMs: number): number {
  return Date.now() + (clockMs - now());
}
