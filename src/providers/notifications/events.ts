import { APP_NAME } from "../../config";

/**
 * The events a notification can subscribe to, with the flag that turns each on (Radarr's On*
 * flags). `downloadFailure` and `importListSync` are not Radarr's: a download that failed, and an
 * import list sync's summary.
 */
export const NOTIFICATION_EVENTS = {
  grab: "onGrab",
  download: "onDownload",
  upgrade: "onUpgrade",
  downloadFailure: "onDownloadFailure",
  rename: "onRename",
  movieAdded: "onMovieAdded",
  movieDelete: "onMovieDelete",
  movieFileDelete: "onMovieFileDelete",
  movieFileDeleteForUpgrade: "onMovieFileDeleteForUpgrade",
  healthIssue: "onHealthIssue",
  healthRestored: "onHealthRestored",
  applicationUpdate: "onApplicationUpdate",
  manualInteractionRequired: "onManualInteractionRequired",
  importListSync: "onImportListSync",
} as const;
export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
export type NotificationFlag = (typeof NOTIFICATION_EVENTS)[NotificationEvent];
export const NOTIFICATION_FLAGS = Object.values(NOTIFICATION_EVENTS) as NotificationFlag[];

/**
 * The flags a target must have on to hear an event: its own, and for a file deleted for an
 * upgrade On Movie File Delete too (Radarr's NotificationService sends it only to the targets
 * OnMovieFileDeleteEnabled that also have OnMovieFileDeleteForUpgrade).
 */
export function subscriptionFlags(event: NotificationEvent): NotificationFlag[] {
  const own = NOTIFICATION_EVENTS[event];
  return event === "movieFileDeleteForUpgrade" ? [NOTIFICATION_EVENTS.movieFileDelete, own] : [own];
}

/** The events that change what is on disk: a media server refreshes its library for them. */
export const LIBRARY_EVENTS: ReadonlySet<NotificationEvent> = new Set([
  "download",
  "upgrade",
  "rename",
  "movieDelete",
  "movieFileDelete",
  "movieFileDeleteForUpgrade",
]);

/**
 * Each event as Radarr's webhook names it in `eventType` (WebhookEventType): an upgrade is a
 * `Download` with `isUpgrade`, a file deleted for an upgrade a `MovieFileDelete` with its reason.
 */
const EVENT_TYPES: Record<NotificationEvent, string> = {
  grab: "Grab",
  download: "Download",
  upgrade: "Download",
  rename: "Rename",
  movieAdded: "MovieAdded",
  movieDelete: "MovieDelete",
  movieFileDelete: "MovieFileDelete",
  movieFileDeleteForUpgrade: "MovieFileDelete",
  healthIssue: "Health",
  healthRestored: "HealthRestored",
  applicationUpdate: "ApplicationUpdate",
  manualInteractionRequired: "ManualInteractionRequired",
  downloadFailure: "DownloadFailure",
  importListSync: "ImportListSync",
};

/** Each event's title for people (chat messages, push titles). */
const EVENT_TITLES: Record<NotificationEvent, string> = {
  grab: "Movie Grabbed",
  download: "Movie Downloaded",
  upgrade: "Movie Upgraded",
  rename: "Movie Renamed",
  movieAdded: "Movie Added",
  movieDelete: "Movie Deleted",
  movieFileDelete: "Movie File Deleted",
  movieFileDeleteForUpgrade: "Movie File Deleted",
  healthIssue: "Health Check Failure",
  healthRestored: "Health Check Restored",
  applicationUpdate: "Application Updated",
  manualInteractionRequired: "Manual Interaction Required",
  downloadFailure: "Download Failed",
  importListSync: "Import List Synced",
};

/** One event on its way to a target: what happened and what the sender said about it. */
export interface NotificationMessage {
  /** The event, or `test` for a target's Test. */
  event: NotificationEvent | "test";
  /** Radarr's webhook name of the event (`Grab`, `Health`, `Test`, …). */
  eventType: string;
  /** The event for people (`Movie Grabbed`). */
  title: string;
  /** One line for people: the payload's `message`, or the event's title. */
  text: string;
  /** Radarr's webhook fields of the event (`movie`, `release`, `movieFile`, …) and this app's extras. */
  payload: Record<string, unknown>;
  /** The sender as /config/host names it: instanceName, and the address its links point to. */
  instance: NotificationInstance;
}

interface NotificationInstance {
  instanceName: string;
  applicationUrl: string;
}

/** The sender until /config/host names it (previews, which have no settings at hand, use it too). */
const DEFAULT_INSTANCE: NotificationInstance = { instanceName: APP_NAME, applicationUrl: "" };

export function notificationMessage(
  event: NotificationEvent | "test",
  payload: Record<string, unknown>,
  instance = DEFAULT_INSTANCE,
): NotificationMessage {
  const eventType = event === "test" ? "Test" : EVENT_TYPES[event];
  const title = event === "test" ? "Test Notification" : EVENT_TITLES[event];
  return { event, eventType, title, text: String(payload.message ?? title), payload, instance };
}

/** The folder of the movie an event is about (media servers refresh it), if it names one. */
export function movieFolder(message: NotificationMessage): string | undefined {
  const movie = message.payload.movie as { folderPath?: unknown } | undefined;
  return typeof movie?.folderPath === "string" && movie.folderPath ? movie.folderPath : undefined;
}

/** What a target's test sends (and the preview action shows): Radarr's test payload. */
export const TEST_PAYLOAD = {
  message: "Test message from Radarr Edge",
  test: true,
  movie: {
    id: 1,
    title: "Test Title",
    year: 1970,
    folderPath: "/movies/Test Title (1970)",
    releaseDate: "1970-01-01",
    tags: ["test-tag"],
  },
  remoteMovie: { tmdbId: 1234, imdbId: "5678", title: "Test title", year: 1970 },
  release: {
    indexer: "Test Indexer",
    quality: "Test Quality",
    qualityVersion: 1,
    releaseGroup: "Test Group",
    releaseTitle: "Test Title",
    size: 9999999,
  },
};
