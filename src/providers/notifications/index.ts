import type { NotificationDefinition } from "./definition";
import { discordNotification } from "./discord";
import { webhookNotification } from "./webhook";

/** Every notification target kind; adding one is adding its folder and one entry here. */
export const NOTIFICATIONS = [webhookNotification, discordNotification] as const;

type Registered = (typeof NOTIFICATIONS)[number];
export type NotificationImplementation = Registered["implementation"];

/** The implementation names, in registry order (the db enum and the API's enum). */
export const NOTIFICATION_IMPLEMENTATIONS = NOTIFICATIONS.map((n) => n.implementation) as unknown as readonly [
  NotificationImplementation,
  ...NotificationImplementation[],
];

export function notificationDefinition(implementation: NotificationImplementation): NotificationDefinition {
  return NOTIFICATIONS.find((n) => n.implementation === implementation) as unknown as NotificationDefinition;
}
