import { deluge } from "../downloads/deluge";
import { nzbget } from "../downloads/nzbget";
import { rtorrent } from "../downloads/rtorrent";
import { hdbits } from "./hdbits";
import { hooks } from "./hooks";
import { imdb } from "./imdb";
import { newznab, torznab } from "./newznab";
import { NOTIFIER_SERVICES } from "./notifiers";
import { plex } from "./plex";
import { plexTv } from "./plextv";
import { qbittorrent } from "./qbittorrent";
import { radarr } from "./radarr";
import { sabnzbd } from "./sabnzbd";
import type { SimulatedService } from "./service";
import { tmdb } from "./tmdb";
import { tmdbImages } from "./tmdb-images";
import { trakt } from "./trakt";
import { transmission } from "./transmission";
import { watchmode } from "./watchmode";

/** Every simulated upstream, mounted by index.ts under its own prefix. Add new ones here. */
export const SERVICES: readonly SimulatedService[] = [
  tmdb,
  tmdbImages,
  imdb,
  plex,
  plexTv,
  trakt,
  watchmode,
  hooks,
  torznab,
  newznab,
  hdbits,
  qbittorrent,
  sabnzbd,
  transmission,
  deluge,
  nzbget,
  rtorrent,
  radarr,
  ...NOTIFIER_SERVICES,
];

export const SERVICE_NAMES = SERVICES.map((service) => service.name) as [string, ...string[]];

/** The service whose prefix a path falls under, if any. */
export function serviceForPath(path: string): SimulatedService | undefined {
  return SERVICES.find((service) => path === service.prefix || path.startsWith(`${service.prefix}/`));
}
