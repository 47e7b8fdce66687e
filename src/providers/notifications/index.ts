import { type ImplementationOf, providerRegistry } from "../registry";
import { appriseNotification } from "./apprise";
import { discordNotification } from "./discord";
import { gotifyNotification } from "./gotify";
import { embyNotification, jellyfinNotification } from "./mediaBrowser";
import { ntfyNotification } from "./ntfy";
import { plexServerNotification } from "./plex";
import { pushbulletNotification } from "./pushbullet";
import { pushoverNotification } from "./pushover";
import { slackNotification } from "./slack";
import { telegramNotification } from "./telegram";
import { webhookNotification } from "./webhook";

/** Every notification target kind; adding one is its folder plus a line here. */
export const NOTIFICATIONS = providerRegistry([
  webhookNotification,
  discordNotification,
  plexServerNotification,
  embyNotification,
  jellyfinNotification,
  telegramNotification,
  pushoverNotification,
  ntfyNotification,
  gotifyNotification,
  slackNotification,
  appriseNotification,
  pushbulletNotification,
]);

export type NotificationImplementation = ImplementationOf<typeof NOTIFICATIONS>;
export type NotificationDefinition = (typeof NOTIFICATIONS.definitions)[number];
