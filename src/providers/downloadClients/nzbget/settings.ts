import { z } from "zod";
import { choiceSetting } from "../../../domain/validation/choices";
import type { ProviderField } from "../../definition";
import { connectionFields, connectionSettings, queuePriorityFields } from "../http";

/** NZBGet's priorities for a new download (Radarr's NzbgetPriority). */
const NZBGET_PRIORITIES = [
  { value: -100, name: "Very Low" },
  { value: -50, name: "Low" },
  { value: 0, name: "Normal" },
  { value: 50, name: "High" },
  { value: 100, name: "Very High" },
  { value: 900, name: "Force" },
] as const;

/** Radarr's NzbgetSettings (the parts used). */
export const nzbgetSettingsSchema = z
  .object({
    ...connectionSettings,
    port: connectionSettings.port.default(6789),
    username: z.string().max(200).default(""),
    password: z.string().max(500).default(""),
    movieCategory: z.string().trim().max(100).default("Movies"),
    recentMoviePriority: choiceSetting(NZBGET_PRIORITIES).default(0),
    olderMoviePriority: choiceSetting(NZBGET_PRIORITIES).default(0),
    addPaused: z.boolean().default(false),
  })
  // Radarr's validator: a username wants a password and the other way round.
  .refine((s) => !s.username || s.password, { message: "password is required with a username", path: ["password"] })
  .refine((s) => !s.password || s.username, { message: "username is required with a password", path: ["username"] });
export type NzbgetSettings = z.infer<typeof nzbgetSettingsSchema>;

export const nzbgetFields: ProviderField[] = [
  ...connectionFields,
  { name: "username", label: "Username", type: "textbox" },
  { name: "password", label: "Password", type: "password" },
  {
    name: "movieCategory",
    label: "Category",
    type: "textbox",
    helpText: "An NZBGet category keeps Radarr's downloads apart",
  },
  ...queuePriorityFields(NZBGET_PRIORITIES),
  { name: "addPaused", label: "Add Paused", type: "checkbox", helpText: "NZBGet 16 or later" },
];
