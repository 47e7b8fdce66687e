import { defineProvider } from "../../definition";
import type { ClientContext } from "../http";
import { SabnzbdClient } from "./proxy";
import { sabnzbdFields, sabnzbdSettingsSchema } from "./settings";

export const sabnzbd = defineProvider({
  implementation: "Sabnzbd",
  implementationName: "SABnzbd",
  infoLink: "https://sabnzbd.org/wiki/configuration/4.3/api",
  protocol: "usenet",
  settings: sabnzbdSettingsSchema,
  fields: sabnzbdFields,
  open: (settings, context: ClientContext) => new SabnzbdClient(settings, context),
  actions: {
    /** SABnzbd's categories as choices for the category field. */
    getCategories: async (client) => ({
      options: (await client.categories()).map((name, order) => ({ value: name, name, order })),
    }),
  },
});
