import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { type Env, upstreamPolicy } from "../config";
import type { Database } from "../db/client";
import { downloadClients } from "../db/schema";
import type { DownloadProtocol } from "../domain/decisions";
import type { SelectOption } from "../domain/validation/choices";
import type { DownloadClient } from "../integrations/downloadClient";
import type { ClientContext } from "../integrations/downloadClientHttp";
import {
  QBITTORRENT_INITIAL_STATES,
  QBITTORRENT_SECRET_FIELDS,
  QBittorrentClient,
  qbittorrentSettingsSchema,
} from "../integrations/qbittorrent/client";
import {
  SABNZBD_PRIORITIES,
  SABNZBD_SECRET_FIELDS,
  SabnzbdClient,
  sabnzbdSettingsSchema,
} from "../integrations/sabnzbd/client";
import {
  TRANSMISSION_SECRET_FIELDS,
  TransmissionClient,
  transmissionSettingsSchema,
} from "../integrations/transmission/client";
import type { Logger } from "../observability/logger";
import { openSettings } from "./secrets";

export type DownloadClientRow = typeof downloadClients.$inferSelect;

/** One field of a client's settings as Radarr's provider shape lists it. */
export interface ProviderField {
  name: string;
  label: string;
  type: "textbox" | "password" | "number" | "checkbox" | "select" | "path";
  helpText?: string;
  advanced?: boolean;
  /** A select's choices: the same list its settings schema takes. */
  selectOptions?: readonly SelectOption[];
}

interface Implementation {
  protocol: DownloadProtocol;
  settings: z.ZodObject;
  secretFields: readonly string[];
  fields: ProviderField[];
  infoLink: string;
  create(settings: Record<string, unknown>, context: ClientContext): DownloadClient;
}

const connectionFields: ProviderField[] = [
  { name: "host", label: "Host", type: "textbox" },
  { name: "port", label: "Port", type: "number" },
  { name: "useSsl", label: "Use SSL", type: "checkbox" },
  { name: "urlBase", label: "URL Base", type: "textbox", advanced: true },
];

/** Every download client implementation; adding one is adding an entry. */
export const DOWNLOAD_CLIENT_IMPLEMENTATIONS = {
  QBittorrent: {
    protocol: "torrent",
    settings: qbittorrentSettingsSchema,
    secretFields: QBITTORRENT_SECRET_FIELDS,
    infoLink: "https://github.com/qbittorrent/qBittorrent/wiki/WebUI-API-(qBittorrent-4.1)",
    fields: [
      ...connectionFields,
      { name: "username", label: "Username", type: "textbox" },
      { name: "password", label: "Password", type: "password" },
      { name: "movieCategory", label: "Category", type: "textbox", helpText: "Keeps Radarr's torrents apart" },
      {
        name: "savePath",
        label: "Save Path",
        type: "path",
        helpText: "Empty: the category's or qBittorrent's default",
      },
      {
        name: "initialState",
        label: "Initial State",
        type: "select",
        selectOptions: QBITTORRENT_INITIAL_STATES,
        helpText: "How a torrent starts once added",
      },
      { name: "sequentialOrder", label: "Sequential Order", type: "checkbox", advanced: true },
      { name: "firstAndLast", label: "First and Last First", type: "checkbox", advanced: true },
    ],
    create: (settings, context) => new QBittorrentClient(qbittorrentSettingsSchema.parse(settings), context),
  },
  Sabnzbd: {
    protocol: "usenet",
    settings: sabnzbdSettingsSchema,
    secretFields: SABNZBD_SECRET_FIELDS,
    infoLink: "https://sabnzbd.org/wiki/configuration/4.3/api",
    fields: [
      ...connectionFields,
      { name: "apiKey", label: "API Key", type: "password" },
      { name: "movieCategory", label: "Category", type: "textbox" },
      {
        name: "recentMoviePriority",
        label: "Priority",
        type: "select",
        selectOptions: SABNZBD_PRIORITIES,
        advanced: true,
      },
    ],
    create: (settings, context) => new SabnzbdClient(sabnzbdSettingsSchema.parse(settings), context),
  },
  Transmission: {
    protocol: "torrent",
    settings: transmissionSettingsSchema,
    secretFields: TRANSMISSION_SECRET_FIELDS,
    infoLink: "https://github.com/transmission/transmission/blob/main/docs/rpc-spec.md",
    fields: [
      ...connectionFields,
      { name: "username", label: "Username", type: "textbox" },
      { name: "password", label: "Password", type: "password" },
      { name: "movieCategory", label: "Category", type: "textbox", helpText: "Added as a label (Transmission 4+)" },
      { name: "movieDirectory", label: "Directory", type: "path", helpText: "Empty: Transmission's download-dir" },
      { name: "addPaused", label: "Add Paused", type: "checkbox" },
    ],
    create: (settings, context) => new TransmissionClient(transmissionSettingsSchema.parse(settings), context),
  },
} satisfies Record<DownloadClientRow["implementation"], Implementation>;

export type DownloadClientImplementation = keyof typeof DOWNLOAD_CLIENT_IMPLEMENTATIONS;
export const DOWNLOAD_CLIENT_IMPLEMENTATION_NAMES = Object.keys(
  DOWNLOAD_CLIENT_IMPLEMENTATIONS,
) as DownloadClientImplementation[];

/** A client for a stored row (its secrets decrypted for the call only). */
export async function openDownloadClient(
  env: Env,
  row: Pick<DownloadClientRow, "implementation" | "settings">,
  logger?: Logger,
): Promise<DownloadClient> {
  const implementation = DOWNLOAD_CLIENT_IMPLEMENTATIONS[row.implementation];
  const settings = await openSettings(env, row.settings, implementation.secretFields);
  return implementation.create(settings, { policy: upstreamPolicy(env), logger });
}

/** Enabled clients for a protocol, the one to try first first (priority, then oldest). */
export async function enabledClientsFor(db: Database, protocol: DownloadProtocol): Promise<DownloadClientRow[]> {
  return db
    .select()
    .from(downloadClients)
    .where(and(eq(downloadClients.enable, true), eq(downloadClients.protocol, protocol)))
    .orderBy(asc(downloadClients.priority), asc(downloadClients.id));
}
