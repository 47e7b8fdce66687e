import type { Release } from "../../domain/decisions";
import { Failure, type UpstreamFailure } from "../../domain/failures/failure";
import type { FailureKind } from "../../domain/failures/kinds";
import type { StoredIndexerCapabilities } from "../../domain/indexers/capabilities";
import type { Logger } from "../../observability/logger";

/** A release as an indexer reported it: the decision engine's Release plus what only indexers know. */
export interface IndexerRelease extends Release {
  guid: string;
  magnetUrl?: string;
  /** The indexer's page for the release. */
  commentUrl?: string;
  /** IMDb id (tt…) the indexer tagged the release with. */
  imdbId?: string;
  tmdbId?: number;
  categories?: number[];
  /** HDBits' own facts about the torrent (the scene-group analysis reads them). */
  hdbits?: HdbitsTorrentFacts;
}

interface HdbitsTorrentFacts {
  torrentId: number;
  timesCompleted: number;
  /** type_origin 1: an internal release. */
  internal: boolean;
  /** type_exclusive 1: only on HDBits. */
  exclusive: boolean;
  freeleech: boolean;
  uploadedAt: string;
}

/** What a movie search asks for; ids are used where the indexer can search by them. */
export interface MovieSearchCriteria {
  title: string;
  year: number;
  tmdbId: number;
  /** tt… or null. */
  imdbId: string | null;
}

/** Everything a client needs about the indexer it talks to. */
export interface IndexerIdentity {
  id: number;
  name: string;
  priority: number;
}

export interface IndexerFetchResult {
  releases: IndexerRelease[];
  /** Requests made (pages, plus caps when they were fetched). */
  requests: number;
  /** How the search was made: "tmdbid", "imdbid", "q" or "rss". */
  searchedBy: string;
  /** Capabilities fetched on the way, for the caller to cache. */
  capabilities?: StoredIndexerCapabilities;
}

export interface IndexerClient {
  search(criteria: MovieSearchCriteria): Promise<IndexerFetchResult>;
  rss(): Promise<IndexerFetchResult>;
  /** Checks the credentials and that a request answers: caps (Newznab/Torznab) and one page. */
  test(): Promise<{ capabilities?: StoredIndexerCapabilities }>;
}

export interface IndexerClientOptions {
  logger?: Logger;
  /** Cached capabilities; fetched (and returned in the result) when absent. */
  capabilities?: StoredIndexerCapabilities | null;
}

/**
 * An indexer's answer meaning the request cannot succeed as sent, naming the settings fields to
 * fix (e.g. Newznab error 100 "Incorrect user credentials" → apiKey) and the indexer's own code.
 * It carries no `service`: that marks a failure of the HTTP call itself (see describeIndexerFailure).
 */
export function indexerRequestFailure(
  kind: FailureKind,
  message: string,
  settings: string[] = [],
  code?: number,
): UpstreamFailure {
  return new Failure(kind, message, { fields: settings.map((path) => ({ path, message })), code }) as UpstreamFailure;
}
