import { createRoute, z } from "@hono/zod-openapi";
import * as clock from "../clock";
import { failingIndexerStatuses, type IndexerRow, indexerRepository } from "../db/repositories/providers";
import { INDEXERS, type IndexerDefinition } from "../providers/indexers/registry";
import { assertReachableFromWorker } from "../providers/reachability";
import { type ProviderInput, providerRouter } from "../providers/router";
import { requestContext } from "../services/context";
import { MovieLibrary } from "../services/movies";
import { indexerTest } from "./indexerTest";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/** The body fields of an indexer beside its name, implementation and settings. */
const inputShape = {
  id: z.number().int().optional(),
  enableRss: z.boolean().default(true),
  enableAutomaticSearch: z.boolean().default(true),
  enableInteractiveSearch: z.boolean().default(true),
  priority: z.number().int().min(1, "priority must be 1 to 50").max(50, "priority must be 1 to 50").default(25),
  tags: z.array(z.number().int().positive()).default([]),
};
type IndexerInput = ProviderInput<typeof inputShape>;

/** The fields an indexer resource has beside the provider ones. */
export const indexerOutput = {
  protocol: z.enum(["torrent", "usenet"]),
  priority: z.number().int(),
  enableRss: z.boolean(),
  enableAutomaticSearch: z.boolean(),
  enableInteractiveSearch: z.boolean(),
  supportsRss: z.boolean(),
  supportsSearch: z.boolean(),
  tags: z.array(z.number().int()),
  downloadClientId: z.number().int(),
};

/** Radarr's indexer settings (`/api/v3/indexer`): Torznab, Newznab and HDBits in the provider shape. */
export const indexerRouter = providerRouter({
  resource: "Indexer",
  tag: "Indexer",
  noun: { title: "Indexer", indefinite: "An indexer" },
  registry: INDEXERS,
  repository: (c) => indexerRepository(c.get("db")),
  output: indexerOutput,
  input: inputShape,
  present: (definition: IndexerDefinition, row?: IndexerRow) => ({
    protocol: definition.protocol,
    priority: row?.priority ?? 25,
    enableRss: row?.enableRss ?? true,
    enableAutomaticSearch: row?.enableAutomaticSearch ?? true,
    enableInteractiveSearch: row?.enableInteractiveSearch ?? true,
    supportsRss: definition.capabilities.supportsRss ?? false,
    supportsSearch: definition.capabilities.supportsSearch ?? false,
    tags: row?.tags ?? [],
    downloadClientId: 0,
  }),
  values: (definition, input: IndexerInput) => ({
    protocol: definition.protocol,
    enableRss: input.enableRss,
    enableAutomaticSearch: input.enableAutomaticSearch,
    enableInteractiveSearch: input.enableInteractiveSearch,
    priority: input.priority,
    tags: [...new Set(input.tags)],
    updatedAt: clock.nowIso(),
  }),
  validate: async (c, input) => {
    assertReachableFromWorker(c.env, input.fields);
    await new MovieLibrary(requestContext(c)).assertReferences({ tags: input.tags });
  },
  bulk: {
    shape: {
      enableRss: z.boolean().nullish(),
      enableAutomaticSearch: z.boolean().nullish(),
      enableInteractiveSearch: z.boolean().nullish(),
      priority: z.number().int().min(1, "priority must be 1 to 50").max(50, "priority must be 1 to 50").nullish(),
    },
    validate: (c, edits) => new MovieLibrary(requestContext(c)).assertReferences({ tags: edits.tags }),
    stamp: () => ({ updatedAt: clock.nowIso() }),
  },
  open: (c, definition, settings, subject) =>
    definition.open(settings, {
      env: c.env,
      indexer: { id: subject.id, name: subject.name, priority: Number(subject.priority ?? 25) },
      options: { logger: c.get("logger") },
    }),
  test: indexerTest,
});

export const indexerStatusRouter = createRouter();

export const statusSchema = z
  .object({
    id: z.number().int(),
    indexerId: z.number().int(),
    escalationLevel: z.number().int(),
    initialFailure: z.string().optional(),
    mostRecentFailure: z.string().optional(),
    disabledTill: z.string().optional(),
    lastError: z.string().optional(),
    lastFailureKind: z.string().optional(),
  })
  .openapi("IndexerStatus");

indexerStatusRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Indexer"],
    summary: "Indexers that failed recently: escalation level, and until when they are left alone",
    responses: { 200: jsonContent(z.array(statusSchema), "Statuses"), ...errorResponses },
  }),
  async (c) => {
    const rows = await failingIndexerStatuses(c.get("db"));
    return c.json(
      rows.map((r) => ({
        id: r.indexerId,
        indexerId: r.indexerId,
        escalationLevel: r.consecutiveFailures,
        initialFailure: r.initialFailureAt ?? undefined,
        mostRecentFailure: r.mostRecentFailureAt ?? undefined,
        disabledTill: r.disabledUntil ?? undefined,
        lastError: r.lastError ?? undefined,
        lastFailureKind: r.lastFailureKind ?? undefined,
      })),
      200,
    );
  },
);
