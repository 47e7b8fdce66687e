import { DurableObject } from "cloudflare:workers";
import type { Env } from "../src/config";
import type { BreakerState } from "../src/domain/breakers/circuitBreaker";
import { emptyMetricSet, type MetricSet, mergeMetricSet } from "../src/observability/metricSet";

const BREAKERS_KEY = "breakers";

/**
 * The one aggregate of the Worker's metrics ("global"): each isolate counts locally and flushes
 * its deltas here in batches; /metrics reads the sum. It also keeps the last state of every
 * circuit breaker that left the closed state (UpstreamBreaker reports each change), so health and
 * /metrics list them with one call. Each metric family is stored under its own key, so a flush
 * writes only the families it changed.
 */
export class Metrics extends DurableObject<Env> {
  private aggregate: MetricSet = emptyMetricSet();
  private breakerStates: Record<string, BreakerState> = {};

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      for (const [key, value] of await ctx.storage.list()) {
        const [kind, name] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
        if (kind === "counter") this.aggregate.counters[name] = value as MetricSet["counters"][string];
        else if (kind === "histogram") this.aggregate.histograms[name] = value as MetricSet["histograms"][string];
        else if (key === BREAKERS_KEY) this.breakerStates = value as Record<string, BreakerState>;
      }
    });
  }

  /** Adds one isolate's deltas. */
  async merge(deltas: MetricSet): Promise<void> {
    mergeMetricSet(this.aggregate, deltas);
    const changed: Record<string, unknown> = {};
    for (const name of Object.keys(deltas.counters)) changed[`counter:${name}`] = this.aggregate.counters[name];
    for (const name of Object.keys(deltas.histograms)) changed[`histogram:${name}`] = this.aggregate.histograms[name];
    // Not awaited: the output gate holds the caller's answer until the write is durable.
    if (Object.keys(changed).length) void this.ctx.storage.put(changed);
  }

  /** Adds the reader's own deltas, then returns the whole Worker's metrics. */
  async mergeAndRead(deltas: MetricSet): Promise<MetricSet> {
    await this.merge(deltas);
    return this.aggregate;
  }

  /** An UpstreamBreaker changed phase. */
  async breakerChanged(upstream: string, state: BreakerState): Promise<void> {
    this.breakerStates[upstream] = state;
    void this.ctx.storage.put(BREAKERS_KEY, this.breakerStates);
  }

  /** The last reported state of every breaker that ever left the closed state. */
  async breakers(): Promise<Record<string, BreakerState>> {
    return this.breakerStates;
  }
}
