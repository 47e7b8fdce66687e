import { invalidInput } from "../../domain/failures/failure";
import type { ProviderAction } from "../definition";
import type { Notifier } from "./definition";
import { NOTIFICATION_EVENTS, type NotificationEvent, notificationMessage, TEST_PAYLOAD } from "./events";

const isEvent = (name: string): name is NotificationEvent => Object.hasOwn(NOTIFICATION_EVENTS, name);

/**
 * The `preview` action: the request a target's test would send (`?event=grab`, a health issue by
 * default), built from the settings in the form and not sent — the method and the body (parsed
 * when it is JSON). The address and headers are left out: they may carry the target's secrets.
 */
export const previewAction: ProviderAction<Notifier> = async (notifier, { query }) => {
  const event = query.event ?? "healthIssue";
  if (!isEvent(event))
    throw invalidInput("query.event", `event must be one of ${Object.keys(NOTIFICATION_EVENTS).join(", ")}`);
  const request = notifier.request(notificationMessage(event, TEST_PAYLOAD));
  let body: unknown = request.body;
  try {
    body = JSON.parse(request.body);
  } catch {
    // Not JSON: shown as sent.
  }
  return { event, method: request.method, body };
};
