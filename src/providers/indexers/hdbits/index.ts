import { defineProvider } from "../../definition";
import type { IndexerContext } from "../context";
import { HdbitsClient } from "./client";
import { hdbitsFields, hdbitsSettingsSchema } from "./settings";

export const hdbits = defineProvider({
  implementation: "HDBits",
  infoLink: "https://wiki.servarr.com/radarr/supported#hdbits",
  protocol: "torrent",
  settings: hdbitsSettingsSchema,
  fields: hdbitsFields,
  capabilities: { supportsRss: true, supportsSearch: true },
  // The real site, or the simulator in the demo and the tests.
  environmentDefaults: (env) => ({ baseUrl: env.HDBITS_URL }),
  open: (settings, { env, indexer, options }: IndexerContext) => new HdbitsClient(env, indexer, settings, options),
});
