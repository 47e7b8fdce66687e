import { type Env, upstreamPolicy } from "../../../config";
import { IndexerFlags } from "../../../domain/customFormats/indexerFlags";
import type { UpstreamFailure } from "../../../domain/failures/failure";
import { parseRequestHeaders } from "../../../domain/validation/headers";
import { readJson, upstreamFetch } from "../../../integrations/http";
import { waitTurn } from "../../../integrations/indexers/pacing";
import {
  type IndexerClient,
  type IndexerClientOptions,
  type IndexerFetchResult,
  type IndexerIdentity,
  type IndexerRelease,
  indexerRequestFailure,
  type MovieSearchCriteria,
} from "../../../integrations/indexers/types";
import { searchText } from "../newznab/client";
import { HDBITS_STATUS, type HdbitsTorrent, type HdbitsTorrentQuery, hdbitsResponseSchema } from "./schemas";
import type { HdbitsSettings } from "./settings";

/**
 * HDBits: a search by IMDb id when the movie has one, else by title + year, in the configured
 * categories (Movie by default), paged 100 at a time; RSS is the newest torrents. Results are
 * deduplicated by info hash; freeleech and internal become IndexerFlags, origin and exclusivity
 * travel with the release for the scene-group analysis.
 */

/** HDBits' largest page. */
const PAGE_SIZE = 100;
const HDBITS_MAX_PAGES = 10;
const HDBITS_MOVIE_CATEGORY = 1;
/** HDBits asks API users to keep their rate modest. */
const HDBITS_MIN_INTERVAL_MS = 500;

export class HdbitsClient implements IndexerClient {
  private readonly service: string;
  private requests = 0;

  constructor(
    private readonly env: Env,
    private readonly indexer: IndexerIdentity,
    private readonly settings: HdbitsSettings,
    private readonly options: IndexerClientOptions = {},
  ) {
    this.service = indexer.id ? `indexer:${indexer.id}` : `indexer:test:${settings.baseUrl}`;
  }

  private async post(query: Omit<HdbitsTorrentQuery, "username" | "passkey">): Promise<HdbitsTorrent[]> {
    await waitTurn(this.service, HDBITS_MIN_INTERVAL_MS);
    this.requests++;
    const body: HdbitsTorrentQuery = {
      username: this.settings.username,
      passkey: this.settings.apiKey,
      ...query,
    };
    const response = await upstreamFetch({
      service: this.service,
      extraHeaders: parseRequestHeaders(this.settings.requestHeaders),
      url: `${this.settings.baseUrl}/api/torrents`,
      init: {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      },
      policy: upstreamPolicy(this.env),
      logger: this.options.logger,
      attempts: 2,
    });
    const answer = await readJson(this.service, response, hdbitsResponseSchema);
    if (answer.status !== HDBITS_STATUS.success) throw statusError(answer.status, answer.message);
    return answer.data ?? [];
  }

  private filters() {
    return {
      category: this.settings.categories,
      ...(this.settings.codecs.length ? { codec: this.settings.codecs } : {}),
      ...(this.settings.mediums.length ? { medium: this.settings.mediums } : {}),
    };
  }

  private async pages(query: { imdb?: { id: number }; search?: string }, maxPages: number) {
    const byHash = new Map<string, IndexerRelease>();
    for (let page = 0; page < maxPages; page++) {
      const torrents = await this.post({ ...this.filters(), ...query, limit: PAGE_SIZE, page });
      for (const torrent of torrents) {
        const release = this.release(torrent);
        if (!byHash.has(release.infoHash as string)) byHash.set(release.infoHash as string, release);
      }
      if (torrents.length < PAGE_SIZE) break;
    }
    return [...byHash.values()];
  }

  private release(torrent: HdbitsTorrent): IndexerRelease {
    const base = this.settings.baseUrl;
    const uploadedAt =
      torrent.utadded !== undefined
        ? new Date(torrent.utadded * 1000).toISOString()
        : torrent.added && !Number.isNaN(Date.parse(torrent.added))
          ? new Date(Date.parse(torrent.added)).toISOString()
          : new Date(0).toISOString();
    let flags = 0;
    if (torrent.freeleech === "yes") flags |= IndexerFlags.freeleech;
    if (torrent.type_origin === 1) flags |= IndexerFlags.internal;
    return {
      guid: `HDBits-${torrent.id}`,
      title: torrent.name,
      size: Math.round(torrent.size),
      indexer: this.indexer.name,
      indexerId: this.indexer.id,
      indexerPriority: this.indexer.priority,
      protocol: "torrent",
      publishDate: uploadedAt,
      seeders: torrent.seeders,
      leechers: torrent.leechers,
      infoHash: torrent.hash.toLowerCase(),
      indexerFlags: flags,
      downloadUrl: `${base}/download.php?id=${torrent.id}&passkey=${encodeURIComponent(this.settings.apiKey)}`,
      infoUrl: `${base}/details.php?id=${torrent.id}`,
      commentUrl: `${base}/details.php?id=${torrent.id}`,
      categories: [torrent.type_category],
      ...(torrent.imdb?.id ? { imdbId: `tt${String(torrent.imdb.id).padStart(7, "0")}` } : {}),
      hdbits: {
        torrentId: torrent.id,
        timesCompleted: torrent.times_completed,
        internal: torrent.type_origin === 1,
        exclusive: torrent.type_exclusive === 1,
        freeleech: torrent.freeleech === "yes",
        uploadedAt,
      },
    };
  }

  private result(releases: IndexerRelease[], searchedBy: string): IndexerFetchResult {
    const requests = this.requests;
    this.requests = 0;
    return { releases, requests, searchedBy };
  }

  async search(criteria: MovieSearchCriteria): Promise<IndexerFetchResult> {
    const imdb = criteria.imdbId ? Number(criteria.imdbId.slice(2)) : 0;
    if (imdb > 0) return this.result(await this.pages({ imdb: { id: imdb } }, HDBITS_MAX_PAGES), "imdbid");
    return this.result(await this.pages({ search: searchText(criteria) }, HDBITS_MAX_PAGES), "q");
  }

  async rss(): Promise<IndexerFetchResult> {
    return this.result(await this.pages({}, 1), "rss");
  }

  /**
   * One page of HDBits' movie browse list (no search term, category Movie, newest first, 100 a
   * page) through the same pacing and upstream policy as searches: the analyzer's collection.
   */
  async browse(page: number): Promise<IndexerRelease[]> {
    const torrents = await this.post({ category: [HDBITS_MOVIE_CATEGORY], limit: PAGE_SIZE, page });
    return torrents.map((torrent) => this.release(torrent));
  }

  async test(): Promise<Record<string, never>> {
    await this.post({ ...this.filters(), limit: 1, page: 0 });
    return {};
  }
}

function statusError(status: number, message: string | undefined): UpstreamFailure {
  const said = message ? `: ${message}` : "";
  switch (status) {
    case HDBITS_STATUS.authFailed:
    case HDBITS_STATUS.authDataMissing:
      return indexerRequestFailure(
        "authenticationFailed",
        `HDBits refused the username or passkey${said}`,
        ["username", "apiKey"],
        status,
      );
    case HDBITS_STATUS.sslRequired:
      return indexerRequestFailure("upstreamError", `HDBits requires HTTPS${said}`, ["baseUrl"], status);
    case HDBITS_STATUS.jsonMalformed:
    case HDBITS_STATUS.missingParameters:
    case HDBITS_STATUS.invalidParameter:
      return indexerRequestFailure("upstreamError", `HDBits did not accept the request${said}`, [], status);
    default:
      return indexerRequestFailure("upstreamError", `HDBits answered status ${status}${said}`, [], status);
  }
}
