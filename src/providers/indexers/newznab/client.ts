import { type Env, upstreamPolicy } from "../../../config";
import type { DownloadProtocol } from "../../../domain/decisions";
import { Failure } from "../../../domain/failures/failure";
import type { StoredIndexerCapabilities } from "../../../domain/indexers/capabilities";
import { parseRequestHeaders } from "../../../domain/validation/headers";
import { upstreamFetch } from "../../../integrations/http";
import { waitTurn } from "../../../integrations/indexers/pacing";
import type {
  IndexerClient,
  IndexerClientOptions,
  IndexerFetchResult,
  IndexerIdentity,
  IndexerRelease,
  MovieSearchCriteria,
} from "../../../integrations/indexers/types";
import { parseCapabilities } from "./caps";
import { type FeedItem, type FeedPage, newznabErrorIn, parseFeed } from "./feed";
import type { NewznabSettings } from "./settings";

/**
 * One client for Newznab (usenet) and Torznab (torrents, as Prowlarr and Jackett serve it): the
 * same API (`{baseUrl}{apiPath}?t=…&apikey=…`), Torznab adding seeders, peers and info hashes.
 * Searches use t=caps to pick their parameters: a t=movie search by tmdbid/imdbid when the
 * indexer supports them, falling back to a title + year query when that finds nothing; results
 * are paged with offset/limit until a short page, the reported total, or MAX_SEARCH_PAGES: once
 * the first page says how many there are, the rest are asked for PAGES_IN_FLIGHT at a time
 * (paced per indexer).
 */

/** Most pages one search reads (at the indexer's page size, e.g. 100 → 3,000 results). */
const MAX_SEARCH_PAGES = 30;
/** Largest page asked for, whatever the caps allow. */
const MAX_PAGE_SIZE = 500;
/** Statuses read here rather than thrown: Prowlarr answers a refused key 401 with a Newznab error body. */
const REFUSED: readonly number[] = [401, 403];
/** Calls to one indexer: one per 100 ms on average, up to 10 at once after a quiet spell (one search's 1,000 results). */
const NEWZNAB_MIN_INTERVAL_MS = 100;
const NEWZNAB_BURST = 10;
/** Pages of one search asked for at once, once the first page has told how many there are. */
const PAGES_IN_FLIGHT = 3;

export class NewznabClient implements IndexerClient {
  private readonly service: string;
  private readonly torrent: boolean;
  private capabilities: StoredIndexerCapabilities | null;
  private fetchedCapabilities: StoredIndexerCapabilities | undefined;
  private requests = 0;

  constructor(
    private readonly env: Env,
    private readonly indexer: IndexerIdentity,
    private readonly settings: NewznabSettings,
    private readonly protocol: DownloadProtocol,
    private readonly options: IndexerClientOptions = {},
  ) {
    // Each saved indexer has its own breaker and pacing; an unsaved one (a test) is keyed by its URL.
    this.service = indexer.id ? `indexer:${indexer.id}` : `indexer:test:${settings.baseUrl}`;
    this.torrent = protocol === "torrent";
    this.capabilities = options.capabilities ?? null;
  }

  private url(params: Record<string, string | number>): string {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    query.set("apikey", this.settings.apiKey);
    const base = this.settings.baseUrl.replace(/\/+$/, "");
    return `${base}${this.settings.apiPath}?${query}${this.settings.additionalParameters}`;
  }

  private async get(params: Record<string, string | number>): Promise<string> {
    await waitTurn(this.service, NEWZNAB_MIN_INTERVAL_MS, NEWZNAB_BURST);
    this.requests++;
    const response = await upstreamFetch({
      service: this.service,
      extraHeaders: parseRequestHeaders(this.settings.requestHeaders),
      url: this.url(params),
      init: { headers: { Accept: "application/rss+xml, application/xml;q=0.9, text/xml;q=0.8" } },
      policy: upstreamPolicy(this.env),
      logger: this.options.logger,
      attempts: 2,
      passStatuses: REFUSED,
    });
    const text = await response.text();
    if (REFUSED.includes(response.status)) {
      throw (
        newznabErrorIn(text) ??
        new Failure("authenticationFailed", `The indexer refused the API key (HTTP ${response.status})`, {
          service: this.service,
          status: response.status,
        })
      );
    }
    return text;
  }

  /** The cached capabilities, fetched once when there are none. */
  async caps(refresh = false): Promise<StoredIndexerCapabilities> {
    if (this.capabilities && !refresh) return this.capabilities;
    const caps = parseCapabilities(await this.get({ t: "caps" }));
    this.capabilities = caps;
    this.fetchedCapabilities = caps;
    return caps;
  }

  private pageSize(caps: StoredIndexerCapabilities): number {
    return Math.min(caps.limitMax, MAX_PAGE_SIZE);
  }

  private release(item: FeedItem): IndexerRelease {
    return {
      ...item,
      indexer: this.indexer.name,
      indexerId: this.indexer.id,
      indexerPriority: this.indexer.priority,
      protocol: this.protocol,
    };
  }

  private async page(params: Record<string, string | number>, page: number, limit: number): Promise<FeedPage> {
    return parseFeed(await this.get({ ...params, offset: page * limit, limit }), this.torrent);
  }

  /**
   * Reads a search's pages until the results run out: the first page's total tells how many more
   * there are, and those are asked for a few at a time; without a total, one after another until
   * a short page. Results keep the pages' order, each guid once.
   */
  private async pages(params: Record<string, string | number>, maxPages: number): Promise<IndexerRelease[]> {
    const caps = await this.caps();
    const limit = this.pageSize(caps);
    // Another page is due after a full one, unless the total says that was the last.
    const more = (page: FeedPage, offset: number) =>
      page.items.length >= limit && (page.total === undefined || offset + page.items.length < page.total);
    const first = await this.page(params, 0, limit);
    const pages = [first];
    if (more(first, 0) && first.total !== undefined) {
      const count = Math.min(maxPages, Math.ceil(first.total / limit));
      const rest: FeedPage[] = [];
      let next = 1;
      const reader = async () => {
        while (next < count) {
          const page = next++;
          rest[page - 1] = await this.page(params, page, limit);
        }
      };
      await Promise.all(Array.from({ length: Math.min(PAGES_IN_FLIGHT, count - 1) }, reader));
      pages.push(...rest);
    } else if (more(first, 0)) {
      for (let page = 1; page < maxPages; page++) {
        const next = await this.page(params, page, limit);
        pages.push(next);
        if (!more(next, page * limit)) break;
      }
    }
    const seen = new Set<string>();
    const releases: IndexerRelease[] = [];
    for (const item of pages.flatMap((p) => p.items)) {
      if (seen.has(item.guid)) continue;
      seen.add(item.guid);
      releases.push(this.release(item));
    }
    return releases;
  }

  private categories(): string {
    return this.settings.categories.join(",");
  }

  private result(releases: IndexerRelease[], searchedBy: string): IndexerFetchResult {
    const requests = this.requests;
    this.requests = 0;
    return {
      releases,
      requests,
      searchedBy,
      ...(this.fetchedCapabilities ? { capabilities: this.fetchedCapabilities } : {}),
    };
  }

  async search(criteria: MovieSearchCriteria): Promise<IndexerFetchResult> {
    const caps = await this.caps();
    const base = { cat: this.categories(), extended: 1 };
    if (caps.movieSearchAvailable) {
      const ids: Record<string, string | number> = {};
      if (caps.movieSearchParams.includes("tmdbid") && criteria.tmdbId) ids.tmdbid = criteria.tmdbId;
      // Newznab's imdbid is the number without "tt".
      if (caps.movieSearchParams.includes("imdbid") && criteria.imdbId) ids.imdbid = criteria.imdbId.slice(2);
      if (Object.keys(ids).length) {
        const releases = await this.pages({ t: "movie", ...base, ...ids }, MAX_SEARCH_PAGES);
        if (releases.length) return this.result(releases, Object.keys(ids).join("+"));
      }
    }
    // "Remove Year": some indexers match titles only and miss a release whose name lacks the year.
    const q = searchText(this.settings.removeYear ? { ...criteria, year: 0 } : criteria);
    if (caps.movieSearchAvailable && caps.movieSearchParams.includes("q")) {
      return this.result(await this.pages({ t: "movie", ...base, q }, MAX_SEARCH_PAGES), "q");
    }
    if (caps.searchParams.includes("q")) {
      return this.result(await this.pages({ t: "search", ...base, q }, MAX_SEARCH_PAGES), "q");
    }
    return this.result([], "none");
  }

  async rss(): Promise<IndexerFetchResult> {
    const caps = await this.caps();
    const t = caps.movieSearchAvailable ? "movie" : "search";
    return this.result(await this.pages({ t, cat: this.categories(), extended: 1 }, 1), "rss");
  }

  async test(): Promise<{ capabilities?: StoredIndexerCapabilities }> {
    const caps = await this.caps(true);
    // Caps are often public; a feed request proves the API key.
    parseFeed(
      await this.get({ t: caps.movieSearchAvailable ? "movie" : "search", cat: this.categories(), limit: 1 }),
      this.torrent,
    );
    return { capabilities: caps };
  }
}

/** "Title Year" with punctuation indexers trip over turned into spaces (Radarr's query cleaning). */
export function searchText(criteria: Pick<MovieSearchCriteria, "title" | "year">): string {
  const title = criteria.title
    .replace(/&/g, "and")
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return criteria.year > 0 ? `${title} ${criteria.year}` : title;
}
