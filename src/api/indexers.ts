import { createRoute, z } from "@hono/zod-openapi";
import { eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import * as clock from "../clock";
import { indexerStatus, indexers } from "../db/schema";
import {
  findIndexerDefinition,
  INDEXER_DEFINITIONS,
  INDEXER_IMPLEMENTATIONS,
  type IndexerDefinition,
  indexerSecretFields,
} from "../domain/indexers/definitions";
import { createIndexerClient } from "../integrations/indexers";
import { definitionOf, describeIndexerFailure, type IndexerRow, loadIndexers } from "../services/indexers";
import { MovieLibrary } from "../services/movies";
import { MASKED_SECRET, maskSettings, openSettings, sealSettings } from "../services/secrets";
import type { AppEnv } from "./context";
import { testBeforeSave, testIndexer, testResult, testResultSchema } from "./indexerTest";
import { ApiError, fieldError, notFound, zodFieldErrors } from "./middleware/errors";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, forceSaveQuery, idParamSchema } from "./schemas/common";

/** Radarr's indexer settings (`/api/v3/indexer`): Torznab, Newznab and HDBits in the provider shape. */
export const indexerRouter = createRouter();
export const indexerStatusRouter = createRouter();
const tags = ["Indexer"];

const fieldSchema = z.object({
  order: z.number().int(),
  name: z.string(),
  label: z.string(),
  value: z.unknown(),
  type: z.string(),
  advanced: z.boolean(),
  privacy: z.string(),
  helpText: z.string().optional(),
  selectOptions: z.array(z.object({ value: z.number(), name: z.string() })).optional(),
});

const indexerSchema = z
  .object({
    id: z.number().int().optional(),
    name: z.string(),
    implementation: z.enum(INDEXER_IMPLEMENTATIONS),
    implementationName: z.string(),
    configContract: z.string(),
    infoLink: z.string(),
    protocol: z.enum(["torrent", "usenet"]),
    priority: z.number().int(),
    enableRss: z.boolean(),
    enableAutomaticSearch: z.boolean(),
    enableInteractiveSearch: z.boolean(),
    supportsRss: z.boolean(),
    supportsSearch: z.boolean(),
    fields: z.array(fieldSchema),
    tags: z.array(z.number().int()),
    downloadClientId: z.number().int(),
  })
  .openapi("Indexer");

const indexerInput = z
  .object({
    id: z.number().int().optional(),
    name: z.string().trim().min(1, "name is required").max(200),
    implementation: z.string().min(1, "implementation is required"),
    configContract: z.string().optional(),
    fields: z.array(z.object({ name: z.string(), value: z.unknown().optional() })).default([]),
    enableRss: z.boolean().default(true),
    enableAutomaticSearch: z.boolean().default(true),
    enableInteractiveSearch: z.boolean().default(true),
    priority: z.number().int().min(1, "priority must be 1 to 50").max(50, "priority must be 1 to 50").default(25),
    tags: z.array(z.number().int().positive()).default([]),
  })
  .passthrough()
  .openapi("IndexerInput");
type IndexerInput = z.infer<typeof indexerInput>;

const statusSchema = z
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

function fieldResources(definition: IndexerDefinition, settings: Record<string, unknown>) {
  return definition.fields.map((f, order) => ({
    order,
    name: f.name,
    label: f.label,
    value: settings[f.name] ?? f.defaultValue ?? (f.type === "textbox" || f.type === "password" ? "" : null),
    type: f.type,
    advanced: f.advanced ?? false,
    privacy: f.privacy ?? "normal",
    ...(f.helpText ? { helpText: f.helpText } : {}),
    ...(f.selectOptions ? { selectOptions: f.selectOptions } : {}),
  }));
}

function template(definition: IndexerDefinition) {
  return {
    name: "",
    implementation: definition.implementation,
    implementationName: definition.implementationName,
    configContract: definition.configContract,
    infoLink: definition.infoLink,
    protocol: definition.protocol,
    priority: 25,
    enableRss: true,
    enableAutomaticSearch: true,
    enableInteractiveSearch: true,
    supportsRss: true,
    supportsSearch: true,
    fields: fieldResources(definition, {}),
    tags: [] as number[],
    downloadClientId: 0,
  };
}

/** An indexer as the API shows it: secrets masked. */
function indexerResource(row: IndexerRow): z.infer<typeof indexerSchema> {
  const definition = definitionOf(row);
  return {
    ...template(definition),
    id: row.id,
    name: row.name,
    priority: row.priority,
    enableRss: row.enableRss,
    enableAutomaticSearch: row.enableAutomaticSearch,
    enableInteractiveSearch: row.enableInteractiveSearch,
    fields: fieldResources(definition, maskSettings(row.settings, indexerSecretFields(definition))),
    tags: row.tags,
  };
}

async function getIndexer(c: Context<AppEnv>, id: number): Promise<IndexerRow> {
  const [row] = await c.get("db").select().from(indexers).where(eq(indexers.id, id));
  if (!row) throw notFound(`Indexer ${id}`);
  return row;
}

/**
 * Validates an indexer body: a known implementation and its settings, with masked secrets taken
 * from the saved indexer (`previous`), existing tags and a unique name. Returns the plain settings
 * (for a test) and the row to store (secrets encrypted).
 */
async function validatedIndexer(c: Context<AppEnv>, input: IndexerInput, previous?: IndexerRow) {
  const definition = findIndexerDefinition(input.implementation);
  if (!definition) {
    throw fieldError("body.implementation", `unknown implementation; one of ${INDEXER_IMPLEMENTATIONS.join(", ")}`);
  }
  const secretFields = indexerSecretFields(definition);
  const previousOpen =
    previous && previous.implementation === definition.implementation
      ? await openSettings(c.env, previous.settings, secretFields)
      : {};
  const given = Object.fromEntries(
    input.fields.map((f) => [
      f.name,
      f.value === MASKED_SECRET && secretFields.includes(f.name) ? previousOpen[f.name] : f.value,
    ]),
  );
  // HDBits' address defaults to HDBITS_URL (the real site, or the simulator in the demo).
  if (definition.implementation === "HDBits" && (given.baseUrl === undefined || given.baseUrl === "")) {
    given.baseUrl = c.env.HDBITS_URL;
  }
  const parsed = definition.settings.safeParse(given);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error, "body.fields");
    throw new ApiError(400, `Validation failed: ${errors[0].path}: ${errors[0].message}`, errors);
  }
  await new MovieLibrary(c.env, c.get("db")).assertReferences({ tags: input.tags });
  const [clash] = await c.get("db").select({ id: indexers.id }).from(indexers).where(eq(indexers.name, input.name));
  if (clash && clash.id !== previous?.id)
    throw fieldError("body.name", `An indexer named '${input.name}' already exists`);
  const settings = parsed.data;
  return {
    definition,
    settings,
    values: {
      name: input.name,
      implementation: definition.implementation,
      protocol: definition.protocol,
      settings: await sealSettings(c.env, settings, secretFields),
      enableRss: input.enableRss,
      enableAutomaticSearch: input.enableAutomaticSearch,
      enableInteractiveSearch: input.enableInteractiveSearch,
      priority: input.priority,
      tags: [...new Set(input.tags)],
      updatedAt: clock.nowIso(),
    },
  };
}

indexerRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(indexerSchema), "Indexers"), ...errorResponses },
  }),
  async (c) => c.json((await loadIndexers(c.get("db"))).map(indexerResource), 200),
);

indexerRouter.openapi(
  createRoute({
    method: "get",
    path: "/schema",
    tags,
    summary: "Every indexer implementation with its fields",
    responses: { 200: jsonContent(z.array(indexerSchema), "Templates"), ...errorResponses },
  }),
  async (c) =>
    c.json(
      INDEXER_DEFINITIONS.map((definition) => {
        const shown = template(definition);
        if (definition.implementation !== "HDBits") return shown;
        return {
          ...shown,
          fields: shown.fields.map((f) => (f.name === "baseUrl" ? { ...f, value: c.env.HDBITS_URL } : f)),
        };
      }),
      200,
    ),
);

indexerRouter.openapi(
  createRoute({
    method: "post",
    path: "/test",
    tags,
    summary: "Check the indexer answers with these settings (caps and one authenticated request), without saving",
    request: { body: jsonBody(indexerInput) },
    responses: { 200: jsonContent(testResultSchema, "The indexer works"), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const previous = input.id
      ? (await c.get("db").select().from(indexers).where(eq(indexers.id, input.id)))[0]
      : undefined;
    const { definition, settings } = await validatedIndexer(c, input, previous);
    return c.json(testResult(await testIndexer(c, input, definition, settings)), 200);
  },
);

indexerRouter.openapi(
  createRoute({
    method: "post",
    path: "/testall",
    tags,
    summary: "Test every saved indexer",
    responses: {
      200: jsonContent(
        z.array(
          z.object({
            id: z.number().int(),
            isValid: z.boolean(),
            validationFailures: z.array(z.object({ propertyName: z.string(), errorMessage: z.string() })),
          }),
        ),
        "One result per indexer",
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const list = await loadIndexers(c.get("db"));
    const results = await Promise.all(
      list.map(async (indexer) => {
        const definition = definitionOf(indexer);
        const settings = await openSettings(c.env, indexer.settings, indexerSecretFields(definition));
        try {
          await createIndexerClient(c.env, indexer, settings, { logger: c.get("logger") }).test();
          return { id: indexer.id, isValid: true, validationFailures: [] };
        } catch (error) {
          const failure = describeIndexerFailure(error, indexer.name);
          const names = failure.fields.length ? failure.fields : [""];
          return {
            id: indexer.id,
            isValid: false,
            validationFailures: names.map((propertyName) => ({ propertyName, errorMessage: failure.message })),
          };
        }
      }),
    );
    return c.json(results, 200);
  },
);

indexerRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Add an indexer (tested first unless forceSave=true or nothing is enabled)",
    request: { query: forceSaveQuery, body: jsonBody(indexerInput) },
    responses: { 201: jsonContent(indexerSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const checked = await validatedIndexer(c, input);
    await testBeforeSave(c, input, checked, c.req.valid("query").forceSave);
    const { values } = checked;
    const [row] = await c.get("db").insert(indexers).values(values).returning();
    return c.json(indexerResource(row), 201);
  },
);

indexerRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(indexerSchema, "Indexer"), ...errorResponses },
  }),
  async (c) => c.json(indexerResource(await getIndexer(c, c.req.valid("param").id)), 200),
);

indexerRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    summary: "Update an indexer (tested first unless forceSave=true); secrets sent back masked keep their stored value",
    request: { params: idParamSchema, query: forceSaveQuery, body: jsonBody(indexerInput) },
    responses: { 202: jsonContent(indexerSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const previous = await getIndexer(c, c.req.valid("param").id);
    const input = c.req.valid("json");
    const checked = await validatedIndexer(c, input, previous);
    await testBeforeSave(c, input, checked, c.req.valid("query").forceSave);
    const { values } = checked;
    const db = c.get("db");
    // New settings may change what the indexer can do: forget its cached capabilities.
    const [[row]] = await db.batch([
      db.update(indexers).set(values).where(eq(indexers.id, previous.id)).returning(),
      db
        .update(indexerStatus)
        .set({ capabilities: null, capsFetchedAt: null })
        .where(eq(indexerStatus.indexerId, previous.id)),
    ]);
    return c.json(indexerResource(row), 202);
  },
);

indexerRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete an indexer (its status and HDBits observations go with it)",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").delete(indexers).where(eq(indexers.id, id)).returning();
    if (!row) throw notFound(`Indexer ${id}`);
    return c.json({}, 200);
  },
);

indexerStatusRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Indexers that failed recently: escalation level, and until when they are left alone",
    responses: { 200: jsonContent(z.array(statusSchema), "Statuses"), ...errorResponses },
  }),
  async (c) => {
    const rows = await c.get("db").select().from(indexerStatus).where(gt(indexerStatus.consecutiveFailures, 0));
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
