/**
 * The API's resource shapes as the site uses them. The movie comes from the Worker's own zod
 * schema (a type-only import: nothing of the server reaches the bundle); the smaller resources
 * are written here from the Radarr v3 shapes the routes return.
 */
import type { MovieResource } from "../../../src/api/schemas/movie";
import type { listItems, listSyncJobs, listSyncRuns, movieProvenance } from "../../../src/db/schema";
import type { BudgetUsage } from "../../../src/domain/budgets/ledger";
import type {
  CustomFormatResource,
  CustomFormatSpecificationResource,
  FieldResource,
} from "../../../src/domain/customFormats/resource";
import type { Rejection } from "../../../src/domain/decisions/types";
import type { FailureKind } from "../../../src/domain/failures/kinds";
import type { MinimumAvailability, MovieStatus } from "../../../src/domain/library/movieStatus";
import type { ListFieldDefinition } from "../../../src/domain/lists/source";
import type { Language, ParsedMovieInfo as ParserResult, Revision } from "../../../src/domain/parser";
import type { TraktAuthErrorCode } from "../../../src/integrations/trakt/deviceFlow";
import type { ImportListSettings } from "../../../src/services/settings";

export type { FailureKind, MinimumAvailability, MovieStatus, Rejection };

/** A movie as the API returns it; generated and older rows may carry `collection: null`. */
export type Movie = Omit<MovieResource, "collection"> & { collection?: { title: string; tmdbId: number } | null };

export type SortKey = "title" | "year" | "added" | "rating" | "size" | "popularity";
export type SortDirection = "ascending" | "descending";

export interface MoviePageQuery {
  page: number;
  pageSize: number;
  sortKey: SortKey;
  sortDirection: SortDirection;
  search?: string;
  monitored?: boolean;
  hasFile?: boolean;
  status?: Exclude<MovieStatus, "deleted">;
  yearFrom?: number;
  yearTo?: number;
  genre?: string;
  tagId?: number;
  qualityProfileId?: number;
}

export interface MoviePage {
  page: number;
  pageSize: number;
  sortKey: string;
  sortDirection: SortDirection;
  totalRecords: number;
  records: Movie[];
}

/** The fields PUT /movie/{id} changes. */
export interface MovieEdit {
  monitored: boolean;
  qualityProfileId: number;
  minimumAvailability: MinimumAvailability;
  rootFolderPath: string;
  path: string;
  tags: number[];
}

export interface MovieAdd {
  tmdbId: number;
  title?: string;
  qualityProfileId: number;
  rootFolderPath: string;
  monitored: boolean;
  minimumAvailability: MinimumAvailability;
  tags: number[];
  addOptions: { searchForMovie: boolean; monitor: "movieOnly" | "movieAndCollection" | "none"; addMethod: "manual" };
}

interface Quality {
  id: number;
  name: string;
  source: string;
  resolution: number;
  modifier: string;
}

/** A profile item is either one quality or a named group of them. */
export interface QualityProfileItem {
  id?: number;
  name?: string;
  quality?: Quality;
  items: QualityProfileItem[];
  allowed: boolean;
}

export interface QualityProfile {
  id: number;
  name: string;
  upgradeAllowed: boolean;
  cutoff: number;
  items: QualityProfileItem[];
  minFormatScore: number;
  cutoffFormatScore: number;
  minUpgradeFormatScore: number;
  /** Every custom format with this profile's score for it (0 when unset). */
  formatItems: FormatScore[];
  language: { id: number; name: string };
}

interface FormatScore {
  format: number;
  name: string;
  score: number;
}

/** A quality's size limits in megabytes per minute of runtime; null max/preferred is unlimited. */
export interface QualityDefinition {
  id: number;
  quality: Quality;
  title: string;
  weight: number;
  minSize: number | null;
  maxSize: number | null;
  preferredSize: number | null;
}

/** A custom format and its specifications in Radarr's resource shape (fields as `[{name, value}]`). */
export type CustomFormat = CustomFormatResource;
export type CustomFormatSpecification = CustomFormatSpecificationResource;
export type SpecificationField = FieldResource;

/** What `GET /parse` reads from a release name: the parser's result with the quality as the API sends it. */
export type ParsedMovieInfo = Pick<
  ParserResult,
  | "movieTitles"
  | "primaryMovieTitle"
  | "originalTitle"
  | "year"
  | "edition"
  | "releaseGroup"
  | "releaseHash"
  | "imdbId"
  | "tmdbId"
  | "hardcodedSubs"
  | "videoCodec"
  | "audioCodec"
  | "audioChannels"
  | "hdrFormat"
  | "is3D"
  | "infoHash"
  | "isSample"
> & { quality: { quality: Quality; revision: Revision }; languages: Language[] };

export interface ParseQuery {
  title: string;
  movieId?: number;
  /** Bytes. */
  size?: number;
  protocol?: "torrent" | "usenet";
  seeders?: number;
  /** Bitmask of indexer flags. */
  indexerFlags?: number;
  ageMinutes?: number;
}

export interface ParseResult {
  title: string;
  parsedMovieInfo: ParsedMovieInfo | null;
  /** The library movie the name matched, or the one asked about with `movieId`. */
  movie?: Movie;
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  /** Present when a movie is known: the release judged against that movie's quality profile. */
  decision?: { accepted: boolean; rejections: Rejection[] };
}

export interface RootFolder {
  id: number;
  path: string;
  accessible: boolean;
  freeSpace: number | null;
  totalSpace: number | null;
  movieCount: number;
}

export interface Tag {
  id: number;
  label: string;
}

export interface ImportExclusion {
  id: number;
  tmdbId: number;
  movieTitle: string;
  movieYear: number;
}

export interface Session {
  authenticated: boolean;
  passwordLogin: boolean;
  demoMode: boolean;
}

export interface SystemStatus {
  appName: string;
  instanceName: string;
  version: string;
  buildTime: string;
  startTime: string;
  runtimeName: string;
  runtimeVersion: string;
  databaseType: string;
  migrationVersion: number;
  authentication: string;
  branch: string;
  demoMode: boolean;
}

export interface HealthCheck {
  source: string;
  type: "ok" | "notice" | "warning" | "error";
  message: string;
  wikiUrl: string;
}

export interface FieldError {
  path: string;
  message: string;
}

/** How a list adds movies: the movie alone, the movie and its collection, or nothing monitored. */
export type ListMonitor = "movieOnly" | "movieAndCollection" | "none";

/** What a list does with a new movie that streams on a subscribed service (config/streaming). */
export type ListStreamingOption = "ignore" | "addUnmonitored" | "skip";

/** A list setting as the provider schema describes it; `value` is what the list holds. */
interface ImportListField {
  order: number;
  name: string;
  label: string;
  value?: unknown;
  type: ListFieldDefinition["type"];
  advanced: boolean;
  privacy: NonNullable<ListFieldDefinition["privacy"]>;
  helpText?: string;
  selectOptions?: { value: string | number; name: string }[];
}

/** An import list (`/importlist`), or with no id a schema template for a new one. */
export interface ImportList {
  id?: number;
  name: string;
  implementation: string;
  implementationName: string;
  configContract: string;
  fields: ImportListField[];
  enabled: boolean;
  enableAuto: boolean;
  monitor: ListMonitor;
  minimumAvailability: MinimumAvailability;
  qualityProfileId: number;
  rootFolderPath: string;
  searchOnAdd: boolean;
  streamingOption: ListStreamingOption;
  tags: number[];
  listOrder: number;
  /** tmdb, trakt, plex, other (IMDb) or advanced. */
  listType: string;
  /** The shortest allowed sync interval as a TimeSpan, "12:00:00". */
  minRefreshInterval: string;
  syncIntervalMinutes: number;
  lastSyncAt?: string;
  nextSyncAt?: string;
}

/** What POST/PUT /importlist and /importlist/test take: the list with its fields as `{name, value}`. */
export type ImportListInput = Omit<
  ImportList,
  "id" | "implementationName" | "listType" | "minRefreshInterval" | "lastSyncAt" | "nextSyncAt" | "fields"
> & { fields: { name: string; value?: unknown }[] /** a saved list's, for /test */; id?: number };

export interface ImportListTestResult {
  isValid: boolean;
  items: number;
  pages: number;
}

/** One sync of a list, as stored. */
export type ListSyncRun = typeof listSyncRuns.$inferSelect;
/** A list sync job on the queue, with its retries. */
export type ListSyncJob = typeof listSyncJobs.$inferSelect;
export type ListItemStatus = (typeof listItems.$inferSelect)["status"];
type ListItemRecord = Pick<
  typeof listItems.$inferSelect,
  "id" | "tmdbId" | "imdbId" | "title" | "year" | "status" | "movieId" | "firstSeenAt"
>;

export interface ListItemPage {
  page: number;
  pageSize: number;
  totalRecords: number;
  records: ListItemRecord[];
}

export interface ListItemQuery {
  page: number;
  pageSize: number;
  status?: ListItemStatus;
}

/** A list that added a movie ("added") or holds one that was already there ("matched"). */
export type MovieProvenance = Omit<typeof movieProvenance.$inferSelect, "movieId">;

/** The outcome of syncing a list from an uploaded IMDb CSV export. */
export type CsvSyncResult = Pick<
  ListSyncRun,
  "status" | "durationMs" | "found" | "added" | "updated" | "removed" | "excluded" | "existing" | "errors"
> & { runId: number; skipped: number };

export type ImportListConfig = ImportListSettings & { id: number };
export type ListSyncLevel = ImportListSettings["listSyncLevel"];

/** A command (`/command`): queued, then started, then completed or failed, with progress in `message`. */
export interface Command {
  id: number;
  name: string;
  commandName: string;
  message?: string;
  body: Record<string, unknown>;
  status: "queued" | "started" | "completed" | "failed";
  result?: Record<string, unknown>;
  queued: string;
  started?: string;
  ended?: string;
  duration?: string;
  trigger: "manual" | "scheduled";
}

/** One list's line in an ImportListSync command's result. */
export interface ListSyncCommandResult {
  listId: number;
  status: string;
  found?: number;
  added?: number;
  removed?: number;
  error?: string;
}

/** Streaming: offer types in the order the site shows them (subscription first, stores last). */
export type OfferType = "flatrate" | "free" | "ads" | "rent" | "buy";
export type StreamingMediaType = "movie" | "tv";
export type TrendingWindow = "day" | "week";
export type TrendingSource = "combined" | "tmdb" | "trakt";

/** Whom a response credits for its data (TMDb, JustWatch, Trakt, Watchmode). */
export interface Attribution {
  name: string;
  url: string;
  notice: string;
}

/** A service offering a title, with the page that deep-links to it. */
interface OfferProvider {
  providerId: number;
  name: string;
  logoUrl: string | null;
  displayPriority: number;
  link: string | null;
}

export type Offers = Record<OfferType, OfferProvider[]>;

/** Where a title can be watched in a region (JustWatch data through TMDb). */
export interface TitleAvailability {
  available: boolean;
  link: string | null;
  offers: Offers;
}

type WatchmodeStatus = "ok" | "notMapped" | "budgetExhausted" | "disabled" | "error";

interface WatchmodeSource {
  sourceId: number;
  name: string;
  type: string;
  region: string;
  webUrl: string | null;
  format: string | null;
  price: number | null;
}

export interface StreamingAvailability extends TitleAvailability {
  tmdbId: number;
  mediaType: StreamingMediaType;
  region: string;
  attribution: Attribution[];
  /** Watchmode's sources for the title; null unless asked for with `watchmode: true`. */
  watchmode?: { status: WatchmodeStatus; message?: string; sources: WatchmodeSource[] } | null;
}

/** A trending title. Older servers send one TMDb `rank`; newer ones `ranks`, `score` and `availability`. */
export interface TrendingItem {
  tmdbId: number;
  title: string;
  year: number | null;
  posterUrl: string | null;
  rank?: number;
  ranks?: { tmdb: number | null; trakt: number | null };
  score?: number | null;
  popularity: number | null;
  voteAverage: number | null;
  traktWatchers?: number | null;
  inLibrary?: boolean;
  availability?: TitleAvailability | null;
}

export interface SourceStatus {
  /** Whether the `source` choice reads this source (newer servers); an unread source is not a failure. */
  requested?: boolean;
  ok: boolean;
  stale: boolean;
  error?: string;
}

export interface Trending {
  mediaType: StreamingMediaType;
  window: TrendingWindow;
  region?: string;
  source: TrendingSource;
  results: TrendingItem[];
  sources?: Partial<Record<"tmdb" | "trakt", SourceStatus>>;
  attribution: Attribution[];
}

export interface StreamingProvider {
  providerId: number;
  name: string;
  logoUrl: string | null;
  displayPriority: number;
}

export interface ProviderCatalogue {
  mediaType: StreamingMediaType;
  region: string;
  providers: StreamingProvider[];
  attribution: Attribution[];
}

interface ComingSoonItem {
  tmdbId: number;
  title: string;
  year: number | null;
  releaseDate: string | null;
  posterUrl: string | null;
  popularity: number;
  voteAverage: number;
  inLibrary: boolean;
}

/** A title arriving on a streaming service (Watchmode). */
export interface StreamingRelease {
  watchmodeId: number;
  tmdbId: number | null;
  title: string;
  mediaType: string;
  posterUrl: string | null;
  releaseDate: string | null;
  sourceId: number;
  sourceName: string;
  inLibrary: boolean;
}

export interface ComingSoon {
  region: string;
  dates: { minimum: string; maximum: string } | null;
  page: number;
  totalPages: number;
  results: ComingSoonItem[];
  streamingReleases?: StreamingRelease[];
  /** Whether Watchmode's release calendar could be read, and why not. */
  streamingReleasesStatus?: WatchmodeStatus;
  streamingReleasesMessage?: string;
  attribution: Attribution[];
}

/** A streaming response together with the upstream the server says it served stale (X-Stale-Upstream). */
export type WithStale<T> = T & { staleUpstream?: string };

export type StreamingOfferSetting = "flatrate" | "free" | "ads";

export interface StreamingConfig {
  id: number;
  region: string;
  subscribedProviderIds: number[];
  offerTypes: StreamingOfferSetting[];
}

export interface TraktAuthStatus {
  connected: boolean;
  expiresAt: string | null;
  scope: string | null;
  polling: { userCode: string; verificationUrl: string; expiresAt: string; interval: number } | null;
  lastError: { code: TraktAuthErrorCode; message: string; at: string } | null;
}

export interface TraktDeviceFlow {
  userCode: string;
  verificationUrl: string;
  expiresIn: number;
  interval: number;
}

export type ApiBudget = BudgetUsage;

export interface CacheStats {
  name: string;
  hits: number;
  misses: number;
  stale: number;
  total?: number;
  /** (hits + stale) / total: lookups answered without waiting for the upstream. */
  hitRate: number;
}

/**
 * A provider setting (indexers, download clients, notifications) as its schema describes it.
 * A `select` whose value is a list takes several options.
 */
export interface ProviderField {
  order: number;
  name: string;
  label: string;
  value?: unknown;
  type: string;
  advanced?: boolean;
  privacy?: string;
  helpText?: string;
  selectOptions?: { value: string | number; name: string }[];
}

/** What every provider resource has: a schema template (no id) or a saved one. */
export interface ProviderResource {
  id?: number;
  name: string;
  implementation: string;
  implementationName?: string;
  configContract: string;
  fields: ProviderField[];
}

/** What POST/PUT and /test take: the resource with its fields as `{name, value}`. */
export type ProviderInput<T extends ProviderResource> = Omit<T, "fields" | "implementationName"> & {
  fields: { name: string; value?: unknown }[];
};

type DownloadProtocol = "torrent" | "usenet";

/** An indexer (`/indexer`): Torznab, Newznab or HDBits. */
export interface Indexer extends ProviderResource {
  implementationName: string;
  infoLink: string;
  protocol: DownloadProtocol;
  /** 1 is tried first, 50 last. */
  priority: number;
  enableRss: boolean;
  enableAutomaticSearch: boolean;
  enableInteractiveSearch: boolean;
  supportsRss: boolean;
  supportsSearch: boolean;
  tags: number[];
  downloadClientId: number;
}

export interface IndexerTestResult {
  isValid: boolean;
  capabilities?: {
    limitMax: number;
    searchParams: string[];
    movieSearchParams: string[];
    categories: { id: number; name: string }[];
  };
}

/** An indexer that failed recently (`/indexerstatus`): left alone until `disabledTill`. */
export interface IndexerStatus {
  id: number;
  indexerId: number;
  escalationLevel: number;
  initialFailure?: string;
  mostRecentFailure?: string;
  disabledTill?: string;
  lastError?: string;
  lastFailureKind?: string;
}

/** A download client (`/downloadclient`): qBittorrent, SABnzbd or Transmission. */
export interface DownloadClient extends ProviderResource {
  implementationName: string;
  infoLink: string;
  protocol: DownloadProtocol;
  enable: boolean;
  priority: number;
  removeCompletedDownloads: boolean;
  removeFailedDownloads: boolean;
  tags: number[];
}

export interface DownloadClientTestResult {
  isValid: boolean;
  version: string;
}

/** The events a notification target hears about. */
export type NotificationEvent =
  | "onGrab"
  | "onDownload"
  | "onUpgrade"
  | "onDownloadFailure"
  | "onHealthIssue"
  | "onMovieAdded";

/** A notification target (`/notification`): a webhook or a Discord channel. */
export type Notification = ProviderResource & Record<NotificationEvent, boolean>;

/** One search result with its decision (`GET /release?movieId=`), in the server's ranked order. */
export interface Release {
  guid: string;
  title: string;
  movieId?: number;
  indexerId: number;
  indexer: string;
  protocol: DownloadProtocol;
  size: number;
  seeders: number | null;
  leechers: number | null;
  /** Days since publication. */
  age: number;
  ageHours: number;
  ageMinutes: number;
  publishDate?: string;
  infoHash?: string;
  infoUrl?: string;
  indexerFlags: string[];
  quality: { quality: Quality; revision: Revision } | null;
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  releaseGroup: string;
  edition: string;
  languages: Language[];
  approved: boolean;
  temporarilyRejected: boolean;
  rejected: boolean;
  rejections: Rejection[];
  downloadAllowed: boolean;
  rank?: number;
}

/** What a grab answers: the release and where it went. */
export type GrabbedRelease = Release & { queueId: number; downloadClientId: number; downloadId: string };

/** A release search's answer, with the indexers that could not answer (X-Indexer-Failures). */
export interface ReleaseSearch {
  releases: Release[];
  indexerFailures?: string;
}

/** A page of a paged resource (`/queue`, `/blocklist`, `/history`), Radarr's envelope. */
export interface PagedResult<T> {
  page: number;
  pageSize: number;
  sortKey?: string;
  sortDirection?: SortDirection;
  totalRecords: number;
  records: T[];
}

export interface PageQuery {
  page: number;
  pageSize: number;
  sortKey?: string;
  sortDirection?: SortDirection;
}

interface QualityModel {
  quality: Quality;
  revision: Revision;
}

/** A queue item (`/queue`): a download on its way, waiting to import, or failing. */
export interface QueueItem {
  id: number;
  movieId: number;
  movie?: Movie;
  quality: QualityModel;
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  size: number;
  title: string;
  sizeleft: number;
  /** .NET TimeSpan: "hh:mm:ss" or "d.hh:mm:ss". */
  timeleft?: string;
  estimatedCompletionTime?: string;
  added: string;
  /** The client's status: queued, downloading, paused, completed, failed, warning… */
  status: string;
  trackedDownloadStatus: "ok" | "warning" | "error";
  /** grabPending, downloading, importPending, importing, failedPending. */
  trackedDownloadState: string;
  statusMessages: { title: string; messages: string[] }[];
  errorMessage?: string;
  downloadId?: string;
  protocol: DownloadProtocol;
  downloadClient: string;
  indexer: string;
  outputPath?: string;
  /** 0–1. */
  progress: number;
  failureKind?: FailureKind;
  retryCount: number;
  nextRetryAt?: string;
}

export interface QueueStatus {
  totalCount: number;
  count: number;
  errors: boolean;
  warnings: boolean;
}

export interface QueueRemoval {
  removeFromClient: boolean;
  blocklist: boolean;
  /** With blocklist: do not grab the next-best release. */
  skipRedownload?: boolean;
}

/** A blocklisted release (`/blocklist`): never grabbed again until `blockedUntil` (absent: never). */
export interface BlocklistItem {
  id: number;
  movieId: number;
  movie?: Movie;
  sourceTitle: string;
  quality: QualityModel;
  customFormats: { id: number; name: string }[];
  date: string;
  protocol: DownloadProtocol;
  indexer?: string;
  message?: string;
  infoHash?: string;
  /** The failure kind that blocklisted it, or "manual". */
  reason: string;
  blockedUntil?: string;
  retryCount: number;
}

/** A download that failed or is being retried (`/failures`). */
export interface DownloadFailure {
  id: number;
  movieId: number;
  movieTitle: string;
  movieYear: number;
  title: string;
  indexer: string;
  protocol: DownloadProtocol;
  quality: QualityModel;
  downloadClient: string;
  downloadId?: string;
  failureKind: FailureKind;
  /** Whose fault: the release's (blocklist it), ours, or the upstream's (wait and retry). */
  owner: "release" | "ours" | "upstream";
  message: string;
  retryCount: number;
  maxRetries: number;
  nextRetryAt?: string;
  state: "retrying" | "failed" | "deadLettered" | "recovered";
  trackedDownloadState: string;
  blocklisted: boolean;
  grabbedAt: string;
  date: string;
}

export interface DownloadFailurePage {
  page: number;
  pageSize: number;
  totalRecords: number;
  /** Failures per kind, over everything (not just this page). */
  counts: Partial<Record<FailureKind, number>>;
  records: DownloadFailure[];
}

export type HistoryEventType =
  | "grabbed"
  | "downloadFolderImported"
  | "downloadFailed"
  | "movieFileDeleted"
  | "upgraded";

/** A history event (`/history`): a grab, an import, an upgrade, a failure. */
export interface HistoryRecord {
  id: number;
  movieId: number;
  movie?: Movie;
  sourceTitle: string;
  quality: QualityModel;
  fromQuality?: QualityModel;
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  date: string;
  downloadId?: string;
  eventType: HistoryEventType;
  data: Record<string, string>;
}

/** A logged-in browser (`GET /api/v3/system/session`). */
export interface SystemSession {
  id: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
  clientAddress: string;
  current: boolean;
}
