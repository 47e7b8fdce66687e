import { defineProvider } from "../../definition";
import type { Notifier } from "../definition";
import { previewAction } from "../preview";
import { radarrWebhookPayload } from "./payload";
import { webhookFields, webhookMethod, webhookSettings } from "./settings";

/** Radarr's Webhook: the event as Radarr's webhook JSON, so tools that consume Radarr's webhooks work. */
export const webhookNotification = defineProvider({
  implementation: "Webhook",
  infoLink: "https://wiki.servarr.com/radarr/supported#webhook",
  settings: webhookSettings,
  fields: webhookFields,
  open: (settings): Notifier => ({
    requests: (message) => [
      {
        service: "webhook",
        url: settings.url,
        method: webhookMethod(settings.method),
        headers: {
          ...Object.fromEntries(settings.headers.map((h) => [h.key, h.value])),
          "content-type": "application/json",
        },
        body: JSON.stringify(radarrWebhookPayload(message)),
      },
    ],
  }),
  actions: { preview: previewAction },
});
