import { type ImplementationOf, providerRegistry } from "../registry";
import { discordNotification } from "./discord";
import { webhookNotification } from "./webhook";

/** Every notification target kind; adding one is its folder plus a line here. */
export const NOTIFICATIONS = providerRegistry([webhookNotification, discordNotification]);

export type NotificationImplementation = ImplementationOf<typeof NOTIFICATIONS>;
export type NotificationDefinition = (typeof NOTIFICATIONS.definitions)[number];
