/**
 * The API's requests and responses as the site uses them, each inferred from the zod schema the
 * Worker's route declares: responses and query strings as the route reads them (`z.infer`; the
 * site sends the values, the server parses their text), JSON bodies as they may be sent
 * (`z.input`, defaults optional). Type-only imports: nothing of the server reaches the bundle,
 * and a change to a route's schema shows up here at once.
 */
import type { z } from "@hono/zod-openapi";
import type { blocklistRecordSchema } from "../../../src/api/blocklist";
import type { budgetSchema } from "../../../src/api/budget";
import type { cacheStatsListSchema } from "../../../src/api/cacheStats";
import type { commandSchema } from "../../../src/api/commands";
import type { streamingConfigSchema, streamingInputSchema } from "../../../src/api/config";
import type { customFilterSchema } from "../../../src/api/customFilters";
import type { downloadClientOutput, downloadClientTestSchema } from "../../../src/api/downloadClients";
import type { exclusionSchema } from "../../../src/api/exclusions";
import type { failurePageSchema } from "../../../src/api/failures";
import type { historySchema } from "../../../src/api/history";
import type {
  csvSyncResultSchema,
  listItemPageSchema,
  listItemQuerySchema,
  listSyncJobsSchema,
  provenanceSchema,
  runSchema,
} from "../../../src/api/importListActivity";
import type {
  importListConfigSchema,
  importListInput,
  importListOutput,
  listTestResultSchema,
} from "../../../src/api/importLists";
import type { indexerOutput, statusSchema as indexerStatusSchema } from "../../../src/api/indexers";
import type { testResultSchema as indexerTestSchema } from "../../../src/api/indexerTest";
import type { migrationSchema } from "../../../src/api/migration";
import type { moviePageSchema, pagedQuerySchema } from "../../../src/api/movies";
import type { notificationFailurePageSchema } from "../../../src/api/notificationFailures";
import type { notificationOutput, notificationTestSchema } from "../../../src/api/notifications";
import type { parseQuerySchema, parseResultSchema } from "../../../src/api/parse";
import type { profileResourceSchema } from "../../../src/api/quality";
import type { definitionSchema } from "../../../src/api/qualityDefinitions";
import type { queueRecordSchema, queueStatusSchema, removalQuery } from "../../../src/api/queue";
import type { grabbedSchema, releaseSchema } from "../../../src/api/releases";
import type { rootFolderSchema } from "../../../src/api/rootFolders";
import type {
  collectionSchema as analyzerCollectionSchema,
  collectionStateSchema as analyzerStateSchema,
  groupDetailSchema,
  groupSchema as releaseGroupSchema,
  startCollectionSchema,
} from "../../../src/api/schemas/analysis";
import type { errorSchema } from "../../../src/api/schemas/common";
import type { pageEnvelope, pagingQuery } from "../../../src/api/schemas/download";
import type {
  MovieResource,
  movieAddSchema,
  movieEditorDeleteSchema,
  movieEditorSchema,
  movieUpdateSchema,
} from "../../../src/api/schemas/movie";
import type {
  availabilitySchema,
  comingSoonSchema,
  providerCatalogueSchema,
  trendingSchema,
} from "../../../src/api/schemas/streaming";
import type { sessionSchema } from "../../../src/api/session";
import type { healthSchema, statusSchema as systemStatusSchema } from "../../../src/api/system";
import type { sessionSchema as systemSessionSchema } from "../../../src/api/systemSessions";
import type { tagSchema } from "../../../src/api/tags";
import type { deviceFlowSchema, statusSchema as traktStatusSchema } from "../../../src/api/traktAuth";
import type {
  CustomFormatResource,
  CustomFormatSpecificationResource,
  FieldResource,
} from "../../../src/domain/customFormats/resource";
import type { FailureKind } from "../../../src/domain/failures/kinds";
import type { MinimumAvailability, MovieStatus } from "../../../src/domain/library/movieStatus";
import type { ProviderBodyOf, ProviderResourceOf } from "../../../src/providers/router";

export type { FailureKind, MinimumAvailability, MovieStatus };

/** A page of a paged resource (`/queue`, `/blocklist`, `/history`), Radarr's envelope. */
type Paged<S extends z.ZodType> = z.infer<ReturnType<typeof pageEnvelope<S>>>;
type PagingQuery = ReturnType<typeof pagingQuery<string>>;
/** The paging a paged resource takes; the server fills in what is left out. */
export type PageQuery = { [K in keyof PagingQuery]?: z.infer<PagingQuery[K]> };

export type FieldError = NonNullable<z.infer<typeof errorSchema>["errors"]>[number];
export type Session = z.infer<typeof sessionSchema>;

export type Movie = MovieResource;
export type MoviePage = z.infer<typeof moviePageSchema>;
export type MoviePageQuery = z.infer<typeof pagedQuerySchema>;
export type SortKey = MoviePageQuery["sortKey"];
export type SortDirection = MoviePageQuery["sortDirection"];
/** The fields PUT /movie/{id} changes; the edit form always sends all of them. */
export type MovieEdit = Required<z.input<typeof movieUpdateSchema>>;
export type MovieAdd = z.input<typeof movieAddSchema>;
/** PUT /movie/editor: the chosen movies and the fields to set on all of them. */
export type MovieEditorEdit = z.input<typeof movieEditorSchema>;
/** DELETE /movie/editor. */
export type MovieEditorDelete = z.input<typeof movieEditorDeleteSchema>;
/** The library's filters without the page and its order (GET /movie/ids). */
export type MovieFilterQuery = Omit<MoviePageQuery, "page" | "pageSize" | "sortKey" | "sortDirection">;

export type QualityProfile = z.infer<typeof profileResourceSchema>;
export type QualityProfileItem = QualityProfile["items"][number];
export type QualityDefinition = z.infer<typeof definitionSchema>;
/** The route's schema also reads loose input; what it answers is the domain's resource, typed here. */
export type CustomFormat = CustomFormatResource;
export type CustomFormatSpecification = CustomFormatSpecificationResource;
export type SpecificationField = FieldResource;

/** The release name, and what else is known of the release; the server fills in the rest. */
export type ParseQuery = Partial<z.infer<typeof parseQuerySchema>> & Pick<z.infer<typeof parseQuerySchema>, "title">;
export type ParseResult = z.infer<typeof parseResultSchema>;
export type ParsedMovieInfo = NonNullable<ParseResult["parsedMovieInfo"]>;
export type Rejection = NonNullable<ParseResult["decision"]>["rejections"][number];

export type RootFolder = z.infer<typeof rootFolderSchema>;
export type RadarrMigration = z.infer<typeof migrationSchema>;
export type Tag = z.infer<typeof tagSchema>;
export type ImportExclusion = z.infer<typeof exclusionSchema>;
export type CustomFilter = z.infer<typeof customFilterSchema>;
export type SystemStatus = z.infer<typeof systemStatusSchema>;
export type HealthCheck = z.infer<typeof healthSchema>;
export type SystemSession = z.infer<typeof systemSessionSchema>;
export type ApiBudget = z.infer<typeof budgetSchema>;
export type CacheStatsList = z.infer<typeof cacheStatsListSchema>;
export type Command = z.infer<typeof commandSchema>;

export type ImportList = ProviderResourceOf<typeof importListOutput>;
/** What POST/PUT /importlist and /importlist/test take: the list with its fields as `{name, value}`. */
export type ImportListInput = ProviderBodyOf<typeof importListInput>;
export type ImportListTestResult = z.infer<typeof listTestResultSchema>;
export type ListMonitor = ImportList["monitor"];
export type ListStreamingOption = ImportList["streamingOption"];
export type ListSyncRun = z.infer<typeof runSchema>;
export type ListSyncJob = z.infer<typeof listSyncJobsSchema>[number];
export type ListItemPage = z.infer<typeof listItemPageSchema>;
export type ListItemQuery = z.infer<typeof listItemQuerySchema>;
export type ListItemStatus = NonNullable<ListItemQuery["status"]>;
export type MovieProvenance = z.infer<typeof provenanceSchema>[number];
export type CsvSyncResult = z.infer<typeof csvSyncResultSchema>;
export type ImportListConfig = z.infer<typeof importListConfigSchema>;
export type ListSyncLevel = ImportListConfig["listSyncLevel"];

export type Trending = z.infer<typeof trendingSchema>;
export type TrendingItem = Trending["results"][number];
export type TrendingWindow = Trending["window"];
export type TrendingSource = Trending["source"];
export type StreamingMediaType = Trending["mediaType"];
export type SourceStatus = Trending["sources"]["tmdb"];
export type Attribution = Trending["attribution"][number];
export type TitleAvailability = NonNullable<TrendingItem["availability"]>;
export type Offers = TitleAvailability["offers"];
export type OfferType = keyof Offers;
export type StreamingAvailability = z.infer<typeof availabilitySchema>;
export type ProviderCatalogue = z.infer<typeof providerCatalogueSchema>;
export type StreamingProvider = ProviderCatalogue["providers"][number];
export type ComingSoon = z.infer<typeof comingSoonSchema>;
export type StreamingRelease = NonNullable<ComingSoon["streamingReleases"]>[number];
export type StreamingConfig = z.infer<typeof streamingConfigSchema>;
export type StreamingConfigInput = z.input<typeof streamingInputSchema>;
export type StreamingOfferSetting = StreamingConfig["offerTypes"][number];
export type TraktAuthStatus = z.infer<typeof traktStatusSchema>;
export type TraktDeviceFlow = z.infer<typeof deviceFlowSchema>;

export type Indexer = ProviderResourceOf<typeof indexerOutput>;
export type IndexerTestResult = z.infer<typeof indexerTestSchema>;
export type IndexerStatus = z.infer<typeof indexerStatusSchema>;
export type DownloadClient = ProviderResourceOf<typeof downloadClientOutput>;
export type DownloadClientTestResult = z.infer<typeof downloadClientTestSchema>;
export type Notification = ProviderResourceOf<typeof notificationOutput>;
/** The events a notification target hears about. */
export type NotificationEvent = Extract<keyof Notification, `on${string}`>;
export type NotificationTestResult = z.infer<typeof notificationTestSchema>;
/** A page of dead-lettered notification deliveries (`/notification/failures`). */
export type NotificationFailurePage = z.infer<typeof notificationFailurePageSchema>;
export type NotificationFailure = NotificationFailurePage["records"][number];
type IndexerField = Indexer["fields"][number];
/**
 * A provider setting as its schema describes it (a `select` whose value is a list takes several
 * options); what only some kinds describe (notifications have no advanced or secret fields) is optional.
 */
export type ProviderField = (IndexerField | DownloadClient["fields"][number] | Notification["fields"][number]) &
  Partial<Pick<IndexerField, "advanced" | "privacy" | "helpText">>;
/** Any provider resource (indexers, download clients, notifications): a schema template or a saved one. */
export type ProviderResource = (Indexer | DownloadClient | Notification) & {
  implementationName?: string;
  fields: ProviderField[];
};
/** What POST/PUT and /test take: the resource with its fields as `{name, value}`. */
export type ProviderInput<T extends ProviderResource> = Omit<T, "fields" | "implementationName"> & {
  fields: { name: string; value?: unknown }[];
};

export type Release = z.infer<typeof releaseSchema>;
export type GrabbedRelease = z.infer<typeof grabbedSchema>;
export type QueueItem = z.infer<typeof queueRecordSchema>;
export type QueuePage = Paged<typeof queueRecordSchema>;
export type QueueStatus = z.infer<typeof queueStatusSchema>;
export type QueueRemoval = Partial<z.infer<typeof removalQuery>>;
export type BlocklistItem = z.infer<typeof blocklistRecordSchema>;
export type BlocklistPage = Paged<typeof blocklistRecordSchema>;
export type DownloadFailurePage = z.infer<typeof failurePageSchema>;
export type DownloadFailure = DownloadFailurePage["records"][number];
export type HistoryRecord = z.infer<typeof historySchema>;
export type HistoryPage = Paged<typeof historySchema>;
export type HistoryEventType = HistoryRecord["eventType"];

export type ReleaseGroupReputation = z.infer<typeof releaseGroupSchema>;
export type ReleaseGroupDetail = z.infer<typeof groupDetailSchema>;
export type AnalyzerCollection = z.infer<typeof analyzerCollectionSchema>;
export type AnalyzerState = z.infer<typeof analyzerStateSchema>;
export type AnalyzerStart = z.input<typeof startCollectionSchema>;
