/**
 * The one module that talks to the Worker. Every call goes through `request`: same-origin
 * credentials (the HttpOnly session cookie; the site never holds the API key), JSON in and out,
 * and failures turned into an ApiError carrying the server's message and field errors.
 */
import type {
  ApiBudget,
  BlocklistPage,
  CacheStatsList,
  ComingSoon,
  Command,
  CsvSyncResult,
  CustomFilter,
  CustomFormat,
  CustomFormatSpecification,
  DownloadClient,
  DownloadClientTestResult,
  DownloadFailurePage,
  FailureKind,
  FieldError,
  GrabbedRelease,
  HealthCheck,
  HistoryEventType,
  HistoryPage,
  ImportExclusion,
  ImportList,
  ImportListConfig,
  ImportListInput,
  ImportListTestResult,
  Indexer,
  IndexerStatus,
  IndexerTestResult,
  ListItemPage,
  ListItemQuery,
  ListSyncJob,
  ListSyncRun,
  Movie,
  MovieAdd,
  MovieEdit,
  MoviePage,
  MoviePageQuery,
  MovieProvenance,
  Notification,
  NotificationTestResult,
  PageQuery,
  ParseQuery,
  ParseResult,
  ProviderCatalogue,
  ProviderInput,
  ProviderResource,
  QualityDefinition,
  QualityProfile,
  QueuePage,
  QueueRemoval,
  QueueStatus,
  RadarrMigration,
  Release,
  RootFolder,
  Session,
  StreamingAvailability,
  StreamingConfig,
  StreamingConfigInput,
  StreamingMediaType,
  SystemSession,
  SystemStatus,
  Tag,
  TraktAuthStatus,
  TraktDeviceFlow,
  Trending,
  TrendingSource,
  TrendingWindow,
} from "./resources";

import { type Query, queryString, send } from "./transport";

export type * from "./resources";

/** A streaming response together with the upstream the server says it served stale (X-Stale-Upstream). */
export type WithStale<T> = T & { staleUpstream?: string };

/** A release search's answer, with the indexers that could not answer (X-Indexer-Failures). */
export interface ReleaseSearch {
  releases: Release[];
  indexerFailures?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A body sent as it is rather than as JSON, e.g. an uploaded CSV file. */
  file?: { text: string; contentType: string };
  signal?: AbortSignal;
  /** Login answers 401 for a wrong key; that is a form error, not an expired session. */
  sessionRequired?: boolean;
  /** Sees the successful response's headers (e.g. X-Stale-Upstream). */
  onHeaders?: (headers: Headers) => void;
}

let onUnauthorized: () => void = () => {};

/** Called when a guarded call answers 401: the session ended, so the site shows the login again. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { query, body, file, signal, sessionRequired = true, onHeaders } = options;
  const contentType = file ? file.contentType : body === undefined ? undefined : "application/json";
  let response: Response;
  try {
    response = await send(`${path}${query ? queryString(query) : ""}`, {
      method,
      credentials: "same-origin",
      headers: contentType
        ? { accept: "application/json", "content-type": contentType }
        : { accept: "application/json" },
      body: file ? file.text : body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "The server cannot be reached; check that Radarr Edge is running");
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const problem = (payload ?? {}) as { message?: string; errors?: FieldError[] };
    if (response.status === 401 && sessionRequired) onUnauthorized();
    throw new ApiError(
      response.status,
      problem.message ?? `${method} ${path} failed (${response.status})`,
      problem.errors ?? [],
    );
  }
  onHeaders?.(response.headers);
  return payload as T;
}

/** A streaming GET whose body also says which upstream the server served from a stale cache. */
async function streamingGet<T extends object>(path: string, query: Query, signal?: AbortSignal): Promise<WithStale<T>> {
  let staleUpstream: string | undefined;
  const body: WithStale<T> = await request<T>("GET", path, {
    query,
    signal,
    onHeaders: (headers) => {
      staleUpstream = headers.get("x-stale-upstream") ?? undefined;
    },
  });
  return staleUpstream ? { ...body, staleUpstream } : body;
}

export const v3 = "/api/v3";

/** A provider API (`/indexer`, `/downloadclient`, `/notification`): list, schema, CRUD and test. */
/** `forceSave`: save without the test a save of an indexer or a download client runs first. */
export interface ProviderSaveOptions {
  forceSave?: boolean;
}

function providerApi<T extends ProviderResource, TestResult>(path: string, { testsOnSave = false } = {}) {
  const query = (options?: ProviderSaveOptions) => (options?.forceSave ? { forceSave: "true" } : undefined);
  return {
    /** Whether a save is refused when the test fails (and so can be forced). */
    testsOnSave,
    list: () => request<T[]>("GET", `${v3}/${path}`),
    /** One template per implementation, with its fields and defaults. */
    schema: () => request<T[]>("GET", `${v3}/${path}/schema`),
    add: (resource: ProviderInput<T>, options?: ProviderSaveOptions) =>
      request<T>("POST", `${v3}/${path}`, { body: resource, query: query(options) }),
    update: (id: number, resource: ProviderInput<T>, options?: ProviderSaveOptions) =>
      request<T>("PUT", `${v3}/${path}/${id}`, { body: { ...resource, id }, query: query(options) }),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/${path}/${id}`),
    /** Tries the settings upstream without saving them; a saved one's id lets masked secrets stand. */
    test: (resource: ProviderInput<T>) => request<TestResult>("POST", `${v3}/${path}/test`, { body: resource }),
  };
}

export const api = {
  radarrMigration: {
    start: (body: {
      url: string;
      apiKey: string;
      secrets: { resource: string; name: string; field: string; value: string }[];
    }) => request<RadarrMigration>("POST", `${v3}/migration/radarr`, { body }),
    get: (id: number, signal?: AbortSignal) =>
      request<RadarrMigration>("GET", `${v3}/migration/radarr/${id}`, { signal }),
  },
  session: {
    get: () => request<Session>("GET", "/session", { sessionRequired: false }),
    login: (credentials: { apiKey: string } | { password: string }) =>
      request<Session>("POST", "/login", { body: credentials, sessionRequired: false }),
    logout: () => request<Session>("POST", "/logout", { sessionRequired: false }),
  },
  movies: {
    paged: (query: MoviePageQuery, signal?: AbortSignal) =>
      request<MoviePage>("GET", `${v3}/movie/paged`, { query: { ...query }, signal }),
    get: (id: number) => request<Movie>("GET", `${v3}/movie/${id}`),
    update: (id: number, edit: MovieEdit) => request<Movie>("PUT", `${v3}/movie/${id}`, { body: edit }),
    remove: (id: number, options: { deleteFiles: boolean; addImportExclusion: boolean }) =>
      request<unknown>("DELETE", `${v3}/movie/${id}`, { query: options }),
    add: (movie: MovieAdd) => request<Movie>("POST", `${v3}/movie`, { body: movie }),
    lookup: (term: string, signal?: AbortSignal) =>
      request<Movie[]>("GET", `${v3}/movie/lookup`, { query: { term }, signal }),
  },
  qualityProfiles: {
    list: () => request<QualityProfile[]>("GET", `${v3}/qualityprofile`),
    /** A new profile's starting point: every quality, none allowed. */
    schema: () => request<QualityProfile>("GET", `${v3}/qualityprofile/schema`),
    add: (profile: Omit<QualityProfile, "id">) =>
      request<QualityProfile>("POST", `${v3}/qualityprofile`, { body: profile }),
    update: (profile: QualityProfile) =>
      request<QualityProfile>("PUT", `${v3}/qualityprofile/${profile.id}`, { body: profile }),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/qualityprofile/${id}`),
  },
  qualityDefinitions: {
    list: () => request<QualityDefinition[]>("GET", `${v3}/qualitydefinition`),
    updateAll: (definitions: QualityDefinition[]) =>
      request<QualityDefinition[]>("PUT", `${v3}/qualitydefinition/update`, { body: definitions }),
  },
  customFormats: {
    list: () => request<CustomFormat[]>("GET", `${v3}/customformat`),
    /** One blank specification of each type, with its fields. */
    schema: () => request<CustomFormatSpecification[]>("GET", `${v3}/customformat/schema`),
    add: (format: CustomFormat) => request<CustomFormat>("POST", `${v3}/customformat`, { body: format }),
    update: (format: CustomFormat & { id: number }) =>
      request<CustomFormat>("PUT", `${v3}/customformat/${format.id}`, { body: format }),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/customformat/${id}`),
  },
  parse: (query: ParseQuery, signal?: AbortSignal) =>
    request<ParseResult>("GET", `${v3}/parse`, { query: { ...query }, signal }),
  rootFolders: {
    list: () => request<RootFolder[]>("GET", `${v3}/rootfolder`),
    add: (path: string) => request<RootFolder>("POST", `${v3}/rootfolder`, { body: { path } }),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/rootfolder/${id}`),
  },
  tags: {
    list: () => request<Tag[]>("GET", `${v3}/tag`),
    add: (label: string) => request<Tag>("POST", `${v3}/tag`, { body: { label } }),
    rename: (id: number, label: string) => request<Tag>("PUT", `${v3}/tag/${id}`, { body: { id, label } }),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/tag/${id}`),
  },
  customFilters: {
    list: (signal?: AbortSignal) => request<CustomFilter[]>("GET", `${v3}/customfilter`, { signal }),
    add: (filter: Omit<CustomFilter, "id">) => request<CustomFilter>("POST", `${v3}/customfilter`, { body: filter }),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/customfilter/${id}`),
  },
  exclusions: {
    list: () => request<ImportExclusion[]>("GET", `${v3}/exclusions`),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/exclusions/${id}`),
  },
  importLists: {
    list: () => request<ImportList[]>("GET", `${v3}/importlist`),
    get: (id: number) => request<ImportList>("GET", `${v3}/importlist/${id}`),
    /** One template per list source, with its fields and defaults. */
    schema: () => request<ImportList[]>("GET", `${v3}/importlist/schema`),
    add: (list: ImportListInput) => request<ImportList>("POST", `${v3}/importlist`, { body: list }),
    update: (id: number, list: ImportListInput) => request<ImportList>("PUT", `${v3}/importlist/${id}`, { body: list }),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/importlist/${id}`),
    /** Reads the list once upstream without saving anything. */
    test: (list: ImportListInput) => request<ImportListTestResult>("POST", `${v3}/importlist/test`, { body: list }),
    history: (id: number, limit = 20) =>
      request<ListSyncRun[]>("GET", `${v3}/importlist/${id}/history`, { query: { limit } }),
    items: (id: number, query: ListItemQuery, signal?: AbortSignal) =>
      request<ListItemPage>("GET", `${v3}/importlist/${id}/items`, { query: { ...query }, signal }),
    provenance: (movieId: number) => request<MovieProvenance[]>("GET", `${v3}/importlist/provenance/${movieId}`),
    jobs: () => request<ListSyncJob[]>("GET", `${v3}/importlist/jobs`),
    uploadCsv: (id: number, text: string) =>
      request<CsvSyncResult>("POST", `${v3}/importlist/${id}/csv`, { file: { text, contentType: "text/csv" } }),
    /** Runs a source's action (Plex sign-in's startOAuth / getOAuthToken) on the form as it stands. */
    action: <T>(name: string, list: { implementation: string; fields: unknown[] }, query: Query = {}) =>
      request<T>("POST", `${v3}/importlist/action/${name}`, { body: list, query }),
    config: () => request<ImportListConfig>("GET", `${v3}/config/importlist`),
    updateConfig: (config: Partial<ImportListConfig>) =>
      request<ImportListConfig>("PUT", `${v3}/config/importlist`, { body: config }),
  },
  indexers: {
    ...providerApi<Indexer, IndexerTestResult>("indexer", { testsOnSave: true }),
    status: () => request<IndexerStatus[]>("GET", `${v3}/indexerstatus`),
  },
  downloadClients: providerApi<DownloadClient, DownloadClientTestResult>("downloadclient", { testsOnSave: true }),
  notifications: providerApi<Notification, NotificationTestResult>("notification"),
  releases: {
    /** Every enabled indexer's results for the movie, judged and ranked by the server. */
    search: async (movieId: number, signal?: AbortSignal): Promise<ReleaseSearch> => {
      let indexerFailures: string | undefined;
      const releases = await request<Release[]>("GET", `${v3}/release`, {
        query: { movieId },
        signal,
        onHeaders: (headers) => {
          indexerFailures = headers.get("x-indexer-failures") ?? undefined;
        },
      });
      return indexerFailures ? { releases, indexerFailures } : { releases };
    },
    grab: (release: { guid: string; indexerId: number; movieId?: number }) =>
      request<GrabbedRelease>("POST", `${v3}/release`, { body: release }),
  },
  queue: {
    paged: (query: PageQuery, signal?: AbortSignal) =>
      request<QueuePage>("GET", `${v3}/queue`, { query: { ...query, includeMovie: true }, signal }),
    status: () => request<QueueStatus>("GET", `${v3}/queue/status`),
    remove: (id: number, removal: QueueRemoval) =>
      request<unknown>("DELETE", `${v3}/queue/${id}`, { query: { ...removal } }),
  },
  blocklist: {
    paged: (query: PageQuery, signal?: AbortSignal) =>
      request<BlocklistPage>("GET", `${v3}/blocklist`, {
        query: { ...query, includeMovie: true },
        signal,
      }),
    /** Unblocks a release: it may be grabbed again. */
    remove: (id: number) => request<unknown>("DELETE", `${v3}/blocklist/${id}`),
    removeMany: (ids: number[]) => request<unknown>("DELETE", `${v3}/blocklist/bulk`, { body: { ids } }),
  },
  failures: (query: { page: number; pageSize: number; kind?: FailureKind }, signal?: AbortSignal) =>
    request<DownloadFailurePage>("GET", `${v3}/failures`, { query: { ...query }, signal }),
  history: {
    paged: (query: PageQuery & { eventType?: HistoryEventType }, signal?: AbortSignal) =>
      request<HistoryPage>("GET", `${v3}/history`, { query: { ...query, includeMovie: true }, signal }),
  },
  /** Movies with a cinema, digital or physical release from `start` to `end` (dates, end exclusive). */
  calendar: (query: { start: string; end: string; unmonitored: boolean }, signal?: AbortSignal) =>
    request<Movie[]>("GET", `${v3}/calendar`, { query: { ...query }, signal }),
  wanted: (
    kind: "missing" | "cutoff",
    query: { page: number; pageSize: number; sortKey: string; sortDirection: "ascending" | "descending" },
    signal?: AbortSignal,
  ) => request<MoviePage>("GET", `${v3}/wanted/${kind}`, { query: { ...query }, signal }),
  commands: {
    run: (name: string, body: Record<string, unknown> = {}) =>
      request<Command>("POST", `${v3}/command`, { body: { name, ...body } }),
    get: (id: number) => request<Command>("GET", `${v3}/command/${id}`),
    list: () => request<Command[]>("GET", `${v3}/command`),
  },
  system: {
    status: () => request<SystemStatus>("GET", `${v3}/system/status`),
    health: () => request<HealthCheck[]>("GET", `${v3}/health`),
    budget: () => request<ApiBudget[]>("GET", `${v3}/system/budget`),
    cache: () => request<CacheStatsList>("GET", `${v3}/system/cache`),
    sessions: () => request<SystemSession[]>("GET", `${v3}/system/session`),
    revokeSession: (id: number) => request<Record<string, never>>("DELETE", `${v3}/system/session/${id}`),
  },
  streaming: {
    trending: (
      mediaType: StreamingMediaType,
      window: TrendingWindow,
      query: { region?: string; source?: TrendingSource },
      signal?: AbortSignal,
    ) => streamingGet<Trending>(`${v3}/streaming/trending/${mediaType}/${window}`, { ...query }, signal),
    availability: (
      tmdbId: number,
      query: { region?: string; type?: StreamingMediaType; watchmode?: boolean; title?: string },
      signal?: AbortSignal,
    ) => streamingGet<StreamingAvailability>(`${v3}/streaming/availability/${tmdbId}`, { ...query }, signal),
    providers: (query: { region?: string; type?: StreamingMediaType }, signal?: AbortSignal) =>
      streamingGet<ProviderCatalogue>(`${v3}/streaming/providers`, { ...query }, signal),
    comingSoon: (query: { region?: string; page?: number }, signal?: AbortSignal) =>
      streamingGet<ComingSoon>(`${v3}/streaming/coming-soon`, { ...query }, signal),
    config: () => request<StreamingConfig>("GET", `${v3}/config/streaming`),
    updateConfig: (config: StreamingConfigInput) =>
      request<StreamingConfig>("PUT", `${v3}/config/streaming`, { body: config }),
  },
  trakt: {
    status: () => request<TraktAuthStatus>("GET", `${v3}/streaming/trakt/auth`),
    /** Starts the device flow: the code to enter at Trakt, where, and how often to poll. */
    connect: () => request<TraktDeviceFlow>("POST", `${v3}/streaming/trakt/auth`),
    poll: () => request<TraktAuthStatus>("POST", `${v3}/streaming/trakt/auth/poll`),
    disconnect: () => request<TraktAuthStatus>("DELETE", `${v3}/streaming/trakt/auth`),
  },
};

/** A user-facing message for anything a call may throw. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
