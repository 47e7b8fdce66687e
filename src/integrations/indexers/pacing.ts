import { workerEnv } from "../workerEnv";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until this caller's turn to call `upstream`, at least `intervalMs` after the previous
 * caller's (or, with `burst`, up to that many calls at once after a quiet spell, the interval
 * holding on average), wherever that caller runs: the turns are handed out by the upstream's
 * pacing object (ApiBudget "pacing:<upstream>"), so concurrent searches, syncs and isolates share one pace.
 */
export async function waitTurn(upstream: string, intervalMs: number, burst = 1): Promise<void> {
  const env = await workerEnv();
  const wait = await env.API_BUDGET.get(env.API_BUDGET.idFromName(`pacing:${upstream}`)).pace(intervalMs, burst);
  if (wait > 0) await sleep(wait);
}
