import { createRoute, z } from "@hono/zod-openapi";
import { indexerSettingsSchema, readSettings, writeSettings } from "../library/settings";
import { createRouter, jsonBody, jsonContent } from "./router";
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
    const { id: _id, ...changes } = c.req.valid("json");
    const merged = indexerSettingsSchema.parse({ ...(await readSettings(db, "indexer")), ...changes });
    await writeSettings(db, "indexer", merged);
    return c.json({ id: 1, ...merged }, 202);
  },
);
