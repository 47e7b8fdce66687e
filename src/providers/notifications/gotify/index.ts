import { z } from "zod";
import { httpUrlSetting } from "../../../domain/validation/addresses";
import { defineProvider, type ProviderField } from "../../definition";
import { type Notifier, postJson } from "../definition";
import { previewAction } from "../preview";

/** Radarr's GotifySettings (the parts used). */
const gotifySettings = z.object({
  server: httpUrlSetting(),
  appToken: z.string().trim().min(1, "appToken is required").max(200),
  priority: z.number().int().min(0).max(10, "priority must be 0-10").default(5),
});

const gotifyFields: readonly ProviderField[] = [
  { name: "server", label: "Gotify Server", type: "url", helpText: "e.g. https://gotify.example.com" },
  { name: "appToken", label: "App Token", type: "textbox", privacy: "apiKey" },
  { name: "priority", label: "Priority", type: "number", helpText: "0-10; Gotify's default is 5" },
];

/** Radarr's Gotify: POST /message with the application token. */
export const gotifyNotification = defineProvider({
  implementation: "Gotify",
  infoLink: "https://wiki.servarr.com/radarr/supported#gotify",
  settings: gotifySettings,
  fields: gotifyFields,
  open: (settings): Notifier => ({
    requests: (message) => [
      postJson(
        "gotify",
        `${settings.server}/message`,
        {
          title: message.title,
          message: message.text,
          priority: settings.priority,
        },
        { "X-Gotify-Key": settings.appToken },
      ),
    ],
  }),
  actions: { preview: previewAction },
});
