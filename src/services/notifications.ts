import { upstreamPolicy } from "../config";
import { notificationRepository } from "../db/repositories/notifications";
import { upstreamFetch } from "../integrations/http";
import { NOTIFICATIONS, type NotificationDefinition } from "../providers/notifications";
import { NOTIFICATION_EVENTS, type NotificationEvent, notificationMessage } from "../providers/notifications/events";
import { notificationInstance } from "./configResources";
import type { ServiceContext } from "./context";
import { openSettings } from "./secrets";

/**
 * Delivers one event to one target (its settings plain, as validated or opened); throws the
 * upstream Failure when the target refuses or is unreachable.
 */
export async function deliverNotification(
  { env, db }: Pick<ServiceContext, "env" | "db">,
  definition: NotificationDefinition,
  settings: Record<string, unknown>,
  event: NotificationEvent,
  payload: Record<string, unknown>,
) {
  const instance = await notificationInstance(db);
  const request = definition.open(settings, undefined).request(notificationMessage(event, payload, instance));
  await upstreamFetch({
    service: request.service,
    url: request.url,
    init: { method: request.method, headers: request.headers, body: request.body },
    policy: upstreamPolicy(env),
    attempts: 2,
  });
}

/** Sends an event to every target subscribed to it; failures of one target do not stop others. */
export async function notify(ctx: ServiceContext, event: NotificationEvent, payload: Record<string, unknown>) {
  const { env, db } = ctx;
  const targets = await notificationRepository(db).subscribedTo(NOTIFICATION_EVENTS[event]);
  const results = await Promise.allSettled(
    targets.map(async (target) => {
      const definition = NOTIFICATIONS.get(target.implementation);
      const settings = await openSettings(env, target.settings, definition.secretFields);
      await deliverNotification(ctx, definition, settings, event, payload);
    }),
  );
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length)
    throw new Error(
      `${failed.length} of ${targets.length} notifications failed: ${(failed[0] as PromiseRejectedResult).reason}`,
    );
  return targets.length;
}
