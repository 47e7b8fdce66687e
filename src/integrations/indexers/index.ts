import type { Env } from "../../config";
import {
  type HdbitsSettings,
  hdbitsSettingsSchema,
  type IndexerImplementation,
  newznabSettingsSchema,
  torznabSettingsSchema,
} from "../../domain/indexers/definitions";
import { HdbitsClient } from "../hdbits/client";
import { NewznabClient } from "../newznab/client";
import type { IndexerClient, IndexerClientOptions, IndexerIdentity } from "./types";

export * from "./types";

/** The client for an indexer, from its implementation and its (decrypted) settings. */
export function createIndexerClient(
  env: Env,
  indexer: IndexerIdentity & { implementation: IndexerImplementation },
  settings: Record<string, unknown>,
  options: IndexerClientOptions = {},
): IndexerClient {
  switch (indexer.implementation) {
    case "Torznab":
      return new NewznabClient(env, indexer, torznabSettingsSchema.parse(settings), "torrent", options);
    case "Newznab":
      return new NewznabClient(env, indexer, newznabSettingsSchema.parse(settings), "usenet", options);
    case "HDBits":
      return new HdbitsClient(env, indexer, hdbitsSettingsSchema.parse(settings) as HdbitsSettings, options);
  }
}
