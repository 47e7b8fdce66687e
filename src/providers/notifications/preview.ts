import { invalidInput } from "../../domain/failures/failure";
import type { ProviderAction } from "../definition";
import type { Notifier } from "./definition";
import { NOTIFICATION_EVENTS, type NotificationEvent, notificationMessage, TEST_PAYLOAD } from "./events";

const isEvent = (name: string): name is NotificationEvent => Object.hasOwn(NOTIFICATION_EVENTS, name);

/**
 * The `preview` action: the request a target's test would send (`?event=grab`, the test message
 * by default), built from the settings in the form and not sent — the method and the JSON body. The address and headers are left out: they may carry the target's secrets.
 */
export const previewAction: ProviderAction<Notifier> = async (notifier, { query }) => {
  const event = query.event ?? "test";
  if (event !== "test" && !isEvent(event))
    throw invalidInput("query.event", `event must be test or one of ${Object.keys(NOTIFICATION_EVENTS).join(", ")}`);
  const [request] = notifier.requests(notificationMessage(event, TEST_PAYLOAD));
  if (!request) return { event, method: null, body: null };
  let body: unknown = null;
  try {
    body = JSON.parse(request.body ?? "null");
  } catch {
    // Not JSON (Pushover's form carries its keys): left out.
  }
  return { event, method: request.method, body };
};
