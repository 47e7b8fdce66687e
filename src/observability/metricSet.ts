/**
 * Prometheus counters and histograms as plain data: what an isolate counts, the deltas it flushes
 * and the Metrics Durable Object's aggregate are all a MetricSet, merged by adding.
 */
export type Labels = Record<string, string>;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface CounterFamily {
  help: string;
  values: Record<string, { labels: Labels; value: number }>;
}

interface HistogramSeries {
  labels: Labels;
  /** Cumulative: counts[i] is the observations ≤ buckets[i]. */
  counts: number[];
  sum: number;
  count: number;
}

interface HistogramFamily {
  help: string;
  buckets: number[];
  series: Record<string, HistogramSeries>;
}

export interface MetricSet {
  counters: Record<string, CounterFamily>;
  histograms: Record<string, HistogramFamily>;
}

/** Extra gauges computed at scrape time (e.g. library size), rendered after the counters. */
export interface Gauge {
  name: string;
  help: string;
  samples: { labels: Labels; value: number }[];
}

export const emptyMetricSet = (): MetricSet => ({ counters: {}, histograms: {} });

export const isEmptyMetricSet = (set: MetricSet) =>
  Object.keys(set.counters).length === 0 && Object.keys(set.histograms).length === 0;

const seriesKey = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");

export function addToCounter(set: MetricSet, name: string, help: string, labels: Labels, by: number): void {
  set.counters[name] ??= { help, values: {} };
  const values = set.counters[name].values;
  const key = seriesKey(labels);
  const entry = values[key];
  if (entry) entry.value += by;
  else values[key] = { labels: { ...labels }, value: by };
}

export function observeInto(set: MetricSet, name: string, help: string, labels: Labels, seconds: number): void {
  set.histograms[name] ??= { help, buckets: LATENCY_BUCKETS, series: {} };
  const family = set.histograms[name];
  const key = seriesKey(labels);
  family.series[key] ??= { labels: { ...labels }, counts: family.buckets.map(() => 0), sum: 0, count: 0 };
  const series = family.series[key];
  family.buckets.forEach((bound, i) => {
    if (seconds <= bound) series.counts[i]++;
  });
  series.sum += seconds;
  series.count++;
}

/** Adds `delta` into `target` (counters add; histogram buckets, sums and counts add). */
export function mergeMetricSet(target: MetricSet, delta: MetricSet): void {
  for (const [name, family] of Object.entries(delta.counters)) {
    for (const { labels, value } of Object.values(family.values))
      addToCounter(target, name, family.help, labels, value);
  }
  for (const [name, family] of Object.entries(delta.histograms)) {
    target.histograms[name] ??= { help: family.help, buckets: family.buckets, series: {} };
    const into = target.histograms[name].series;
    for (const [key, series] of Object.entries(family.series)) {
      const existing = into[key];
      if (!existing) {
        into[key] = { ...series, labels: { ...series.labels }, counts: [...series.counts] };
        continue;
      }
      series.counts.forEach((n, i) => {
        existing.counts[i] += n;
      });
      existing.sum += series.sum;
      existing.count += series.count;
    }
  }
}

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const formatLabels = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
};

/** The Prometheus text exposition of `set`, then `gauges`. */
export function renderPrometheus(set: MetricSet, gauges: Gauge[] = []): string {
  const lines: string[] = [];
  for (const [name, c] of Object.entries(set.counters)) {
    lines.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
    for (const { labels, value } of Object.values(c.values)) lines.push(`${name}${formatLabels(labels)} ${value}`);
  }
  for (const [name, h] of Object.entries(set.histograms)) {
    lines.push(`# HELP ${name} ${h.help}`, `# TYPE ${name} histogram`);
    for (const s of Object.values(h.series)) {
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
