import { createRoute, z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { movieTags, tags as tagTable } from "../db/schema";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const tagRouter = createRouter();
const tags = ["Tag"];

const tagSchema = z.object({ id: z.number().int(), label: z.string() }).openapi("Tag");
const tagDetailSchema = tagSchema.extend({ movieIds: z.array(z.number().int()) }).openapi("TagDetail");
// Radarr's rule: lower-case letters, digits and dashes.
const tagInput = z.object({
  label: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, "label may hold only letters, digits and dashes (1-64)"),
});

tagRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(tagSchema), "Tags"), ...errorResponses },
  }),
  async (c) => c.json(await c.get("db").select().from(tagTable).orderBy(tagTable.label), 200),
);

tagRouter.openapi(
  createRoute({
    method: "get",
    path: "/detail",
    tags,
    responses: { 200: jsonContent(z.array(tagDetailSchema), "Tags with their movies"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const rows = await db
      .select({
        id: tagTable.id,
        label: tagTable.label,
        movieIds: sql<string>`coalesce((select json_group_array(${movieTags.movieId}) from ${movieTags} where ${movieTags.tagId} = ${tagTable.id}), '[]')`,
      })
      .from(tagTable)
      .orderBy(tagTable.label);
    return c.json(
      rows.map((r) => ({ ...r, movieIds: JSON.parse(r.movieIds) as number[] })),
      200,
    );
  },
);

tagRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(tagSchema, "Tag"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").select().from(tagTable).where(eq(tagTable.id, id));
    if (!row) throw resourceNotFound(`Tag ${id}`);
    return c.json(row, 200);
  },
);

tagRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(tagInput) },
    responses: { 201: jsonContent(tagSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const { label } = c.req.valid("json");
    const db = c.get("db");
    const [existing] = await db.select().from(tagTable).where(eq(tagTable.label, label));
    if (existing) return c.json(existing, 201);
    const [row] = await db.insert(tagTable).values({ label }).returning();
    return c.json(row, 201);
  },
);

tagRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    request: { params: idParamSchema, body: jsonBody(tagInput) },
    responses: { 202: jsonContent(tagSchema, "Renamed"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { label } = c.req.valid("json");
    const db = c.get("db");
    const [clash] = await db.select().from(tagTable).where(eq(tagTable.label, label));
    if (clash && clash.id !== id) throw invalidInput("body.label", `Tag '${label}' already exists`);
    const [row] = await db.update(tagTable).set({ label }).where(eq(tagTable.id, id)).returning();
    if (!row) throw resourceNotFound(`Tag ${id}`);
    return c.json(row, 202);
  },
);

tagRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").delete(tagTable).where(eq(tagTable.id, id)).returning();
    if (!row) throw resourceNotFound(`Tag ${id}`);
    return c.json({}, 200);
  },
);
