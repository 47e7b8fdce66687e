import { createRoute, z } from "@hono/zod-openapi";
import { isolateStartTime } from "../config";
import { counterValues } from "../observability/metrics";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/** Cache lookups per cache (KV caches of upstream data), as the System page charts them. */
export const cacheStatsRouter = createRouter();

const cacheStatsSchema = z
  .object({
    name: z.string().openapi({ example: "tmdb" }),
    hits: z.number().int().openapi({ description: "Served a fresh cached copy" }),
    stale: z
      .number()
      .int()
      .openapi({ description: "Served an expired copy while it refreshed (or the upstream failed)" }),
    misses: z.number().int().openapi({ description: "Nothing cached: the reader waited for the upstream" }),
    total: z.number().int(),
    hitRate: z
      .number()
      .openapi({ description: "(hits + stale) / total: lookups answered without waiting; 0 when none" }),
  })
  .openapi("CacheStats");

/** Per-cache counts from the radarr_cache_requests_total counter, busiest first. */
function cacheStats(): z.infer<typeof cacheStatsSchema>[] {
  const byCache = new Map<string, { hits: number; stale: number; misses: number }>();
  for (const { labels, value } of counterValues("radarr_cache_requests_total")) {
    const entry = byCache.get(labels.cache) ?? { hits: 0, stale: 0, misses: 0 };
    if (labels.result === "hit") entry.hits += value;
    else if (labels.result === "stale") entry.stale += value;
    else entry.misses += value;
    byCache.set(labels.cache, entry);
  }
  return [...byCache]
    .map(([name, { hits, stale, misses }]) => {
      const total = hits + stale + misses;
      return { name, hits, stale, misses, total, hitRate: total ? (hits + stale) / total : 0 };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

/** Every cache's counts since the isolate started. */
export const cacheStatsListSchema = z
  .object({ since: z.string(), caches: z.array(cacheStatsSchema) })
  .openapi("CacheStatsList");

cacheStatsRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["System"],
    summary: "Cache hits, stale serves and misses per upstream cache (this isolate, since it started)",
    responses: {
      200: jsonContent(cacheStatsListSchema, "Cache statistics"),
      ...errorResponses,
    },
  }),
  (c) => c.json({ since: isolateStartTime(), caches: cacheStats() }, 200),
);
