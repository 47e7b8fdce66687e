import { type BudgetDefinition, backgroundAllowance, type UpstreamWork } from "./table";
import { secondsUntil, type WindowKind, windowEnd, windowStart } from "./windows";

/** What one ApiBudget object keeps: a counter per window kind and an upstream-imposed pause. */
export interface BudgetState {
  /** Calls counted in the window that starts at `start`; a past start means a past window. */
  counters: Partial<Record<WindowKind, { start: number; used: number }>>;
  /** Of those, the calls bulk reservations took, in the bulk allowance's window and the UTC day. */
  bulk?: Partial<Record<WindowKind, { start: number; used: number }>>;
  /** Set by a 429/402: no calls until `until` (Retry-After, or the end of `window`). */
  pause?: { until: number; window: WindowKind | "retryAfter" };
}

export type BudgetDecision =
  | { granted: true }
  | {
      granted: false;
      reason: "budgetExhausted" | "paused" | "backgroundLimit" | "bulkLimit";
      retryAfterSeconds: number;
      /** The window that is full, the window a pause runs to, or "retryAfter" (the upstream said when). */
      window: WindowKind | "retryAfter";
    };

export interface UpstreamOutcome {
  status: number;
  retryAfterSeconds?: number;
}

interface BudgetWindowUsage {
  name: WindowKind;
  limit: number;
  used: number;
  remaining: number;
  /** ISO time the window resets. */
  resetsAt: string;
}

export interface BudgetUsage {
  service: string;
  windows: BudgetWindowUsage[];
  softTarget?: { perDay: number; usedToday: number; over: boolean };
  /** The bulk allowance (list syncs' pages reserved as one unit): its window, limit and use. */
  bulk?: BudgetWindowUsage;
  /** ISO time calls resume after a 429/402, while a pause is in force. */
  pausedUntil?: string;
}

export const emptyBudgetState = (): BudgetState => ({ counters: {} });

type Counters = BudgetState["counters"];

function countedIn(counters: Counters | undefined, kind: WindowKind, now: number): number {
  const counter = counters?.[kind];
  return counter && counter.start === windowStart(kind, now) ? counter.used : 0;
}

/** Calls counted so far in the window of this kind that contains `now`. */
const usedIn = (state: BudgetState, kind: WindowKind, now: number) => countedIn(state.counters, kind, now);

/** Of those, the calls bulk reservations took. */
const bulkUsedIn = (state: BudgetState, kind: WindowKind, now: number) => countedIn(state.bulk, kind, now);

/** Whether `work` is held to the budget's bulk allowance (a budget without one treats bulk as background). */
const isBulk = (budget: BudgetDefinition, work: UpstreamWork) => work === "bulk" && budget.bulk !== undefined;

/** The windows a budget counts in: its hard windows, and the UTC day when it has a soft target. */
function countedWindows(budget: BudgetDefinition): WindowKind[] {
  const kinds = budget.hard.map((h) => h.window);
  if (budget.softDailyTarget !== undefined && !kinds.includes("day")) kinds.push("day");
  return kinds;
}

/**
 * Whether `count` more calls fit at `now`. A soft daily target never refuses an interactive call;
 * background work stops at its share of it (backgroundAllowance), until the UTC day ends. Bulk
 * work (all `count` calls of one list sync at once) stops at the bulk allowance of its window
 * instead; the calls it took do not count against background work's share.
 */
export function decide(
  budget: BudgetDefinition,
  state: BudgetState,
  now: number,
  count = 1,
  work: UpstreamWork = "interactive",
): BudgetDecision {
  if (state.pause && state.pause.until > now) {
    return {
      granted: false,
      reason: "paused",
      retryAfterSeconds: secondsUntil(state.pause.until, now),
      window: state.pause.window,
    };
  }
  // When several windows are full, the caller must wait for the one that resets last.
  let full: { window: WindowKind; resetsAt: number } | undefined;
  for (const { window, limit } of budget.hard) {
    if (usedIn(state, window, now) + count <= limit) continue;
    const resetsAt = windowEnd(window, now);
    if (!full || resetsAt > full.resetsAt) full = { window, resetsAt };
  }
  if (full) {
    return {
      granted: false,
      reason: "budgetExhausted",
      retryAfterSeconds: secondsUntil(full.resetsAt, now),
      window: full.window,
    };
  }
  if (isBulk(budget, work)) {
    const { window, limit } = budget.bulk as NonNullable<BudgetDefinition["bulk"]>;
    if (bulkUsedIn(state, window, now) + count <= limit) return { granted: true };
    return {
      granted: false,
      reason: "bulkLimit",
      retryAfterSeconds: secondsUntil(windowEnd(window, now), now),
      window,
    };
  }
  const allowance = work === "interactive" ? undefined : backgroundAllowance(budget);
  const backgroundUsed = usedIn(state, "day", now) - bulkUsedIn(state, "day", now);
  if (allowance !== undefined && backgroundUsed + count > allowance) {
    return {
      granted: false,
      reason: "backgroundLimit",
      retryAfterSeconds: secondsUntil(windowEnd("day", now), now),
      window: "day",
    };
  }
  return { granted: true };
}

/** Decides, and when granted counts the calls; past windows' counters are replaced (pruned). */
export function reserveCalls(
  budget: BudgetDefinition,
  state: BudgetState,
  now: number,
  count = 1,
  work: UpstreamWork = "interactive",
): { decision: BudgetDecision; state: BudgetState } {
  const decision = decide(budget, state, now, count, work);
  if (!decision.granted) return { decision, state };
  const counters: Counters = {};
  for (const kind of countedWindows(budget)) {
    counters[kind] = { start: windowStart(kind, now), used: usedIn(state, kind, now) + count };
  }
  const bulk: Counters = {};
  const bulkWindows = budget.bulk ? [...new Set([budget.bulk.window, "day" as const])] : [];
  for (const kind of bulkWindows) {
    const taken = isBulk(budget, work) ? count : 0;
    const used = bulkUsedIn(state, kind, now) + taken;
    if (used > 0) bulk[kind] = { start: windowStart(kind, now), used };
  }
  return { decision, state: Object.keys(bulk).length ? { counters, bulk } : { counters } };
}

/**
 * Gives back calls reserved at `reservedAt` and never made (a list sync that failed, or read fewer
 * pages than it reserved). Only the windows the reservation counted in are touched: once such a
 * window has passed, its counter is history and a new window's owes nothing. Counts never go
 * below zero.
 */
export function returnCalls(
  budget: BudgetDefinition,
  state: BudgetState,
  count: number,
  work: UpstreamWork,
  reservedAt: number,
): BudgetState {
  const giveBack = (counters: Counters | undefined, kinds: WindowKind[], amount: number): Counters | undefined => {
    if (!counters) return counters;
    const next: Counters = { ...counters };
    for (const kind of kinds) {
      const counter = next[kind];
      const start = windowStart(kind, reservedAt);
      if (!counter || counter.start !== start) continue;
      next[kind] = { start, used: Math.max(0, counter.used - amount) };
    }
    return next;
  };
  if (count <= 0) return state;
  const counters = giveBack(state.counters, countedWindows(budget), count) ?? {};
  if (!isBulk(budget, work)) return { ...state, counters };
  const bulkKinds = [...new Set([(budget.bulk as NonNullable<BudgetDefinition["bulk"]>).window, "day" as const])];
  return { ...state, counters, bulk: giveBack(state.bulk, bulkKinds, count) };
}

/**
 * Applies what an upstream answered. A 429 (rate limited) or 402 (quota used up) pauses calls
 * until Retry-After; without one, a 429 waits for the narrowest hard window to reset and a 402 —
 * the plan's quota — for the widest. A later pause already in force is kept.
 */
export function applyOutcome(
  budget: BudgetDefinition,
  state: BudgetState,
  outcome: UpstreamOutcome,
  now: number,
): BudgetState {
  if (outcome.status !== 429 && outcome.status !== 402) return state;
  let pause: NonNullable<BudgetState["pause"]>;
  if (outcome.retryAfterSeconds !== undefined) {
    pause = { until: now + Math.max(0, outcome.retryAfterSeconds) * 1000, window: "retryAfter" };
  } else {
    const hard = outcome.status === 429 ? budget.hard[0] : budget.hard[budget.hard.length - 1];
    pause = { until: windowEnd(hard.window, now), window: hard.window };
  }
  if (state.pause && state.pause.until >= pause.until) return state;
  return { ...state, pause };
}

/** Counts, limits, resets, the soft target and any pause, as the API and metrics show them. */
export function usageOf(budget: BudgetDefinition, state: BudgetState, now: number): BudgetUsage {
  const windowUsage = (window: WindowKind, limit: number, used: number): BudgetWindowUsage => ({
    name: window,
    limit,
    used,
    remaining: Math.max(0, limit - used),
    resetsAt: new Date(windowEnd(window, now)).toISOString(),
  });
  const usage: BudgetUsage = {
    service: budget.service,
    windows: budget.hard.map(({ window, limit }) => windowUsage(window, limit, usedIn(state, window, now))),
  };
  if (budget.bulk) {
    usage.bulk = windowUsage(budget.bulk.window, budget.bulk.limit, bulkUsedIn(state, budget.bulk.window, now));
  }
  if (budget.softDailyTarget !== undefined) {
    const usedToday = usedIn(state, "day", now);
    usage.softTarget = { perDay: budget.softDailyTarget, usedToday, over: usedToday > budget.softDailyTarget };
  }
  if (state.pause && state.pause.until > now) usage.pausedUntil = new Date(state.pause.until).toISOString();
  return usage;
}
