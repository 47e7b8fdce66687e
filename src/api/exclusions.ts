import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { importExclusions } from "../db/schema";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

export const exclusionRouter = createRouter();
const tags = ["ImportExclusion"];

const exclusionSchema = z
  .object({ id: z.number().int(), tmdbId: z.number().int(), movieTitle: z.string(), movieYear: z.number().int() })
  .openapi("ImportExclusion");
const exclusionInput = z.object({
  tmdbId: z.number().int().positive(),
  movieTitle: z.string().trim().min(1).max(500),
  movieYear: z.number().int().min(0).max(2200).default(0),
});
const columns = {
  id: importExclusions.id,
  tmdbId: importExclusions.tmdbId,
  movieTitle: importExclusions.movieTitle,
  movieYear: importExclusions.movieYear,
};

exclusionRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(exclusionSchema), "Exclusions"), ...errorResponses },
  }),
  async (c) =>
    c.json(await c.get("db").select(columns).from(importExclusions).orderBy(importExclusions.movieTitle), 200),
);

exclusionRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(exclusionSchema, "Exclusion"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").select(columns).from(importExclusions).where(eq(importExclusions.id, id));
    if (!row) throw resourceNotFound(`Exclusion ${id}`);
    return c.json(row, 200);
  },
);

exclusionRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    request: { body: jsonBody(exclusionInput) },
    responses: { 201: jsonContent(exclusionSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const db = c.get("db");
    const [existing] = await db.select(columns).from(importExclusions).where(eq(importExclusions.tmdbId, input.tmdbId));
    if (existing) throw invalidInput("body.tmdbId", `TMDb id ${input.tmdbId} is already excluded`);
    const [row] = await db.insert(importExclusions).values(input).returning(columns);
    return c.json(row, 201);
  },
);

exclusionRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.get("db").delete(importExclusions).where(eq(importExclusions.id, id)).returning(columns);
    if (!row) throw resourceNotFound(`Exclusion ${id}`);
    return c.json({}, 200);
  },
);
