import { defineProvider } from "../../definition";
import type { ClientContext } from "../http";
import { RTorrentClient } from "./proxy";
import { rtorrentFields, rtorrentSettingsSchema } from "./settings";

export const rtorrent = defineProvider({
  implementation: "RTorrent",
  implementationName: "rTorrent",
  infoLink: "https://kannibalox.github.io/rtorrent-docs/cmd-ref.html",
  protocol: "torrent",
  settings: rtorrentSettingsSchema,
  fields: rtorrentFields,
  open: (settings, context: ClientContext) => new RTorrentClient(settings, context),
});
