import * as clock from "../clock";
import {
  addToCounter,
  emptyMetricSet,
  isEmptyMetricSet,
  type Labels,
  type MetricSet,
  mergeMetricSet,
  observeInto,
} from "./metricSet";

/**
 * Prometheus metrics as this isolate counts them. A Worker runs many isolates that share no
 * memory, so each keeps two sets: everything it counted since it started (the System page's cache
 * statistics read it), and the deltas not yet flushed to the Metrics Durable Object, which adds
 * every isolate's deltas into the one aggregate /metrics serves (metricsAggregate.ts).
 */
const counted = emptyMetricSet();
let pending = emptyMetricSet();
let pendingUpdates = 0;
let lastFlushAt: number | undefined;

/** Deltas are flushed once this many updates are waiting, or this long after the last flush. */
const FLUSH_AFTER_UPDATES = 200;
const FLUSH_AFTER_MS = 10_000;

export function incrementCounter(name: string, help: string, labels: Labels, by = 1): void {
  addToCounter(counted, name, help, labels, by);
  addToCounter(pending, name, help, labels, by);
  pendingUpdates++;
}

/** Every labelled value of one counter in this isolate (empty when it was never incremented). */
export function counterValues(name: string): { labels: Labels; value: number }[] {
  return Object.values(counted.counters[name]?.values ?? {}).map(({ labels, value }) => ({
    labels: { ...labels },
    value,
  }));
}

export function observeHistogram(name: string, help: string, labels: Labels, seconds: number): void {
  observeInto(counted, name, help, labels, seconds);
  observeInto(pending, name, help, labels, seconds);
  pendingUpdates++;
}

/** Whether the waiting deltas are worth a flush now (many of them, or the last flush is a while ago). */
export function flushDue(): boolean {
  if (pendingUpdates === 0) return false;
  const now = clock.now();
  lastFlushAt ??= now;
  return pendingUpdates >= FLUSH_AFTER_UPDATES || now - lastFlushAt >= FLUSH_AFTER_MS;
}

/** Hands over the deltas waiting to be flushed (undefined when there are none) and starts afresh. */
export function takePendingMetrics(): MetricSet | undefined {
  lastFlushAt = clock.now();
  if (isEmptyMetricSet(pending)) return undefined;
  const taken = pending;
  pending = emptyMetricSet();
  pendingUpdates = 0;
  return taken;
}

/** Puts back deltas whose flush failed, so the next flush carries them. */
export function restorePendingMetrics(deltas: MetricSet): void {
  mergeMetricSet(pending, deltas);
  pendingUpdates++;
}

export const metrics = {
  httpRequest(route: string, method: string, status: number, seconds: number) {
    const labels = { route, method, status: String(status) };
    incrementCounter("radarr_http_requests_total", "HTTP requests by route, method and status", labels);
    observeHistogram(
      "radarr_http_request_duration_seconds",
      "HTTP request latency by route",
      { route, method },
      seconds,
    );
  },
  budgetRefusal(service: string, reason: string) {
    incrementCounter("radarr_api_budget_refusals_total", "Upstream calls not made because the API budget refused", {
      service,
      reason,
    });
  },
  upstreamCall(service: string, outcome: "ok" | "error", status: number | "none") {
    incrementCounter("radarr_upstream_calls_total", "Calls to upstream services", {
      service,
      outcome,
      status: String(status),
    });
    if (outcome === "error")
      incrementCounter("radarr_upstream_errors_total", "Failed calls to upstream services", { service });
  },
  /** D1 rows a request (or a job: method "JOB", route its name) read and wrote, from D1's result meta. */
  d1Rows(route: string, method: string, usage: { rowsRead: number; rowsWritten: number }) {
    const labels = { route, method };
    if (usage.rowsRead) incrementCounter("radarr_d1_rows_read_total", "D1 rows read by route", labels, usage.rowsRead);
    if (usage.rowsWritten)
      incrementCounter("radarr_d1_rows_written_total", "D1 rows written by route", labels, usage.rowsWritten);
  },
  cache(cache: string, result: "hit" | "miss" | "stale") {
    incrementCounter("radarr_cache_requests_total", "Cache lookups by result", { cache, result });
  },
};

/** A download failure as it happens, by failure kind and the stage it hit (grab, download, import, search). */
export function recordDownloadFailureMetric(kind: string, stage: "grab" | "download" | "import" | "search") {
  incrementCounter("radarr_download_failures_total", "Download failures by failure kind and stage", { kind, stage });
}

/** A meter for a background job's database (createDatabase's second argument): its rows counted under the job's name. */
export function jobD1Meter(job: string) {
  return (usage: { rowsRead: number; rowsWritten: number }) => metrics.d1Rows(job, "JOB", usage);
}
