import * as clock from "./clock";
import type { FaultKind } from "./faults";

/**
 * Counts every request a simulated service receives, so tests can prove call budgets
 * ("the second lookup came from cache: still one call to /3/movie/603").
 */

export interface CallRecord {
  seq: number;
  at: string;
  service: string;
  method: string;
  /** The route pattern, e.g. "GET /3/movie/:id"; "GET (unmatched)" when no route matched. */
  route: string;
  /** Path under the service prefix, without the query. */
  path: string;
  query: string;
  /** The Cloudflare Access headers the request carried (`cf-access-client-id`, …), lower-cased. */
  headers: Record<string, string>;
  /** Filled in when the response is ready; null while the request is still held. */
  status: number | null;
  faults: FaultKind[];
}

export interface ServiceCallCounts {
  total: number;
  /** Requests that had at least one fault applied. */
  faulted: number;
  byRoute: Record<string, number>;
  byPath: Record<string, number>;
  byFault: Partial<Record<FaultKind, number>>;
}

const LOG_LIMIT = 1_000;
const counts = new Map<string, ServiceCallCounts>();
let log: CallRecord[] = [];
let seq = 0;

function countsFor(service: string): ServiceCallCounts {
  let entry = counts.get(service);
  if (!entry) {
    entry = { total: 0, faulted: 0, byRoute: {}, byPath: {}, byFault: {} };
    counts.set(service, entry);
  }
  return entry;
}

export function recordCall(call: {
  service: string;
  method: string;
  route: string;
  path: string;
  query: string;
  headers: Record<string, string>;
}): CallRecord {
  const entry = countsFor(call.service);
  entry.total++;
  entry.byRoute[call.route] = (entry.byRoute[call.route] ?? 0) + 1;
  entry.byPath[call.path] = (entry.byPath[call.path] ?? 0) + 1;
  const record: CallRecord = { seq: ++seq, at: clock.nowIso(), ...call, status: null, faults: [] };
  log.push(record);
  if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
  return record;
}

export function markFaulted(record: CallRecord, kinds: FaultKind[]): void {
  if (kinds.length === 0) return;
  const entry = countsFor(record.service);
  entry.faulted++;
  for (const kind of kinds) entry.byFault[kind] = (entry.byFault[kind] ?? 0) + 1;
  record.faults = kinds;
}

export function finishCall(record: CallRecord, status: number): void {
  record.status = status;
}

export function callCounts(): { services: Record<string, ServiceCallCounts> } {
  return { services: Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) };
}

/** Calls to one service, optionally narrowed to one exact path or one route pattern. */
export function countCalls(service: string, filter: { path?: string; route?: string } = {}): number {
  const entry = counts.get(service);
  if (!entry) return 0;
  if (filter.path !== undefined) return entry.byPath[filter.path] ?? 0;
  if (filter.route !== undefined) return entry.byRoute[filter.route] ?? 0;
  return entry.total;
}

/** The most recent calls, oldest first. */
export function recentCalls(service?: string, limit = 100): CallRecord[] {
  const matching = service ? log.filter((record) => record.service === service) : log;
  return matching.slice(-limit);
}

export function resetCalls(): void {
  counts.clear();
  log = [];
  seq = 0;
}
