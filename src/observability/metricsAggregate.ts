import type { Env } from "../config";
import { emptyMetricSet, type MetricSet } from "./metricSet";
import { flushDue, restorePendingMetrics, takePendingMetrics } from "./metrics";

/** The one Metrics Durable Object: every isolate's deltas are added into its aggregate. */
export function metricsObject(env: Env) {
  return env.METRICS.get(env.METRICS.idFromName("global"));
}

// Flushes run one after another, so a scrape never reads while this isolate's deltas are in flight.
let lastFlush: Promise<unknown> = Promise.resolve();

function serially<T>(step: () => Promise<T>): Promise<T> {
  const run = lastFlush.then(step, step);
  lastFlush = run.catch(() => {});
  return run;
}

/** Sends this isolate's waiting deltas to the Metrics object; on failure they wait for the next flush. */
export function flushMetrics(env: Env): Promise<void> {
  return serially(async () => {
    const deltas = takePendingMetrics();
    if (!deltas) return;
    try {
      await metricsObject(env).merge(deltas);
    } catch {
      restorePendingMetrics(deltas);
    }
  });
}

/** Starts a flush in the background (waitUntil) when enough deltas are waiting; never delays the caller. */
export function flushMetricsWhenDue(env: Env, background: { waitUntil(promise: Promise<unknown>): void }): void {
  if (!flushDue()) return;
  try {
    background.waitUntil(flushMetrics(env));
  } catch {
    // No execution context to extend (a test's app.request): the deltas wait for the next flush.
  }
}

/** The whole Worker's metrics: this isolate's waiting deltas added in first, then the aggregate read. */
export function aggregatedMetrics(env: Env): Promise<MetricSet> {
  return serially(async () => {
    const deltas = takePendingMetrics();
    try {
      return await metricsObject(env).mergeAndRead(deltas ?? emptyMetricSet());
    } catch (error) {
      if (deltas) restorePendingMetrics(deltas);
      throw error;
    }
  });
}
