import type { NotificationMessage } from "./events";

/** One call that delivers (part of) a message to a target (made by the service through the upstream layer). */
export interface NotificationRequest {
  /** The upstream's name for failure accounting and circuit breaking. */
  service: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * What a notification definition opens for its settings: how a message becomes requests (no I/O).
 * `requests` are the calls made in order (one per ntfy topic or Pushbullet device; none when the
 * target does nothing for the event, a media server on a grab); `followUp`, when a target needs a
 * further call, builds it from the last answer's JSON (Plex: the library sections, then the
 * refresh of the section holding the movie's folder).
 */
export interface Notifier {
  requests(message: NotificationMessage): NotificationRequest[];
  followUp?(message: NotificationMessage, answer: unknown): NotificationRequest | null;
}

/** A JSON POST, the shape most targets take. */
export function postJson(
  service: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): NotificationRequest {
  return {
    service,
    url,
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}
