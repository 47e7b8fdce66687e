import { z } from "zod";
import { APP_NAME } from "../../../config";
import { httpUrlSetting } from "../../../domain/validation/addresses";
import { defineProvider, type ProviderField } from "../../definition";
import { type Notifier, postJson } from "../definition";
import { previewAction } from "../preview";

/** Radarr's SlackSettings. */
const slackSettings = z.object({
  webHookUrl: httpUrlSetting({ allowQuery: true }),
  username: z.string().trim().max(80).default(APP_NAME),
  icon: z.string().trim().max(500).default(""),
  channel: z.string().trim().max(80).default(""),
});

/** Slack's incoming-webhook address carries its credential: a secret. */
const slackFields: readonly ProviderField[] = [
  { name: "webHookUrl", label: "Webhook URL", type: "url", privacy: "apiKey" },
  { name: "username", label: "Username", type: "textbox" },
  {
    name: "icon",
    label: "Icon",
    type: "textbox",
    advanced: true,
    helpText: "An emoji (:movie_camera:) or an image URL",
  },
  {
    name: "channel",
    label: "Channel",
    type: "textbox",
    advanced: true,
    helpText: "Overrides the webhook's channel (#movies)",
  },
];

/** Radarr's Slack: an incoming webhook post, the event's title as the attachment's title. */
export const slackNotification = defineProvider({
  implementation: "Slack",
  infoLink: "https://wiki.servarr.com/radarr/supported#slack",
  settings: slackSettings,
  fields: slackFields,
  open: (settings): Notifier => ({
    requests: (message) => [
      postJson("slack", settings.webHookUrl, {
        username: settings.username,
        ...(settings.icon.startsWith(":")
          ? { icon_emoji: settings.icon }
          : settings.icon
            ? { icon_url: settings.icon }
            : {}),
        ...(settings.channel ? { channel: settings.channel } : {}),
        text: message.title,
        attachments: [{ fallback: message.text, title: message.title, text: message.text }],
      }),
    ],
  }),
  actions: { preview: previewAction },
});
