import { type ImplementationOf, providerRegistry } from "../registry";
import { deluge } from "./deluge";
import { nzbget } from "./nzbget";
import { qbittorrent } from "./qbittorrent";
import { rtorrent } from "./rtorrent";
import { sabnzbd } from "./sabnzbd";
import { transmission } from "./transmission";

/** Every download client implementation; adding one is its folder plus a line here. */
export const DOWNLOAD_CLIENTS = providerRegistry([qbittorrent, sabnzbd, transmission, deluge, nzbget, rtorrent]);

export type DownloadClientImplementation = ImplementationOf<typeof DOWNLOAD_CLIENTS>;
export type DownloadClientDefinition = (typeof DOWNLOAD_CLIENTS.definitions)[number];
