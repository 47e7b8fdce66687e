import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { StoredIndexerCapabilities } from "../domain/indexers/capabilities";
import type { CollectionImage, CollectionPart } from "../domain/library/collections";
import type { MediaInfoResource } from "../domain/library/movieFileResource";
import type { MovieMetadata } from "../domain/library/movieMetadata";
import type { DownloadClientImplementation } from "../providers/downloadClients/registry";
import type { IndexerImplementation } from "../providers/indexers/registry";
import type { NotificationImplementation } from "../providers/notifications";

/** The one source of the tables; `npm run db:generate` writes d1-migrations/ from it. */

const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();
const bool = (name: string) => integer(name, { mode: "boolean" });
const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const qualityDefinitions = sqliteTable("quality_definitions", {
  id: integer("id").primaryKey(),
  qualityId: integer("quality_id").notNull().unique(),
  title: text("title").notNull(),
  weight: integer("weight").notNull(),
  minSize: real("min_size"),
  maxSize: real("max_size"),
  preferredSize: real("preferred_size"),
});

export interface StoredProfileItem {
  id?: number;
  name?: string;
  quality?: number;
  items: StoredProfileItem[];
  allowed: boolean;
}

export interface StoredFormatItem {
  format: number;
  score: number;
}

export const qualityProfiles = sqliteTable("quality_profiles", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  upgradeAllowed: bool("upgrade_allowed").notNull().default(false),
  cutoff: integer("cutoff").notNull(),
  items: json<StoredProfileItem[]>("items").notNull(),
  minFormatScore: integer("min_format_score").notNull().default(0),
  cutoffFormatScore: integer("cutoff_format_score").notNull().default(0),
  minUpgradeFormatScore: integer("min_upgrade_format_score").notNull().default(1),
  formatItems: json<StoredFormatItem[]>("format_items").notNull(),
  language: json<{ id: number; name: string }>("language").notNull(),
  createdAt: createdAt(),
});

export const rootFolders = sqliteTable("root_folders", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  path: text("path").notNull().unique(),
  createdAt: createdAt(),
});

export const tags = sqliteTable("tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  label: text("label").notNull().unique(),
});

export const movies = sqliteTable(
  "movies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tmdbId: integer("tmdb_id").notNull(),
    imdbId: text("imdb_id"),
    title: text("title").notNull(),
    originalTitle: text("original_title").notNull(),
    sortTitle: text("sort_title").notNull(),
    cleanTitle: text("clean_title").notNull(),
    year: integer("year").notNull().default(0),
    status: text("status").notNull(),
    runtime: integer("runtime").notNull().default(0),
    inCinemas: text("in_cinemas"),
    physicalRelease: text("physical_release"),
    digitalRelease: text("digital_release"),
    monitored: bool("monitored").notNull().default(true),
    minimumAvailability: text("minimum_availability").notNull(),
    qualityProfileId: integer("quality_profile_id")
      .notNull()
      .references(() => qualityProfiles.id),
    rootFolderPath: text("root_folder_path").notNull(),
    path: text("path").notNull(),
    hasFile: bool("has_file").notNull().default(false),
    sizeOnDisk: integer("size_on_disk").notNull().default(0),
    rating: real("rating").notNull().default(0),
    popularity: real("popularity").notNull().default(0),
    genres: json<string[]>("genres").notNull(),
    metadata: json<MovieMetadata>("metadata").notNull(),
    addOptions: json<Record<string, unknown>>("add_options"),
    /** The subscribed service the movie was left unmonitored for (list streaming option); null otherwise. */
    streamingUnmonitoredService: text("streaming_unmonitored_service"),
    added: text("added").notNull(),
    lastInfoSync: text("last_info_sync"),
    /** When the movie was last searched for (automatic or interactive); null until then. Radarr's lastSearchTime. */
    lastSearchTime: text("last_search_time"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("movies_tmdb_id_unique").on(t.tmdbId),
    index("movies_imdb_id_idx").on(t.imdbId),
    // One index per sort key, each also holding the columns the paged filters test: a page's ids
    // and its count are index-only walks that never read the wide rows (movieQuery.ts names the
    // index for each sort). No index leads with monitored/hasFile: most of a library shares one value.
    // The title search index (movie_search, FTS5) is a virtual table kept by triggers (migration 0037).
    index("movies_sort_title_idx").on(t.sortTitle, t.id, t.monitored, t.hasFile, t.status, t.qualityProfileId, t.year),
    index("movies_year_idx").on(t.year, t.sortTitle, t.id, t.monitored, t.hasFile, t.status, t.qualityProfileId),
    index("movies_added_idx").on(
      t.added,
      t.sortTitle,
      t.id,
      t.monitored,
      t.hasFile,
      t.status,
      t.qualityProfileId,
      t.year,
    ),
    index("movies_rating_idx").on(
      t.rating,
      t.sortTitle,
      t.id,
      t.monitored,
      t.hasFile,
      t.status,
      t.qualityProfileId,
      t.year,
    ),
    index("movies_size_idx").on(
      t.sizeOnDisk,
      t.sortTitle,
      t.id,
      t.monitored,
      t.hasFile,
      t.status,
      t.qualityProfileId,
      t.year,
    ),
    index("movies_popularity_idx").on(
      t.popularity,
      t.sortTitle,
      t.id,
      t.monitored,
      t.hasFile,
      t.status,
      t.qualityProfileId,
      t.year,
    ),
    index("movies_status_idx").on(t.status, t.sortTitle),
    // The calendar's three date ranges (movieViews.between): each OR term walks its own index.
    index("movies_in_cinemas_idx").on(t.inCinemas),
    index("movies_digital_release_idx").on(t.digitalRelease),
    index("movies_physical_release_idx").on(t.physicalRelease),
    index("movies_quality_profile_idx").on(t.qualityProfileId, t.sortTitle),
  ],
);

export const movieTags = sqliteTable(
  "movie_tags",
  {
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.movieId, t.tagId] }), index("movie_tags_tag_idx").on(t.tagId, t.movieId)],
);

export const movieGenres = sqliteTable(
  "movie_genres",
  {
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    genre: text("genre").notNull(),
  },
  (t) => [primaryKey({ columns: [t.movieId, t.genre] }), index("movie_genres_genre_idx").on(t.genre, t.movieId)],
);

export const importExclusions = sqliteTable("import_exclusions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  tmdbId: integer("tmdb_id").notNull().unique(),
  movieTitle: text("movie_title").notNull(),
  movieYear: integer("movie_year").notNull().default(0),
  createdAt: createdAt(),
});

/**
 * Change markers kept by triggers (migrations 0003 and the movie files' media info one): `movies`
 * moves by a random step on every write to movies, movie_tags or movie_files (the movie resource
 * embeds its file), so readers can cache whole-library results and know when they are stale.
 */
export const libraryState = sqliteTable("library_state", {
  key: text("key").primaryKey(),
  version: integer("version").notNull().default(0),
});

/** Commands run on demand (POST /api/v3/command) or by a Cron Trigger, with their outcome. */
export const commands = sqliteTable(
  "commands",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    body: json<Record<string, unknown>>("body").notNull(),
    status: text("status", { enum: ["queued", "started", "completed", "failed", "cancelled"] }).notNull(),
    trigger: text("trigger", { enum: ["manual", "scheduled"] }).notNull(),
    /** Radarr's CommandPriority: the commands queue runs higher first (src/jobs/commandRunner.ts). */
    priority: text("priority", { enum: ["high", "normal", "low"] })
      .notNull()
      .default("normal"),
    message: text("message"),
    result: json<Record<string, unknown>>("result"),
    queued: text("queued").notNull(),
    started: text("started"),
    ended: text("ended"),
    /** Where a chunked command resumes: its own state, saved after every chunk (src/jobs/commandRunner.ts). */
    cursor: json<Record<string, unknown>>("cursor"),
    /** Chunks run so far; a queue message for any other chunk is a duplicate and is dropped. */
    chunks: integer("chunks").notNull().default(0),
    progressDone: integer("progress_done"),
    progressTotal: integer("progress_total"),
    /** When a chunk last saved its progress: a started command silent for long is resumed by the cron. */
    heartbeat: text("heartbeat"),
  },
  (t) => [index("commands_name_idx").on(t.name, t.id), index("commands_status_idx").on(t.status)],
);

export interface StoredSpecification {
  name: string;
  implementation: string;
  negate: boolean;
  required: boolean;
  fields: Record<string, unknown>;
}

/** Custom formats: named sets of specifications that quality profiles score. */
export const customFormats = sqliteTable("custom_formats", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  includeCustomFormatWhenRenaming: bool("include_when_renaming").notNull().default(false),
  specifications: json<StoredSpecification[]>("specifications").notNull(),
});

/** Remote path mappings: how a download client's host names folders the app names otherwise. */
export const remotePathMappings = sqliteTable(
  "remote_path_mappings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    host: text("host").notNull(),
    remotePath: text("remote_path").notNull(),
    localPath: text("local_path").notNull(),
  },
  (t) => [uniqueIndex("remote_path_mappings_host_remote_unique").on(t.host, t.remotePath)],
);

/** Auto tagging rules: the tags a movie gets while it meets the rule's conditions. */
export const autoTags = sqliteTable("auto_tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  removeTagsAutomatically: bool("remove_tags_automatically").notNull().default(false),
  tags: json<number[]>("tags").notNull(),
  specifications: json<StoredSpecification[]>("specifications").notNull(),
});

/** The site's saved filters (Radarr's custom filters): a page's type, a label and its filter terms. */
export const customFilters = sqliteTable("custom_filters", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  type: text("type").notNull(),
  label: text("label").notNull(),
  filters: json<Record<string, unknown>[]>("filters").notNull(),
});

/**
 * Movie history: every grab, import and upgrade with the quality and format score it went from
 * and to (the upgrade audit); written by the indexer/download issue, read by /history/movie.
 */
export const movieHistory = sqliteTable(
  "movie_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    eventType: text("event_type", {
      enum: ["grabbed", "downloadFolderImported", "downloadFailed", "movieFileDeleted", "upgraded"],
    }).notNull(),
    sourceTitle: text("source_title").notNull(),
    fromQuality: json<{ quality: number; revision: { version: number; real: number; isRepack: boolean } }>(
      "from_quality",
    ),
    toQuality: json<{ quality: number; revision: { version: number; real: number; isRepack: boolean } }>(
      "to_quality",
    ).notNull(),
    fromFormatScore: integer("from_format_score"),
    toFormatScore: integer("to_format_score").notNull().default(0),
    customFormatIds: json<number[]>("custom_format_ids").notNull(),
    languages: json<{ id: number; name: string }[]>("languages").notNull(),
    downloadId: text("download_id"),
    data: json<Record<string, string>>("data").notNull(),
    date: text("date").notNull(),
  },
  (t) => [index("movie_history_movie_idx").on(t.movieId, t.date), index("movie_history_date_idx").on(t.date)],
);

/** Settings groups (e.g. `indexer`), each a JSON document validated by its zod schema on write. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: json<Record<string, unknown>>("value").notNull(),
  updatedAt: text("updated_at").notNull(),
});

const updatedAt = () => text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/** Import lists (Radarr's provider shape: implementation + settings), with their schedule. */
export const importLists = sqliteTable(
  "import_lists",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    implementation: text("implementation").notNull(),
    configContract: text("config_contract").notNull(),
    settings: json<Record<string, unknown>>("settings").notNull(),
    enabled: bool("enabled").notNull().default(true),
    enableAuto: bool("enable_auto").notNull().default(true),
    monitor: text("monitor", { enum: ["movieOnly", "movieAndCollection", "none"] }).notNull(),
    minimumAvailability: text("minimum_availability").notNull(),
    qualityProfileId: integer("quality_profile_id")
      .notNull()
      .references(() => qualityProfiles.id),
    rootFolderPath: text("root_folder_path").notNull(),
    tags: json<number[]>("tags").notNull(),
    searchOnAdd: bool("search_on_add").notNull().default(false),
    /** Whether this list's syncs notify: the movies it added (onMovieAdded targets), its sync summary (onImportListSync targets). */
    notifyOnMovieAdded: bool("notify_on_movie_added").notNull().default(true),
    notifyOnSyncSummary: bool("notify_on_sync_summary").notNull().default(true),
    /** Movies streaming on a subscribed service: add as usual, add unmonitored, or skip. */
    streamingOption: text("streaming_option", { enum: ["ignore", "addUnmonitored", "skip"] })
      .notNull()
      .default("ignore"),
    listOrder: integer("list_order").notNull().default(0),
    syncIntervalMinutes: integer("sync_interval_minutes").notNull(),
    lastSyncAt: text("last_sync_at"),
    nextSyncAt: text("next_sync_at"),
    /** Hash of the items the last successful sync read; equal on re-sync means nothing changed. */
    lastContentHash: text("last_content_hash"),
    /** The upstream's summary version (Trakt: list id, updated_at, item_count) the last successful sync read. */
    lastUpstreamVersion: text("last_upstream_version"),
    /** Set while a sync waits for the upstream's budget: when it may go on, and why it waits. */
    syncWaitingUntil: text("sync_waiting_until"),
    syncWaitingReason: text("sync_waiting_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("import_lists_due_idx").on(t.enabled, t.nextSyncAt)],
);

/** What each list currently holds, and what became of each item. */
export const listItems = sqliteTable(
  "list_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listId: integer("list_id")
      .notNull()
      .references(() => importLists.id, { onDelete: "cascade" }),
    /** `tmdb:<id>`, or `imdb:<tt…>` while no TMDb id is known. */
    itemKey: text("item_key").notNull(),
    tmdbId: integer("tmdb_id"),
    imdbId: text("imdb_id"),
    title: text("title").notNull(),
    year: integer("year").notNull().default(0),
    metadata: json<Record<string, unknown>>("metadata").notNull(),
    status: text("status", {
      enum: ["pending", "imported", "existing", "excluded", "unresolved", "streaming"],
    }).notNull(),
    movieId: integer("movie_id").references(() => movies.id, { onDelete: "set null" }),
    firstSeenAt: text("first_seen_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("list_items_list_key_unique").on(t.listId, t.itemKey),
    index("list_items_tmdb_idx").on(t.tmdbId),
    index("list_items_status_idx").on(t.listId, t.status),
  ],
);

/** One row per sync of a list: outcome, counts, duration and errors. */
export const listSyncRuns = sqliteTable(
  "list_sync_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listId: integer("list_id")
      .notNull()
      .references(() => importLists.id, { onDelete: "cascade" }),
    trigger: text("trigger", { enum: ["scheduled", "manual", "retry"] }).notNull(),
    status: text("status", { enum: ["started", "success", "partial", "failed"] }).notNull(),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at"),
    durationMs: integer("duration_ms"),
    found: integer("found").notNull().default(0),
    added: integer("added").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    removed: integer("removed").notNull().default(0),
    excluded: integer("excluded").notNull().default(0),
    existing: integer("existing").notNull().default(0),
    /** Movies the list's streaming option skipped, or added unmonitored. */
    streamingSkipped: integer("streaming_skipped").notNull().default(0),
    streamingUnmonitored: integer("streaming_unmonitored").notNull().default(0),
    upstreamRequests: integer("upstream_requests").notNull().default(0),
    unchanged: bool("unchanged").notNull().default(false),
    /** Rows the sync wrote to the library and list items (D1's rows_written), bookkeeping aside. */
    rowsWritten: integer("rows_written").notNull().default(0),
    errors: json<{ kind: string; message: string }[]>("errors").notNull(),
  },
  (t) => [index("list_sync_runs_list_idx").on(t.listId, t.id)],
);

/** Queue jobs for list syncs: each attempt, and what finally failed (dead-lettered). */
export const listSyncJobs = sqliteTable(
  "list_sync_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listId: integer("list_id")
      .notNull()
      .references(() => importLists.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["queued", "running", "succeeded", "retrying", "deadLettered"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    failureKind: text("failure_kind"),
    /** When the queue will deliver the next attempt (retrying jobs). */
    nextAttemptAt: text("next_attempt_at"),
    enqueuedAt: text("enqueued_at").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index("list_sync_jobs_status_idx").on(t.status, t.listId)],
);

/** Which list added (or also holds) which movie, and when; a movie may have several. */
export const movieProvenance = sqliteTable(
  "movie_provenance",
  {
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    listId: integer("list_id")
      .notNull()
      .references(() => importLists.id, { onDelete: "cascade" }),
    listName: text("list_name").notNull(),
    /** "added": this list put the movie in the library; "matched": it was already there. */
    kind: text("kind", { enum: ["added", "matched"] }).notNull(),
    at: text("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.movieId, t.listId] }), index("movie_provenance_list_idx").on(t.listId)],
);

/** Notification targets (Radarr's Connect): webhooks, chats, push services, media servers, with the events each wants. */
export const notifications = sqliteTable("notifications", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  implementation: text("implementation").$type<NotificationImplementation>().notNull(),
  settings: json<Record<string, unknown>>("settings").notNull(),
  onGrab: bool("on_grab").notNull().default(false),
  onDownload: bool("on_download").notNull().default(false),
  onUpgrade: bool("on_upgrade").notNull().default(false),
  onDownloadFailure: bool("on_download_failure").notNull().default(false),
  onHealthIssue: bool("on_health_issue").notNull().default(true),
  onMovieAdded: bool("on_movie_added").notNull().default(false),
  /** An import list's sync summary (added/removed/unchanged counts). */
  onImportListSync: bool("on_import_list_sync").notNull().default(false),
  onRename: bool("on_rename").notNull().default(false),
  onMovieDelete: bool("on_movie_delete").notNull().default(false),
  onMovieFileDelete: bool("on_movie_file_delete").notNull().default(false),
  onMovieFileDeleteForUpgrade: bool("on_movie_file_delete_for_upgrade").notNull().default(false),
  onHealthRestored: bool("on_health_restored").notNull().default(false),
  onApplicationUpdate: bool("on_application_update").notNull().default(false),
  onManualInteractionRequired: bool("on_manual_interaction_required").notNull().default(false),
  /** Radarr's tags: a target with tags hears only of movies sharing one (events about no movie always). */
  tags: json<number[]>("tags").notNull().default([]),
  createdAt: createdAt(),
});

/**
 * How each notification target's deliveries went lately: failures in a row since its last success
 * (health reports a target whose last few deliveries all failed). No error text: it may name a secret URL.
 */
export const notificationStatus = sqliteTable("notification_status", {
  notificationId: integer("notification_id")
    .primaryKey()
    .references(() => notifications.id, { onDelete: "cascade" }),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  lastFailureKind: text("last_failure_kind"),
  lastFailureAt: text("last_failure_at"),
  lastSuccessAt: text("last_success_at"),
});

/** What a dead-lettered notification was about: its movie, or (an event about no movie) its message. */
export interface NotificationFailureSummary {
  title?: string;
  year?: number;
  tmdbId?: number;
  message?: string;
}

/**
 * Notification deliveries that failed for good (their last retry, or a failure no retry fixes):
 * what the user can retry or dismiss from Settings › Connect. The event's payload is kept to
 * send it again; the summary and the failure text hold no secrets (scrubbed before writing).
 */
export const notificationFailures = sqliteTable(
  "notification_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    notificationId: integer("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    notificationName: text("notification_name").notNull(),
    event: text("event").notNull(),
    payload: json<Record<string, unknown>>("payload").notNull(),
    summary: json<NotificationFailureSummary>("summary").notNull(),
    failureKind: text("failure_kind").notNull(),
    failureMessage: text("failure_message").notNull(),
    attempts: integer("attempts").notNull(),
    /** When the event was queued (its first attempt followed at once) and when the last attempt failed. */
    firstAttemptAt: text("first_attempt_at").notNull(),
    lastAttemptAt: text("last_attempt_at").notNull(),
  },
  (t) => [index("notification_failures_notification_idx").on(t.notificationId)],
);

/** Watchmode's daily title id map (datasets/title_id_map.csv): Watchmode ids for TMDb/IMDb ids, no API calls. */
const watchmodeIdMapColumns = () => ({
  watchmodeId: integer("watchmode_id").primaryKey(),
  tmdbId: integer("tmdb_id"),
  tmdbType: text("tmdb_type", { enum: ["movie", "tv"] }),
  imdbId: text("imdb_id"),
  title: text("title").notNull(),
  year: integer("year"),
});

export const watchmodeIdMap = sqliteTable("watchmode_id_map", watchmodeIdMapColumns(), (t) => [
  index("watchmode_id_map_tmdb_idx").on(t.tmdbType, t.tmdbId),
  // List syncs resolve IMDb ids to TMDb ids through the map in bulk, instead of a TMDb /find each.
  index("watchmode_id_map_imdb_idx").on(t.imdbId),
]);

/** Where an import writes the new file until it parsed completely; merged into watchmode_id_map in one batch. */
export const watchmodeIdMapStaging = sqliteTable("watchmode_id_map_staging", watchmodeIdMapColumns());

/** The connected Trakt account's OAuth tokens (one row, id 1), encrypted under ENCRYPTION_KEY. */
export const traktTokens = sqliteTable("trakt_tokens", {
  id: integer("id").primaryKey(),
  accessToken: text("access_token").notNull(),
  refreshToken: text("refresh_token").notNull(),
  scope: text("scope").notNull(),
  /** Trakt's created_at + expires_in, ISO 8601. */
  expiresAt: text("expires_at").notNull(),
  /** When Trakt issued the tokens (its created_at), ISO 8601. */
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** A quality as stored with downloads, files and blocklist entries (quality id + revision). */
export interface StoredQualityModel {
  quality: number;
  revision: { version: number; real: number; isRepack: boolean };
}

/** Download clients (Radarr's provider shape): qBittorrent, SABnzbd, Transmission; secrets encrypted. */
export const downloadClients = sqliteTable("download_clients", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  implementation: text("implementation").$type<DownloadClientImplementation>().notNull(),
  protocol: text("protocol", { enum: ["torrent", "usenet"] }).notNull(),
  settings: json<Record<string, unknown>>("settings").notNull(),
  enable: bool("enable").notNull().default(true),
  /** 1 is tried first, 50 last (Radarr's client priority). */
  priority: integer("priority").notNull().default(1),
  removeCompletedDownloads: bool("remove_completed_downloads").notNull().default(true),
  removeFailedDownloads: bool("remove_failed_downloads").notNull().default(true),
  tags: json<number[]>("tags").notNull(),
  createdAt: createdAt(),
});

/**
 * The download queue: every grab and what became of it. Rows stay after import or failure (the
 * failures view and "nothing grabbed twice" read them); the queue shows the active states.
 */
export const downloads = sqliteTable(
  "downloads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    downloadClientId: integer("download_client_id")
      .notNull()
      .references(() => downloadClients.id, { onDelete: "cascade" }),
    /** The client's id: qBittorrent/Transmission info hash (lower case), SABnzbd nzo_id; "" until sent. */
    downloadId: text("download_id").notNull(),
    title: text("title").notNull(),
    indexer: text("indexer").notNull(),
    protocol: text("protocol", { enum: ["torrent", "usenet"] }).notNull(),
    quality: json<StoredQualityModel>("quality").notNull(),
    customFormatIds: json<number[]>("custom_format_ids").notNull(),
    customFormatScore: integer("custom_format_score").notNull().default(0),
    languages: json<{ id: number; name: string }[]>("languages").notNull(),
    size: integer("size").notNull().default(0),
    sizeleft: integer("sizeleft").notNull().default(0),
    /** Radarr's queue status: queued, downloading, paused, completed, failed, warning, downloadClientUnavailable. */
    status: text("status").notNull(),
    /** downloading, importPending, importing, imported, failedPending, failed, removed. */
    trackedDownloadState: text("tracked_download_state").notNull(),
    /** ok, warning, error. */
    trackedDownloadStatus: text("tracked_download_status").notNull().default("ok"),
    statusMessages: json<{ title: string; messages: string[] }[]>("status_messages").notNull(),
    progress: real("progress").notNull().default(0),
    /** Seconds left as the client estimates it; null when unknown. */
    eta: integer("eta"),
    errorMessage: text("error_message"),
    failureKind: text("failure_kind"),
    retryCount: integer("retry_count").notNull().default(0),
    nextRetryAt: text("next_retry_at"),
    /** When the client first reported the download stalled (cleared when it moves again). */
    stalledSince: text("stalled_since"),
    release: json<Record<string, unknown>>("release").notNull(),
    source: text("source", { enum: ["interactive", "automatic", "rss", "push"] }).notNull(),
    /** Where the client keeps the finished download (content path / storage). */
    outputPath: text("output_path"),
    grabbedAt: text("grabbed_at").notNull(),
    completedAt: text("completed_at"),
    importedAt: text("imported_at"),
    /** When the downloads dead-letter queue recorded that its retries ran out. */
    deadLetteredAt: text("dead_lettered_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("downloads_state_idx").on(t.trackedDownloadState, t.downloadClientId),
    index("downloads_movie_idx").on(t.movieId, t.trackedDownloadState),
    index("downloads_client_download_idx").on(t.downloadClientId, t.downloadId),
  ],
);

/** Releases never to grab again (until `blockedUntil`, when set): by info hash, or title + indexer. */
export const blocklist = sqliteTable(
  "blocklist",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    sourceTitle: text("source_title").notNull(),
    indexer: text("indexer"),
    protocol: text("protocol", { enum: ["torrent", "usenet"] }).notNull(),
    infoHash: text("info_hash"),
    downloadId: text("download_id"),
    quality: json<StoredQualityModel>("quality").notNull(),
    customFormatIds: json<number[]>("custom_format_ids").notNull(),
    languages: json<{ id: number; name: string }[]>("languages").notNull(),
    size: integer("size"),
    /** A failure kind, or "manual" for a queue removal with blocklist=true. */
    reason: text("reason").notNull(),
    message: text("message"),
    date: text("date").notNull(),
    blockedUntil: text("blocked_until"),
    /** Retries the download had before it was given up and blocklisted. */
    retryCount: integer("retry_count").notNull().default(0),
  },
  (t) => [
    index("blocklist_movie_idx").on(t.movieId),
    index("blocklist_hash_idx").on(t.infoHash),
    index("blocklist_until_idx").on(t.blockedUntil),
  ],
);

/** The file a movie has (one per movie, as in Radarr v3+). */
export const movieFiles = sqliteTable(
  "movie_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    relativePath: text("relative_path").notNull(),
    path: text("path").notNull(),
    size: integer("size").notNull().default(0),
    quality: json<StoredQualityModel>("quality").notNull(),
    customFormatIds: json<number[]>("custom_format_ids").notNull(),
    customFormatScore: integer("custom_format_score").notNull().default(0),
    languages: json<{ id: number; name: string }[]>("languages").notNull(),
    releaseGroup: text("release_group"),
    edition: text("edition"),
    sceneName: text("scene_name"),
    /** Radarr's IndexerFlags bit mask (freeleech, internal, …), as the user or the grab set it. */
    indexerFlags: integer("indexer_flags").notNull().default(0),
    /** The download it came from (client + id), so an upgrade can delete it from the client. */
    downloadClientId: integer("download_client_id"),
    downloadId: text("download_id"),
    dateAdded: text("date_added").notNull(),
    /** What the release name states about the streams, worked out at import and rescan (null: nothing). */
    mediaInfo: json<MediaInfoResource>("media_info"),
  },
  (t) => [uniqueIndex("movie_files_movie_unique").on(t.movieId)],
);

/** Indexers (Radarr's provider shape): Torznab, Newznab or HDBits, settings with secrets encrypted. */
export const indexers = sqliteTable("indexers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  implementation: text("implementation").$type<IndexerImplementation>().notNull(),
  protocol: text("protocol", { enum: ["torrent", "usenet"] }).notNull(),
  settings: json<Record<string, unknown>>("settings").notNull(),
  enableRss: bool("enable_rss").notNull().default(true),
  enableAutomaticSearch: bool("enable_automatic_search").notNull().default(true),
  enableInteractiveSearch: bool("enable_interactive_search").notNull().default(true),
  /** 1 is tried (and preferred) first, 50 last; Radarr's default is 25. */
  priority: integer("priority").notNull().default(25),
  tags: json<number[]>("tags").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Each indexer's health: consecutive failures, the escalating back-off, and its cached capabilities. */
export const indexerStatus = sqliteTable("indexer_status", {
  indexerId: integer("indexer_id")
    .primaryKey()
    .references(() => indexers.id, { onDelete: "cascade" }),
  /** Failures since the last success; picks the back-off period (Radarr's escalation level). */
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  initialFailureAt: text("initial_failure_at"),
  mostRecentFailureAt: text("most_recent_failure_at"),
  disabledUntil: text("disabled_until"),
  lastError: text("last_error"),
  lastFailureKind: text("last_failure_kind"),
  capabilities: json<StoredIndexerCapabilities>("capabilities"),
  capsFetchedAt: text("caps_fetched_at"),
});

/**
 * Every HDBits torrent seen in a search or RSS fetch (deduplicated by info hash, refreshed on each
 * sighting): the observations the scene-group analysis scores release groups from.
 */
export const hdbitsObservations = sqliteTable(
  "hdbits_observations",
  {
    infoHash: text("info_hash").primaryKey(),
    indexerId: integer("indexer_id")
      .notNull()
      .references(() => indexers.id, { onDelete: "cascade" }),
    torrentId: integer("torrent_id").notNull(),
    name: text("name").notNull(),
    /** Upper-cased parsed release group; "" when the name has none. */
    releaseGroup: text("release_group").notNull(),
    qualityId: integer("quality_id").notNull().default(0),
    size: integer("size").notNull(),
    seeders: integer("seeders").notNull(),
    leechers: integer("leechers").notNull(),
    timesCompleted: integer("times_completed").notNull(),
    internal: bool("internal").notNull(),
    exclusive: bool("exclusive").notNull(),
    freeleech: bool("freeleech").notNull(),
    imdbId: text("imdb_id"),
    /** The library movie's runtime (minutes) when the torrent came from a search for it; 0 unknown. */
    runtime: integer("runtime").notNull().default(0),
    uploadedAt: text("uploaded_at").notNull(),
    observedAt: text("observed_at").notNull(),
  },
  (t) => [index("hdbits_observations_group_idx").on(t.releaseGroup)],
);

/**
 * Site sessions made by POST /login. The cookie carries a random token; only its HMAC (keyed by
 * the API key, so a new key ends every session) is stored, and logout or a revoke marks the row.
 */
export const sessions = sqliteTable("sessions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: text("created_at").notNull(),
  lastSeenAt: text("last_seen_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  userAgent: text("user_agent").notNull().default(""),
  clientAddress: text("client_address").notNull().default(""),
  revokedAt: text("revoked_at"),
});

/**
 * The API key made by Settings › General › Regenerate (one row, id 1). Only its SHA-256 is
 * compared per request; the key itself is AES-GCM-sealed under ENCRYPTION_KEY so it can be shown
 * again. `retiredSecretHash` is the SHA-256 of the API_KEY secret it replaced: while the secret is
 * still that one, this key is the key; a new secret (`wrangler secret put API_KEY`) makes the row
 * stale and the secret the key again.
 */
export const apiKeyState = sqliteTable("api_key_state", {
  id: integer("id").primaryKey(),
  keyHash: text("key_hash").notNull(),
  sealedKey: text("sealed_key").notNull(),
  createdAt: text("created_at").notNull(),
  retiredSecretHash: text("retired_secret_hash").notNull(),
});

/**
 * Failed logins per client address in the current window (epoch ms on the app's clock): in D1,
 * not a module variable, so every isolate counts the same failures.
 */
export const loginFailures = sqliteTable("login_failures", {
  clientKey: text("client_key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});

/**
 * A library movie's alternative titles (Radarr's AlternativeTitles), kept in step with the
 * `alternateTitles` of its stored metadata: a title keeps its id for as long as TMDb lists it.
 */
export const alternativeTitles = sqliteTable(
  "alternative_titles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    sourceType: text("source_type").notNull().default("tmdb"),
  },
  (t) => [uniqueIndex("alternative_titles_movie_title_unique").on(t.movieId, t.title)],
);

/**
 * A library movie's cast and crew (Radarr's Credits) from TMDb's credits: a credit (TMDb's
 * credit_id) keeps its id for as long as TMDb lists it. `syncedAt` is when the movie's credits
 * were last read from TMDb; a refresh of the movie after it makes the next read sync them again.
 */
export const movieCredits = sqliteTable(
  "movie_credits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    creditTmdbId: text("credit_tmdb_id").notNull(),
    personTmdbId: integer("person_tmdb_id").notNull(),
    personName: text("person_name").notNull(),
    type: text("type").notNull(),
    department: text("department"),
    job: text("job"),
    character: text("character"),
    order: integer("sort_order").notNull().default(0),
    profilePath: text("profile_path"),
    syncedAt: text("synced_at").notNull(),
  },
  (t) => [uniqueIndex("movie_credits_movie_credit_unique").on(t.movieId, t.creditTmdbId)],
);

/**
 * TMDb collections of library movies (Radarr's Collections). `parts` is TMDb's list of the
 * collection's movies, null until first read; a monitored collection adds its missing parts.
 */
export const collections = sqliteTable("collections", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  tmdbId: integer("tmdb_id").notNull().unique(),
  title: text("title").notNull(),
  sortTitle: text("sort_title").notNull(),
  overview: text("overview").notNull().default(""),
  images: json<CollectionImage[]>("images").notNull(),
  parts: json<CollectionPart[]>("parts"),
  monitored: bool("monitored").notNull().default(false),
  qualityProfileId: integer("quality_profile_id").notNull(),
  rootFolderPath: text("root_folder_path").notNull(),
  minimumAvailability: text("minimum_availability").notNull().default("released"),
  searchOnAdd: bool("search_on_add").notNull().default(false),
  tags: json<number[]>("tags").notNull(),
  added: text("added").notNull(),
  lastInfoSync: text("last_info_sync"),
});

/**
 * Delay profiles (Radarr's): which protocols a movie may use and how long an automatic grab waits
 * for a better release, chosen by the movie's tags (lowest order first). Id 1 is the default
 * (no tags, order last), seeded by its migration; it cannot be deleted.
 */
export const delayProfiles = sqliteTable("delay_profiles", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  enableUsenet: bool("enable_usenet").notNull().default(true),
  enableTorrent: bool("enable_torrent").notNull().default(true),
  preferredProtocol: text("preferred_protocol", { enum: ["usenet", "torrent"] })
    .notNull()
    .default("usenet"),
  /** Minutes. */
  usenetDelay: integer("usenet_delay").notNull().default(0),
  torrentDelay: integer("torrent_delay").notNull().default(0),
  bypassIfHighestQuality: bool("bypass_if_highest_quality").notNull().default(false),
  bypassIfAboveCustomFormatScore: bool("bypass_if_above_custom_format_score").notNull().default(false),
  minimumCustomFormatScore: integer("minimum_custom_format_score").notNull().default(0),
  order: integer("order").notNull(),
  tags: json<number[]>("tags").notNull(),
});

/** Release profiles (Radarr's): terms a release must (required) and must not (ignored) contain. */
export const releaseProfiles = sqliteTable("release_profiles", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name"),
  enabled: bool("enabled").notNull().default(true),
  required: json<string[]>("required").notNull(),
  ignored: json<string[]>("ignored").notNull(),
  /** 0: every indexer. */
  indexerId: integer("indexer_id").notNull().default(0),
  tags: json<number[]>("tags").notNull(),
});

/**
 * Pending releases (Radarr's): accepted releases an automatic grab holds back while the movie's
 * delay profile waits for a better one; the release as grabbed later (download link sealed).
 */
export const pendingReleases = sqliteTable(
  "pending_releases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    movieId: integer("movie_id")
      .notNull()
      .references(() => movies.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    indexer: text("indexer").notNull(),
    protocol: text("protocol", { enum: ["torrent", "usenet"] }).notNull(),
    /** The release's publish date (ISO); its delay counts from it. */
    publishDate: text("publish_date").notNull(),
    quality: json<StoredQualityModel>("quality").notNull(),
    customFormatIds: json<number[]>("custom_format_ids").notNull(),
    customFormatScore: integer("custom_format_score").notNull().default(0),
    languages: json<{ id: number; name: string }[]>("languages").notNull(),
    size: integer("size").notNull().default(0),
    release: json<Record<string, unknown>>("release").notNull(),
    source: text("source", { enum: ["automatic", "rss", "push"] }).notNull(),
    /** Radarr's PendingReleaseReason: delay. */
    reason: text("reason", { enum: ["delay"] })
      .notNull()
      .default("delay"),
    added: text("added").notNull(),
  },
  (t) => [index("pending_releases_movie_idx").on(t.movieId)],
);

/**
 * The app's own log store (Radarr's /api/v3/log): warnings, errors and commands' info records,
 * redacted like every log line, flushed from each isolate after its request, cron run or queue
 * batch. Bounded: the Housekeeping task keeps the newest LOG_RETENTION_ROWS (src/services/logs.ts).
 */
export const logEntries = sqliteTable(
  "log_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    time: text("time").notNull(),
    level: text("level", { enum: ["info", "warn", "error"] }).notNull(),
    logger: text("logger").notNull(),
    message: text("message").notNull(),
    exception: text("exception"),
    /** The request's X-Correlation-Id; null for cron runs, queue batches and older records. */
    correlationId: text("correlation_id"),
  },
  (t) => [
    index("log_entries_level_idx").on(t.level, t.id),
    index("log_entries_time_idx").on(t.time),
    index("log_entries_correlation_idx").on(t.correlationId),
  ],
);

/** Backups (Radarr's /api/v3/system/backup): an export of the library's tables as JSON, in chunks. */
export const backups = sqliteTable("backups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  type: text("type", { enum: ["scheduled", "manual", "update"] }).notNull(),
  /** The export's length in bytes (UTF-8). */
  size: integer("size").notNull(),
  time: text("time").notNull(),
  chunks: integer("chunks").notNull(),
});

/** A backup's JSON text, split in chunks under D1's row size limit; read back in `seq` order. */
export const backupChunks = sqliteTable(
  "backup_chunks",
  {
    backupId: integer("backup_id")
      .notNull()
      .references(() => backups.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: text("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.backupId, t.seq] })],
);

/**
 * The HDBits analyzer's collection (docs/hdbits-analyzer.md): one row per indexer, holding where
 * the collection stands so a restart, a pause or a 429 resumes from the next page.
 */
export const hdbitsAnalyzerCollections = sqliteTable("hdbits_analyzer_collections", {
  indexerId: integer("indexer_id")
    .primaryKey()
    .references(() => indexers.id, { onDelete: "cascade" }),
  status: text("status", { enum: ["running", "paused", "cancelled", "completed", "failed"] }).notNull(),
  /** Collect back to this upload time (ISO). */
  since: text("since").notNull(),
  /** The next page to fetch (0 = newest). */
  nextPage: integer("next_page").notNull().default(0),
  pages: integer("pages").notNull().default(0),
  releases: integer("releases").notNull().default(0),
  /** The oldest upload time reached so far (ISO), null before the first page. */
  oldestReached: text("oldest_reached"),
  /** The earliest time the next request may go (the analyzer's own pace). */
  nextRequestAt: text("next_request_at"),
  /** The command running the collection now (or last). */
  commandId: integer("command_id"),
  /** Consecutive failed attempts at the next page (backoff by the failure policy). */
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  startedAt: text("started_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** Every movie torrent the analyzer collected from HDBits' browse list (one row per torrent). */
export const hdbitsAnalyzerReleases = sqliteTable(
  "hdbits_analyzer_releases",
  {
    indexerId: integer("indexer_id")
      .notNull()
      .references(() => indexers.id, { onDelete: "cascade" }),
    torrentId: integer("torrent_id").notNull(),
    infoHash: text("info_hash").notNull(),
    name: text("name").notNull(),
    /** Upper-cased parsed release group; "" when the name has none. */
    releaseGroup: text("release_group").notNull(),
    qualityId: integer("quality_id").notNull().default(0),
    resolution: integer("resolution").notNull().default(0),
    source: text("source").notNull().default(""),
    codec: text("codec").notNull().default(""),
    size: integer("size").notNull(),
    seeders: integer("seeders").notNull(),
    leechers: integer("leechers").notNull(),
    timesCompleted: integer("times_completed").notNull(),
    freeleech: bool("freeleech").notNull(),
    internal: bool("internal").notNull(),
    exclusive: bool("exclusive").notNull(),
    /** HDBits' type_origin (0 undefined, 1 internal). */
    origin: integer("origin").notNull().default(0),
    imdbId: text("imdb_id"),
    uploadedAt: text("uploaded_at").notNull(),
    collectedAt: text("collected_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indexerId, t.torrentId] }),
    index("hdbits_analyzer_releases_group_idx").on(t.releaseGroup),
  ],
);

/** Group reputations scored from the collected releases, kept until the next recompute. */
export const hdbitsAnalyzerGroups = sqliteTable("hdbits_analyzer_groups", {
  releaseGroup: text("release_group").primaryKey(),
  score: integer("score").notNull(),
  /** The whole reputation (GroupReputation plus quality counts) as JSON. */
  reputation: json<Record<string, unknown>>("reputation").notNull(),
  computedAt: text("computed_at").notNull(),
});

/**
 * The health checks last found failing, one per source (Radarr's in-memory health results, kept
 * in D1 because isolates share no memory): a source new here raises a health issue, a source
 * gone from the next evaluation a health restored with the check it had.
 */
export const healthCheckResults = sqliteTable("health_check_results", {
  source: text("source").primaryKey(),
  /** notice, warning or error. */
  type: text("type").notNull(),
  message: text("message").notNull(),
  wikiUrl: text("wiki_url").notNull().default(""),
  since: text("since").notNull(),
});

/**
 * Events raised at most once, by key (an application update per deployment, a download's manual
 * interaction): whoever inserts the key first raises the event, so concurrent isolates cannot both.
 */
export const announcedEvents = sqliteTable("announced_events", {
  key: text("key").primaryKey(),
  announcedAt: text("announced_at").notNull(),
});
