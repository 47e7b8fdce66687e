/**
 * How long an indexer is left alone after failing: Radarr's escalating back-off. Each failure in
 * a row moves one step up the ladder; a success resets it. An upstream that names its own wait
 * (429 Retry-After) is given at least that.
 */
const INDEXER_BACKOFF_MINUTES = [5, 15, 30, 60, 180, 360, 720, 1440] as const;

/** Minutes an indexer stays disabled after its `consecutiveFailures`-th failure in a row (1 = the first). */
export function backoffMinutes(consecutiveFailures: number): number {
  if (consecutiveFailures < 1) return 0;
  const step = Math.min(consecutiveFailures, INDEXER_BACKOFF_MINUTES.length) - 1;
  return INDEXER_BACKOFF_MINUTES[step];
}

/** When the indexer may be used again, as epoch milliseconds. */
export function disabledUntil(consecutiveFailures: number, now: number, retryAfterSeconds?: number): number {
  const escalated = now + backoffMinutes(consecutiveFailures) * 60_000;
  return Math.max(escalated, now + Math.ceil(retryAfterSeconds ?? 0) * 1000);
}
