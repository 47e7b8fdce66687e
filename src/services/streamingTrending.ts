import { Failure } from "../domain/failures/failure";
import { combineTrending, type TrendingLists, type TrendingSource } from "../domain/streaming/trending";
import {
  chooseWatchLink,
  tmdbWatchPage,
  type WatchLinkSource,
  type WatchmodeTitleSource,
} from "../domain/streaming/watchLinks";
import type { TmdbType } from "../domain/streaming/watchmodeIdMap";
import { CACHE_TTL_SECONDS, swrJsonResult } from "../integrations/cache";
import { TmdbDiscovery } from "../integrations/tmdb/discovery";
import {
  type DiscoveryMediaType,
  OFFER_TYPES,
  type OfferType,
  type TmdbRegionOffers,
  type TrendingWindow,
} from "../integrations/tmdb/discoverySchemas";
import { TraktTrending, type TraktTrendingTitle } from "../integrations/trakt/trending";
import type { ServiceContext } from "./context";
import { knownWatchmodeSources } from "./streamingLinks";

/**
 * The combined trending list behind `/streaming/trending`: TMDb's and Trakt's trending fetched in
 * parallel, merged by TMDb id and scored (src/domain/streaming/trending.ts), the top titles
 * enriched with where they stream in the region (TMDb watch providers, JustWatch data), and the
 * whole cached for an hour per source choice, media type, window and region. A result built from
 * a failed or stale source is served but not cached, so the next reader rebuilds it from the
 * sources once they recover; an older complete result, when there is one, is served instead.
 */

export const TRENDING_SOURCE_CHOICES = ["combined", "tmdb", "trakt"] as const;
export type TrendingSourceChoice = (typeof TRENDING_SOURCE_CHOICES)[number];

/** Titles read from each source: one TMDb page; Trakt is asked for as many. */
const TRENDING_DEPTH = 20;
/** The best-scored titles whose availability in the region is looked up. */
const ENRICHED_TITLES = 10;
const CACHE_NAME = "streaming";
const KEY_VERSION = "v1";

interface OfferProvider {
  providerId: number;
  name: string;
  logoUrl: string | null;
  displayPriority: number;
  link: string | null;
  /** Where the provider's chip links: that provider, for that title (linkOffers). */
  watchUrl?: string;
  watchUrlSource?: WatchLinkSource;
}

export interface TitleAvailability {
  available: boolean;
  link: string | null;
  offers: Record<OfferType, OfferProvider[]>;
}

interface SourceStatus {
  /** Whether the source choice asks this source at all. */
  requested: boolean;
  /** Its list is in the ranking. */
  ok: boolean;
  /** Its list came from an expired cached copy. */
  stale: boolean;
  error?: string;
}

interface TrendingTitle {
  tmdbId: number;
  title: string;
  year: number | null;
  posterUrl: string | null;
  score: number;
  ranks: Record<TrendingSource, number | null>;
  /** TMDb's figures; null for a title only Trakt lists. */
  popularity: number | null;
  voteAverage: number | null;
  traktWatchers: number | null;
  /** Only for the top ENRICHED_TITLES; null otherwise, or when the lookup failed. */
  availability: TitleAvailability | null;
}

export interface TrendingAggregate {
  mediaType: DiscoveryMediaType;
  window: TrendingWindow;
  region: string;
  source: TrendingSourceChoice;
  results: TrendingTitle[];
  sources: Record<TrendingSource, SourceStatus>;
}

const yearOf = (date: string | null | undefined) => (date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null);
const roundScore = (score: number) => Math.round(score * 10_000) / 10_000;

/** A region's offers grouped by type, providers in display order, each with TMDb's watch link. */
export function groupOffers(discovery: TmdbDiscovery, offers: TmdbRegionOffers | undefined): TitleAvailability {
  const link = offers?.link ?? null;
  const grouped = Object.fromEntries(
    OFFER_TYPES.map((type) => [
      type,
      (offers?.[type] ?? [])
        .map((p) => ({
          providerId: p.provider_id,
          name: p.provider_name,
          logoUrl: discovery.imageUrl(p.logo_path, "w92") ?? null,
          displayPriority: p.display_priority ?? 0,
          link,
        }))
        .sort((a, b) => a.displayPriority - b.displayPriority || a.providerId - b.providerId),
    ]),
  ) as Record<OfferType, OfferProvider[]>;
  return { available: OFFER_TYPES.some((type) => grouped[type].length > 0), link, offers: grouped };
}

interface LinkTarget {
  tmdbId: number;
  mediaType: TmdbType;
  title: string;
  region: string;
  /** Watchmode's sources for the title, when known. */
  watchmodeSources?: readonly WatchmodeTitleSource[];
}

/**
 * The offers with each provider's `watchUrl` (domain/streaming/watchLinks.ts): Watchmode's deep
 * link when its sources for the title are known, else the provider's search for the title, else
 * TMDb's watch page.
 */
export function linkOffers(availability: TitleAvailability, target: LinkTarget): TitleAvailability {
  const tmdbLink = availability.link ?? tmdbWatchPage(target.mediaType, target.tmdbId, target.region);
  const link = (provider: OfferProvider, offerType: OfferType): OfferProvider => {
    const chosen = chooseWatchLink({ ...target, provider, offerType, tmdbLink });
    return { ...provider, watchUrl: chosen.url, watchUrlSource: chosen.source };
  };
  const offers = Object.fromEntries(
    OFFER_TYPES.map((type) => [type, availability.offers[type].map((provider) => link(provider, type))]),
  ) as Record<OfferType, OfferProvider[]>;
  return { ...availability, offers };
}

interface TmdbTitle {
  tmdbId: number;
  title: string;
  year: number | null;
  posterUrl: string | null;
  popularity: number;
  voteAverage: number;
}

/** A configuration problem (no key, a refused key) that waiting will not fix: such a result may be cached. */
const isLasting = (error: unknown) => error instanceof Failure && error.kind === "authenticationFailed";
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class StreamingTrending {
  private readonly tmdb: TmdbDiscovery;
  private readonly trakt: TraktTrending;

  constructor(private readonly ctx: ServiceContext) {
    this.tmdb = new TmdbDiscovery(ctx.env, ctx.background, ctx.logger);
    this.trakt = new TraktTrending(ctx.env, ctx.background, ctx.logger);
  }

  get discovery(): TmdbDiscovery {
    return this.tmdb;
  }

  /**
   * The ranked titles for a source choice; `stale` when an expired aggregate was served (it is
   * refreshed in the background). Throws when no requested source answered.
   */
  async trending(
    source: TrendingSourceChoice,
    mediaType: DiscoveryMediaType,
    window: TrendingWindow,
    region: string,
  ): Promise<{ value: TrendingAggregate; stale: boolean }> {
    const key = `streaming:trending:${source}:${mediaType}:${window}:${region}:${KEY_VERSION}`;
    // An aggregate built from a failed or stale source answers this read but is not cached.
    const cached = await swrJsonResult(
      this.ctx.env.CACHE,
      this.ctx.background,
      CACHE_NAME,
      key,
      CACHE_TTL_SECONDS.trendingAggregate,
      async () => {
        const built = await this.build(source, mediaType, window, region);
        return { value: built.aggregate, cacheable: built.cacheable };
      },
    );
    return { value: await this.withWatchLinks(cached.value), stale: cached.stale };
  }

  /** Links every provider chip of the enriched titles (after the cache: Watchmode's known sources change). */
  private async withWatchLinks(aggregate: TrendingAggregate): Promise<TrendingAggregate> {
    const { mediaType, region } = aggregate;
    const enriched = aggregate.results.filter((title) => title.availability).map((title) => title.tmdbId);
    const watchmode = await knownWatchmodeSources(this.ctx, enriched, mediaType);
    const results = aggregate.results.map((title) =>
      title.availability
        ? {
            ...title,
            availability: linkOffers(title.availability, {
              tmdbId: title.tmdbId,
              mediaType,
              title: title.title,
              region,
              watchmodeSources: watchmode.get(title.tmdbId),
            }),
          }
        : title,
    );
    return { ...aggregate, results };
  }

  private async build(
    source: TrendingSourceChoice,
    mediaType: DiscoveryMediaType,
    window: TrendingWindow,
    region: string,
  ): Promise<{ aggregate: TrendingAggregate; cacheable: boolean }> {
    const wantTmdb = source !== "trakt";
    const wantTrakt = source !== "tmdb";
    const [tmdbRead, traktRead] = await Promise.allSettled([
      wantTmdb ? this.tmdbTitles(mediaType, window) : Promise.resolve(undefined),
      wantTrakt ? this.trakt.trending(mediaType, TRENDING_DEPTH) : Promise.resolve(undefined),
    ]);
    const failures = [tmdbRead, traktRead].filter((read) => read.status === "rejected");
    if (failures.length === Number(wantTmdb) + Number(wantTrakt)) {
      // No requested source answered: the first failure is the request's error.
      throw failures[0].reason;
    }

    const tmdbList = tmdbRead.status === "fulfilled" ? tmdbRead.value : undefined;
    const traktList = traktRead.status === "fulfilled" ? traktRead.value : undefined;
    const status = (requested: boolean, read: PromiseSettledResult<{ stale: boolean } | undefined>): SourceStatus => {
      if (!requested) return { requested, ok: false, stale: false };
      if (read.status === "rejected") return { requested, ok: false, stale: false, error: messageOf(read.reason) };
      return { requested, ok: true, stale: read.value?.stale ?? false };
    };
    const sources = { tmdb: status(wantTmdb, tmdbRead), trakt: status(wantTrakt, traktRead) };
    for (const [name, read] of [
      ["tmdb", tmdbRead],
      ["trakt", traktRead],
    ] as const) {
      if (read.status === "rejected") {
        this.ctx.logger.warn("trending source failed", { source: name, error: messageOf(read.reason) });
      }
    }

    const tmdbById = new Map((tmdbList?.value ?? []).map((title) => [title.tmdbId, title]));
    // Trakt titles without a TMDb id cannot be matched, so they are left out.
    const traktTitles = (traktList?.value ?? []).filter(
      (title): title is TraktTrendingTitle & { tmdbId: number } => title.tmdbId !== null,
    );
    const traktById = new Map<number, TraktTrendingTitle>();
    for (const title of traktTitles) if (!traktById.has(title.tmdbId)) traktById.set(title.tmdbId, title);

    const lists: TrendingLists = {};
    if (tmdbList) lists.tmdb = tmdbList.value.map((title) => title.tmdbId);
    if (traktList) lists.trakt = traktTitles.map((title) => title.tmdbId);
    const scored = combineTrending(lists);

    const enrichment = await Promise.allSettled(
      scored.slice(0, ENRICHED_TITLES).map((title) => this.tmdb.watchProviders(title.tmdbId, mediaType, region)),
    );
    const enrichmentFailed = enrichment.some((read) => read.status === "rejected");

    const results: TrendingTitle[] = scored.map((scoredTitle, index) => {
      const fromTmdb = tmdbById.get(scoredTitle.tmdbId);
      const fromTrakt = traktById.get(scoredTitle.tmdbId);
      const offers = enrichment[index];
      return {
        tmdbId: scoredTitle.tmdbId,
        title: fromTmdb?.title ?? fromTrakt?.title ?? "",
        year: fromTmdb?.year ?? fromTrakt?.year ?? null,
        posterUrl: fromTmdb?.posterUrl ?? null,
        score: roundScore(scoredTitle.score),
        ranks: scoredTitle.ranks,
        popularity: fromTmdb?.popularity ?? null,
        voteAverage: fromTmdb?.voteAverage ?? null,
        traktWatchers: fromTrakt?.watchers ?? null,
        availability:
          offers?.status === "fulfilled" && offers.value ? groupOffers(this.tmdb, offers.value.value) : null,
      };
    });

    const failuresLast = failures.every((failure) => isLasting(failure.reason));
    const anyStale = sources.tmdb.stale || sources.trakt.stale;
    return {
      aggregate: { mediaType, window, region, source, results, sources },
      cacheable: failuresLast && !anyStale && !enrichmentFailed,
    };
  }

  private async tmdbTitles(
    mediaType: DiscoveryMediaType,
    window: TrendingWindow,
  ): Promise<{ value: TmdbTitle[]; stale: boolean }> {
    const page = await this.tmdb.trending(mediaType, window, 1);
    const titles = page.value.results.slice(0, TRENDING_DEPTH).map((item) => {
      const [title, date] = "title" in item ? [item.title, item.release_date] : [item.name, item.first_air_date];
      return {
        tmdbId: item.id,
        title,
        year: yearOf(date),
        posterUrl: this.tmdb.imageUrl(item.poster_path) ?? null,
        popularity: item.popularity ?? 0,
        voteAverage: item.vote_average ?? 0,
      };
    });
    return { value: titles, stale: page.stale };
  }
}
