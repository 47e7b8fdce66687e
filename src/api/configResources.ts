import { createRoute, z } from "@hono/zod-openapi";
import type { Handler } from "hono";
import {
  readHostConfig,
  readMediaManagementConfig,
  saveHostConfig,
  saveMediaManagementConfig,
} from "../services/configResources";
import {
  downloadClientSettingsSchema,
  hostSettingsSchema,
  mediaManagementSettingsSchema,
  metadataSettingsSchema,
  uiSettingsSchema,
} from "../services/configSettings";
import { indexerSettingsSchema, readSettings, updateSettings } from "../services/settings";
import type { AppEnv } from "./context";
import { createRouter, jsonBody, jsonContent, sentChanges } from "./router";
import { errorResponses } from "./schemas/common";

/**
 * Radarr's singleton config resources `/config/ui`, `/config/host`, `/config/mediamanagement`,
 * `/config/downloadclient` and `/config/metadata`: GET, and PUT of the fields to change (a full
 * resource as Radarr's clients send it, or any part of it). `/config/{name}/{id}` reaches them
 * through canonicalPath, as Radarr answers every id with the one resource.
 */
export const configResourceRouter = createRouter();

const withId = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) => schema.extend({ id: z.number().int() });
const input = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) =>
  schema.partial().extend({ id: z.number().int().optional() });

interface ConfigResource {
  path: string;
  summary: string;
  response: z.ZodObject<z.ZodRawShape>;
  body: z.ZodObject<z.ZodRawShape>;
  read: (c: Parameters<Handler<AppEnv>>[0]) => Promise<object>;
  save: (c: Parameters<Handler<AppEnv>>[0], changes: Record<string, unknown>) => Promise<object>;
}

function registerConfig({ path, summary, response, body, read, save }: ConfigResource) {
  configResourceRouter.openapi(
    createRoute({
      method: "get",
      path,
      tags: ["Config"],
      summary,
      responses: { 200: jsonContent(response, summary), ...errorResponses },
    }),
    async (c) => c.json({ id: 1, ...(await read(c)) }, 200),
  );
  configResourceRouter.openapi(
    createRoute({
      method: "put",
      path,
      tags: ["Config"],
      summary: `Save ${summary.toLowerCase()}`,
      request: { body: jsonBody(body) },
      responses: { 202: jsonContent(response, "Saved"), ...errorResponses },
    }),
    async (c) => {
      const changes = await sentChanges(c, c.req.valid("json") as Record<string, unknown>);
      return c.json({ id: 1, ...(await save(c, changes)) }, 202);
    },
  );
}

registerConfig({
  path: "/ui",
  summary: "UI settings",
  response: withId(uiSettingsSchema).openapi("UiConfig"),
  body: input(uiSettingsSchema),
  read: (c) => readSettings(c.get("db"), "ui"),
  save: (c, changes) => updateSettings(c.get("db"), "ui", changes),
});

const hostResource = hostSettingsSchema.extend({
  authenticationMethod: z.enum(["none", "basic", "forms", "external"]),
  authenticationRequired: z.enum(["enabled", "disabledForLocalAddresses"]),
  username: z.string(),
  password: z.string().openapi({ description: "Always empty: the app has no user accounts" }),
  passwordConfirmation: z.string(),
  apiKey: z
    .string()
    .openapi({ description: "Always masked: POST /api/v3/config/host/apikey shows it; a PUT may only echo it" }),
});
const hostInput = input(hostResource).extend({
  username: z.string().nullable().optional(),
  password: z.string().nullable().optional(),
  passwordConfirmation: z.string().nullable().optional(),
  apiKey: z.string().nullable().optional(),
});

registerConfig({
  path: "/host",
  summary: "Host settings",
  response: withId(hostResource).openapi("HostConfig"),
  body: hostInput,
  read: (c) => readHostConfig(c.get("db")),
  save: (c, changes) => saveHostConfig(c.get("db"), c.env, changes),
});

const mediaManagementResource = mediaManagementSettingsSchema.extend({
  downloadPropersAndRepacks: indexerSettingsSchema.shape.downloadPropersAndRepacks,
});

registerConfig({
  path: "/mediamanagement",
  summary: "Media management settings",
  response: withId(mediaManagementResource).openapi("MediaManagementConfig"),
  body: input(mediaManagementResource),
  read: (c) => readMediaManagementConfig(c.get("db")),
  save: (c, changes) => saveMediaManagementConfig(c.get("db"), changes),
});

registerConfig({
  path: "/downloadclient",
  summary: "Download client settings",
  response: withId(downloadClientSettingsSchema).openapi("DownloadClientConfig"),
  body: input(downloadClientSettingsSchema),
  read: (c) => readSettings(c.get("db"), "downloadclient"),
  save: (c, changes) => updateSettings(c.get("db"), "downloadclient", changes),
});

registerConfig({
  path: "/metadata",
  summary: "Metadata settings",
  response: withId(metadataSettingsSchema).openapi("MetadataConfig"),
  body: input(metadataSettingsSchema),
  read: (c) => readSettings(c.get("db"), "metadata"),
  save: (c, changes) => updateSettings(c.get("db"), "metadata", changes),
});
