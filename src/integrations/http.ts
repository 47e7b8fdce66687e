import type { ZodType } from "zod";
import * as clock from "../clock";
import type { Env, UpstreamPolicy } from "../config";
import {
  BUDGETS,
  type BudgetDecision,
  type BudgetService,
  backgroundAllowance,
  type UpstreamWork,
} from "../domain/budgets";
import { Failure, type UpstreamFailure } from "../domain/failures/failure";
import { failureKindForStatus, isTransient } from "../domain/failures/kinds";
import { type Logger, redactUrl } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { admitUpstreamCall, recordUpstreamResult } from "./breaker";
import { reportUpstreamOutcome, reserveUpstreamCall } from "./budget";

export interface UpstreamRequest {
  service: string;
  url: string;
  init?: RequestInit;
  policy: UpstreamPolicy;
  logger?: Logger;
  /** Attempts in all, first included. */
  attempts?: number;
  /**
   * Headers the user configured for this upstream (a provider's Request Headers, e.g. a
   * Cloudflare Access service token), sent with every attempt beside init's own.
   */
  extraHeaders?: Record<string, string>;
  /**
   * The rationed upstream this call spends (ApiBudget): every attempt reserves one call first and
   * a 429/402 answer pauses the budget. Without it the call is not counted. Background work
   * (list syncs, refreshes) stops at its share of the daily target; interactive is the default.
   */
  budget?: {
    env: Env;
    service: BudgetService;
    work?: UpstreamWork;
    /** Calls reserved beforehand (reserveBulkCalls): attempts spend these first, then reserve as `work`. */
    prepaid?: { calls: number };
  };
  /**
   * Error statuses the caller reads itself (returned, not thrown or retried): e.g. Transmission's
   * 409 session-id handshake, qBittorrent's 403/409 answers to a move.
   */
  passStatuses?: readonly number[];
}

/** init's headers with the configured extra ones added (init's win for a name both set). */
function withExtraHeaders(headers: HeadersInit | undefined, extra: Record<string, string> | undefined) {
  if (!extra || Object.keys(extra).length === 0) return headers;
  const merged = new Headers(extra);
  for (const [name, value] of new Headers(headers)) merged.set(name, value);
  return merged;
}

const BASE_BACKOFF_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date). */
function parseRetryAfter(header: string | null, now = clock.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Fetches from an upstream with a per-attempt timeout, retries with exponential backoff on
 * timeouts, connection errors, 5xx and 429 (waiting out Retry-After when it is short enough),
 * and the upstream's circuit breaker (an UpstreamBreaker Durable Object, shared by every isolate).
 * Returns the successful response; throws a Failure (upstream kind) otherwise.
 */
export async function upstreamFetch(req: UpstreamRequest): Promise<Response> {
  const { service, policy } = req;
  const attempts = req.attempts ?? 3;
  const safeUrl = redactUrl(req.url);
  await admitUpstreamCall(service, policy);
  let lastError: UpstreamFailure | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (req.budget) await reserveOrThrow(req, service);
    const started = clock.now();
    let error: UpstreamFailure;
    try {
      const response = await fetch(req.url, {
        ...req.init,
        headers: withExtraHeaders(req.init?.headers, req.extraHeaders),
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      if (req.budget && (response.status === 429 || response.status === 402)) {
        await reportUpstreamOutcome(req.budget.env, req.budget.service, {
          status: response.status,
          retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
        });
      }
      const kind = failureKindForStatus(response.status);
      if (!kind || req.passStatuses?.includes(response.status)) {
        metrics.upstreamCall(service, "ok", response.status);
        await recordUpstreamResult(service, policy, true);
        return response;
      }
      metrics.upstreamCall(service, "error", response.status);
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      await response.body?.cancel();
      error = new Failure(kind, describeStatus(service, response.status), {
        service,
        status: response.status,
        retryAfter,
      });
    } catch (cause) {
      metrics.upstreamCall(service, "error", "none");
      const timedOut = cause instanceof DOMException && (cause.name === "TimeoutError" || cause.name === "AbortError");
      error = timedOut
        ? new Failure("connectionTimeout", `${service} did not answer within ${policy.timeoutMs} ms`, { service })
        : new Failure("connectionFailed", `Could not reach ${service}: ${(cause as Error).message}`, { service });
    }
    lastError = error;
    req.logger?.warn("upstream call failed", {
      service,
      url: safeUrl,
      attempt,
      kind: error.kind,
      status: error.status,
      elapsedMs: clock.now() - started,
    });
    if (!isTransient(error.kind)) {
      // The upstream answered (a 404, refused credentials): it is up, whatever the answer.
      await recordUpstreamResult(service, policy, true);
      break;
    }
    if (attempt === attempts) {
      await recordUpstreamResult(service, policy, false);
      break;
    }
    const backoff = BASE_BACKOFF_MS * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
    if (error.retryAfter !== undefined) {
      if (error.retryAfter > policy.maxRetryWaitSeconds) break;
      await sleep(Math.max(error.retryAfter * 1000, backoff));
    } else {
      await sleep(backoff);
    }
  }
  throw lastError ?? new Failure("upstreamError", `${service} call failed`, { service });
}

/**
 * Reserves one call from the upstream's budget. A refusal that clears within the policy's longest
 * retry wait (TMDb's per-second window) is waited out; a longer one (Watchmode's day is used up,
 * or the upstream asked us to pause) fails the call as rate limited, naming when it may resume.
 */
async function reserveOrThrow(req: UpstreamRequest, service: string): Promise<void> {
  const budget = req.budget;
  if (!budget) return;
  if (budget.prepaid && budget.prepaid.calls > 0) {
    budget.prepaid.calls--;
    return;
  }
  for (let waits = 0; ; waits++) {
    const decision = await reserveUpstreamCall(budget.env, budget.service, budget.work);
    if (decision.granted) return;
    if (waits < 10 && decision.retryAfterSeconds <= req.policy.maxRetryWaitSeconds) {
      await sleep(Math.max(50, decision.retryAfterSeconds * 1000));
      continue;
    }
    metrics.budgetRefusal(service, decision.reason);
    const why = refusalReason(budget.service, decision);
    throw new Failure("rateLimited", `${why}; calls resume in ${decision.retryAfterSeconds} s`, {
      service,
      status: 429,
      retryAfter: decision.retryAfterSeconds,
    });
  }
}

function refusalReason(service: BudgetService, decision: Extract<BudgetDecision, { granted: false }>): string {
  if (decision.reason === "paused") return `${service} asked us to pause (HTTP 429/402)`;
  if (decision.reason === "backgroundLimit") {
    const budget = BUDGETS[service];
    return `${service}'s daily allowance for background work (${backgroundAllowance(budget)} of ${budget.softDailyTarget} calls) is used up; the rest is kept for interactive requests`;
  }
  if (decision.reason === "bulkLimit")
    return `${service}'s allowance for list syncs in this 5-minute window is used up`;
  const window = decision.window === "fiveMinutes" ? "5-minute window" : decision.window;
  return `${service}'s API budget for this ${window} is used up`;
}

function describeStatus(service: string, status: number): string {
  if (status === 401 || status === 403)
    return `${service} rejected the credentials (HTTP ${status}); check the API key`;
  if (status === 404) return `${service} has no such resource (HTTP 404)`;
  if (status === 429) return `${service} is rate limiting requests (HTTP 429)`;
  return `${service} answered HTTP ${status}`;
}

/** Reads a JSON body and validates it against the upstream's documented schema. */
export async function readJson<T>(service: string, response: Response, schema: ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Failure("parseError", `${service} sent a response that is not valid JSON`, {
      service,
      status: response.status,
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Failure(
      "parseError",
      `${service} sent an unexpected response (${issue?.path.join(".") || "body"}: ${issue?.message})`,
      { service, status: response.status },
    );
  }
  return parsed.data;
}
