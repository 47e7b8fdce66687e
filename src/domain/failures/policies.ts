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
  // Re-announced at once and after 10 minutes, given up 30 minutes after the stall was seen.
  downloadStalled: { delaySeconds: 600, backoffFactor: 2, maxRetries: 2 },
  hashMismatch: { delaySeconds: 60, backoffFactor: 1, maxRetries: 1 },
  downloadFailed: { delaySeconds: 0, backoffFactor: 1, maxRetries: 0 },
  // One more try (the client may still have been moving files), then the release is given up.
  importFailed: { delaySeconds: 300, backoffFactor: 2, maxRetries: 1 },
  diskFull: { delaySeconds: 1800, backoffFactor: 2, maxRetries: 2 },
  // Ours to fix (free space, folder permissions): the import is retried while someone does.
  permissionDenied: { delaySeconds: 600, backoffFactor: 2, maxRetries: 2 },
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

/** Whose fault a download failure is, which decides what is done about it. */
type FailureOwner = "release" | "ours" | "upstream";

/**
 * What happens to a download that fails with a kind, beside its retry policy.
 * - `release`: the release is bad (stalls, corrupt data, a failed or unimportable download): each
 *   retry gives the same download another chance (re-announce, re-check); after the last one the
 *   release is blocklisted for `blocklistDays`, removed from the client, and the next-best
 *   release is grabbed.
 * - `ours`: the download is fine but we cannot import it (disk full, permission denied, an
 *   import error on our side): the import is retried on the policy's schedule; no blocklist.
 * - `upstream`: the client or indexer could not be reached or refused: the call is retried.
 */
export interface DownloadFailureHandling {
  owner: FailureOwner;
  /** Days the release stays blocklisted; null never blocklists. */
  blocklistDays: number | null;
}

export const DOWNLOAD_FAILURE_HANDLING: Record<FailureKind, DownloadFailureHandling> = {
  connectionTimeout: { owner: "upstream", blocklistDays: null },
  connectionFailed: { owner: "upstream", blocklistDays: null },
  upstreamError: { owner: "upstream", blocklistDays: null },
  rateLimited: { owner: "upstream", blocklistDays: null },
  authenticationFailed: { owner: "upstream", blocklistDays: null },
  notFound: { owner: "upstream", blocklistDays: null },
  parseError: { owner: "upstream", blocklistDays: null },
  // Swarms come back: a stalled release is worth another look after a week.
  downloadStalled: { owner: "release", blocklistDays: 7 },
  hashMismatch: { owner: "release", blocklistDays: 30 },
  downloadFailed: { owner: "release", blocklistDays: 30 },
  importFailed: { owner: "release", blocklistDays: 30 },
  diskFull: { owner: "ours", blocklistDays: null },
  permissionDenied: { owner: "ours", blocklistDays: null },
};

/** When a blocklist entry for a failure of this kind expires; null for never (or not blocklisted). */
export function blockedUntil(kind: FailureKind, now: number): string | null {
  const days = DOWNLOAD_FAILURE_HANDLING[kind].blocklistDays;
  return days === null ? null : new Date(now + days * 86_400_000).toISOString();
}
