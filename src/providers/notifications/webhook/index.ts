import { defineProvider } from "../../definition";
import type { Notifier } from "../definition";
import { previewAction } from "../preview";
import { webhookFields, webhookMethod, webhookSettings } from "./settings";

/** Radarr's Webhook: the event as JSON (`eventType`, `instanceName`, `applicationUrl` and the sender's payload). */
export const webhookNotification = defineProvider({
  implementation: "Webhook",
  infoLink: "https://wiki.servarr.com/radarr/supported#webhook",
  settings: webhookSettings,
  fields: webhookFields,
  open: (settings): Notifier => ({
    request: (message) => ({
      service: "webhook",
      url: settings.url,
      method: webhookMethod(settings.method),
      headers: {
        ...Object.fromEntries(settings.headers.map((h) => [h.key, h.value])),
        "content-type": "application/json",
      },
      body: JSON.stringify({ eventType: message.title, ...message.instance, ...message.payload }),
    }),
  }),
  actions: { preview: previewAction },
});
