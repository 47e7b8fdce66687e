import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { customFormats, qualityProfiles } from "../db/schema";
import {
  type CustomFormatDraft,
  customFormatSchema,
  fromCustomFormatResource,
  toCustomFormatResource,
  validateCustomFormat,
} from "../domain/customFormats";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const customFormatRouter = createRouter();
const tags = ["CustomFormat"];

const fieldSchema = z
  .object({
    order: z.number().int().optional(),
    name: z.string(),
    label: z.string().optional(),
    value: z.unknown().optional(),
    type: z.string().optional(),
    advanced: z.boolean().optional(),
    privacy: z.string().optional(),
    unit: z.string().optional(),
    selectOptions: z.array(z.object({ value: z.number(), name: z.string(), order: z.number() })).optional(),
  })
  .openapi("Field");

const specificationSchema = z
  .object({
    name: z.string(),
    implementation: z.string(),
    implementationName: z.string().optional(),
    negate: z.boolean().optional(),
    required: z.boolean().optional(),
    fields: z.array(fieldSchema).optional(),
  })
  .openapi("CustomFormatSpecification");

const customFormatResourceSchema = z
  .object({
    id: z.number().int().optional(),
    name: z.string(),
    includeCustomFormatWhenRenaming: z.boolean(),
    specifications: z.array(specificationSchema),
  })
  .openapi("CustomFormat");

const customFormatInput = z
  .object({
    id: z.number().int().optional(),
    name: z.string().trim().min(1, "name is required").max(200),
    includeCustomFormatWhenRenaming: z.boolean().optional(),
    specifications: z.array(specificationSchema).max(100),
  })
  .openapi("CustomFormatInput");

async function loadCustomFormats(db: Database) {
  return db.select().from(customFormats).orderBy(customFormats.name);
}

/** Radarr's rules (validateCustomFormat) plus a unique name; returns the format to store. */
async function validatedFormat(db: Database, input: z.infer<typeof customFormatInput>, id?: number) {
  const draft: CustomFormatDraft = fromCustomFormatResource(input);
  const problems = validateCustomFormat(draft);
  if (problems.length) {
    throw new Failure("invalidInput", `Validation failed: body.${problems[0].path}: ${problems[0].message}`, {
      fields: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
    });
  }
  const [clash] = await db
    .select({ id: customFormats.id })
    .from(customFormats)
    .where(eq(customFormats.name, draft.name));
  if (clash && clash.id !== id) throw invalidInput("body.name", `A custom format named '${draft.name}' already exists`);
  return {
    name: draft.name,
    includeCustomFormatWhenRenaming: draft.includeCustomFormatWhenRenaming,
    specifications: draft.specifications,
  };
}

customFormatRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(customFormatResourceSchema), "Formats"), ...errorResponses },
  }),
  async (c) => c.json((await loadCustomFormats(c.get("db"))).map(toCustomFormatResource), 200),
);

customFormatRouter.openapi(
  createRoute({
    method: "get",
    path: "/schema",
    tags,
    summary: "One blank specification of each type, with its fields",
    responses: { 200: jsonContent(z.array(specificationSchema), "Specification templates"), ...errorResponses },
  }),
  async (c) => c.json(customFormatSchema(), 200),
);

customFormatRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(customFormatResourceSchema, "Format"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").select().from(customFormats).where(eq(customFormats.id, id));
    if (!row) throw resourceNotFound(`Custom format ${id}`);
    return c.json(toCustomFormatResource(row), 200);
  },
);

customFormatRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(customFormatInput) },
    responses: { 201: jsonContent(customFormatResourceSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const values = await validatedFormat(db, c.req.valid("json"));
    const [row] = await db.insert(customFormats).values(values).returning();
    return c.json(toCustomFormatResource(row), 201);
  },
);

customFormatRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    request: { params: idParamSchema, body: jsonBody(customFormatInput) },
    responses: { 202: jsonContent(customFormatResourceSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const db = c.get("db");
    const values = await validatedFormat(db, c.req.valid("json"), id);
    const [row] = await db.update(customFormats).set(values).where(eq(customFormats.id, id)).returning();
    if (!row) throw resourceNotFound(`Custom format ${id}`);
    return c.json(toCustomFormatResource(row), 202);
  },
);

customFormatRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const db = c.get("db");
    const [row] = await db.select().from(customFormats).where(eq(customFormats.id, id));
    if (!row) throw resourceNotFound(`Custom format ${id}`);
    // Profiles keep scores by format id: drop this format's score from each in the same batch.
    const profiles = await db.select().from(qualityProfiles);
    await db.batch([
      db.delete(customFormats).where(eq(customFormats.id, id)),
      ...profiles
        .filter((p) => p.formatItems.some((f) => f.format === id))
        .map((p) =>
          db
            .update(qualityProfiles)
            .set({ formatItems: p.formatItems.filter((f) => f.format !== id) })
            .where(eq(qualityProfiles.id, p.id)),
        ),
    ]);
    return c.json({}, 200);
  },
);
