import { DurableObject } from "cloudflare:workers";
import * as clock from "../src/clock";
import type { Env } from "../src/config";
import {
  admitCall,
  type BreakerSettings,
  type BreakerState,
  type BreakerView,
  closedBreaker,
  recordCall,
  viewOf,
} from "../src/domain/breakers/circuitBreaker";

const STATE_KEY = "state";

/**
 * One instance per upstream key ("tmdb", "trakt", "indexer:3", a download client's key): the
 * circuit breaker every isolate consults, so failures seen anywhere open it everywhere. An object
 * runs one event at a time, so exactly one caller becomes the half-open probe. Each change of
 * phase is reported to the Metrics object, which lists the breakers for health and /metrics.
 */
export class UpstreamBreaker extends DurableObject<Env> {
  private readonly upstream: string;
  private state: BreakerState = closedBreaker();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    clock.configureClock(env.SIM_NOW, env.SIM_CLOCK_START);
    this.upstream = ctx.id.name ?? "";
    ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<BreakerState>(STATE_KEY)) ?? closedBreaker();
    });
  }

  /** Whether a call may go now (an open breaker past its cool-down admits one probe). */
  async admit(settings: BreakerSettings): Promise<{ allowed: boolean; view: BreakerView }> {
    const now = clock.now();
    const { allowed, state } = admitCall(settings, this.state, now);
    await this.save(state);
    return { allowed, view: viewOf(this.state, now) };
  }

  /** Counts a finished call (ok: the upstream answered; not ok: it failed after its retries). */
  async record(ok: boolean, settings: BreakerSettings): Promise<BreakerView> {
    const now = clock.now();
    await this.save(recordCall(settings, this.state, ok, now));
    return viewOf(this.state, now);
  }

  private async save(state: BreakerState) {
    if (state === this.state) return;
    const changedPhase = state.phase !== this.state.phase;
    this.state = state;
    // Not awaited: the output gate holds the caller's answer until the write is durable.
    void this.ctx.storage.put(STATE_KEY, state);
    if (changedPhase) {
      await this.env.METRICS.get(this.env.METRICS.idFromName("global")).breakerChanged(this.upstream, state);
    }
  }
}
