import { createRoute, z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { downloadClients } from "../db/schema";
import { UpstreamError } from "../integrations/http";
import {
  DOWNLOAD_CLIENT_IMPLEMENTATION_NAMES,
  DOWNLOAD_CLIENT_IMPLEMENTATIONS,
  type DownloadClientImplementation,
  type DownloadClientRow,
  openDownloadClient,
  type ProviderField,
} from "../services/downloadClients";
import { MASKED_SECRET, maskSettings, openSettings, sealSettings } from "../services/secrets";
import type { AppEnv } from "./context";
import { ApiError, fieldError, notFound, zodFieldErrors } from "./middleware/errors";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, forceSaveQuery, idParamSchema } from "./schemas/common";

/** Radarr's `/api/v3/downloadclient`: download clients in the provider shape, with /schema and /test. */
export const downloadClientRouter = createRouter();
const tags = ["DownloadClient"];
// Each implementation's settings as a component, so the document lists their choices as enums.
for (const [implementation, { settings }] of Object.entries(DOWNLOAD_CLIENT_IMPLEMENTATIONS))
  downloadClientRouter.openAPIRegistry.register(`${implementation}Settings`, settings);

const IMPLEMENTATION_NAMES: Record<DownloadClientImplementation, string> = {
  QBittorrent: "qBittorrent",
  Sabnzbd: "SABnzbd",
  Transmission: "Transmission",
};

const fieldSchema = z.object({
  order: z.number().int(),
  name: z.string(),
  label: z.string(),
  value: z.unknown().optional(),
  type: z.string(),
  advanced: z.boolean(),
  privacy: z.enum(["normal", "password"]),
  helpText: z.string().optional(),
  selectOptions: z.array(z.object({ value: z.union([z.string(), z.number()]), name: z.string() })).optional(),
});

const clientSchema = z
  .object({
    id: z.number().int().optional(),
    name: z.string(),
    implementation: z.enum(DOWNLOAD_CLIENT_IMPLEMENTATION_NAMES as [DownloadClientImplementation]),
    implementationName: z.string(),
    configContract: z.string(),
    infoLink: z.string(),
    protocol: z.enum(["torrent", "usenet"]),
    enable: z.boolean(),
    priority: z.number().int(),
    removeCompletedDownloads: z.boolean(),
    removeFailedDownloads: z.boolean(),
    fields: z.array(fieldSchema),
    tags: z.array(z.number().int()),
  })
  .openapi("DownloadClient");

const clientInputSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200),
    implementation: z.string().min(1, "implementation is required"),
    configContract: z.string().optional(),
    fields: z.array(z.object({ name: z.string(), value: z.unknown().optional() })).default([]),
    enable: z.boolean().default(true),
    priority: z.number().int().min(1, "priority must be 1-50").max(50, "priority must be 1-50").default(1),
    removeCompletedDownloads: z.boolean().default(true),
    removeFailedDownloads: z.boolean().default(true),
    tags: z.array(z.number().int().positive()).default([]),
  })
  .passthrough()
  .openapi("DownloadClientInput");
type ClientInput = z.infer<typeof clientInputSchema>;

type Resource = z.infer<typeof clientSchema>;

function resource(
  row: Pick<
    DownloadClientRow,
    | "name"
    | "implementation"
    | "protocol"
    | "settings"
    | "enable"
    | "priority"
    | "removeCompletedDownloads"
    | "removeFailedDownloads"
    | "tags"
  > & { id?: number },
): Resource {
  const implementation = DOWNLOAD_CLIENT_IMPLEMENTATIONS[row.implementation];
  const defaults = implementation.settings.partial().parse({}) as Record<string, unknown>;
  const settings = maskSettings({ ...defaults, ...row.settings }, implementation.secretFields);
  return {
    ...(row.id !== undefined ? { id: row.id } : {}),
    name: row.name,
    implementation: row.implementation,
    implementationName: IMPLEMENTATION_NAMES[row.implementation],
    configContract: `${row.implementation}Settings`,
    infoLink: implementation.infoLink,
    protocol: row.protocol,
    enable: row.enable,
    priority: row.priority,
    removeCompletedDownloads: row.removeCompletedDownloads,
    removeFailedDownloads: row.removeFailedDownloads,
    fields: implementation.fields.map((f: ProviderField, order) => ({
      order,
      name: f.name,
      label: f.label,
      value: settings[f.name],
      type: f.type,
      advanced: f.advanced ?? false,
      privacy: f.type === "password" ? ("password" as const) : ("normal" as const),
      ...(f.helpText ? { helpText: f.helpText } : {}),
      ...(f.selectOptions ? { selectOptions: [...f.selectOptions] } : {}),
    })),
    tags: row.tags,
  };
}

function implementationOf(name: string): DownloadClientImplementation {
  const found = DOWNLOAD_CLIENT_IMPLEMENTATION_NAMES.find((i) => i.toLowerCase() === name.toLowerCase());
  if (!found)
    throw fieldError(
      "body.implementation",
      `unknown implementation; one of ${DOWNLOAD_CLIENT_IMPLEMENTATION_NAMES.join(", ")}`,
    );
  return found;
}

/** A client body validated: its implementation's settings (masked secrets keep their stored value). */
async function validated(c: Context<AppEnv>, input: ClientInput, previous?: DownloadClientRow) {
  const implementation = implementationOf(input.implementation);
  const definition = DOWNLOAD_CLIENT_IMPLEMENTATIONS[implementation];
  const given = Object.fromEntries(input.fields.map((f) => [f.name, f.value]));
  const stored =
    previous && previous.implementation === implementation
      ? await openSettings(c.env, previous.settings, definition.secretFields)
      : {};
  for (const field of definition.secretFields) if (given[field] === MASKED_SECRET) given[field] = stored[field];
  const parsed = definition.settings.safeParse(given);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error, "body.fields");
    throw new ApiError(400, `Validation failed: ${errors[0].path}: ${errors[0].message}`, errors);
  }
  const db = c.get("db");
  const [clash] = await db
    .select({ id: downloadClients.id })
    .from(downloadClients)
    .where(eq(downloadClients.name, input.name));
  if (clash && clash.id !== previous?.id)
    throw fieldError("body.name", `A download client named '${input.name}' already exists`);
  const settings = parsed.data as Record<string, unknown>;
  return {
    open: { implementation, settings },
    values: {
      name: input.name,
      implementation,
      protocol: definition.protocol,
      settings: await sealSettings(c.env, settings, definition.secretFields, previous?.settings),
      enable: input.enable,
      priority: input.priority,
      removeCompletedDownloads: input.removeCompletedDownloads,
      removeFailedDownloads: input.removeFailedDownloads,
      tags: [...new Set(input.tags)],
    },
  };
}

/** Connects with the given settings; a failure is a 400 naming the fields, with the failure kind. */
async function testConnection(
  c: Context<AppEnv>,
  client: { implementation: DownloadClientImplementation; settings: Record<string, unknown> },
): Promise<string> {
  const opened = await openDownloadClient(c.env, client, c.get("logger"));
  try {
    return await opened.test();
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    const field = error.kind === "authenticationFailed" ? "body.fields.password" : "body.fields.host";
    const path =
      error.kind === "authenticationFailed" && client.implementation === "Sabnzbd" ? "body.fields.apiKey" : field;
    throw new ApiError(400, `Test failed (${error.kind}): ${error.message}`, [{ path, message: error.message }]);
  }
}

downloadClientRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(clientSchema), "Download clients"), ...errorResponses },
  }),
  async (c) =>
    c.json(
      (
        await c
          .get("db")
          .select()
          .from(downloadClients)
          .orderBy(asc(downloadClients.priority), asc(downloadClients.name))
      ).map(resource),
      200,
    ),
);

downloadClientRouter.openapi(
  createRoute({
    method: "get",
    path: "/schema",
    tags,
    summary: "A template per implementation, with its fields and defaults",
    responses: { 200: jsonContent(z.array(clientSchema), "Templates"), ...errorResponses },
  }),
  async (c) =>
    c.json(
      DOWNLOAD_CLIENT_IMPLEMENTATION_NAMES.map((implementation) =>
        resource({
          name: "",
          implementation,
          protocol: DOWNLOAD_CLIENT_IMPLEMENTATIONS[implementation].protocol,
          settings: {},
          enable: true,
          priority: 1,
          removeCompletedDownloads: true,
          removeFailedDownloads: true,
          tags: [],
        }),
      ),
      200,
    ),
);

const testResultSchema = z.object({ isValid: z.boolean(), version: z.string() }).openapi("DownloadClientTest");

downloadClientRouter.openapi(
  createRoute({
    method: "post",
    path: "/test",
    tags,
    summary: "Connect with the given settings without saving them",
    request: { body: jsonBody(clientInputSchema) },
    responses: { 200: jsonContent(testResultSchema, "Connected"), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const id = (input as { id?: unknown }).id;
    const [previous] =
      typeof id === "number" ? await c.get("db").select().from(downloadClients).where(eq(downloadClients.id, id)) : [];
    const { open } = await validated(c, input, previous);
    return c.json({ isValid: true, version: await testConnection(c, open) }, 200);
  },
);

downloadClientRouter.openapi(
  createRoute({
    method: "post",
    path: "/testall",
    tags,
    summary: "Test every saved client",
    responses: {
      200: jsonContent(
        z.array(
          z.object({
            id: z.number().int(),
            isValid: z.boolean(),
            validationFailures: z.array(z.object({ propertyName: z.string(), errorMessage: z.string() })),
          }),
        ),
        "Results",
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const rows = await c.get("db").select().from(downloadClients).orderBy(asc(downloadClients.id));
    const results = await Promise.all(
      rows.map(async (row) => {
        try {
          await (await openDownloadClient(c.env, row, c.get("logger"))).test();
          return { id: row.id, isValid: true, validationFailures: [] };
        } catch (error) {
          const kind = error instanceof UpstreamError ? error.kind : "upstreamError";
          return {
            id: row.id,
            isValid: false,
            validationFailures: [{ propertyName: kind, errorMessage: (error as Error).message }],
          };
        }
      }),
    );
    return c.json(results, 200);
  },
);

downloadClientRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Add a client (its connection is tested first unless forceSave=true)",
    request: { query: forceSaveQuery, body: jsonBody(clientInputSchema) },
    responses: { 201: jsonContent(clientSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const { open, values } = await validated(c, c.req.valid("json"));
    if (values.enable && !c.req.valid("query").forceSave) await testConnection(c, open);
    const [row] = await c.get("db").insert(downloadClients).values(values).returning();
    return c.json(resource(row), 201);
  },
);

downloadClientRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    request: { params: idParamSchema, query: forceSaveQuery, body: jsonBody(clientInputSchema) },
    responses: { 202: jsonContent(clientSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const db = c.get("db");
    const [previous] = await db.select().from(downloadClients).where(eq(downloadClients.id, id));
    if (!previous) throw notFound(`Download client ${id}`);
    const { open, values } = await validated(c, c.req.valid("json"), previous);
    if (values.enable && !c.req.valid("query").forceSave) await testConnection(c, open);
    const [row] = await db.update(downloadClients).set(values).where(eq(downloadClients.id, id)).returning();
    return c.json(resource(row), 202);
  },
);

downloadClientRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a client (its queue items go with it)",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").delete(downloadClients).where(eq(downloadClients.id, id)).returning();
    if (!row) throw notFound(`Download client ${id}`);
    return c.json({}, 200);
  },
);

downloadClientRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(clientSchema, "Download client"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").select().from(downloadClients).where(eq(downloadClients.id, id));
    if (!row) throw notFound(`Download client ${id}`);
    return c.json(resource(row), 200);
  },
);
