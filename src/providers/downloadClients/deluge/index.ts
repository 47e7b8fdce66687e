import { defineProvider } from "../../definition";
import type { ClientContext } from "../http";
import { DelugeClient } from "./proxy";
import { delugeFields, delugeSettingsSchema } from "./settings";

export const deluge = defineProvider({
  implementation: "Deluge",
  infoLink: "https://deluge.readthedocs.io/en/latest/reference/webapi.html",
  protocol: "torrent",
  settings: delugeSettingsSchema,
  fields: delugeFields,
  open: (settings, context: ClientContext) => new DelugeClient(settings, context),
  actions: {
    /** Deluge's labels as choices for the category field. */
    getCategories: async (client) => ({
      options: (await client.labels()).map((name, order) => ({ value: name, name, order })),
    }),
  },
});
