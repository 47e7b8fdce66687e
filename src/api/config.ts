import { createRoute, z } from "@hono/zod-openapi";
import { regionCodeSchema } from "../integrations/tmdb/discoverySchemas";
import {
  indexerSettingsSchema,
  readSettings,
  readStreamingSettings,
  STREAMING_OFFER_TYPES,
  streamingSettingsSchema,
  writeSettings,
} from "../services/settings";
import { apiKeyRouter } from "./apiKey";
import { configResourceRouter } from "./configResources";
import { createRouter, jsonBody, jsonContent, sentChanges } from "./router";
import { errorResponses } from "./schemas/common";

/** Radarr's `/api/v3/config/*` settings groups. */
export const configRouter = createRouter();

const indexerConfigSchema = indexerSettingsSchema.extend({ id: z.number().int() }).openapi("IndexerConfig");

configRouter.openapi(
  createRoute({
    method: "get",
    path: "/indexer",
    tags: ["Config"],
    responses: { 200: jsonContent(indexerConfigSchema, "Indexer settings"), ...errorResponses },
  }),
  async (c) => c.json({ id: 1, ...(await readSettings(c.get("db"), "indexer")) }, 200),
);

configRouter.openapi(
  createRoute({
    method: "put",
    path: "/indexer",
    tags: ["Config"],
    request: { body: jsonBody(indexerSettingsSchema.partial().extend({ id: z.number().int().optional() })) },
    responses: { 202: jsonContent(indexerConfigSchema, "Saved"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const changes = await sentChanges(c, c.req.valid("json"));
    const merged = indexerSettingsSchema.parse({ ...(await readSettings(db, "indexer")), ...changes });
    await writeSettings(db, "indexer", merged);
    return c.json({ id: 1, ...merged }, 202);
  },
);

export const streamingConfigSchema = z
  .object({
    id: z.number().int(),
    region: z.string().openapi({ description: "ISO 3166-1 alpha-2; DEFAULT_REGION until saved", example: "US" }),
    subscribedProviderIds: z.array(z.number().int()).openapi({ description: "TMDb watch provider ids", example: [8] }),
    offerTypes: z.array(z.enum(STREAMING_OFFER_TYPES)),
  })
  .openapi("StreamingConfig");

export const streamingInputSchema = z.object({
  id: z.number().int().optional(),
  region: regionCodeSchema.optional(),
  subscribedProviderIds: z.array(z.number().int().positive()).max(200).optional(),
  offerTypes: z.array(z.enum(STREAMING_OFFER_TYPES)).min(1, "offerTypes needs at least one offer type").optional(),
});

configRouter.openapi(
  createRoute({
    method: "get",
    path: "/streaming",
    tags: ["Config"],
    summary: 'Region and subscribed services for "don\'t download what I can stream"',
    responses: { 200: jsonContent(streamingConfigSchema, "Streaming settings"), ...errorResponses },
  }),
  async (c) => c.json({ id: 1, ...(await readStreamingSettings(c.get("db"), c.env)) }, 200),
);

configRouter.openapi(
  createRoute({
    method: "put",
    path: "/streaming",
    tags: ["Config"],
    request: { body: jsonBody(streamingInputSchema) },
    responses: { 202: jsonContent(streamingConfigSchema, "Saved"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const { id: _id, ...changes } = c.req.valid("json");
    const merged = streamingSettingsSchema.parse({
      ...(await readSettings(db, "streaming")),
      ...changes,
      ...(changes.subscribedProviderIds ? { subscribedProviderIds: [...new Set(changes.subscribedProviderIds)] } : {}),
      ...(changes.offerTypes ? { offerTypes: [...new Set(changes.offerTypes)] } : {}),
    });
    await writeSettings(db, "streaming", merged);
    return c.json({ id: 1, ...(await readStreamingSettings(db, c.env)) }, 202);
  },
);

// Settings › General's API key: Show and Regenerate.
configRouter.route("/host/apikey", apiKeyRouter);
// Radarr's other singleton config resources (ui, host, mediamanagement, downloadclient, metadata).
configRouter.route("/", configResourceRouter);
