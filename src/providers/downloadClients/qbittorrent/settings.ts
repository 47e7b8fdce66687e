import { z } from "zod";
import { codedChoiceSetting } from "../../../domain/validation/choices";
import { absolutePathSetting } from "../../../domain/validation/paths";
import type { ProviderField } from "../../definition";
import { connectionFields, connectionSettings, queuePriorityFields } from "../http";

/** How a torrent starts once added (Radarr's QBittorrentState codes; the names are read too). */
export const QBittorrentState = { start: 0, forceStart: 1, stop: 2 } as const;
const QBITTORRENT_INITIAL_STATES = [
  { value: QBittorrentState.start, name: "Started", alias: "start" },
  { value: QBittorrentState.forceStart, name: "Force Started", alias: "forceStart" },
  { value: QBittorrentState.stop, name: "Stopped", alias: "pause" },
] as const;

/** Where a grabbed torrent goes in qBittorrent's queue (Radarr's QBittorrentPriority): First moves it to the top. */
export const QBittorrentPriority = { last: 0, first: 1 } as const;
const QBITTORRENT_PRIORITIES = [
  { value: QBittorrentPriority.last, name: "Last", alias: "last" },
  { value: QBittorrentPriority.first, name: "First", alias: "first" },
] as const;

/** How a torrent's files are laid out (Radarr's QBittorrentContentLayout; 0 leaves it to qBittorrent). */
export const QBittorrentContentLayout = { default: 0, original: 1, subfolder: 2 } as const;
const QBITTORRENT_CONTENT_LAYOUTS = [
  { value: QBittorrentContentLayout.default, name: "Default", alias: "default" },
  { value: QBittorrentContentLayout.original, name: "Original", alias: "original" },
  { value: QBittorrentContentLayout.subfolder, name: "Create subfolder", alias: "subfolder" },
] as const;

/** Radarr's QBittorrentSettings (the parts used), plus the save path torrents go to. */
export const qbittorrentSettingsSchema = z.object({
  ...connectionSettings,
  port: connectionSettings.port.default(8080),
  username: z.string().max(200).default(""),
  password: z.string().max(500).default(""),
  movieCategory: z.string().trim().max(100).default("radarr"),
  /** The category a torrent is moved to once imported (Radarr's post-import category); empty keeps it. */
  movieImportedCategory: z.string().trim().max(100).default(""),
  /** Where new torrents are saved; empty uses the category's (or qBittorrent's default) path. */
  savePath: absolutePathSetting({ optional: true }).default(""),
  /** The queue place of a movie released in the last 21 days (in cinemas: 120). */
  recentMoviePriority: codedChoiceSetting(QBITTORRENT_PRIORITIES).default(QBittorrentPriority.last),
  olderMoviePriority: codedChoiceSetting(QBITTORRENT_PRIORITIES).default(QBittorrentPriority.last),
  initialState: codedChoiceSetting(QBITTORRENT_INITIAL_STATES).default(QBittorrentState.start),
  sequentialOrder: z.boolean().default(false),
  firstAndLast: z.boolean().default(false),
  contentLayout: codedChoiceSetting(QBITTORRENT_CONTENT_LAYOUTS).default(QBittorrentContentLayout.default),
});
export type QBittorrentSettings = z.infer<typeof qbittorrentSettingsSchema>;

export const qbittorrentFields: ProviderField[] = [
  ...connectionFields,
  { name: "username", label: "Username", type: "textbox" },
  { name: "password", label: "Password", type: "password" },
  { name: "movieCategory", label: "Category", type: "textbox", helpText: "Keeps Radarr's torrents apart" },
  {
    name: "movieImportedCategory",
    label: "Post-Import Category",
    type: "textbox",
    advanced: true,
    helpText: "The category set once a torrent is imported; empty keeps its category",
  },
  { name: "savePath", label: "Save Path", type: "path", helpText: "Empty: the category's or qBittorrent's default" },
  ...queuePriorityFields(QBITTORRENT_PRIORITIES),
  {
    name: "initialState",
    label: "Initial State",
    type: "select",
    selectOptions: QBITTORRENT_INITIAL_STATES,
    helpText: "How a torrent starts once added",
  },
  { name: "sequentialOrder", label: "Sequential Order", type: "checkbox", advanced: true },
  { name: "firstAndLast", label: "First and Last First", type: "checkbox", advanced: true },
  {
    name: "contentLayout",
    label: "Content Layout",
    type: "select",
    selectOptions: QBITTORRENT_CONTENT_LAYOUTS,
    helpText: "Whether a torrent's files go into a folder of their own (Default: qBittorrent's setting)",
  },
];
