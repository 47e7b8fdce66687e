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
import type { MinimumAvailability, MovieStatus } from "../../../src/domain/library/movieStatus";
import type { ListFieldDefinition } from "../../../src/domain/lists/source";
import type { Language, ParsedMovieInfo as ParserResult, Revision } from "../../../src/domain/parser";
import type { TraktAuthErrorCode } from "../../../src/integrations/trakt/deviceFlow";
import type { ImportListSettings } from "../../../src/library/settings";

export type { Language, MinimumAvailability, MovieStatus, Rejection, Revision };

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

export interface Quality {
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

export interface FormatScore {
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
export interface ImportListField {
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
> & { fields: { name: string; value?: unknown }[] };

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
export type ListItemRecord = Pick<
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
export interface OfferProvider {
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

export type WatchmodeStatus = "ok" | "notMapped" | "budgetExhausted" | "disabled" | "error";

export interface WatchmodeSource {
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
  /** Watchmode's sources for the title, when the server asks Watchmode (newer servers). */
  watchmode?: { status: WatchmodeStatus; message?: string; sources: WatchmodeSource[] };
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

export interface ComingSoonItem {
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
