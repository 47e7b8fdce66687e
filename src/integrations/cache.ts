import { metrics } from "../observability/metrics";
import { UpstreamError } from "./http";

/** Response header naming the upstream whose expired cached data was served because it failed. */
export const STALE_HEADER = "X-Stale-Upstream";

interface CacheEntry<T> {
  storedAt: number;
  value: T;
}

export interface Cached<T> {
  value: T;
  /** True when the upstream failed and an expired copy was served instead. */
  stale: boolean;
}

// Expired entries stay in KV this many TTLs longer so they can be served when the upstream fails.
const STALE_RETENTION_FACTOR = 4;

/**
 * Reads `key` from KV when fresh; otherwise loads it and stores it for `ttlSeconds`. When the
 * load fails with an UpstreamError and an expired copy exists, that copy is served (stale).
 */
export async function cachedJson<T>(
  kv: KVNamespace,
  cacheName: string,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T>,
): Promise<Cached<T>> {
  const entry = await kv.get<CacheEntry<T>>(key, "json");
  if (entry && entry.storedAt + ttlSeconds * 1000 > Date.now()) {
    metrics.cache(cacheName, "hit");
    return { value: entry.value, stale: false };
  }
  try {
    const value = await load();
    metrics.cache(cacheName, "miss");
    await kv.put(key, JSON.stringify({ storedAt: Date.now(), value } satisfies CacheEntry<T>), {
      expirationTtl: Math.max(60, ttlSeconds * STALE_RETENTION_FACTOR),
    });
    return { value, stale: false };
  } catch (error) {
    if (entry && error instanceof UpstreamError) {
      metrics.cache(cacheName, "stale");
      return { value: entry.value, stale: true };
    }
    throw error;
  }
}
