import { TmdbDiscovery } from "../integrations/tmdb/discovery";
import type { ServiceContext } from "./context";
import { type ResolvedStreamingSettings, readStreamingSettings } from "./settings";

/** TMDb watch-provider lookups at once (list imports, the re-monitor check). */
const STREAMING_LOOKUP_CONCURRENCY = 6;

/**
 * Answers "does this movie stream on a service I subscribe to?" from TMDb's watch providers in the
 * configured region (cached by TmdbDiscovery). Inactive — no upstream call at all — when no
 * service is subscribed.
 */
export class StreamingAvailabilityLookup {
  private readonly discovery: TmdbDiscovery;
  private readonly subscribed: Set<number>;
  private readonly memo = new Map<number, Promise<string | null>>();

  constructor(
    { env, background, logger }: ServiceContext,
    readonly settings: ResolvedStreamingSettings,
  ) {
    this.discovery = new TmdbDiscovery(env, background, logger);
    this.subscribed = new Set(settings.subscribedProviderIds);
  }

  /** The lookup with the stored streaming settings. */
  static async open(ctx: ServiceContext) {
    return new StreamingAvailabilityLookup(ctx, await readStreamingSettings(ctx.db, ctx.env));
  }

  get active(): boolean {
    return this.subscribed.size > 0;
  }

  /** The name of a subscribed service streaming the movie in the region, or null. */
  serviceFor(tmdbId: number): Promise<string | null> {
    if (!this.active) return Promise.resolve(null);
    let found = this.memo.get(tmdbId);
    if (!found) {
      found = this.lookup(tmdbId);
      this.memo.set(tmdbId, found);
    }
    return found;
  }

  private async lookup(tmdbId: number): Promise<string | null> {
    const offers = await this.discovery.watchProviders(tmdbId, "movie", this.settings.region);
    const region = offers?.value;
    if (!region) return null;
    for (const type of this.settings.offerTypes) {
      const provider = (region[type] ?? [])
        .filter((p) => this.subscribed.has(p.provider_id))
        .sort((a, b) => (a.display_priority ?? 0) - (b.display_priority ?? 0))[0];
      if (provider) return provider.provider_name;
    }
    return null;
  }

  /**
   * `serviceFor` over many movies, at most STREAMING_LOOKUP_CONCURRENCY at a time. A failed lookup
   * is reported in `errors` and leaves the movie out of `services` (treated as not streaming).
   */
  async servicesFor(tmdbIds: readonly number[]): Promise<{ services: Map<number, string | null>; errors: string[] }> {
    const services = new Map<number, string | null>();
    const errors: string[] = [];
    if (!this.active) return { services, errors };
    await mapConcurrent(tmdbIds, STREAMING_LOOKUP_CONCURRENCY, async (id) => {
      try {
        services.set(id, await this.serviceFor(id));
      } catch (error) {
        errors.push(`watch providers for TMDb ${id}: ${(error as Error).message}`);
      }
    });
    return { services, errors };
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function mapConcurrent<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
