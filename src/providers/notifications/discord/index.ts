import { defineProvider } from "../../definition";
import type { Notifier } from "../definition";
import { previewAction } from "../preview";
import { discordFields, discordSettings } from "./settings";

/** Radarr's Discord: one chat line, the event's title in bold, posted under the configured name. */
export const discordNotification = defineProvider({
  implementation: "Discord",
  infoLink: "https://wiki.servarr.com/radarr/supported#discord",
  settings: discordSettings,
  fields: discordFields,
  open: (settings): Notifier => ({
    request: (message) => ({
      service: "discord",
      url: settings.webHookUrl,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: settings.username, content: `**${message.title}**: ${message.text}` }),
    }),
  }),
  actions: { preview: previewAction },
});
