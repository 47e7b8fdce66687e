import * as clock from "../clock";
import { isUpstreamFailure } from "../domain/failures/failure";
import { metrics } from "../observability/metrics";

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
 * load fails with an upstream Failure and an expired copy exists, that copy is served (stale).
 */
export async function cachedJson<T>(
  kv: KVNamespace,
  cacheName: string,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T>,
): Promise<Cached<T>> {
  const entry = await kv.get<CacheEntry<T>>(key, "json");
  if (entry && entry.storedAt + ttlSeconds * 1000 > clock.now()) {
    metrics.cache(cacheName, "hit");
    return { value: entry.value, stale: false };
  }
  try {
    const value = await load();
    metrics.cache(cacheName, "miss");
    await kv.put(key, JSON.stringify({ storedAt: clock.now(), value } satisfies CacheEntry<T>), {
      expirationTtl: Math.max(60, ttlSeconds * STALE_RETENTION_FACTOR),
    });
    return { value, stale: false };
  } catch (error) {
    if (entry && isUpstreamFailure(error)) {
      metrics.cache(cacheName, "stale");
      return { value: entry.value, stale: true };
    }
    throw error;
  }
}

/**
 * The copy stored under `key`, fresh or expired, without loading anything: for a reader that must
 * not spend an upstream call (Trending reads Watchmode's answers only when already cached).
 */
export async function storedJson<T>(kv: JsonStore, key: string): Promise<T | undefined> {
  return (await kv.get<CacheEntry<T>>(key, "json"))?.value;
}

/** The KV calls the caches make; KVNamespace satisfies it, and so can a test's in-memory stand-in. */
export interface JsonStore {
  get<T>(key: string, type: "json"): Promise<T | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

/** Where work that outlives the response is registered (a Worker's ExecutionContext). */
export interface BackgroundWork {
  waitUntil(promise: Promise<unknown>): void;
  /**
   * Set by the scheduled cache refresh: a copy that would expire within this many seconds is
   * loaded again now, and the read waits for it, so readers until the next run find it fresh.
   */
  readonly refreshAheadSeconds?: number;
}

/** What a load produced: the value, and whether it may be stored (false: it answers this read only). */
export interface LoadResult<T> {
  value: T;
  cacheable: boolean;
}

export interface SwrCached<T> extends Cached<T> {
  /** True when a background refresh of an expired copy was started (or joined) for this read. */
  refreshing: boolean;
}

/**
 * Freshness of each upstream cache, in seconds (issue #5: trending 1–3 h, providers 24 h,
 * Watchmode 12–24 h, the combined trending 1 h).
 */
export const CACHE_TTL_SECONDS = {
  tmdbTrending: 3 * 60 * 60,
  tmdbWatchProviders: 24 * 60 * 60,
  tmdbProviderCatalogue: 24 * 60 * 60,
  tmdbComingSoon: 24 * 60 * 60,
  tmdbOnTheAir: 24 * 60 * 60,
  traktTrending: 60 * 60,
  watchmodeSources: 24 * 60 * 60,
  watchmodeReleases: 24 * 60 * 60,
  trendingAggregate: 60 * 60,
} as const;

interface Flight {
  promise: Promise<unknown>;
  /** When the load succeeded; a settled flight still answers readers that missed just before it stored. */
  settledAt?: number;
}

// Loads in progress in this isolate, per cache key: concurrent readers of one key share one load.
const flights = new Map<string, Flight>();
// A reader whose KV read raced the store sees nothing; a load that finished this recently answers it.
const SETTLED_FLIGHT_MS = 2_000;

function pruneSettledFlights(now: number) {
  for (const [key, flight] of flights) {
    if (flight.settledAt !== undefined && now - flight.settledAt > SETTLED_FLIGHT_MS) flights.delete(key);
  }
}

/**
 * Fresh entries this isolate has read from KV or stored there, so a hot key is answered without
 * a KV read (which costs as much as the rest of a cached request). An entry is served from here
 * only while fresh by the same storedAt + TTL rule as in KV — the value is the one KV holds for
 * that load — and expired ones fall through to KV and the stale-while-revalidate path. Other
 * isolates may hold an older fresh load of the same key until its TTL ends; KV itself is
 * eventually consistent in the same way. Bounded: the least recently used key goes first.
 */
const MEMORY_ENTRIES = 2_000;
const memory = new Map<string, { store: JsonStore; entry: CacheEntry<unknown> }>();

function remember(store: JsonStore, key: string, entry: CacheEntry<unknown>) {
  memory.delete(key);
  memory.set(key, { store, entry });
  if (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value as string);
}

function recall<T>(store: JsonStore, key: string, ttlSeconds: number): CacheEntry<T> | undefined {
  const held = memory.get(key);
  if (!held || held.store !== store) return undefined;
  memory.delete(key);
  if (held.entry.storedAt + ttlSeconds * 1000 <= clock.now()) return undefined;
  memory.set(key, held); // most recently used last
  return held.entry as CacheEntry<T>;
}

/**
 * Drops this isolate's in-memory copies, so the next reads go to KV. For tests, whose storage is
 * reset between cases while the isolate (and its memory) lives on.
 */
export function forgetCachedInMemory(): void {
  memory.clear();
}

/** Loads `key` once however many readers ask at the same time, storing the result in KV. */
function loadOnce<T>(
  kv: JsonStore,
  key: string,
  ttlSeconds: number,
  load: () => Promise<LoadResult<T>>,
  joinSettled: boolean,
): Promise<T> {
  pruneSettledFlights(clock.now());
  const current = flights.get(key);
  if (current && (current.settledAt === undefined || joinSettled)) return current.promise as Promise<T>;
  const flight: Flight = { promise: Promise.resolve() };
  flight.promise = (async () => {
    try {
      const { value, cacheable } = await load();
      if (!cacheable) {
        // Not stored, so the next reader must load again rather than join this flight.
        if (flights.get(key) === flight) flights.delete(key);
        return value;
      }
      const entry: CacheEntry<T> = { storedAt: clock.now(), value };
      await kv.put(key, JSON.stringify(entry), {
        expirationTtl: Math.max(60, ttlSeconds * STALE_RETENTION_FACTOR),
      });
      remember(kv, key, entry);
      flight.settledAt = clock.now();
      return value;
    } catch (error) {
      if (flights.get(key) === flight) flights.delete(key);
      throw error;
    }
  })();
  flights.set(key, flight);
  return flight.promise as Promise<T>;
}

/**
 * Stale-while-revalidate over KV. A fresh copy is served as is. An expired copy is served at once
 * (flagged stale) while one background refresh per key runs under `ctx.waitUntil`; if that refresh
 * fails the copy stays and is served again. With no copy at all the caller waits for the load,
 * which concurrent callers share; its failure is thrown.
 */
export function swrJson<T>(
  kv: JsonStore,
  ctx: BackgroundWork,
  cacheName: string,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T>,
): Promise<SwrCached<T>> {
  return swrJsonResult(kv, ctx, cacheName, key, ttlSeconds, async () => ({ value: await load(), cacheable: true }));
}

/**
 * swrJson for a load that may produce a value not to store (`cacheable: false`, e.g. built from a
 * failed source): that value answers the read that loaded it and nothing is cached.
 */
export async function swrJsonResult<T>(
  kv: JsonStore,
  ctx: BackgroundWork,
  cacheName: string,
  key: string,
  ttlSeconds: number,
  load: () => Promise<LoadResult<T>>,
): Promise<SwrCached<T>> {
  const aheadMs = (ctx.refreshAheadSeconds ?? 0) * 1000;
  const remembered = aheadMs ? undefined : recall<T>(kv, key, ttlSeconds);
  if (remembered) {
    metrics.cache(cacheName, "hit");
    return { value: remembered.value, stale: false, refreshing: false };
  }
  const entry = await kv.get<CacheEntry<T>>(key, "json");
  if (entry && entry.storedAt + ttlSeconds * 1000 - aheadMs > clock.now()) {
    remember(kv, key, entry);
    metrics.cache(cacheName, "hit");
    return { value: entry.value, stale: false, refreshing: false };
  }
  if (entry && aheadMs) {
    const value = await loadOnce(kv, key, ttlSeconds, load, false);
    return { value, stale: false, refreshing: false };
  }
  if (entry) {
    metrics.cache(cacheName, "stale");
    const refresh = loadOnce(kv, key, ttlSeconds, load, false);
    // The stale copy has been served; a failed refresh only leaves it in place for the next reader.
    ctx.waitUntil(refresh.catch(() => undefined));
    return { value: entry.value, stale: true, refreshing: true };
  }
  metrics.cache(cacheName, "miss");
  const value = await loadOnce(kv, key, ttlSeconds, load, true);
  return { value, stale: false, refreshing: false };
}
