import { createRoute, z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { customFormats, movies, qualityDefinitions, qualityProfiles, type StoredProfileItem } from "../db/schema";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { DEFAULT_QUALITY_PROFILES, type ProfileItem, validateProfileItems } from "../domain/quality/profiles";
import { QUALITIES, qualityById } from "../domain/quality/qualities";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const qualityProfileRouter = createRouter();
export const qualityDefinitionRouter = createRouter();

const qualitySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    source: z.string(),
    resolution: z.number().int(),
    modifier: z.string(),
  })
  .openapi("Quality");

type ProfileItemResource = {
  id?: number;
  name?: string;
  quality?: z.infer<typeof qualitySchema>;
  items: ProfileItemResource[];
  allowed: boolean;
};
// Recursive schemas are named so the OpenAPI document refers to them by $ref (unnamed, the
// generator recursed until the stack overflowed and /api/v3/openapi.json answered 500).
const profileItemSchema: z.ZodType<ProfileItemResource> = z
  .lazy(() =>
    z.object({
      id: z.number().int().optional(),
      name: z.string().optional(),
      quality: qualitySchema.optional(),
      items: z.array(profileItemSchema),
      allowed: z.boolean(),
    }),
  )
  .openapi("QualityProfileItem");

const languageSchema = z.object({ id: z.number().int(), name: z.string() });

const profileResourceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    upgradeAllowed: z.boolean(),
    cutoff: z.number().int(),
    items: z.array(profileItemSchema),
    minFormatScore: z.number().int(),
    cutoffFormatScore: z.number().int(),
    minUpgradeFormatScore: z.number().int(),
    formatItems: z.array(z.object({ format: z.number().int(), name: z.string(), score: z.number().int() })),
    language: languageSchema,
  })
  .openapi("QualityProfile");

// Input items name a quality by id (Radarr clients send the whole quality object; only id counts).
type ProfileItemInput = {
  id?: number;
  name?: string;
  quality?: { id: number };
  items?: ProfileItemInput[];
  allowed: boolean;
};
const profileItemInput: z.ZodType<ProfileItemInput> = z
  .lazy(() =>
    z.object({
      id: z.number().int().optional(),
      name: z.string().max(100).optional(),
      quality: z.object({ id: z.number().int() }).optional(),
      items: z.array(profileItemInput).optional(),
      allowed: z.boolean(),
    }),
  )
  .openapi("QualityProfileItemInput");

const profileInput = z
  .object({
    name: z.string().trim().min(1, "name is required").max(100),
    upgradeAllowed: z.boolean().default(false),
    cutoff: z.number().int(),
    items: z.array(profileItemInput).min(1),
    minFormatScore: z.number().int().default(0),
    cutoffFormatScore: z.number().int().default(0),
    minUpgradeFormatScore: z.number().int().min(1).default(1),
    formatItems: z.array(z.object({ format: z.number().int(), score: z.number().int() })).default([]),
    language: languageSchema.default({ id: 1, name: "English" }),
  })
  .openapi("QualityProfileInput");

const toStored = (item: ProfileItemInput): ProfileItem => ({
  ...(item.quality ? { quality: item.quality.id } : { id: item.id, name: item.name }),
  items: (item.items ?? []).map(toStored),
  allowed: item.allowed,
});

const toResource = (item: StoredProfileItem): ProfileItemResource => {
  const quality = item.quality !== undefined ? qualityById(item.quality) : undefined;
  return {
    ...(quality ? { quality: { ...quality } } : { id: item.id, name: item.name }),
    items: item.items.map(toResource),
    allowed: item.allowed,
  };
};

type FormatName = { id: number; name: string };

/** A stored profile as Radarr's resource: formatItems name every custom format (0 when unscored). */
function profileResource(row: typeof qualityProfiles.$inferSelect, formats: FormatName[]) {
  const scores = new Map(row.formatItems.map((f) => [f.format, f.score]));
  return {
    id: row.id,
    name: row.name,
    upgradeAllowed: row.upgradeAllowed,
    cutoff: row.cutoff,
    items: row.items.map(toResource),
    minFormatScore: row.minFormatScore,
    cutoffFormatScore: row.cutoffFormatScore,
    minUpgradeFormatScore: row.minUpgradeFormatScore,
    formatItems: formats.map((f) => ({ format: f.id, name: f.name, score: scores.get(f.id) ?? 0 })),
    language: row.language,
  };
}

/** Checks a profile body against Radarr's rules; returns the row to store. */
async function validatedProfile(db: Database, body: z.infer<typeof profileInput>, id?: number) {
  const items = body.items.map(toStored);
  const problems = validateProfileItems(items, body.cutoff);
  if (problems.length) {
    throw new Failure("invalidInput", `Validation failed: ${problems[0].path}: ${problems[0].message}`, {
      fields: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
    });
  }
  const known = new Set((await formatNames(db)).map((f) => f.id));
  body.formatItems.forEach((item, index) => {
    if (!known.has(item.format))
      throw invalidInput(`body.formatItems.${index}.format`, `custom format ${item.format} does not exist`);
  });
  const formatItems = body.formatItems.filter((item) => item.score !== 0);
  const [clash] = await db
    .select({ id: qualityProfiles.id })
    .from(qualityProfiles)
    .where(eq(qualityProfiles.name, body.name));
  if (clash && clash.id !== id)
    throw invalidInput("body.name", `A quality profile named '${body.name}' already exists`);
  return { ...body, items, formatItems };
}

const formatNames = (db: Database): Promise<FormatName[]> =>
  db.select({ id: customFormats.id, name: customFormats.name }).from(customFormats).orderBy(customFormats.name);

const tags = ["QualityProfile"];

qualityProfileRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(profileResourceSchema), "Profiles"), ...errorResponses },
  }),
  async (c) => {
    const rows = await c.get("db").select().from(qualityProfiles).orderBy(qualityProfiles.id);
    const formats = await formatNames(c.get("db"));
    return c.json(
      rows.map((r) => profileResource(r, formats)),
      200,
    );
  },
);

qualityProfileRouter.openapi(
  createRoute({
    method: "get",
    path: "/schema",
    tags,
    summary: "A new profile's template: every quality, none allowed",
    responses: { 200: jsonContent(profileResourceSchema, "Template"), ...errorResponses },
  }),
  async (c) => {
    const template = DEFAULT_QUALITY_PROFILES[0];
    const none = (items: ProfileItem[]): ProfileItem[] =>
      items.map((i) => ({ ...i, allowed: false, items: none(i.items) }));
    return c.json(
      profileResource(
        {
          ...template,
          id: 0,
          name: "",
          items: none(template.items),
          cutoff: QUALITIES[0].id,
          createdAt: "",
        },
        await formatNames(c.get("db")),
      ),
      200,
    );
  },
);

qualityProfileRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(profileResourceSchema, "Profile"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").select().from(qualityProfiles).where(eq(qualityProfiles.id, id));
    if (!row) throw resourceNotFound(`Quality profile ${id}`);
    return c.json(profileResource(row, await formatNames(c.get("db"))), 200);
  },
);

qualityProfileRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(profileInput) },
    responses: { 201: jsonContent(profileResourceSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const values = await validatedProfile(db, c.req.valid("json"));
    const [row] = await db.insert(qualityProfiles).values(values).returning();
    return c.json(profileResource(row, await formatNames(db)), 201);
  },
);

qualityProfileRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    request: {
      params: idParamSchema,
      body: jsonBody(profileInput),
    },
    responses: { 202: jsonContent(profileResourceSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const db = c.get("db");
    const values = await validatedProfile(db, c.req.valid("json"), id);
    const [row] = await db.update(qualityProfiles).set(values).where(eq(qualityProfiles.id, id)).returning();
    if (!row) throw resourceNotFound(`Quality profile ${id}`);
    return c.json(profileResource(row, await formatNames(db)), 202);
  },
);

qualityProfileRouter.openapi(
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
    const [row] = await db.select().from(qualityProfiles).where(eq(qualityProfiles.id, id));
    if (!row) throw resourceNotFound(`Quality profile ${id}`);
    const [{ inUse }] = await db
      .select({ inUse: sql<number>`count(*)` })
      .from(movies)
      .where(eq(movies.qualityProfileId, id));
    if (inUse > 0) throw invalidInput("path.id", `Quality profile '${row.name}' is used by ${inUse} movies`);
    await db.delete(qualityProfiles).where(eq(qualityProfiles.id, id));
    return c.json({}, 200);
  },
);

const definitionSchema = z
  .object({
    id: z.number().int(),
    quality: qualitySchema,
    title: z.string(),
    weight: z.number().int(),
    minSize: z.number().nullable(),
    maxSize: z.number().nullable(),
    preferredSize: z.number().nullable(),
  })
  .openapi("QualityDefinition");

// Megabytes per minute; Radarr's UI slider tops out at 2000 (400 for "preferred" on SD).
const sizeLimit = z.number().min(0).max(2000).nullable();
const definitionInput = z
  .object({
    id: z.number().int().positive(),
    title: z.string().trim().min(1).max(100).optional(),
    minSize: sizeLimit.default(0),
    maxSize: sizeLimit,
    preferredSize: sizeLimit,
  })
  .refine((d) => d.maxSize === null || (d.minSize ?? 0) <= d.maxSize, {
    message: "minSize must not exceed maxSize",
    path: ["minSize"],
  })
  .refine(
    (d) =>
      d.preferredSize === null ||
      ((d.minSize ?? 0) <= d.preferredSize && (d.maxSize === null || d.preferredSize <= d.maxSize)),
    {
      message: "preferredSize must lie between minSize and maxSize",
      path: ["preferredSize"],
    },
  );

function definitionResource(row: typeof qualityDefinitions.$inferSelect) {
  const quality = qualityById(row.qualityId);
  return {
    id: row.id,
    quality: quality
      ? { ...quality }
      : { id: row.qualityId, name: row.title, source: "unknown", resolution: 0, modifier: "none" },
    title: row.title,
    weight: row.weight,
    minSize: row.minSize,
    maxSize: row.maxSize,
    preferredSize: row.preferredSize,
  };
}

const definitionTags = ["QualityDefinition"];

qualityDefinitionRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: definitionTags,
    responses: { 200: jsonContent(z.array(definitionSchema), "Definitions"), ...errorResponses },
  }),
  async (c) => {
    const rows = await c
      .get("db")
      .select()
      .from(qualityDefinitions)
      .orderBy(qualityDefinitions.weight, qualityDefinitions.id);
    return c.json(rows.map(definitionResource), 200);
  },
);

qualityDefinitionRouter.openapi(
  createRoute({
    method: "put",
    path: "/update",
    tags: definitionTags,
    summary: "Update several definitions' sizes at once",
    request: { body: jsonBody(z.array(definitionInput).min(1)) },
    responses: { 202: jsonContent(z.array(definitionSchema), "Updated"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const input = c.req.valid("json");
    const existing = new Set(
      (await db.select({ id: qualityDefinitions.id }).from(qualityDefinitions)).map((r) => r.id),
    );
    input.forEach((d, i) => {
      if (!existing.has(d.id)) throw invalidInput(`body.${i}.id`, `Quality definition ${d.id} does not exist`);
    });
    const statements = input.map((d) =>
      db
        .update(qualityDefinitions)
        .set({
          minSize: d.minSize,
          maxSize: d.maxSize,
          preferredSize: d.preferredSize,
          ...(d.title ? { title: d.title } : {}),
        })
        .where(eq(qualityDefinitions.id, d.id)),
    );
    await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
    const rows = await db.select().from(qualityDefinitions).orderBy(qualityDefinitions.weight, qualityDefinitions.id);
    return c.json(rows.map(definitionResource), 202);
  },
);

qualityDefinitionRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags: definitionTags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(definitionSchema, "Definition"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").select().from(qualityDefinitions).where(eq(qualityDefinitions.id, id));
    if (!row) throw resourceNotFound(`Quality definition ${id}`);
    return c.json(definitionResource(row), 200);
  },
);

qualityDefinitionRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags: definitionTags,
    request: {
      params: idParamSchema,
      body: jsonBody(definitionInput),
    },
    responses: { 202: jsonContent(definitionSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const d = c.req.valid("json");
    if (d.id !== id) throw invalidInput("body.id", "id must match the path");
    const [row] = await c
      .get("db")
      .update(qualityDefinitions)
      .set({
        minSize: d.minSize,
        maxSize: d.maxSize,
        preferredSize: d.preferredSize,
        ...(d.title ? { title: d.title } : {}),
      })
      .where(eq(qualityDefinitions.id, id))
      .returning();
    if (!row) throw resourceNotFound(`Quality definition ${id}`);
    return c.json(definitionResource(row), 202);
  },
);
