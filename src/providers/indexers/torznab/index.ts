import { defineProvider } from "../../definition";
import type { IndexerContext } from "../context";
import { newznabCategories } from "../newznab/actions";
import { NewznabClient } from "../newznab/client";
import { newznabCommonFields } from "../newznab/settings";
import { seedFields } from "../seeding";
import { torznabSettingsSchema } from "./settings";

/** Torznab speaks Newznab's API: the Newznab client with torrent releases. */
export const torznab = defineProvider({
  implementation: "Torznab",
  infoLink: "https://wiki.servarr.com/radarr/supported#torznab",
  protocol: "torrent",
  settings: torznabSettingsSchema,
  fields: [...newznabCommonFields("http://localhost:9696/1 (Prowlarr) or a Jackett feed"), ...seedFields],
  capabilities: { supportsRss: true, supportsSearch: true },
  open: (settings, { env, indexer, options }: IndexerContext) =>
    new NewznabClient(env, indexer, settings, "torrent", options),
  actions: { newznabCategories },
});
