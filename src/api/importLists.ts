import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import type { Database } from "../db/client";
import { importLists } from "../db/schema";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { MINIMUM_AVAILABILITIES } from "../domain/library/movieStatus";
import type { ImportListSource } from "../domain/lists/source";
import { findListSource, LIST_SOURCES, secretFields } from "../domain/lists/sources";
import { absolutePathSetting } from "../domain/validation/paths";
import { fetchList } from "../integrations/lists/fetchList";
import { listSourceEnvironmentFor } from "../services/listSourceEnvironment";
import { MovieLibrary } from "../services/movies";
import { maskSettings, openSettings, sealSettings } from "../services/secrets";
import { importListSettingsSchema, readSettings, writeSettings } from "../services/settings";
import type { AppEnv } from "./context";
import { importListActivityRouter } from "./importListActivity";
import { zodFieldErrors } from "./middleware/errors";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const importListRouter = createRouter();
export const importListConfigRouter = createRouter();
const tags = ["ImportList"];
// First: "/{id}" would otherwise take /jobs and /provenance.
importListRouter.route("/", importListActivityRouter);
/** What a sync does with movies streaming on a subscribed service (see config/streaming). */
const STREAMING_OPTIONS = ["ignore", "addUnmonitored", "skip"] as const;

const fieldSchema = z.object({
  order: z.number().int().optional(),
  name: z.string(),
  label: z.string().optional(),
  value: z.unknown().optional(),
  type: z.string().optional(),
  advanced: z.boolean().optional(),
  privacy: z.string().optional(),
  helpText: z.string().optional(),
  selectOptions: z.array(z.object({ value: z.union([z.string(), z.number()]), name: z.string() })).optional(),
});

export const listResourceSchema = z
  .object({
    id: z.number().int().optional(),
    name: z.string(),
    implementation: z.string(),
    implementationName: z.string(),
    configContract: z.string(),
    fields: z.array(fieldSchema),
    enabled: z.boolean(),
    enableAuto: z.boolean(),
    monitor: z.enum(["movieOnly", "movieAndCollection", "none"]),
    minimumAvailability: z.enum(MINIMUM_AVAILABILITIES),
    qualityProfileId: z.number().int(),
    rootFolderPath: z.string(),
    searchOnAdd: z.boolean(),
    streamingOption: z.enum(STREAMING_OPTIONS),
    tags: z.array(z.number().int()),
    listOrder: z.number().int(),
    listType: z.string(),
    minRefreshInterval: z.string(),
    syncIntervalMinutes: z.number().int(),
    lastSyncAt: z.string().optional(),
    nextSyncAt: z.string().optional(),
  })
  .openapi("ImportList");

export const listInputSchema = z
  .object({
    /** A saved list's id: a test of it keeps its stored secrets and does not clash with its own name. */
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1, "name is required").max(200),
    implementation: z.string().min(1),
    configContract: z.string().optional(),
    fields: z.array(z.object({ name: z.string(), value: z.unknown().optional() })).default([]),
    enabled: z.boolean().default(true),
    enableAuto: z.boolean().default(true),
    monitor: z.enum(["movieOnly", "movieAndCollection", "none"]).default("movieOnly"),
    minimumAvailability: z.enum(MINIMUM_AVAILABILITIES).default("released"),
    qualityProfileId: z.number().int().positive(),
    rootFolderPath: absolutePathSetting(),
    searchOnAdd: z.boolean().default(false),
    /** Movies streaming on a subscribed service (config/streaming): add as usual, add unmonitored, or skip. */
    streamingOption: z.enum(STREAMING_OPTIONS).default("ignore"),
    tags: z.array(z.number().int().positive()).default([]),
    listOrder: z.number().int().min(0).default(0),
    syncIntervalMinutes: z.number().int().min(5).max(43_200).optional(),
  })
  .passthrough()
  .openapi("ImportListInput");

const timeSpan = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00`;

function listType(implementation: string): string {
  if (implementation.startsWith("TMDb")) return "tmdb";
  if (implementation.startsWith("Trakt")) return "trakt";
  if (implementation.startsWith("Plex")) return "plex";
  if (implementation.startsWith("IMDb")) return "other";
  return "advanced";
}

function fieldResources(source: ImportListSource<unknown>, settings: Record<string, unknown>) {
  return source.fields.map((f, order) => ({
    order,
    name: f.name,
    label: f.label,
    value: settings[f.name] ?? f.defaultValue,
    type: f.type,
    advanced: f.advanced ?? false,
    privacy: f.privacy ?? "normal",
    ...(f.helpText ? { helpText: f.helpText } : {}),
    ...(f.selectOptions ? { selectOptions: f.selectOptions } : {}),
  }));
}

type ListRow = typeof importLists.$inferSelect;

function listResource(row: ListRow): z.infer<typeof listResourceSchema> {
  const source = findListSource(row.implementation);
  const settings = source ? maskSettings(row.settings, secretFields(source)) : row.settings;
  return {
    id: row.id,
    name: row.name,
    implementation: row.implementation,
    implementationName: source?.implementationName ?? row.implementation,
    configContract: row.configContract,
    fields: source ? fieldResources(source, settings) : [],
    enabled: row.enabled,
    enableAuto: row.enableAuto,
    monitor: row.monitor,
    minimumAvailability: row.minimumAvailability as (typeof MINIMUM_AVAILABILITIES)[number],
    qualityProfileId: row.qualityProfileId,
    rootFolderPath: row.rootFolderPath,
    searchOnAdd: row.searchOnAdd,
    streamingOption: row.streamingOption,
    tags: row.tags,
    listOrder: row.listOrder,
    listType: listType(row.implementation),
    minRefreshInterval: timeSpan(source?.minRefreshIntervalMinutes ?? 360),
    syncIntervalMinutes: row.syncIntervalMinutes,
    lastSyncAt: row.lastSyncAt ?? undefined,
    nextSyncAt: row.nextSyncAt ?? undefined,
  };
}

/** Validates a list body: known implementation, its settings, references, interval ≥ the source's minimum. */
async function validatedList(c: Context<AppEnv>, input: z.infer<typeof listInputSchema>, previous?: ListRow) {
  const source = findListSource(input.implementation);
  if (!source) {
    throw invalidInput(
      "body.implementation",
      `unknown implementation; one of ${LIST_SOURCES.map((s) => s.implementation).join(", ")}`,
    );
  }
  const given = Object.fromEntries(input.fields.map((f) => [f.name, f.value]));
  const previousOpen = previous ? await openSettings(c.env, previous.settings, secretFields(source)) : {};
  const withSecrets = Object.fromEntries(
    Object.entries(given).map(([k, v]) => [
      k,
      v === "********" && secretFields(source).includes(k) ? previousOpen[k] : v,
    ]),
  );
  const parsed = source.settings.safeParse(withSecrets);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error, "body.fields");
    throw new Failure("invalidInput", `Validation failed: ${errors[0].path}: ${errors[0].message}`, { fields: errors });
  }
  await new MovieLibrary(c.env, c.get("db")).assertReferences({
    qualityProfileId: input.qualityProfileId,
    rootFolderPath: input.rootFolderPath,
    tags: input.tags,
  });
  const interval = input.syncIntervalMinutes ?? Math.max(source.minRefreshIntervalMinutes, 360);
  if (interval < source.minRefreshIntervalMinutes) {
    throw invalidInput(
      "body.syncIntervalMinutes",
      `${source.implementationName} lists sync at most every ${source.minRefreshIntervalMinutes} minutes`,
    );
  }
  const db = c.get("db");
  const [clash] = await db.select({ id: importLists.id }).from(importLists).where(eq(importLists.name, input.name));
  if (clash && clash.id !== previous?.id)
    throw invalidInput("body.name", `An import list named '${input.name}' already exists`);
  return {
    source,
    settings: parsed.data as Record<string, unknown>,
    values: {
      name: input.name,
      implementation: source.implementation,
      configContract: source.configContract,
      settings: await sealSettings(
        c.env,
        parsed.data as Record<string, unknown>,
        secretFields(source),
        previous?.settings,
      ),
      enabled: input.enabled,
      enableAuto: input.enableAuto,
      monitor: input.monitor,
      minimumAvailability: input.minimumAvailability,
      qualityProfileId: input.qualityProfileId,
      rootFolderPath: input.rootFolderPath,
      searchOnAdd: input.searchOnAdd,
      streamingOption: input.streamingOption,
      tags: [...new Set(input.tags)],
      listOrder: input.listOrder,
      syncIntervalMinutes: interval,
    },
  };
}

async function getList(db: Database, id: number): Promise<ListRow> {
  const [row] = await db.select().from(importLists).where(eq(importLists.id, id));
  if (!row) throw resourceNotFound(`Import list ${id}`);
  return row;
}

importListRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(listResourceSchema), "Lists"), ...errorResponses },
  }),
  async (c) => {
    const rows = await c.get("db").select().from(importLists).orderBy(importLists.listOrder, importLists.id);
    return c.json(rows.map(listResource), 200);
  },
);

importListRouter.openapi(
  createRoute({
    method: "get",
    path: "/schema",
    tags,
    summary: "Every list implementation with its fields",
    responses: { 200: jsonContent(z.array(listResourceSchema.omit({ id: true })), "Templates"), ...errorResponses },
  }),
  async (c) =>
    c.json(
      LIST_SOURCES.map((source) => ({
        name: "",
        implementation: source.implementation,
        implementationName: source.implementationName,
        configContract: source.configContract,
        fields: fieldResources(source, {}),
        enabled: true,
        enableAuto: true,
        monitor: "movieOnly" as const,
        minimumAvailability: "released" as const,
        qualityProfileId: 0,
        rootFolderPath: "",
        searchOnAdd: false,
        streamingOption: "ignore" as const,
        tags: [] as number[],
        listOrder: 0,
        listType: listType(source.implementation),
        minRefreshInterval: timeSpan(source.minRefreshIntervalMinutes),
        syncIntervalMinutes: Math.max(source.minRefreshIntervalMinutes, 360),
      })),
      200,
    ),
);

/** A list read once upstream: how many items on how many pages. */
export const listTestResultSchema = z.object({
  isValid: z.boolean(),
  items: z.number().int(),
  pages: z.number().int(),
});

importListRouter.openapi(
  createRoute({
    method: "post",
    path: "/test",
    tags,
    summary: "Read the list once without saving anything",
    request: { body: jsonBody(listInputSchema) },
    responses: {
      200: jsonContent(listTestResultSchema, "Readable"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const saved = input.id === undefined ? undefined : await getList(c.get("db"), input.id);
    const { source, settings } = await validatedList(c, input, saved);
    try {
      const fetched = await fetchList(source, settings, c.env, {
        logger: c.get("logger"),
        sourceEnv: await listSourceEnvironmentFor(c.env, source.implementation),
      });
      return c.json({ isValid: true, items: fetched.items.length, pages: fetched.pages }, 200);
    } catch (error) {
      throw new Failure("invalidInput", `List test failed: ${(error as Error).message}`, {
        fields: [{ path: "body.fields", message: (error as Error).message }],
      });
    }
  },
);

importListRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(listInputSchema) },
    responses: { 201: jsonContent(listResourceSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const { values } = await validatedList(c, c.req.valid("json"));
    const [row] = await c.get("db").insert(importLists).values(values).returning();
    return c.json(listResource(row), 201);
  },
);

importListRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    request: { params: idParamSchema, body: jsonBody(listInputSchema) },
    responses: { 202: jsonContent(listResourceSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const previous = await getList(db, c.req.valid("param").id);
    const { values } = await validatedList(c, c.req.valid("json"), previous);
    const [row] = await db.update(importLists).set(values).where(eq(importLists.id, previous.id)).returning();
    return c.json(listResource(row), 202);
  },
);

importListRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a list (its items, history and provenance go with it; its movies stay)",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const list = await getList(db, c.req.valid("param").id);
    await db.delete(importLists).where(eq(importLists.id, list.id));
    return c.json({}, 200);
  },
);

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
    const { id: _id, ...changes } = c.req.valid("json");
    const merged = importListSettingsSchema.parse({ ...(await readSettings(db, "importlist")), ...changes });
    await writeSettings(db, "importlist", merged);
    return c.json({ id: 1, ...merged }, 202);
  },
);

importListRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(listResourceSchema, "List"), ...errorResponses },
  }),
  async (c) => c.json(listResource(await getList(c.get("db"), c.req.valid("param").id)), 200),
);
