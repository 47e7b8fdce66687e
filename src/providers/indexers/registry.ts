import { type ImplementationOf, providerRegistry } from "../registry";
import { hdbits } from "./hdbits";
import { newznab } from "./newznab";
import { torznab } from "./torznab";

/** Every indexer implementation; adding one is its folder plus a line here. */
export const INDEXERS = providerRegistry([torznab, newznab, hdbits]);

export type IndexerImplementation = ImplementationOf<typeof INDEXERS>;
export type IndexerDefinition = (typeof INDEXERS.definitions)[number];
