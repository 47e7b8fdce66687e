import { createRoute, z } from "@hono/zod-openapi";
import { type ImportListRow, importListRepository } from "../db/repositories/importLists";
import { Failure, invalidInput } from "../domain/failures/failure";
import { MINIMUM_AVAILABILITIES } from "../domain/library/movieStatus";
import { absolutePathSetting } from "../domain/validation/paths";
import { fetchList } from "../integrations/lists/fetchList";
import { IMPORT_LISTS } from "../providers/importLists/registry";
import { type ProviderInput, providerRouter } from "../providers/router";
import { requestContext } from "../services/context";
import { listSourceEnvironmentFor } from "../services/listSourceEnvironment";
import { MovieLibrary } from "../services/movies";
import { importListSettingsSchema, readSettings, writeSettings } from "../services/settings";
import { importListActivityRouter } from "./importListActivity";
import { createRouter, jsonBody, jsonContent, sentChanges } from "./router";
import { errorResponses } from "./schemas/common";

/** What a sync does with movies streaming on a subscribed service (see config/streaming). */
const STREAMING_OPTIONS = ["ignore", "addUnmonitored", "skip"] as const;
const MONITOR_OPTIONS = ["movieOnly", "movieAndCollection", "none"] as const;
type ImportListDefinition = (typeof IMPORT_LISTS.definitions)[number];

/** The body fields of a list beside its name, implementation and settings. */
export const importListInput = {
  /**
   * A saved list's id: a test of it keeps its stored secrets and does not clash with its own name.
   * 0 is a template's (Radarr's "not saved yet"), sent back as it came.
   */
  id: z.number().int().min(0).optional(),
  enabled: z.boolean().default(true),
  enableAuto: z.boolean().default(true),
  monitor: z.enum(MONITOR_OPTIONS).default("movieOnly"),
  minimumAvailability: z.enum(MINIMUM_AVAILABILITIES).default("released"),
  qualityProfileId: z.number().int().positive(),
  rootFolderPath: absolutePathSetting(),
  searchOnAdd: z.boolean().default(false),
  /** Whether its syncs notify the movies they added, and their summary (ours; on by default). */
  notifyOnMovieAdded: z.boolean().default(true),
  notifyOnSyncSummary: z.boolean().default(true),
  /** Movies streaming on a subscribed service (config/streaming): add as usual, add unmonitored, or skip. */
  streamingOption: z.enum(STREAMING_OPTIONS).default("ignore"),
  tags: z.array(z.number().int().positive()).default([]),
  listOrder: z.number().int().min(0).default(0),
  syncIntervalMinutes: z.number().int().min(5).max(43_200).optional(),
};
type ImportListInput = ProviderInput<typeof importListInput>;

/** The fields a list resource has beside the provider ones. */
export const importListOutput = {
  enabled: z.boolean(),
  enableAuto: z.boolean(),
  monitor: z.enum(MONITOR_OPTIONS),
  minimumAvailability: z.enum(MINIMUM_AVAILABILITIES),
  qualityProfileId: z.number().int(),
  rootFolderPath: z.string(),
  searchOnAdd: z.boolean(),
  notifyOnMovieAdded: z.boolean(),
  notifyOnSyncSummary: z.boolean(),
  streamingOption: z.enum(STREAMING_OPTIONS),
  tags: z.array(z.number().int()),
  listOrder: z.number().int(),
  listType: z.string(),
  minRefreshInterval: z.string(),
  syncIntervalMinutes: z.number().int(),
  lastSyncAt: z.string().optional(),
  nextSyncAt: z.string().optional(),
  syncSkipsUnchanged: z.boolean().openapi({
    description:
      "The source is asked whether the list changed before its pages are read (a Trakt list): an unchanged list costs one call and reads nothing, unless the sync is forced (ImportListSync with force)",
  }),
  syncWaitingForBudget: z.object({ until: z.string(), reason: z.string() }).optional().openapi({
    description:
      "Set while the list's sync waits for its upstream's budget (its pages are read as one unit): when the budget frees, and why it waits. Nothing of the sync was applied",
  }),
};

/** What a list's test answers: it was read, with how many items over how many pages. */
export const listTestResultSchema = z.object({
  isValid: z.boolean(),
  items: z.number().int(),
  pages: z.number().int(),
});

const timeSpan = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00`;

function listType(implementation: string): string {
  if (implementation.startsWith("TMDb")) return "tmdb";
  if (implementation.startsWith("Trakt")) return "trakt";
  if (implementation.startsWith("Plex")) return "plex";
  if (implementation.startsWith("IMDb")) return "other";
  return "advanced";
}

/** A list syncs every 6 hours unless its source allows less often only. */
const defaultInterval = (definition: ImportListDefinition) =>
  Math.max(definition.source.minRefreshIntervalMinutes, 360);

/** A saved list's own columns, or a new list's defaults for a template. */
function present(definition: ImportListDefinition, row?: ImportListRow) {
  return {
    enabled: row?.enabled ?? true,
    enableAuto: row?.enableAuto ?? true,
    monitor: row?.monitor ?? "movieOnly",
    minimumAvailability: (row?.minimumAvailability ?? "released") as (typeof MINIMUM_AVAILABILITIES)[number],
    qualityProfileId: row?.qualityProfileId ?? 0,
    rootFolderPath: row?.rootFolderPath ?? "",
    searchOnAdd: row?.searchOnAdd ?? false,
    notifyOnMovieAdded: row?.notifyOnMovieAdded ?? true,
    notifyOnSyncSummary: row?.notifyOnSyncSummary ?? true,
    streamingOption: row?.streamingOption ?? "ignore",
    tags: row?.tags ?? [],
    listOrder: row?.listOrder ?? 0,
    listType: listType(definition.implementation),
    minRefreshInterval: timeSpan(definition.source.minRefreshIntervalMinutes),
    syncIntervalMinutes: row?.syncIntervalMinutes ?? defaultInterval(definition),
    lastSyncAt: row?.lastSyncAt ?? undefined,
    nextSyncAt: row?.nextSyncAt ?? undefined,
    syncSkipsUnchanged: definition.source.summary !== undefined,
    syncWaitingForBudget:
      row?.syncWaitingUntil && row.syncWaitingReason
        ? { until: row.syncWaitingUntil, reason: row.syncWaitingReason }
        : undefined,
  };
}

function values(definition: ImportListDefinition, input: ImportListInput) {
  return {
    configContract: definition.configContract,
    enabled: input.enabled,
    enableAuto: input.enableAuto,
    monitor: input.monitor,
    minimumAvailability: input.minimumAvailability,
    qualityProfileId: input.qualityProfileId,
    rootFolderPath: input.rootFolderPath,
    searchOnAdd: input.searchOnAdd,
    notifyOnMovieAdded: input.notifyOnMovieAdded,
    notifyOnSyncSummary: input.notifyOnSyncSummary,
    streamingOption: input.streamingOption,
    tags: [...new Set(input.tags)],
    listOrder: input.listOrder,
    syncIntervalMinutes: input.syncIntervalMinutes ?? defaultInterval(definition),
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Radarr's `/api/v3/importlist`: lists in the provider shape, with their sync activity beside them. */
export const importListRouter = providerRouter({
  resource: "ImportList",
  tag: "ImportList",
  noun: { title: "Import list", indefinite: "An import list" },
  registry: IMPORT_LISTS,
  repository: (c) => importListRepository(c.get("db")),
  output: importListOutput,
  input: importListInput,
  present,
  values,
  // References first, then the interval against the source's minimum (settings are valid by now).
  validate: async (c, input: ImportListInput) => {
    await new MovieLibrary(requestContext(c)).assertReferences({
      qualityProfileId: input.qualityProfileId,
      rootFolderPath: input.rootFolderPath,
      tags: input.tags,
    });
    const source = IMPORT_LISTS.get(input.implementation).source;
    if (input.syncIntervalMinutes !== undefined && input.syncIntervalMinutes < source.minRefreshIntervalMinutes)
      throw invalidInput(
        "body.syncIntervalMinutes",
        `${source.implementationName} lists sync at most every ${source.minRefreshIntervalMinutes} minutes`,
      );
  },
  bulk: {
    shape: {
      enabled: z.boolean().nullish(),
      enableAuto: z.boolean().nullish(),
      rootFolderPath: absolutePathSetting().nullish(),
      qualityProfileId: z.number().int().positive().nullish(),
      minimumAvailability: z.enum(MINIMUM_AVAILABILITIES).nullish(),
    },
    validate: (c, edits) =>
      new MovieLibrary(requestContext(c)).assertReferences({
        qualityProfileId: edits.qualityProfileId as number | undefined,
        rootFolderPath: edits.rootFolderPath as string | undefined,
        tags: edits.tags,
      }),
  },
  // Actions run on the list source (a Trakt list's account connection).
  open: (_c, definition, settings) => definition.open(settings, undefined),
  // First: "/{id}" would otherwise take /jobs and /provenance.
  routes: (router) => router.route("/", importListActivityRouter),
  test: {
    result: listTestResultSchema,
    // Saving reads nothing: the first sync reads the list.
    onSave: () => false,
    // Trakt lists read with the connected account ("me", private lists), as the sync will.
    run: async (c, definition, settings) => {
      const fetched = await fetchList(definition.source, settings, c.env, {
        logger: c.get("logger"),
        sourceEnv: await listSourceEnvironmentFor(c.env, definition.implementation),
      });
      return { isValid: true, items: fetched.items.length, pages: fetched.pages };
    },
    failure: (error) =>
      new Failure("invalidInput", `List test failed: ${messageOf(error)}`, {
        fields: [{ path: "body.fields", message: messageOf(error) }],
      }),
    validationFailures: (error) => [{ propertyName: "fields", errorMessage: messageOf(error) }],
  },
});

/** `/api/v3/config/importlist`: the settings every list shares. */
export const importListConfigRouter = createRouter();

/** The shared list settings as `/config/importlist` shows them. */
export const importListConfigSchema = importListSettingsSchema
  .extend({ id: z.number().int() })
  .openapi("ImportListConfig");

importListConfigRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Config"],
    responses: { 200: jsonContent(importListConfigSchema, "List settings"), ...errorResponses },
  }),
  async (c) => c.json({ id: 1, ...(await readSettings(c.get("db"), "importlist")) }, 200),
);

importListConfigRouter.openapi(
  createRoute({
    method: "put",
    path: "/",
    tags: ["Config"],
    request: { body: jsonBody(importListSettingsSchema.partial().extend({ id: z.number().int().optional() })) },
    responses: { 202: jsonContent(importListConfigSchema, "Saved"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const changes = await sentChanges(c, c.req.valid("json"));
    const merged = importListSettingsSchema.parse({ ...(await readSettings(db, "importlist")), ...changes });
    await writeSettings(db, "importlist", merged);
    return c.json({ id: 1, ...merged }, 202);
  },
);
