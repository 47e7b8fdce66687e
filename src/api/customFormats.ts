import { createRoute, z } from "@hono/zod-openapi";
import { customFormatSchema, fromCustomFormatResource, toCustomFormatResource } from "../domain/customFormats";
import { customFormatService } from "../services/customFormats";
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
    isFloat: z.boolean().optional(),
    unit: z.string().optional(),
    selectOptions: z
      .array(z.object({ value: z.number(), name: z.string(), order: z.number(), dividerAfter: z.boolean().optional() }))
      .optional(),
  })
  .openapi("Field");

const specificationSchema = z
  .object({
    id: z.number().int().optional(),
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

customFormatRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(z.array(customFormatResourceSchema), "Formats"), ...errorResponses },
  }),
  async (c) => c.json((await customFormatService(c.get("db")).list()).map(toCustomFormatResource), 200),
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

const bulkSchema = z
  .object({
    ids: z.array(z.number().int()).min(1, "ids must be provided").max(1000),
    includeCustomFormatWhenRenaming: z.boolean().nullish(),
  })
  .openapi("CustomFormatBulk");

// Before "/{id}": "bulk" is no id.
customFormatRouter.openapi(
  createRoute({
    method: "put",
    path: "/bulk",
    tags,
    summary: "Edit several formats at once (all or nothing): whether they go into file names",
    request: { body: jsonBody(bulkSchema) },
    responses: { 202: jsonContent(z.array(customFormatResourceSchema), "The formats as updated"), ...errorResponses },
  }),
  async (c) => {
    const { ids, ...edits } = c.req.valid("json");
    const rows = await customFormatService(c.get("db")).updateMany(ids, edits);
    return c.json(rows.map(toCustomFormatResource), 202);
  },
);

customFormatRouter.openapi(
  createRoute({
    method: "delete",
    path: "/bulk",
    tags,
    summary: "Delete several formats at once (all or nothing), dropping their scores from every profile",
    request: { body: jsonBody(bulkSchema.pick({ ids: true })) },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    await customFormatService(c.get("db")).removeMany(c.req.valid("json").ids);
    return c.json({}, 200);
  },
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
    return c.json(toCustomFormatResource(await customFormatService(c.get("db")).get(id)), 200);
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
    const draft = fromCustomFormatResource(c.req.valid("json"));
    return c.json(toCustomFormatResource(await customFormatService(c.get("db")).add(draft)), 201);
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
    const draft = fromCustomFormatResource(c.req.valid("json"));
    return c.json(toCustomFormatResource(await customFormatService(c.get("db")).update(id, draft)), 202);
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
    await customFormatService(c.get("db")).remove(id);
    return c.json({}, 200);
  },
);
