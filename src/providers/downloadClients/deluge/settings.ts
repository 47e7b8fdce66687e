import { z } from "zod";
import { choiceSetting } from "../../../domain/validation/choices";
import { absolutePathSetting } from "../../../domain/validation/paths";
import type { ProviderField } from "../../definition";
import { connectionFields, connectionSettings, queuePriorityFields } from "../http";

/** Where a new torrent goes in Deluge's queue (Radarr's DelugePriority). */
const DELUGE_PRIORITIES = [
  { value: 0, name: "Last" },
  { value: 1, name: "First" },
] as const;

/** Deluge's Label plugin takes lower-case names of letters, digits, '-' and '_'. */
const label = z
  .string()
  .trim()
  .max(100)
  .regex(/^[-a-z0-9_]*$/, "Deluge labels allow lower-case letters, digits, - and _");

/** Radarr's DelugeSettings (the parts used). */
export const delugeSettingsSchema = z.object({
  ...connectionSettings,
  port: connectionSettings.port.default(8112),
  password: z.string().max(500).default(""),
  movieCategory: label.default("radarr"),
  /** The label an imported torrent gets instead of the category (Radarr's post-import category); empty keeps it. */
  movieImportedCategory: label.default(""),
  recentMoviePriority: choiceSetting(DELUGE_PRIORITIES).default(0),
  olderMoviePriority: choiceSetting(DELUGE_PRIORITIES).default(0),
  addPaused: z.boolean().default(false),
  /** Where new torrents download to; empty uses Deluge's download location. */
  downloadDirectory: absolutePathSetting({ optional: true }).default(""),
  /** Where Deluge moves a finished torrent; empty leaves it where it downloaded. */
  completedDirectory: absolutePathSetting({ optional: true }).default(""),
});
export type DelugeSettings = z.infer<typeof delugeSettingsSchema>;

export const delugeFields: ProviderField[] = [
  ...connectionFields,
  { name: "password", label: "Password", type: "password", helpText: "The Deluge Web UI password" },
  { name: "movieCategory", label: "Category", type: "textbox", helpText: "A label (Deluge's Label plugin)" },
  {
    name: "movieImportedCategory",
    label: "Post-Import Category",
    type: "textbox",
    advanced: true,
    helpText: "The label set once a torrent is imported; empty keeps its category",
  },
  ...queuePriorityFields(DELUGE_PRIORITIES),
  { name: "addPaused", label: "Add Paused", type: "checkbox" },
  {
    name: "downloadDirectory",
    label: "Download Directory",
    type: "path",
    advanced: true,
    helpText: "Empty: Deluge's download location",
  },
  {
    name: "completedDirectory",
    label: "Move When Completed Directory",
    type: "path",
    advanced: true,
    helpText: "Empty: finished torrents stay where they downloaded",
  },
];
