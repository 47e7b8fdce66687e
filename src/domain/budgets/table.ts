import type { WindowKind } from "./windows";

/** The upstreams whose calls are rationed, one ApiBudget object each (named by the service). */
export const BUDGET_SERVICES = ["watchmode", "trakt", "tmdb"] as const;
export type BudgetService = (typeof BUDGET_SERVICES)[number];

interface HardLimit {
  window: WindowKind;
  limit: number;
}

export interface BudgetDefinition {
  service: BudgetService;
  /** Limits the upstream enforces: a call that would exceed any of them is refused. */
  hard: HardLimit[];
  /** Calls per UTC day we aim to stay under; never refuses, only reported (health, metrics). */
  softDailyTarget?: number;
  /**
   * What one bulk reservation (every page of a list sync, reserved as one unit before the first
   * is read) may take per window, beside the hard limits. Bulk calls count in every window but
   * not against background work's share of the soft daily target.
   */
  bulk?: HardLimit;
}

/**
 * Watchmode's free plan allows 1,000 calls a month, which we spread as 33 a day; Trakt allows
 * 1,000 GETs per 5 minutes; TMDb about 40 requests a second. Each list is ordered narrowest
 * window first. A Trakt list sync reserves its pages up front from a bulk allowance of half of
 * Trakt's 5-minute limit (500 pages, 125,000 items), so a 50,000-item list (200 pages) syncs as
 * one unit within Trakt's real limit while the other half stays for everything else.
 */
export const BUDGETS: Record<BudgetService, BudgetDefinition> = {
  watchmode: {
    service: "watchmode",
    hard: [
      { window: "day", limit: 33 },
      { window: "month", limit: 1000 },
    ],
  },
  trakt: {
    service: "trakt",
    hard: [{ window: "fiveMinutes", limit: 1000 }],
    softDailyTarget: 200,
    bulk: { window: "fiveMinutes", limit: 500 },
  },
  tmdb: { service: "tmdb", hard: [{ window: "second", limit: 40 }], softDailyTarget: 500 },
};

/**
 * Who a call is for: a person waiting on the answer (a lookup, a page) or background work (list
 * syncs, metadata refreshes). Background work may spend only BACKGROUND_SHARE of a soft daily
 * target; the rest is kept for interactive calls, which only the hard limits refuse. Bulk work
 * (a list sync's pages, reserved as one unit) is held to the budget's bulk allowance instead.
 */
export type UpstreamWork = "interactive" | "background" | "bulk";

const BACKGROUND_SHARE = 0.8;

/** Calls per UTC day background work may make, or undefined when the budget has no daily target. */
export function backgroundAllowance(budget: BudgetDefinition): number | undefined {
  return budget.softDailyTarget === undefined ? undefined : Math.floor(budget.softDailyTarget * BACKGROUND_SHARE);
}

export function isBudgetService(name: string): name is BudgetService {
  return (BUDGET_SERVICES as readonly string[]).includes(name);
}
