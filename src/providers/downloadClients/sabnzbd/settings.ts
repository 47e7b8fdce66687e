import { z } from "zod";
import { choiceSetting } from "../../../domain/validation/choices";
import type { ProviderField } from "../../definition";
import { connectionFields, connectionSettings, queuePriorityFields } from "../http";

/** SABnzbd's priorities for a new download (Radarr's SabnzbdPriority; Default: the category's). */
const SABNZBD_PRIORITIES = [
  { value: -100, name: "Default" },
  { value: -2, name: "Paused" },
  { value: -1, name: "Low" },
  { value: 0, name: "Normal" },
  { value: 1, name: "High" },
  { value: 2, name: "Force" },
] as const;

/**
 * Radarr's SabnzbdSettings: the API key, or (without one) SABnzbd's web login, sent as
 * ma_username/ma_password.
 */
export const sabnzbdSettingsSchema = z
  .object({
    ...connectionSettings,
    port: connectionSettings.port.default(8080),
    apiKey: z.string().trim().max(200).default(""),
    username: z.string().trim().max(200).default(""),
    password: z.string().max(500).default(""),
    movieCategory: z.string().trim().max(100).default("movies"),
    recentMoviePriority: choiceSetting(SABNZBD_PRIORITIES).default(-100),
    olderMoviePriority: choiceSetting(SABNZBD_PRIORITIES).default(-100),
  })
  .superRefine((settings, issues) => {
    if (settings.apiKey) return;
    const required = [
      ["apiKey", "apiKey is required when username and password are not set"],
      ["username", "username is required when apiKey is not set"],
      ["password", "password is required when apiKey is not set"],
    ] as const;
    const missing = settings.username || settings.password ? required.slice(1) : required.slice(0, 1);
    for (const [path, message] of missing)
      if (!settings[path]) issues.addIssue({ code: "custom", path: [path], message });
  });
export type SabnzbdSettings = z.infer<typeof sabnzbdSettingsSchema>;

export const sabnzbdFields: ProviderField[] = [
  ...connectionFields,
  { name: "apiKey", label: "API Key", type: "password" },
  { name: "username", label: "Username", type: "textbox", helpText: "With Password: used when no API key is set" },
  { name: "password", label: "Password", type: "password" },
  { name: "movieCategory", label: "Category", type: "textbox" },
  ...queuePriorityFields(SABNZBD_PRIORITIES),
];
