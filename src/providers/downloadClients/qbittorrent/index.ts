import { defineProvider } from "../../definition";
import type { ClientContext } from "../http";
import { QBittorrentClient } from "./proxy";
import { qbittorrentFields, qbittorrentSettingsSchema } from "./settings";

export const qbittorrent = defineProvider({
  implementation: "QBittorrent",
  implementationName: "qBittorrent",
  infoLink: "https://github.com/qbittorrent/qBittorrent/wiki/WebUI-API-(qBittorrent-4.1)",
  protocol: "torrent",
  settings: qbittorrentSettingsSchema,
  fields: qbittorrentFields,
  open: (settings, context: ClientContext) => new QBittorrentClient(settings, context),
  actions: {
    /** The client's categories as choices for the category field (hint: their save path). */
    getCategories: async (client) => ({
      options: (await client.categories()).map((c, order) => ({
        value: c.name,
        name: c.name,
        order,
        ...(c.savePath ? { hint: c.savePath } : {}),
      })),
    }),
  },
});
