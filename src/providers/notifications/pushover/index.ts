import { z } from "zod";
import { codedChoiceSetting } from "../../../domain/validation/choices";
import { defineProvider, type ProviderField } from "../../definition";
import type { Notifier } from "../definition";
import { apiUrlField, apiUrlSetting, nameListSetting } from "../fields";
import { previewAction } from "../preview";

const PUSHOVER_API = "https://api.pushover.net";

/** Pushover's priorities (Radarr's PushoverPriority codes). */
const PUSHOVER_PRIORITIES = [
  { value: -2, name: "Silent", alias: "silent" },
  { value: -1, name: "Quiet", alias: "quiet" },
  { value: 0, name: "Normal", alias: "normal" },
  { value: 1, name: "High", alias: "high" },
  { value: 2, name: "Emergency", alias: "emergency" },
] as const;

/** Radarr's PushoverSettings (the parts used), plus the API address. */
const pushoverSettings = z.object({
  apiKey: z
    .string()
    .trim()
    .regex(/^\w{30}$/, "apiKey must be Pushover's 30-character application token"),
  userKey: z
    .string()
    .trim()
    .regex(/^\w{30}$/, "userKey must be Pushover's 30-character user or group key"),
  devices: nameListSetting,
  priority: codedChoiceSetting(PUSHOVER_PRIORITIES).default(0),
  retry: z.number().int().min(30, "retry must be at least 30 seconds").default(60),
  expire: z.number().int().min(0).max(10800, "expire must be at most 10800 seconds").default(3600),
  sound: z.string().trim().max(50).default(""),
  apiUrl: apiUrlSetting(PUSHOVER_API),
});

const pushoverFields: readonly ProviderField[] = [
  { name: "apiKey", label: "API Key", type: "textbox", privacy: "apiKey", helpText: "The application's token" },
  { name: "userKey", label: "User Key", type: "textbox", privacy: "apiKey" },
  { name: "devices", label: "Devices", type: "textbox", helpText: "Device names, comma-separated; empty: all" },
  { name: "priority", label: "Priority", type: "select", selectOptions: PUSHOVER_PRIORITIES },
  {
    name: "retry",
    label: "Retry",
    type: "number",
    unit: "seconds",
    advanced: true,
    helpText: "Emergency: how often to repeat",
  },
  {
    name: "expire",
    label: "Expire",
    type: "number",
    unit: "seconds",
    advanced: true,
    helpText: "Emergency: how long to repeat",
  },
  { name: "sound", label: "Sound", type: "textbox", advanced: true },
  apiUrlField(PUSHOVER_API),
];

/** Radarr's Pushover: /1/messages.json, form-encoded. */
export const pushoverNotification = defineProvider({
  implementation: "Pushover",
  infoLink: "https://wiki.servarr.com/radarr/supported#pushover",
  settings: pushoverSettings,
  fields: pushoverFields,
  open: (settings): Notifier => ({
    requests: (message) => {
      const form = new URLSearchParams({
        token: settings.apiKey,
        user: settings.userKey,
        title: message.title,
        message: message.text,
        priority: String(settings.priority),
      });
      if (settings.devices.length) form.set("device", settings.devices.join(","));
      if (settings.sound) form.set("sound", settings.sound);
      if (settings.priority === 2) {
        form.set("retry", String(settings.retry));
        form.set("expire", String(settings.expire));
      }
      return [
        {
          service: "pushover",
          url: `${settings.apiUrl}/1/messages.json`,
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: form.toString(),
        },
      ];
    },
  }),
  actions: { preview: previewAction },
});
