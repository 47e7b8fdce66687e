import { z } from "zod";
import { APP_NAME, type Env, upstreamPolicy } from "../config";
import type { Database } from "../db/client";
import { notifications } from "../db/schema";
import { httpUrlSetting } from "../domain/validation/addresses";
import { choiceSetting } from "../domain/validation/choices";
import { upstreamFetch } from "../integrations/http";
import { openNotificationSettings } from "./notificationSecrets";

/** The events a notification can subscribe to, with the flag column that turns each on. */
const NOTIFICATION_EVENTS = {
  grab: "onGrab",
  download: "onDownload",
  upgrade: "onUpgrade",
  downloadFailure: "onDownloadFailure",
  healthIssue: "onHealthIssue",
  movieAdded: "onMovieAdded",
} as const;
export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;

/** How a webhook is called (Radarr's WebhookMethod). */
export const WEBHOOK_METHODS = [
  { value: "POST", name: "POST" },
  { value: "PUT", name: "PUT" },
] as const;

// Webhook addresses are called as given, so a query (often a token) is part of them.
const webhookUrl = httpUrlSetting({ allowQuery: true });

/**
 * Extra headers a webhook is called with (Radarr's Headers): names must be HTTP tokens and values
 * one line, or the call could never be made; values are secrets (stored encrypted, shown masked).
 */
const webhookHeaders = z
  .array(
    z.object({
      key: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be an HTTP header name"),
      value: z
        .string()
        .max(4096)
        .regex(/^[^\r\n]*$/, "must be one line"),
    }),
  )
  .max(20)
  .default([]);

/** Settings per implementation (Radarr's WebhookSettings / DiscordSettings, the parts used). */
export const NOTIFICATION_SETTINGS = {
  Webhook: z.object({
    url: webhookUrl,
    method: choiceSetting(WEBHOOK_METHODS).default("POST"),
    headers: webhookHeaders,
  }),
  Discord: z.object({ webHookUrl: webhookUrl, username: z.string().max(80).default(APP_NAME) }),
} as const;
export type NotificationImplementation = keyof typeof NOTIFICATION_SETTINGS;

type NotificationRow = typeof notifications.$inferSelect;

function eventTitle(event: NotificationEvent): string {
  return {
    grab: "Grab",
    download: "Download",
    upgrade: "Upgrade",
    downloadFailure: "DownloadFailure",
    healthIssue: "HealthIssue",
    movieAdded: "MovieAdded",
  }[event];
}

/** Sends one event to one target; throws UpstreamError when the target refuses or is unreachable. */
export async function sendNotification(
  env: Env,
  target: NotificationRow,
  event: NotificationEvent,
  payload: Record<string, unknown>,
) {
  const message = String(payload.message ?? eventTitle(event));
  const opened = await openNotificationSettings(env, target.implementation, target.settings);
  if (target.implementation === "Discord") {
    const settings = NOTIFICATION_SETTINGS.Discord.parse(opened);
    await upstreamFetch({
      service: "discord",
      url: settings.webHookUrl,
      init: {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: settings.username, content: `**${eventTitle(event)}**: ${message}` }),
      },
      policy: upstreamPolicy(env),
      attempts: 2,
    });
    return;
  }
  const settings = NOTIFICATION_SETTINGS.Webhook.parse(opened);
  await upstreamFetch({
    service: "webhook",
    url: settings.url,
    init: {
      method: settings.method,
      headers: {
        ...Object.fromEntries(settings.headers.map((h) => [h.key, h.value])),
        "content-type": "application/json",
      },
      body: JSON.stringify({ eventType: eventTitle(event), instanceName: APP_NAME, ...payload }),
    },
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
