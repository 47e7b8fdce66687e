import { createRoute, z } from "@hono/zod-openapi";
import type { QualityDefinitionRow } from "../db/repositories/qualityDefinitions";
import { invalidInput } from "../domain/failures/failure";
import { QUALITY_SIZE_LIMITS, qualityById } from "../domain/quality/qualities";
import { qualityDefinitionService } from "../services/qualityDefinitions";
import { qualitySchema } from "./quality";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const qualityDefinitionRouter = createRouter();

export const definitionSchema = z
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
const sizeLimit = z.number().min(QUALITY_SIZE_LIMITS.min).max(QUALITY_SIZE_LIMITS.max).nullable();
const definitionInput = z
  .object({
    id: z.number().int().positive(),
    title: z.string().trim().min(1).max(100).optional(),
    minSize: sizeLimit.default(0),
    // Left out reads as null (no limit), as Radarr reads it: Recyclarr leaves out the sizes it sets to no limit.
    maxSize: sizeLimit.default(null),
    preferredSize: sizeLimit.default(null),
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

function definitionResource(row: QualityDefinitionRow) {
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
    return c.json((await qualityDefinitionService(c.get("db")).list()).map(definitionResource), 200);
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
    const rows = await qualityDefinitionService(c.get("db")).updateMany(c.req.valid("json"));
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
    return c.json(definitionResource(await qualityDefinitionService(c.get("db")).get(id)), 200);
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
    const row = await qualityDefinitionService(c.get("db")).update(d);
    return c.json(definitionResource(row), 202);
  },
);
