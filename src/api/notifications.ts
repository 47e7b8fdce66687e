import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Env } from "../config";
import type { Database } from "../db/client";
import { notifications } from "../db/schema";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { NOTIFICATION_IMPLEMENTATIONS, NOTIFICATIONS, notificationDefinition } from "../providers/notifications";
import {
  maskNotificationSettings,
  sealNotificationSettings,
  unmaskNotificationSettings,
} from "../services/notificationSecrets";
import { sendNotification } from "../services/notifications";
import { zodFieldErrors } from "./middleware/errors";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/** Radarr's Connect settings (`/api/v3/notification`): webhook and Discord targets. */
export const notificationRouter = createRouter();
const tags = ["Notification"];
// Each implementation's settings as a component, so the document lists their choices as enums.
for (const { configContract, settings } of NOTIFICATIONS)
  notificationRouter.openAPIRegistry.register(configContract, settings);

const eventFlags = {
  onGrab: z.boolean().default(false),
  onDownload: z.boolean().default(false),
  onUpgrade: z.boolean().default(false),
  onDownloadFailure: z.boolean().default(false),
  onHealthIssue: z.boolean().default(true),
  onMovieAdded: z.boolean().default(false),
};

export const notificationSchema = z
  .object({
    id: z.number().int().optional(),
    name: z.string(),
    implementation: z.enum(NOTIFICATION_IMPLEMENTATIONS),
    configContract: z.string(),
    fields: z.array(
      z.object({
        order: z.number().int(),
        name: z.string(),
        label: z.string(),
        type: z.string(),
        value: z.unknown(),
        selectOptions: z.array(z.object({ value: z.union([z.string(), z.number()]), name: z.string() })).optional(),
      }),
    ),
    onGrab: z.boolean(),
    onDownload: z.boolean(),
    onUpgrade: z.boolean(),
    onDownloadFailure: z.boolean(),
    onHealthIssue: z.boolean(),
    onMovieAdded: z.boolean(),
  })
  .openapi("Notification");

const notificationInput = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200),
    implementation: z.enum(NOTIFICATION_IMPLEMENTATIONS),
    fields: z.array(z.object({ name: z.string(), value: z.unknown().optional() })).default([]),
    ...eventFlags,
  })
  .passthrough()
  .openapi("NotificationInput");

type Row = typeof notifications.$inferSelect;
type Resource = z.infer<typeof notificationSchema>;

function resource(
  row: Pick<Row, "name" | "implementation" | "settings" | keyof typeof eventFlags> & { id?: number },
): Resource {
  // Addresses carry tokens and headers credentials: a response shows neither (PUT keeps "********").
  const settings = maskNotificationSettings(row.implementation, row.settings);
  const definition = notificationDefinition(row.implementation);
  const defaults = definition.settings.partial().parse({}) as Record<string, unknown>;
  return {
    ...(row.id !== undefined ? { id: row.id } : {}),
    name: row.name,
    implementation: row.implementation,
    configContract: definition.configContract,
    fields: definition.fields.map(({ name, label, type, selectOptions }, order) => ({
      order,
      name,
      label,
      type,
      value: settings[name] ?? defaults[name],
      ...(selectOptions ? { selectOptions: [...selectOptions] } : {}),
    })),
    onGrab: row.onGrab,
    onDownload: row.onDownload,
    onUpgrade: row.onUpgrade,
    onDownloadFailure: row.onDownloadFailure,
    onHealthIssue: row.onHealthIssue,
    onMovieAdded: row.onMovieAdded,
  };
}

/**
 * A body's settings validated, with secrets sent back masked taken from the saved target
 * (`previous`, when it has the same implementation). The values are plain; storeable() seals them.
 */
async function validated(env: Env, input: z.infer<typeof notificationInput>, previous?: Row) {
  const given = Object.fromEntries(input.fields.map((f) => [f.name, f.value]));
  const saved = previous?.implementation === input.implementation ? previous.settings : undefined;
  const parsed = notificationDefinition(input.implementation).settings.safeParse(
    await unmaskNotificationSettings(env, input.implementation, given, saved),
  );
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error, "body.fields");
    throw new Failure("invalidInput", `Validation failed: ${errors[0].path}: ${errors[0].message}`, { fields: errors });
  }
  return {
    name: input.name,
    implementation: input.implementation,
    settings: parsed.data as Record<string, unknown>,
    onGrab: input.onGrab,
    onDownload: input.onDownload,
    onUpgrade: input.onUpgrade,
    onDownloadFailure: input.onDownloadFailure,
    onHealthIssue: input.onHealthIssue,
    onMovieAdded: input.onMovieAdded,
  };
}

type NotificationValues = Awaited<ReturnType<typeof validated>>;

/** Validated values as stored: secrets encrypted under ENCRYPTION_KEY. */
async function storeable(env: Env, values: NotificationValues): Promise<NotificationValues> {
  return { ...values, settings: await sealNotificationSettings(env, values.implementation, values.settings) };
}

async function savedNotification(db: Database, id: unknown): Promise<Row | undefined> {
  if (typeof id !== "number" || !Number.isInteger(id)) return undefined;
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

notificationRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(notificationSchema), "Notifications"), ...errorResponses },
  }),
  async (c) => c.json((await c.get("db").select().from(notifications).orderBy(notifications.name)).map(resource), 200),
);

notificationRouter.openapi(
  createRoute({
    method: "get",
    path: "/schema",
    tags,
    responses: { 200: jsonContent(z.array(notificationSchema), "Templates"), ...errorResponses },
  }),
  async (c) =>
    c.json(
      NOTIFICATION_IMPLEMENTATIONS.map((implementation) =>
        resource({
          name: "",
          implementation,
          settings: {},
          onGrab: false,
          onDownload: false,
          onUpgrade: false,
          onDownloadFailure: false,
          onHealthIssue: true,
          onMovieAdded: false,
        }),
      ),
      200,
    ),
);

/** A test message delivered. */
export const notificationTestSchema = z.object({ isValid: z.boolean() });

notificationRouter.openapi(
  createRoute({
    method: "post",
    path: "/test",
    tags,
    summary: "Send a test message to the target without saving it",
    request: { body: jsonBody(notificationInput) },
    responses: { 200: jsonContent(notificationTestSchema, "Delivered"), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid("json");
    // A saved target tested again (its id in the body) may send its secrets back masked.
    const values = await validated(c.env, input, await savedNotification(c.get("db"), input.id));
    try {
      await sendNotification(c.env, { id: 0, createdAt: "", ...values }, "healthIssue", {
        message: "Test message from Radarr Edge",
        test: true,
      });
    } catch (error) {
      throw new Failure("invalidInput", `Notification test failed: ${(error as Error).message}`, {
        fields: [{ path: "body.fields", message: (error as Error).message }],
      });
    }
    return c.json({ isValid: true }, 200);
  },
);

notificationRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(notificationInput) },
    responses: { 201: jsonContent(notificationSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const values = await validated(c.env, c.req.valid("json"));
    const db = c.get("db");
    const [clash] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.name, values.name));
    if (clash) throw invalidInput("body.name", `A notification named '${values.name}' already exists`);
    const [row] = await db
      .insert(notifications)
      .values(await storeable(c.env, values))
      .returning();
    return c.json(resource(row), 201);
  },
);

notificationRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    request: { params: idParamSchema, body: jsonBody(notificationInput) },
    responses: { 202: jsonContent(notificationSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const values = await validated(c.env, c.req.valid("json"), await savedNotification(c.get("db"), id));
    const db = c.get("db");
    const [clash] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.name, values.name));
    if (clash && clash.id !== id)
      throw invalidInput("body.name", `A notification named '${values.name}' already exists`);
    const [row] = await db
      .update(notifications)
      .set(await storeable(c.env, values))
      .where(eq(notifications.id, id))
      .returning();
    if (!row) throw resourceNotFound(`Notification ${id}`);
    return c.json(resource(row), 202);
  },
);

notificationRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").delete(notifications).where(eq(notifications.id, id)).returning();
    if (!row) throw resourceNotFound(`Notification ${id}`);
    return c.json({}, 200);
  },
);

notificationRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(notificationSchema, "Notification"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").select().from(notifications).where(eq(notifications.id, id));
    if (!row) throw resourceNotFound(`Notification ${id}`);
    return c.json(resource(row), 200);
  },
);
