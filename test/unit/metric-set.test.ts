import { describe, expect, test } from "vitest";
import {
  addToCounter,
  emptyMetricSet,
  mergeMetricSet,
  observeInto,
  renderPrometheus,
} from "../../src/observability/metricSet";

describe("metric sets", () => {
  test("merging adds counters and histogram buckets, sums and counts", () => {
    const aggregate = emptyMetricSet();
    for (const seconds of [0.004, 0.3]) {
      const isolate = emptyMetricSet();
      addToCounter(isolate, "requests_total", "Requests", { route: "/a" }, 2);
      observeInto(isolate, "latency_seconds", "Latency", { route: "/a" }, seconds);
      mergeMetricSet(aggregate, isolate);
    }
    const text = renderPrometheus(aggregate);
    expect(text).toContain('requests_total{route="/a"} 4');
    expect(text).toContain('latency_seconds_bucket{route="/a",le="0.005"} 1');
    expect(text).toContain('latency_seconds_bucket{route="/a",le="0.5"} 2');
    expect(text).toContain('latency_seconds_count{route="/a"} 2');
    expect(text).toContain('latency_seconds_sum{route="/a"} 0.304');
  });

  test("merging never shares arrays or labels with the delta", () => {
    const aggregate = emptyMetricSet();
    const delta = emptyMetricSet();
    observeInto(delta, "latency_seconds", "Latency", { route: "/a" }, 0.001);
    mergeMetricSet(aggregate, delta);
    mergeMetricSet(aggregate, delta);
    expect(renderPrometheus(delta)).toContain('latency_seconds_count{route="/a"} 1');
    expect(renderPrometheus(aggregate)).toContain('latency_seconds_count{route="/a"} 2');
  });
});
