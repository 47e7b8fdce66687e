import type { NotificationMessage } from "./events";

/** The call that delivers one message to one target (made by the service through the upstream layer). */
interface NotificationRequest {
  /** The upstream's name for failure accounting and circuit breaking. */
  service: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** What a notification definition opens for its settings: how a message becomes a request (no I/O). */
export interface Notifier {
  request(message: NotificationMessage): NotificationRequest;
}
