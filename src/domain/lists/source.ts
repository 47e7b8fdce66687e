import type { z } from "zod";
import type { ProviderField } from "../providers/field";
import type { ImdbPageScan } from "./sources/imdb/page";

/**
 * An import list source, in Radarr's three parts (ImportLists/<Source>): settings (validated),
 * a request generator (which URLs, which pages) and a parser (upstream response → list items).
 * Sources do no I/O themselves: `src/integrations/lists/fetchList.ts` runs their requests
 * through the shared upstream layer (timeouts, retries, rate limits) and feeds the parser.
 */

/** The upstreams lists come from; each has its own rate limit and failure accounting. */
type ListService = "imdb" | "tmdb" | "trakt" | "plex";

/** What the source is given besides its own settings: upstream base URLs and credentials. */
export interface ListSourceEnvironment {
  tmdbApiUrl: string;
  tmdbApiKey?: string;
  tmdbReadToken?: string;
  traktApiUrl: string;
  traktClientId?: string;
  /** The stored Trakt OAuth access token, when the streaming issue's device flow connected one. */
  traktAccessToken?: string;
  imdbUrl: string;
  plexDiscoverUrl: string;
}

export interface ListRequest {
  service: ListService;
  url: string;
  headers?: Record<string, string>;
}

/** One movie a list names. At least one of tmdbId / imdbId is set. */
export interface ListItem {
  tmdbId?: number;
  imdbId?: string;
  title: string;
  year: number;
  /** Extra facts the upstream gave (poster path, overview, release date…), kept with the item. */
  metadata?: Record<string, unknown>;
}

/** What a list's summary says about its items, read before them (one request). */
export interface ListSummary {
  /** Changes whenever the list's items may have changed (Trakt: the list's id, updated_at and item_count). */
  version: string;
  /** Requests a whole read takes at the source's page size. */
  pages: number;
}

interface ListPage {
  items: ListItem[];
  /** The next page's request, or undefined on the last page. */
  next?: ListRequest;
}

/** A response as the parser sees it (already fetched; status 2xx). */
export interface ListResponse {
  url: string;
  status: number;
  headers: Headers;
  text: string;
  /**
   * The page as IMDb draws it, for a source whose responseFormat is "imdbPage": HTML is read by
   * the integrations layer (HTMLRewriter is workerd's), and the source parses what it found.
   */
  imdbPage?: ImdbPageScan;
}

export interface ImportListSource<Settings> {
  /** Radarr's implementation name, e.g. `IMDbListImport`. */
  implementation: string;
  /** Human name shown in the schema list, e.g. "IMDb Lists". */
  implementationName: string;
  /** Radarr's settings contract name, e.g. `IMDbListSettings`. */
  configContract: string;
  /** Minimum minutes between syncs this source allows (Radarr's minRefreshInterval). */
  minRefreshIntervalMinutes: number;
  /** Requests per second the upstream tolerates for this source (sustained). */
  requestsPerSecond: number;
  /** Requests that may go at once before the per-second pace applies (a window budget); 1 by default. */
  burst?: number;
  settings: z.ZodType<Settings>;
  /** The settings fields, in the type every provider declares them with. */
  fields: ProviderField[];
  /** "imdbPage": each response is an IMDb page, scanned before `parse` sees it (ListResponse.imdbPage). */
  responseFormat?: "imdbPage";
  /**
   * What a 401/403 from this upstream means. By default 401 is refused credentials and 403 a list
   * that is not shared; some upstreams answer 401 for private lists (TMDb v4).
   */
  refusalKind?(status: number): "private" | "authenticationFailed";
  /**
   * The list's summary, where the upstream has one: a sync that finds the version its last
   * successful sync stored skips the item pages (one call instead of every page), and one that
   * reads them reserves `pages` calls from the budget up front, as one unit.
   */
  summary?: {
    request(settings: Settings, env: ListSourceEnvironment): ListRequest;
    parse(response: ListResponse): ListSummary;
    /** Page `page` (from 1) of the items: with the summary's count, pages are read several at a time. */
    pageRequest(settings: Settings, env: ListSourceEnvironment, page: number): ListRequest;
  };
  /** The first request; later pages come from each parsed page's `next`. */
  firstRequest(settings: Settings, env: ListSourceEnvironment): ListRequest;
  /** Reads one page. Throws a Failure for a private (forbidden), missing (notFound) or unreadable (parseError) list. */
  parse(response: ListResponse, settings: Settings, env: ListSourceEnvironment): Promise<ListPage> | ListPage;
}
