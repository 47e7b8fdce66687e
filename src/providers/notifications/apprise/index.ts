import { z } from "zod";
import { httpUrlSetting } from "../../../domain/validation/addresses";
import { codedChoiceSetting } from "../../../domain/validation/choices";
import { defineProvider, type ProviderField } from "../../definition";
import { type Notifier, postJson } from "../definition";
import { nameListSetting } from "../fields";
import { previewAction } from "../preview";

/** Apprise's notification types (Radarr's AppriseNotificationType codes). */
const APPRISE_TYPES = [
  { value: 0, name: "Info", alias: "info" },
  { value: 1, name: "Success", alias: "success" },
  { value: 2, name: "Warning", alias: "warning" },
  { value: 3, name: "Failure", alias: "failure" },
] as const;
const TYPE_NAMES = ["info", "success", "warning", "failure"];

/** Radarr's AppriseSettings: a stored configuration (its key) or stateless URLs, not both missing. */
const appriseSettings = z
  .object({
    serverUrl: httpUrlSetting(),
    configurationKey: z
      .string()
      .trim()
      .regex(/^[\w-]*$/, "configurationKey must be letters, digits, - or _")
      .max(64)
      .default(""),
    statelessUrls: z.string().trim().max(4000).default(""),
    notificationType: codedChoiceSetting(APPRISE_TYPES).default(0),
    tags: nameListSetting,
    authUsername: z.string().trim().max(200).default(""),
    authPassword: z.string().max(500).default(""),
  })
  .refine((s) => s.configurationKey || s.statelessUrls, {
    path: ["configurationKey"],
    message: "configurationKey or statelessUrls is required",
  });

const appriseFields: readonly ProviderField[] = [
  { name: "serverUrl", label: "Apprise Server URL", type: "url" },
  {
    name: "configurationKey",
    label: "Apprise Configuration Key",
    type: "textbox",
    helpText: "A configuration stored on the server",
  },
  {
    name: "statelessUrls",
    label: "Apprise Stateless URLs",
    type: "textbox",
    privacy: "apiKey",
    helpText: "Or: Apprise URLs, comma-separated",
  },
  { name: "notificationType", label: "Apprise Notification Type", type: "select", selectOptions: APPRISE_TYPES },
  {
    name: "tags",
    label: "Apprise Tags",
    type: "textbox",
    advanced: true,
    helpText: "Only the configuration's URLs with these tags",
  },
  { name: "authUsername", label: "Auth Username", type: "textbox", privacy: "userName", advanced: true },
  { name: "authPassword", label: "Auth Password", type: "password", advanced: true },
];

/** Radarr's Apprise: the Apprise API's /notify (stateless) or /notify/{key} (stored configuration). */
export const appriseNotification = defineProvider({
  implementation: "Apprise",
  infoLink: "https://wiki.servarr.com/radarr/supported#apprise",
  settings: appriseSettings,
  fields: appriseFields,
  open: (settings): Notifier => ({
    requests: (message) => {
      const path = settings.configurationKey ? `/notify/${settings.configurationKey}` : "/notify";
      const auth: Record<string, string> = settings.authUsername
        ? { authorization: `Basic ${btoa(`${settings.authUsername}:${settings.authPassword}`)}` }
        : {};
      return [
        postJson(
          "apprise",
          `${settings.serverUrl}${path}`,
          {
            ...(settings.configurationKey ? {} : { urls: settings.statelessUrls }),
            title: message.title,
            body: message.text,
            type: TYPE_NAMES[settings.notificationType],
            ...(settings.tags.length ? { tag: settings.tags.join(",") } : {}),
          },
          auth,
        ),
      ];
    },
  }),
  actions: { preview: previewAction },
});
