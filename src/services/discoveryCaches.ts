import { isRegionCode, TRENDING_WINDOWS } from "../integrations/tmdb/discoverySchemas";
import { WatchmodeClient } from "../integrations/watchmode/client";
import type { ServiceContext } from "./context";
import { StreamingTrending } from "./streamingTrending";

const MEDIA_TYPES = ["movie", "tv"] as const;

/**
 * Refreshes what the trending and coming-soon pages read first (every media type and window,
 * the combined source, the default region; coming soon's first page and Watchmode's release
 * calendar) ahead of their readers: each cached part that would expire within `aheadSeconds`
 * (the time to the next run) is loaded now, so until then readers find every part fresh. Parts
 * with longer lives are left alone, so a run costs only what is about to expire.
 */
export async function refreshDiscoveryCaches(
  ctx: ServiceContext,
  aheadSeconds: number,
): Promise<{ refreshed: string[]; failed: string[] }> {
  const { env, logger } = ctx;
  const pending: Promise<unknown>[] = [];
  const work = {
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise.catch(() => undefined)),
    refreshAheadSeconds: aheadSeconds,
  };
  const fallback = (env.DEFAULT_REGION ?? "").toUpperCase();
  const region = isRegionCode(fallback) ? fallback : "US";
  const trending = new StreamingTrending({ ...ctx, background: work });
  const reads: [string, () => Promise<unknown>][] = [
    ...MEDIA_TYPES.flatMap((mediaType) =>
      TRENDING_WINDOWS.map(
        (window) =>
          [`trending ${mediaType} ${window}`, () => trending.trending("combined", mediaType, window, region)] as [
            string,
            () => Promise<unknown>,
          ],
      ),
    ),
    [`coming soon ${region}`, () => trending.discovery.upcomingMovies(region, 1)],
    ["streaming releases", () => new WatchmodeClient(env, work, logger).releases()],
  ];
  const refreshed: string[] = [];
  const failed: string[] = [];
  // One after another: the trending reads share their TMDb and Trakt parts.
  for (const [name, read] of reads) {
    try {
      await read();
      refreshed.push(name);
    } catch (error) {
      failed.push(`${name}: ${(error as Error).message}`);
    }
  }
  await Promise.all(pending);
  return { refreshed, failed };
}
