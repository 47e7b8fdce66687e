import { z } from "zod";
import { httpUrlSetting } from "../../../domain/validation/addresses";
import { codedChoiceSetting } from "../../../domain/validation/choices";
import { defineProvider, type ProviderField } from "../../definition";
import { type Notifier, postJson } from "../definition";
import { nameListSetting } from "../fields";
import { previewAction } from "../preview";

/** ntfy's priorities (Radarr's NtfyPriority codes). */
const NTFY_PRIORITIES = [
  { value: 1, name: "Min", alias: "min" },
  { value: 2, name: "Low", alias: "low" },
  { value: 3, name: "Default", alias: "default" },
  { value: 4, name: "High", alias: "high" },
  { value: 5, name: "Max", alias: "max" },
] as const;

/** Radarr's NtfySettings (the parts used). */
const ntfySettings = z.object({
  serverUrl: httpUrlSetting().default("https://ntfy.sh"),
  accessToken: z.string().trim().max(200).default(""),
  userName: z.string().trim().max(200).default(""),
  password: z.string().max(500).default(""),
  priority: codedChoiceSetting(NTFY_PRIORITIES).default(3),
  topics: nameListSetting.refine((t) => t.length > 0, "topics: at least one topic is required"),
  tags: nameListSetting,
  clickUrl: z.union([z.literal(""), httpUrlSetting({ allowQuery: true })]).default(""),
});

const ntfyFields: readonly ProviderField[] = [
  { name: "serverUrl", label: "Server URL", type: "url", helpText: "https://ntfy.sh or your own server" },
  { name: "accessToken", label: "Access Token", type: "textbox", privacy: "apiKey", advanced: true },
  { name: "userName", label: "User Name", type: "textbox", privacy: "userName" },
  { name: "password", label: "Password", type: "password" },
  { name: "priority", label: "Priority", type: "select", selectOptions: NTFY_PRIORITIES },
  { name: "topics", label: "Topics", type: "textbox", helpText: "Comma-separated" },
  { name: "tags", label: "Ntfy Tags and Emojis", type: "textbox", advanced: true, helpText: "Comma-separated" },
  {
    name: "clickUrl",
    label: "Click URL",
    type: "url",
    advanced: true,
    helpText: "Opened when the notification is clicked",
  },
];

/** Radarr's ntfy: one JSON publish per topic to the server's root. */
export const ntfyNotification = defineProvider({
  implementation: "Ntfy",
  implementationName: "ntfy.sh",
  infoLink: "https://wiki.servarr.com/radarr/supported#ntfy",
  settings: ntfySettings,
  fields: ntfyFields,
  open: (settings): Notifier => {
    const headers: Record<string, string> = settings.accessToken
      ? { authorization: `Bearer ${settings.accessToken}` }
      : settings.userName
        ? { authorization: `Basic ${btoa(`${settings.userName}:${settings.password}`)}` }
        : {};
    return {
      requests: (message) =>
        settings.topics.map((topic) =>
          postJson(
            "ntfy",
            settings.serverUrl,
            {
              topic,
              title: message.title,
              message: message.text,
              priority: settings.priority,
              ...(settings.tags.length ? { tags: settings.tags } : {}),
              ...(settings.clickUrl ? { click: settings.clickUrl } : {}),
            },
            headers,
          ),
        ),
    };
  },
  actions: { preview: previewAction },
});
