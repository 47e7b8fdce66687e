import type { Env } from "../config";
import {
  BUDGET_SERVICES,
  BUDGETS,
  type BudgetDecision,
  type BudgetService,
  type BudgetUsage,
  backgroundAllowance,
  isBudgetService,
  type UpstreamOutcome,
  type UpstreamWork,
} from "../domain/budgets";
import type { Gauge } from "../observability/metricSet";

/** The ApiBudget object that rations calls to one upstream. */
export function budgetFor(env: Env, service: BudgetService) {
  return env.API_BUDGET.get(env.API_BUDGET.idFromName(service));
}

/** Reserves one call to a rationed upstream for `work`; call before every request to it. */
export function reserveUpstreamCall(
  env: Env,
  service: BudgetService,
  work: UpstreamWork = "interactive",
): Promise<BudgetDecision> {
  return budgetFor(env, service).reserve(1, work);
}

/**
 * Reserves `count` calls at once for one list sync's pages (bulk work): all granted or none, so a
 * sync never starts what the budget cannot finish. The caller then spends them without reserving
 * each (upstreamFetch's `prepaid`) and gives back what it did not spend (returnBulkCalls).
 */
export function reserveBulkCalls(
  env: Env,
  service: BudgetService,
  count: number,
): Promise<{ decision: BudgetDecision; reservedAt: number }> {
  return budgetFor(env, service).reserveBulk(count);
}

/** Gives back bulk calls reserved at `reservedAt` that the sync never made (it failed, or read fewer pages). */
export function returnBulkCalls(env: Env, service: BudgetService, count: number, reservedAt: number): Promise<void> {
  return budgetFor(env, service).returnBulk(count, reservedAt);
}

/** Tells the upstream's budget how a call went, so a 429 or 402 pauses later calls. */
export function reportUpstreamOutcome(env: Env, service: BudgetService, outcome: UpstreamOutcome): Promise<void> {
  return budgetFor(env, service).report(outcome);
}

/** Every rationed upstream's usage, in BUDGET_SERVICES order. */
export function budgetUsages(env: Env): Promise<BudgetUsage[]> {
  return Promise.all(BUDGET_SERVICES.map((service) => budgetFor(env, service).usage()));
}

/**
 * Budget gauges for /metrics: calls used and allowed per service and window (the soft daily
 * target's day counts as window "day"), the soft targets, and whether a 429/402 pause holds.
 */
export async function budgetGauges(env: Env): Promise<Gauge[]> {
  const usages = await budgetUsages(env);
  const used = usages.flatMap((u) => [
    ...u.windows.map((w) => ({ labels: { service: u.service, window: w.name }, value: w.used })),
    ...(u.softTarget && !u.windows.some((w) => w.name === "day")
      ? [{ labels: { service: u.service, window: "day" }, value: u.softTarget.usedToday }]
      : []),
  ]);
  const limit = usages.flatMap((u) =>
    u.windows.map((w) => ({ labels: { service: u.service, window: w.name }, value: w.limit })),
  );
  const softTarget = usages.flatMap((u) =>
    u.softTarget ? [{ labels: { service: u.service, window: "day" }, value: u.softTarget.perDay }] : [],
  );
  const background = usages.flatMap((u) => {
    const allowance = isBudgetService(u.service) ? backgroundAllowance(BUDGETS[u.service]) : undefined;
    return allowance === undefined ? [] : [{ labels: { service: u.service, window: "day" }, value: allowance }];
  });
  const paused = usages.map((u) => ({ labels: { service: u.service }, value: u.pausedUntil ? 1 : 0 }));
  return [
    { name: "radarr_api_budget_used", help: "Upstream calls used in the current budget window", samples: used },
    { name: "radarr_api_budget_limit", help: "Upstream calls allowed per budget window", samples: limit },
    { name: "radarr_api_budget_soft_target", help: "Upstream calls per day we aim to stay under", samples: softTarget },
    {
      name: "radarr_api_budget_background_limit",
      help: "Upstream calls per day background work may make; the rest of the soft target is kept for interactive requests",
      samples: background,
    },
    { name: "radarr_api_budget_paused", help: "1 while the upstream asked us to pause (429/402)", samples: paused },
  ];
}
