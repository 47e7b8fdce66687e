import * as clock from "../../clock";

/**
 * A minimum interval between calls to one indexer, so a search that pages through results (or
 * several searches at once) does not hammer it. Slots are reserved synchronously, so concurrent
 * callers in one isolate queue up in order; each isolate paces its own calls.
 */
const nextFreeSlot = new Map<string, number>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until this caller's turn to call `service`, at least `intervalMs` after the previous one. */
export async function waitTurn(service: string, intervalMs: number): Promise<void> {
  const now = clock.now();
  const slot = Math.max(now, nextFreeSlot.get(service) ?? 0);
  nextFreeSlot.set(service, slot + intervalMs);
  if (slot > now) await sleep(slot - now);
}
