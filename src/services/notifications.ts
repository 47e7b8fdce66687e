import { type Env, upstreamPolicy } from "../config";
import type { Database } from "../db/client";
import { notifications } from "../db/schema";
import { upstreamFetch } from "../integrations/http";
import { notificationDefinition } from "../providers/notifications";
import { NOTIFICATION_EVENTS, type NotificationEvent, notificationMessage } from "../providers/notifications/events";
import { openNotificationSettings } from "./notificationSecrets";

type NotificationRow = typeof notifications.$inferSelect;

/** Sends one event to one target; throws an upstream Failure when the target refuses or is unreachable. */
export async function sendNotification(
  env: Env,
  target: NotificationRow,
  event: NotificationEvent,
  payload: Record<string, unknown>,
) {
  const definition = notificationDefinition(target.implementation);
  const opened = await openNotificationSettings(env, target.implementation, target.settings);
  const request = definition.request(definition.settings.parse(opened), notificationMessage(event, payload));
  await upstreamFetch({
    service: request.service,
    url: request.url,
    init: { method: request.method, headers: request.headers, body: request.body },
    policy: upstreamPolicy(env),
    attempts: 2,
  });
}

/** Sends an event to every target subscribed to it; failures of one target do not stop others. */
export async function notify(env: Env, db: Database, event: NotificationEvent, payload: Record<string, unknown>) {
  const flag = NOTIFICATION_EVENTS[event];
  const targets = (await db.select().from(notifications)).filter((n) => n[flag]);
  const results = await Promise.allSettled(targets.map((t) => sendNotification(env, t, event, payload)));
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length)
    throw new Error(
      `${failed.length} of ${targets.length} notifications failed: ${(failed[0] as PromiseRejectedResult).reason}`,
    );
  return targets.length;
}
