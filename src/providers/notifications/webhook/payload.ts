import type { NotificationMessage } from "../events";

/**
 * What an event adds to Radarr's webhook fields when its sender did not say: an upgrade is a
 * Download with isUpgrade, a file replaced by an upgrade is deleted for the reason `upgrade`, a
 * health event carries its level and check type.
 */
function eventDefaults(message: NotificationMessage): Record<string, unknown> {
  switch (message.event) {
    case "download":
      return { isUpgrade: false };
    case "upgrade":
      return { isUpgrade: true };
    case "movieFileDeleteForUpgrade":
      return { deleteReason: "upgrade" };
    case "movieFileDelete":
      return { deleteReason: "manual" };
    case "healthIssue":
    case "healthRestored":
      return { level: "warning", type: "HealthCheck", wikiUrl: "" };
    default:
      return {};
  }
}

/**
 * Radarr's webhook payload (WebhookPayload and its per-event subclasses): `eventType`,
 * `instanceName`, `applicationUrl`, then the event's fields — `movie`, `remoteMovie`, `release`,
 * `movieFile`, `downloadClient`, `downloadClientType`, `downloadId`, `isUpgrade`, `deletedFiles`,
 * `renamedMovieFiles`, `addMethod`, `deleteReason`, `level`/`message`/`type`/`wikiUrl`,
 * `previousVersion`/`newVersion`, … — as the sender gave them. A `Test` carries Radarr's test movie.
 */
export function radarrWebhookPayload(message: NotificationMessage): Record<string, unknown> {
  return {
    eventType: message.eventType,
    instanceName: message.instance.instanceName,
    applicationUrl: message.instance.applicationUrl,
    ...eventDefaults(message),
    ...message.payload,
  };
}
