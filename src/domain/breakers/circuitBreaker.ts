/**
 * A circuit breaker for one upstream: closed (calls flow) → open after `failureThreshold`
 * consecutive failed calls (calls fail fast) → half-open once the cool-down has passed (one probe
 * call is let through) → closed when the probe succeeds, open again when it fails. Pure: the
 * UpstreamBreaker Durable Object holds the state and passes the time in.
 */
type BreakerPhase = "closed" | "open" | "halfOpen";

export interface BreakerSettings {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before it lets a probe through. */
  coolDownMs: number;
  /** How long a probe may run before another caller may probe instead (a probe that never reported). */
  probeTimeoutMs: number;
}

export interface BreakerState {
  phase: BreakerPhase;
  failures: number;
  /** Open: when the cool-down ends. */
  openUntil?: number;
  /** Half-open: until when the probe in flight holds the one slot. */
  probeUntil?: number;
}

/** The breaker as callers see it; `retryAt` says when a refused call may be tried again. */
export interface BreakerView {
  phase: BreakerPhase;
  failures: number;
  retryAt?: number;
}

export const closedBreaker = (): BreakerState => ({ phase: "closed", failures: 0 });

/** Whether a call may go now; an open breaker past its cool-down makes this caller the probe. */
export function admitCall(
  settings: BreakerSettings,
  state: BreakerState,
  now: number,
): { allowed: boolean; state: BreakerState } {
  if (state.phase === "closed") return { allowed: true, state };
  if (state.phase === "open" && (state.openUntil ?? 0) > now) return { allowed: false, state };
  if (state.phase === "halfOpen" && (state.probeUntil ?? 0) > now) return { allowed: false, state };
  return {
    allowed: true,
    state: { phase: "halfOpen", failures: state.failures, probeUntil: now + settings.probeTimeoutMs },
  };
}

/** Counts a finished call: a success closes the breaker; a failure counts, opens, or re-opens it. */
export function recordCall(settings: BreakerSettings, state: BreakerState, ok: boolean, now: number): BreakerState {
  if (ok) return state.phase === "closed" && state.failures === 0 ? state : closedBreaker();
  const failures = state.failures + 1;
  if (state.phase === "halfOpen" || (state.phase === "closed" && failures >= settings.failureThreshold)) {
    return { phase: "open", failures, openUntil: now + settings.coolDownMs };
  }
  // Open: a call admitted before it opened failed too; the cool-down already runs.
  return { ...state, failures };
}

/** The state as shown (health, /metrics, the isolates' cache): an open breaker past its cool-down is half-open. */
export function viewOf(state: BreakerState, now: number): BreakerView {
  if (state.phase === "open") {
    const openUntil = state.openUntil ?? 0;
    return openUntil > now
      ? { phase: "open", failures: state.failures, retryAt: openUntil }
      : { phase: "halfOpen", failures: state.failures };
  }
  if (state.phase === "halfOpen" && (state.probeUntil ?? 0) > now) {
    return { phase: "halfOpen", failures: state.failures, retryAt: state.probeUntil };
  }
  return { phase: state.phase, failures: state.failures };
}
