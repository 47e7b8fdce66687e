import { APP_NAME } from "../../config";

/** The events a notification can subscribe to, with the flag that turns each on (Radarr's On* flags). */
export const NOTIFICATION_EVENTS = {
  grab: "onGrab",
  download: "onDownload",
  upgrade: "onUpgrade",
  downloadFailure: "onDownloadFailure",
  healthIssue: "onHealthIssue",
  movieAdded: "onMovieAdded",
  /** Not Radarr's: an import list sync's summary. */
  importListSync: "onImportListSync",
} as const;
export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;

/** Each event as Radarr names it in a payload's `eventType`. */
const EVENT_TITLES: Record<NotificationEvent, string> = {
  grab: "Grab",
  download: "Download",
  upgrade: "Upgrade",
  downloadFailure: "DownloadFailure",
  healthIssue: "HealthIssue",
  movieAdded: "MovieAdded",
  importListSync: "ImportListSync",
};

/** One event on its way to a target: what happened and what the sender said about it. */
export interface NotificationMessage {
  event: NotificationEvent;
  /** Radarr's name of the event (`Grab`, `HealthIssue`, …). */
  title: string;
  /** One line for people: the payload's `message`, or the event's title. */
  text: string;
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
  event: NotificationEvent,
  payload: Record<string, unknown>,
  instance = DEFAULT_INSTANCE,
): NotificationMessage {
  const title = EVENT_TITLES[event];
  return { event, title, text: String(payload.message ?? title), payload, instance };
}

/** What a target's test sends (and the preview action shows). */
export const TEST_PAYLOAD = { message: "Test message from Radarr Edge", test: true };
