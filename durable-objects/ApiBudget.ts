import { DurableObject } from "cloudflare:workers";
import * as clock from "../src/clock";
import type { Env } from "../src/config";
import {
  applyOutcome,
  BUDGETS,
  type BudgetDecision,
  type BudgetDefinition,
  type BudgetState,
  type BudgetUsage,
  emptyBudgetState,
  isBudgetService,
  reserveCalls,
  returnCalls,
  type UpstreamOutcome,
  type UpstreamWork,
  usageOf,
} from "../src/domain/budgets";

const STATE_KEY = "state";

/**
 * One instance per rationed upstream, named by its service ("watchmode", "trakt", "tmdb"):
 * reserves calls against that upstream's windows and honours the pauses its 429/402 answers ask
 * for; background work stops at its share of a soft daily target. Instances named
 * "pacing:<upstream>" (IMDb, HDBits, each indexer) only space calls out (`pace`), for every
 * sync and isolate at once. The ledger lives in memory, loaded once before the first call, and is written through to
 * storage on every change. `reserve` neither awaits nor yields between reading the counters and
 * counting the grant, and an object runs one event at a time, so concurrent reservations are
 * exact: 1,000 at once against 33 left yields exactly 33 grants.
 */
export class ApiBudget extends DurableObject<Env> {
  private readonly service: string;
  private state: BudgetState = emptyBudgetState();
  // Pacing needs no storage: an object idle long enough to be evicted has no turn pending.
  private nextFreeSlot = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    clock.configureClock(env.SIM_NOW, env.SIM_CLOCK_START);
    this.service = ctx.id.name ?? "";
    ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<BudgetState>(STATE_KEY)) ?? emptyBudgetState();
    });
  }

  /** Reserves `count` calls for `work`: granted and counted, or refused with how long to wait. */
  async reserve(count = 1, work: UpstreamWork = "interactive"): Promise<BudgetDecision> {
    const { decision, state } = reserveCalls(this.budget, this.state, clock.now(), count, work);
    if (decision.granted) this.save(state);
    return decision;
  }

  /**
   * Reserves a list sync's `count` pages as one bulk unit, and says when (the window the calls
   * were counted in), so what the sync does not read can be given back (returnBulk).
   */
  async reserveBulk(count: number): Promise<{ decision: BudgetDecision; reservedAt: number }> {
    const reservedAt = clock.now();
    return { decision: await this.reserve(count, "bulk"), reservedAt };
  }

  /** Gives back `count` bulk calls reserved at `reservedAt` and never made. */
  async returnBulk(count: number, reservedAt: number): Promise<void> {
    const state = returnCalls(this.budget, this.state, count, "bulk", reservedAt);
    if (state !== this.state) this.save(state);
  }

  /** Tells the budget how a call went; a 429 or 402 pauses the upstream. */
  async report(outcome: UpstreamOutcome): Promise<void> {
    const state = applyOutcome(this.budget, this.state, outcome, clock.now());
    if (state !== this.state) this.save(state);
  }

  /**
   * Takes the next turn to call this pacing object's upstream: returns how many ms the caller
   * waits before calling. Turns are `intervalMs` apart, except that up to `burst` calls may go at
   * once after a quiet spell (a token bucket of `burst` turns refilled one per interval): in any
   * stretch of t ms at most `burst + t / intervalMs` calls start. With the default burst of 1,
   * each turn is at least the interval after the previous one.
   */
  async pace(intervalMs: number, burst = 1): Promise<number> {
    const now = clock.now();
    // nextFreeSlot is when the bucket is full again; a turn is free while it is within `burst - 1` intervals of that.
    const slot = Math.max(now, this.nextFreeSlot - (Math.max(1, Math.floor(burst)) - 1) * intervalMs);
    this.nextFreeSlot = Math.max(now, this.nextFreeSlot) + intervalMs;
    return slot - now;
  }

  /** Calls used per window, limits, resets, the soft target and any pause. */
  async usage(): Promise<BudgetUsage> {
    return usageOf(this.budget, this.state, clock.now());
  }

  /** The definition this object enforces; a name that is no rationed service is a caller's bug. */
  private get budget(): BudgetDefinition {
    if (!isBudgetService(this.service)) throw new Error(`ApiBudget has no budget for '${this.service}'`);
    return BUDGETS[this.service];
  }

  private save(state: BudgetState) {
    this.state = state;
    // Not awaited: the output gate holds the caller's answer until the write is durable.
    void this.ctx.storage.put(STATE_KEY, state);
  }
}
