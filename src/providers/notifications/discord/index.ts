import { defineProvider } from "../../definition";
import { type Notifier, postJson } from "../definition";
import { previewAction } from "../preview";
import { discordFields, discordSettings } from "./settings";

/** Radarr's Discord: one chat line, the event's name in bold, posted under the configured name. */
export const discordNotification = defineProvider({
  implementation: "Discord",
  infoLink: "https://wiki.servarr.com/radarr/supported#discord",
  settings: discordSettings,
  fields: discordFields,
  open: (settings): Notifier => ({
    requests: (message) => [
      postJson("discord", settings.webHookUrl, {
        username: settings.username,
        content: `**${message.eventType}**: ${message.text}`,
      }),
    ],
  }),
  actions: { preview: previewAction },
});
