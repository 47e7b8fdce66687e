import { defineProvider } from "../../definition";
import type { IndexerContext } from "../context";
import { newznabCategories } from "./actions";
import { NewznabClient } from "./client";
import { newznabCommonFields, newznabSettingsSchema } from "./settings";

export const newznab = defineProvider({
  implementation: "Newznab",
  infoLink: "https://wiki.servarr.com/radarr/supported#newznab",
  protocol: "usenet",
  settings: newznabSettingsSchema,
  fields: newznabCommonFields("https://api.nzbgeek.info"),
  capabilities: { supportsRss: true, supportsSearch: true },
  open: (settings, { env, indexer, options }: IndexerContext) =>
    new NewznabClient(env, indexer, settings, "usenet", options),
  actions: { newznabCategories },
});
