import { z } from "zod";
import { defineProvider, type ProviderField } from "../../definition";
import { type Notifier, postJson } from "../definition";
import { apiUrlField, apiUrlSetting, nameListSetting } from "../fields";
import { previewAction } from "../preview";

const PUSHBULLET_API = "https://api.pushbullet.com";

/** Radarr's PushBulletSettings (the parts used), plus the API address. */
const pushbulletSettings = z.object({
  apiKey: z
    .string()
    .trim()
    .regex(/^[\w.]{20,100}$/, "apiKey must be a Pushbullet access token"),
  deviceIds: nameListSetting,
  channelTags: nameListSetting,
  senderId: z.string().trim().max(100).default(""),
  apiUrl: apiUrlSetting(PUSHBULLET_API),
});

const pushbulletFields: readonly ProviderField[] = [
  { name: "apiKey", label: "Access Token", type: "textbox", privacy: "apiKey" },
  { name: "deviceIds", label: "Device IDs", type: "textbox", helpText: "Comma-separated; empty: all devices" },
  { name: "channelTags", label: "Channel Tags", type: "textbox", advanced: true, helpText: "Comma-separated" },
  { name: "senderId", label: "Sender ID", type: "textbox", advanced: true, helpText: "The device the push comes from" },
  apiUrlField(PUSHBULLET_API),
];

/** Radarr's Pushbullet: one note push (/v2/pushes) per device and channel, or one to all devices. */
export const pushbulletNotification = defineProvider({
  implementation: "PushBullet",
  implementationName: "Pushbullet",
  infoLink: "https://wiki.servarr.com/radarr/supported#pushbullet",
  settings: pushbulletSettings,
  fields: pushbulletFields,
  open: (settings): Notifier => ({
    requests: (message) => {
      const targets: Record<string, string>[] = [
        ...settings.deviceIds.map((id) => ({ device_iden: id })),
        ...settings.channelTags.map((tag) => ({ channel_tag: tag })),
      ];
      return (targets.length ? targets : [{}]).map((target) =>
        postJson(
          "pushbullet",
          `${settings.apiUrl}/v2/pushes`,
          {
            type: "note",
            title: message.title,
            body: message.text,
            ...target,
            ...(settings.senderId ? { source_device_iden: settings.senderId } : {}),
          },
          { "Access-Token": settings.apiKey },
        ),
      );
    },
  }),
  actions: { preview: previewAction },
});
