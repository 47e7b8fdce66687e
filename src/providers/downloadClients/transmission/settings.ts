import { z } from "zod";
import { codedChoiceSetting } from "../../../domain/validation/choices";
import { absolutePathSetting } from "../../../domain/validation/paths";
import type { ProviderField } from "../../definition";
import { connectionFields, connectionSettings, queuePriorityFields } from "../http";

/** Where a grabbed torrent goes in Transmission's queue (Radarr's TransmissionPriority): First moves it to the top. */
export const TransmissionPriority = { last: 0, first: 1 } as const;
const TRANSMISSION_PRIORITIES = [
  { value: TransmissionPriority.last, name: "Last", alias: "last" },
  { value: TransmissionPriority.first, name: "First", alias: "first" },
] as const;

/** Radarr's TransmissionSettings (the parts used). */
export const transmissionSettingsSchema = z.object({
  ...connectionSettings,
  port: connectionSettings.port.default(9091),
  urlBase: connectionSettings.urlBase.default("/transmission/"),
  username: z.string().max(200).default(""),
  password: z.string().max(500).default(""),
  movieCategory: z.string().trim().max(100).default(""),
  /** The label an imported torrent gets instead of the category (Radarr's post-import category); empty keeps it. */
  movieImportedCategory: z.string().trim().max(100).default(""),
  /** Where new torrents are saved; empty uses Transmission's download-dir. */
  movieDirectory: absolutePathSetting({ optional: true }).default(""),
  /** The queue place of a movie released in the last 21 days (in cinemas: 120). */
  recentMoviePriority: codedChoiceSetting(TRANSMISSION_PRIORITIES).default(TransmissionPriority.last),
  olderMoviePriority: codedChoiceSetting(TRANSMISSION_PRIORITIES).default(TransmissionPriority.last),
  addPaused: z.boolean().default(false),
});
export type TransmissionSettings = z.infer<typeof transmissionSettingsSchema>;

export const transmissionFields: ProviderField[] = [
  ...connectionFields,
  { name: "username", label: "Username", type: "textbox" },
  { name: "password", label: "Password", type: "password" },
  { name: "movieCategory", label: "Category", type: "textbox", helpText: "Added as a label (Transmission 4+)" },
  {
    name: "movieImportedCategory",
    label: "Post-Import Category",
    type: "textbox",
    advanced: true,
    helpText: "The label set once a torrent is imported (Transmission 4+); empty keeps its category",
  },
  { name: "movieDirectory", label: "Directory", type: "path", helpText: "Empty: Transmission's download-dir" },
  ...queuePriorityFields(TRANSMISSION_PRIORITIES),
  { name: "addPaused", label: "Add Paused", type: "checkbox" },
];
