import { createRoute, z } from "@hono/zod-openapi";
import type { QualityProfileRow } from "../db/repositories/qualityProfiles";
import type { StoredProfileItem } from "../db/schema";
import { DEFAULT_QUALITY_PROFILES, type ProfileItem } from "../domain/quality/profiles";
import { QUALITIES, qualityById } from "../domain/quality/qualities";
import { type QualityProfileDraft, qualityProfileService } from "../services/qualityProfiles";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const qualityProfileRouter = createRouter();

export const qualitySchema = z
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

export const profileResourceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    upgradeAllowed: z.boolean(),
    cutoff: z.number().int(),
    items: z.array(profileItemSchema),
    minFormatScore: z.number().int(),
    cutoffFormatScore: z.number().int(),
    minUpgradeFormatScore: z.number().int(),
    formatItems: z.array(
      z.object({ id: z.number().int(), format: z.number().int(), name: z.string(), score: z.number().int() }),
    ),
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
    // Radarr's quality items carry id 0; a group has its own id (1000 and up).
    ...(quality ? { id: 0, quality: { ...quality } } : { id: item.id, name: item.name }),
    items: item.items.map(toResource),
    allowed: item.allowed,
  };
};

type FormatName = { id: number; name: string };

/** A stored profile as Radarr's resource: formatItems name every custom format (0 when unscored). */
function profileResource(row: QualityProfileRow, formats: FormatName[]) {
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
    formatItems: formats.map((f) => ({ id: 0, format: f.id, name: f.name, score: scores.get(f.id) ?? 0 })),
    language: row.language,
  };
}

/** A profile body as the service takes it: items name qualities by id. */
const toDraft = (body: z.infer<typeof profileInput>): QualityProfileDraft => ({
  ...body,
  items: body.items.map(toStored),
});

const tags = ["QualityProfile"];

qualityProfileRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(profileResourceSchema), "Profiles"), ...errorResponses },
  }),
  async (c) => {
    const profiles = qualityProfileService(c.get("db"));
    const rows = await profiles.list();
    const formats = await profiles.formatNames();
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
        await qualityProfileService(c.get("db")).formatNames(),
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
    const profiles = qualityProfileService(c.get("db"));
    return c.json(profileResource(await profiles.get(id), await profiles.formatNames()), 200);
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
    const profiles = qualityProfileService(c.get("db"));
    const row = await profiles.add(toDraft(c.req.valid("json")));
    return c.json(profileResource(row, await profiles.formatNames()), 201);
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
    const profiles = qualityProfileService(c.get("db"));
    const row = await profiles.update(id, toDraft(c.req.valid("json")));
    return c.json(profileResource(row, await profiles.formatNames()), 202);
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
    await qualityProfileService(c.get("db")).remove(id);
    return c.json({}, 200);
  },
);
