import type { FailureKind } from "./kinds";

/** How a failure of one kind is retried: first delay, growth per attempt, and how many retries. */
export interface RetryPolicy {
  delaySeconds: number;
  backoffFactor: number;
  maxRetries: number;
}

/**
 * One policy per failure kind. Transient network trouble retries soon and often; rate limits wait
 * longer; failures a retry cannot fix (bad credentials, a missing list, a full disk) get few or
 * none, so the user hears about them quickly.
 */
export const RETRY_POLICIES: Record<FailureKind, RetryPolicy> = {
  connectionTimeout: { delaySeconds: 30, backoffFactor: 2, maxRetries: 5 },
  connectionFailed: { delaySeconds: 30, backoffFactor: 2, maxRetries: 5 },
  upstreamError: { delaySeconds: 60, backoffFactor: 2, maxRetries: 4 },
  rateLimited: { delaySeconds: 120, backoffFactor: 2, maxRetries: 5 },
  parseError: { delaySeconds: 300, backoffFactor: 2, maxRetries: 2 },
  notFound: { delaySeconds: 0, backoffFactor: 1, maxRetries: 0 },
  authenticationFailed: { delaySeconds: 0, backoffFactor: 1, maxRetries: 0 },
  downloadStalled: { delaySeconds: 600, backoffFactor: 2, maxRetries: 3 },
  hashMismatch: { delaySeconds: 60, backoffFactor: 1, maxRetries: 1 },
  importFailed: { delaySeconds: 300, backoffFactor: 2, maxRetries: 3 },
  diskFull: { delaySeconds: 1800, backoffFactor: 2, maxRetries: 2 },
  permissionDenied: { delaySeconds: 0, backoffFactor: 1, maxRetries: 0 },
};

// Cloudflare Queues accept delays up to 12 hours.
const MAX_DELAY_SECONDS = 12 * 60 * 60;

/**
 * The delay before retry number `attempt` (1 = the first retry), honouring an upstream's
 * Retry-After when it asks for longer; null when the policy allows no further retry.
 */
export function retryDelaySeconds(kind: FailureKind, attempt: number, retryAfterSeconds?: number): number | null {
  const policy = RETRY_POLICIES[kind];
  if (attempt > policy.maxRetries) return null;
  const backoff = policy.delaySeconds * policy.backoffFactor ** (attempt - 1);
  return Math.min(MAX_DELAY_SECONDS, Math.max(Math.round(backoff), Math.ceil(retryAfterSeconds ?? 0)));
}
