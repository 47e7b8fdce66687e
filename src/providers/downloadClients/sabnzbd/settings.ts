import { z } from "zod";
import { choiceSetting } from "../../../domain/validation/choices";
import type { ProviderField } from "../../definition";
import { connectionFields, connectionSettings } from "../http";

/** SABnzbd's priorities for a new download (Radarr's SabnzbdPriority). */
const SABNZBD_PRIORITIES = [
  { value: -100, name: "Default" },
  { value: -2, name: "Paused" },
  { value: -1, name: "Low" },
  { value: 0, name: "Normal" },
  { value: 1, name: "High" },
  { value: 2, name: "Force" },
] as const;

/** Radarr's SabnzbdSettings (the parts used). */
export const sabnzbdSettingsSchema = z.object({
  ...connectionSettings,
  port: connectionSettings.port.default(8080),
  apiKey: z.string().trim().min(1, "apiKey is required").max(200),
  movieCategory: z.string().trim().max(100).default("movies"),
  recentMoviePriority: choiceSetting(SABNZBD_PRIORITIES).default(-100),
});
export type SabnzbdSettings = z.infer<typeof sabnzbdSettingsSchema>;

export const sabnzbdFields: ProviderField[] = [
  ...connectionFields,
  { name: "apiKey", label: "API Key", type: "password" },
  { name: "movieCategory", label: "Category", type: "textbox" },
  { name: "recentMoviePriority", label: "Priority", type: "select", selectOptions: SABNZBD_PRIORITIES, advanced: true },
];
