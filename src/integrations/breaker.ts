import * as clock from "../clock";
import type { Env, UpstreamPolicy } from "../config";
import { type BreakerSettings, type BreakerState, type BreakerView, viewOf } from "../domain/breakers/circuitBreaker";
import { Failure } from "../domain/failures/failure";
import { rootLogger } from "../observability/logger";
import type { Gauge } from "../observability/metricSet";
import { metricsObject } from "../observability/metricsAggregate";
import { workerEnv } from "./workerEnv";

/**
 * The isolate's side of the circuit breakers, which live one per upstream in UpstreamBreaker
 * Durable Objects. A closed answer is kept for a few seconds, so a healthy upstream costs one
 * round trip to its breaker per isolate per CLOSED_ANSWER_MS, not one per call; a success is only
 * reported when the breaker had counted failures. Failures are always reported.
 */
const CLOSED_ANSWER_MS = 3_000;

const answers = new Map<string, { view: BreakerView; checkedAt: number }>();

async function breakerOf(service: string) {
  const env = await workerEnv();
  return env.UPSTREAM_BREAKER.get(env.UPSTREAM_BREAKER.idFromName(service));
}

function settingsOf(policy: UpstreamPolicy): BreakerSettings {
  return {
    failureThreshold: policy.breakerFailures,
    coolDownMs: policy.breakerCoolDownMs,
    // A probe that never reports (its worker died) frees the slot after one more cool-down.
    probeTimeoutMs: Math.max(policy.breakerCoolDownMs, policy.timeoutMs * 3),
  };
}

function refused(service: string, view: BreakerView, now: number): Failure {
  const retryAfter = view.retryAt === undefined ? undefined : Math.max(1, Math.ceil((view.retryAt - now) / 1000));
  return new Failure("upstreamError", `${service} is failing repeatedly; calls are paused for a moment`, {
    service,
    status: 503,
    retryAfter,
  });
}

// One question to a breaker at a time per isolate: callers arriving meanwhile share its answer
// (a burst of calls costs one round trip, and never queues up on the object).
const asking = new Map<string, Promise<{ allowed: boolean; view: BreakerView }>>();

async function askBreaker(service: string, policy: UpstreamPolicy): Promise<{ allowed: boolean; view: BreakerView }> {
  const pending = asking.get(service);
  // A shared answer admits only when closed: a half-open admission is the asker's own probe.
  if (pending) return pending.then(({ view }) => ({ allowed: view.phase === "closed", view }));
  const answer = breakerOf(service).then((breaker) => breaker.admit(settingsOf(policy)));
  asking.set(service, answer);
  try {
    return await answer;
  } finally {
    asking.delete(service);
  }
}

/** Throws (upstreamError, fail fast) while `service`'s breaker is open or another caller probes it. */
export async function admitUpstreamCall(service: string, policy: UpstreamPolicy): Promise<void> {
  const now = clock.now();
  const known = answers.get(service);
  if (known && now - known.checkedAt < CLOSED_ANSWER_MS) {
    if (known.view.phase === "closed") return;
    if (known.view.retryAt !== undefined && known.view.retryAt > now) throw refused(service, known.view, now);
  }
  let answer: { allowed: boolean; view: BreakerView };
  try {
    answer = await askBreaker(service, policy);
  } catch (error) {
    // The breaker is a guard, not a dependency: when it cannot be asked, the call goes ahead.
    rootLogger.warn("circuit breaker unavailable", { service, error: (error as Error).message });
    return;
  }
  answers.set(service, { view: answer.view, checkedAt: now });
  if (!answer.allowed) throw refused(service, answer.view, now);
}

/** Counts a finished call: ok when the upstream answered, not ok when it failed after its retries. Never throws. */
export async function recordUpstreamResult(service: string, policy: UpstreamPolicy, ok: boolean): Promise<void> {
  const known = answers.get(service);
  if (ok && known?.view.phase === "closed" && known.view.failures === 0) return;
  try {
    const view = await (await breakerOf(service)).record(ok, settingsOf(policy));
    answers.set(service, { view, checkedAt: clock.now() });
  } catch (error) {
    rootLogger.warn("circuit breaker unavailable", { service, error: (error as Error).message });
  }
}

/** Every breaker that ever left the closed state, as it stands now, by upstream key. */
export async function upstreamBreakers(env: Env): Promise<Record<string, BreakerView>> {
  const states: Record<string, BreakerState> = await metricsObject(env).breakers();
  const now = clock.now();
  return Object.fromEntries(Object.entries(states).map(([service, state]) => [service, viewOf(state, now)]));
}

const PHASES = ["closed", "open", "halfOpen"] as const;

/** Breaker gauges for /metrics: each known breaker's phase (1 on the current one) and its failure count. */
export async function breakerGauges(env: Env): Promise<Gauge[]> {
  const breakers = Object.entries(await upstreamBreakers(env));
  return [
    {
      name: "radarr_upstream_breaker_state",
      help: "Circuit breaker phase per upstream: 1 on the current phase (closed, open, halfOpen)",
      samples: breakers.flatMap(([service, view]) =>
        PHASES.map((state) => ({ labels: { service, state }, value: view.phase === state ? 1 : 0 })),
      ),
    },
    {
      name: "radarr_upstream_breaker_failures",
      help: "Consecutive failed calls counted by the upstream's circuit breaker",
      samples: breakers.map(([service, view]) => ({ labels: { service }, value: view.failures })),
    },
  ];
}
