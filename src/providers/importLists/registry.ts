import type { ImportListSource } from "../../domain/lists/source";
import { LIST_SOURCES } from "../../domain/lists/sources";
import { defineProvider, type ProviderDefinition } from "../definition";
import { providerRegistry } from "../registry";
import { PLEX_LIST_ACTIONS } from "./plexActions";
import { TRAKT_LIST_ACTIONS } from "./traktActions";

/**
 * An import list source (its folder in domain/lists/sources: settings, request builder, parser)
 * as a provider definition. The source itself is kept with it: the sync and the test read the
 * list through it (integrations/lists/fetchList), with settings already validated.
 */
interface ImportListDefinition
  extends ProviderDefinition<string, ImportListSource<Record<string, unknown>>["settings"]> {
  source: ImportListSource<unknown>;
}

function listProvider(source: ImportListSource<unknown>): ImportListDefinition {
  const definition = defineProvider({
    implementation: source.implementation,
    implementationName: source.implementationName,
    configContract: source.configContract,
    infoLink: `https://wiki.servarr.com/radarr/supported#${source.implementation.toLowerCase()}`,
    settings: source.settings as ImportListSource<Record<string, unknown>>["settings"],
    fields: source.fields,
    open: () => source,
    actions: source.implementation.startsWith("Trakt")
      ? TRAKT_LIST_ACTIONS
      : source.implementation === "PlexImport"
        ? PLEX_LIST_ACTIONS
        : {},
    signInActions: source.implementation === "PlexImport" ? Object.keys(PLEX_LIST_ACTIONS) : [],
  });
  return { ...definition, source };
}

/** Every import list implementation, in LIST_SOURCES' order: a new source is its folder plus a line there. */
export const IMPORT_LISTS = providerRegistry(
  LIST_SOURCES.map(listProvider) as [ImportListDefinition, ...ImportListDefinition[]],
);
