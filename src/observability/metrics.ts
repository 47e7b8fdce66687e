/**
 * In-process Prometheus metrics. Each Worker isolate keeps its own counters (Workers have no
 * shared memory); locally one isolate serves everything, so the numbers are the whole picture.
 */
type Labels = Record<string, string>;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Counter {
  help: string;
  values: Map<string, { labels: Labels; value: number }>;
}

interface Histogram {
  help: string;
  buckets: number[];
  series: Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>;
}

const counters = new Map<string, Counter>();
const histograms = new Map<string, Histogram>();

const key = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");

function counter(name: string, help: string): Counter {
  let c = counters.get(name);
  if (!c) {
    c = { help, values: new Map() };
    counters.set(name, c);
  }
  return c;
}

export function incrementCounter(name: string, help: string, labels: Labels, by = 1): void {
  const c = counter(name, help);
  const k = key(labels);
  const entry = c.values.get(k);
  if (entry) entry.value += by;
  else c.values.set(k, { labels, value: by });
}

/** Every labelled value of one counter in this isolate (empty when it was never incremented). */
export function counterValues(name: string): { labels: Labels; value: number }[] {
  return [...(counters.get(name)?.values.values() ?? [])].map(({ labels, value }) => ({
    labels: { ...labels },
    value,
  }));
}

export function observeHistogram(name: string, help: string, labels: Labels, seconds: number): void {
  let h = histograms.get(name);
  if (!h) {
    h = { help, buckets: LATENCY_BUCKETS, series: new Map() };
    histograms.set(name, h);
  }
  const k = key(labels);
  let s = h.series.get(k);
  if (!s) {
    s = { labels, counts: h.buckets.map(() => 0), sum: 0, count: 0 };
    h.series.set(k, s);
  }
  h.buckets.forEach((bound, i) => {
    if (seconds <= bound) s.counts[i]++;
  });
  s.sum += seconds;
  s.count++;
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
  cache(cache: string, result: "hit" | "miss" | "stale") {
    incrementCounter("radarr_cache_requests_total", "Cache lookups by result", { cache, result });
  },
};

/** A download failure as it happens, by failure kind and the stage it hit (grab, download, import, search). */
export function recordDownloadFailureMetric(kind: string, stage: "grab" | "download" | "import" | "search") {
  incrementCounter("radarr_download_failures_total", "Download failures by failure kind and stage", { kind, stage });
}

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const formatLabels = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
};

/** Extra gauges computed at scrape time (e.g. library size), rendered after the counters. */
export interface Gauge {
  name: string;
  help: string;
  samples: { labels: Labels; value: number }[];
}

export function renderPrometheus(gauges: Gauge[] = []): string {
  const lines: string[] = [];
  for (const [name, c] of counters) {
    lines.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
    for (const { labels, value } of c.values.values()) lines.push(`${name}${formatLabels(labels)} ${value}`);
  }
  for (const [name, h] of histograms) {
    lines.push(`# HELP ${name} ${h.help}`, `# TYPE ${name} histogram`);
    for (const s of h.series.values()) {
      h.buckets.forEach((bound, i) => {
        lines.push(`${name}_bucket${formatLabels({ ...s.labels, le: String(bound) })} ${s.counts[i]}`);
      });
      lines.push(`${name}_bucket${formatLabels({ ...s.labels, le: "+Inf" })} ${s.count}`);
      lines.push(`${name}_sum${formatLabels(s.labels)} ${s.sum}`);
      lines.push(`${name}_count${formatLabels(s.labels)} ${s.count}`);
    }
  }
  for (const g of gauges) {
    lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
    for (const s of g.samples) lines.push(`${g.name}${formatLabels(s.labels)} ${s.value}`);
  }
  return `${lines.join("\n")}\n`;
}
