import type { Env } from "../../config";
import type { IndexerClientOptions, IndexerIdentity } from "../../integrations/indexers/types";

/** What an indexer client is opened with beside its settings. */
export interface IndexerContext {
  env: Env;
  indexer: IndexerIdentity;
  options?: IndexerClientOptions;
}
