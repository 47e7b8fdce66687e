import { defineNotification } from "../definition";
import { discordFields, discordSettings } from "./settings";

/** Radarr's Discord: one chat line, the event's title in bold, posted under the configured name. */
export const discordNotification = defineNotification({
  implementation: "Discord",
  configContract: "DiscordSettings",
  settings: discordSettings,
  fields: discordFields,
  request: (settings, message) => ({
    service: "discord",
    url: settings.webHookUrl,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: settings.username, content: `**${message.title}**: ${message.text}` }),
  }),
});
