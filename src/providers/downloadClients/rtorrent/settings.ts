import { z } from "zod";
import { choiceSetting } from "../../../domain/validation/choices";
import { absolutePathSetting } from "../../../domain/validation/paths";
import type { ProviderField } from "../../definition";
import { connectionFields, connectionSettings, queuePriorityFields } from "../http";

/** rTorrent's download priorities (Radarr's RTorrentPriority: d.priority 0–3). */
const RTORRENT_PRIORITIES = [
  { value: 0, name: "Very Low" },
  { value: 1, name: "Low" },
  { value: 2, name: "Normal" },
  { value: 3, name: "High" },
] as const;

/** Radarr's RTorrentSettings (the parts used): urlBase is the XML-RPC path ("RPC2", ruTorrent's plugin path). */
export const rtorrentSettingsSchema = z.object({
  ...connectionSettings,
  port: connectionSettings.port.default(8080),
  // Radarr stores "RPC2" without the leading slash.
  urlBase: z.preprocess(
    (value) =>
      typeof value === "string" && value.trim() && !value.trim().startsWith("/") ? `/${value.trim()}` : value,
    connectionSettings.urlBase.default("/RPC2"),
  ),
  username: z.string().max(200).default(""),
  password: z.string().max(500).default(""),
  movieCategory: z.string().trim().max(100).default("radarr"),
  /** The label (d.custom1) an imported torrent gets instead of the category; empty keeps it. */
  movieImportedCategory: z.string().trim().max(100).default(""),
  /** Where new torrents are saved; empty uses rTorrent's directory.default. */
  movieDirectory: absolutePathSetting({ optional: true }).default(""),
  recentMoviePriority: choiceSetting(RTORRENT_PRIORITIES).default(2),
  olderMoviePriority: choiceSetting(RTORRENT_PRIORITIES).default(2),
  addStopped: z.boolean().default(false),
});
export type RTorrentSettings = z.infer<typeof rtorrentSettingsSchema>;

export const rtorrentFields: ProviderField[] = [
  ...connectionFields.map((field) =>
    field.name === "urlBase"
      ? {
          ...field,
          label: "Url Path",
          advanced: false,
          helpText: "The XML-RPC path: RPC2, or ruTorrent's /plugins/httprpc/action.php",
        }
      : field,
  ),
  { name: "username", label: "Username", type: "textbox" },
  { name: "password", label: "Password", type: "password" },
  { name: "movieCategory", label: "Category", type: "textbox", helpText: "Set as the torrent's label (d.custom1)" },
  {
    name: "movieImportedCategory",
    label: "Post-Import Category",
    type: "textbox",
    advanced: true,
    helpText: "The label set once a torrent is imported; empty keeps its category",
  },
  {
    name: "movieDirectory",
    label: "Directory",
    type: "path",
    advanced: true,
    helpText: "Empty: rTorrent's default directory",
  },
  ...queuePriorityFields(RTORRENT_PRIORITIES),
  { name: "addStopped", label: "Add Stopped", type: "checkbox" },
];
