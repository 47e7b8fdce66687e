import { z } from "zod";
import * as clock from "./clock";

/**
 * Fault switches: rules that make a simulated service misbehave for matching requests.
 * Rules apply in the order they were added. Latency rules add up and let the request go on;
 * the first other matching rule decides the answer. A rule with `times` is spent after that
 * many requests and then disappears.
 */

const FAULT_KINDS = ["latency", "timeout", "status", "rateLimit", "malformed", "truncate"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const DEFAULT_LATENCY_MS = 1_000;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_FAULT_STATUS = 500;
const DEFAULT_RETRY_AFTER_SECONDS = 10;

export const faultRuleInputSchema = z
  .object({
    service: z.string().min(1),
    match: z.string().min(1).optional(),
    kind: z.enum(FAULT_KINDS),
    ms: z.number().int().min(0).max(600_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    retryAfter: z.number().int().min(0).max(86_400).optional(),
    times: z.number().int().min(1).optional(),
  })
  .strict();
export type FaultRuleInput = z.infer<typeof faultRuleInputSchema>;

export interface FaultRule {
  id: string;
  service: string;
  /** Substring of the request's path + query (under the service prefix); null matches all. */
  match: string | null;
  kind: FaultKind;
  ms: number | null;
  status: number | null;
  retryAfter: number | null;
  /** Requests left before the rule expires; null means until cleared. */
  remaining: number | null;
  applied: number;
  createdAt: string;
}

let rules: FaultRule[] = [];
let nextId = 1;

export function addFault(input: FaultRuleInput): FaultRule {
  const rule: FaultRule = {
    id: `f${nextId++}`,
    service: input.service,
    match: input.match ?? null,
    kind: input.kind,
    ms:
      input.kind === "latency" || input.kind === "timeout"
        ? (input.ms ?? (input.kind === "latency" ? DEFAULT_LATENCY_MS : DEFAULT_TIMEOUT_MS))
        : null,
    status: input.kind === "status" ? (input.status ?? DEFAULT_FAULT_STATUS) : input.kind === "rateLimit" ? 429 : null,
    retryAfter: input.kind === "rateLimit" ? (input.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS) : null,
    remaining: input.times ?? null,
    applied: 0,
    createdAt: clock.nowIso(),
  };
  rules.push(rule);
  return rule;
}

export function listFaults(): FaultRule[] {
  return rules.slice();
}

export function removeFault(id: string): boolean {
  const before = rules.length;
  rules = rules.filter((rule) => rule.id !== id);
  return rules.length < before;
}

export function clearFaults(): number {
  const cleared = rules.length;
  rules = [];
  return cleared;
}

/** Back to a fresh start, ids included, so test runs name their rules the same way. */
export function resetFaults(): void {
  rules = [];
  nextId = 1;
}

export interface FaultPlan {
  /** Total latency to add before answering. */
  delayMs: number;
  /** The rule that decides the answer, if any. */
  decisive: FaultRule | null;
  kinds: FaultKind[];
}

/** The faults for one request; spends one use of every rule applied. */
export function planFaults(service: string, target: string): FaultPlan {
  const plan: FaultPlan = { delayMs: 0, decisive: null, kinds: [] };
  for (const rule of rules) {
    if (rule.service !== service || (rule.match !== null && !target.includes(rule.match))) continue;
    if (rule.kind !== "latency" && plan.decisive) continue;
    rule.applied++;
    if (rule.remaining !== null) rule.remaining--;
    plan.kinds.push(rule.kind);
    if (rule.kind === "latency") plan.delayMs += rule.ms ?? 0;
    else plan.decisive = rule;
  }
  rules = rules.filter((rule) => rule.remaining === null || rule.remaining > 0);
  return plan;
}
