import { defineProvider } from "../../definition";
import type { ClientContext } from "../http";
import { NzbgetClient } from "./proxy";
import { nzbgetFields, nzbgetSettingsSchema } from "./settings";

export const nzbget = defineProvider({
  implementation: "Nzbget",
  implementationName: "NZBGet",
  infoLink: "https://nzbget.com/documentation/api/",
  protocol: "usenet",
  settings: nzbgetSettingsSchema,
  fields: nzbgetFields,
  open: (settings, context: ClientContext) => new NzbgetClient(settings, context),
  actions: {
    /** NZBGet's categories (its config's Category<n>.Name) as choices for the category field. */
    getCategories: async (client) => ({
      options: (await client.categories()).map((name, order) => ({ value: name, name, order })),
    }),
  },
});
