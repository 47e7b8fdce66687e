import { createRoute, z } from "@hono/zod-openapi";
import type { AutoTagDraft } from "../domain/library/autoTagging";
import { autoTagSchema, fromConditionResource, toConditionResource } from "../domain/library/autoTagging/resource";
import { type AutoTagRow, autoTagService } from "../services/autoTagging";
import { crudRoutes } from "./crudRoutes";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

export const autoTaggingRouter = createRouter();
const tags = ["AutoTagging"];

const conditionField = z.object({
  order: z.number().int().optional(),
  name: z.string(),
  label: z.string().optional(),
  value: z.unknown().optional(),
  type: z.string().optional(),
  unit: z.string().optional(),
  advanced: z.boolean().optional(),
  privacy: z.string().optional(),
  isFloat: z.boolean().optional(),
  selectOptions: z.array(z.object({ value: z.number(), name: z.string(), order: z.number() })).optional(),
});

const conditionSchema = z
  .object({
    id: z.number().int().optional(),
    name: z.string().nullish(),
    implementation: z.string(),
    implementationName: z.string().nullish(),
    negate: z.boolean().optional(),
    required: z.boolean().optional(),
    fields: z.array(conditionField).max(20).nullish(),
  })
  .openapi("AutoTaggingSpecification");

const autoTaggingSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    removeTagsAutomatically: z.boolean(),
    tags: z.array(z.number().int()),
    specifications: z.array(conditionSchema),
  })
  .openapi("AutoTagging");

const autoTaggingInput = z.object({
  name: z.string().trim().max(200).nullish(),
  removeTagsAutomatically: z.boolean().default(false),
  tags: z.array(z.number().int()).max(100).nullish(),
  specifications: z.array(conditionSchema).max(50).nullish(),
});

const toResource = (row: AutoTagRow) => ({
  id: row.id,
  name: row.name,
  removeTagsAutomatically: row.removeTagsAutomatically,
  tags: row.tags,
  specifications: row.specifications.map(toConditionResource),
});

const toDraft = (input: z.output<typeof autoTaggingInput>): AutoTagDraft => ({
  name: input.name ?? "",
  removeTagsAutomatically: input.removeTagsAutomatically,
  tags: input.tags ?? [],
  specifications: (input.specifications ?? []).map(fromConditionResource),
});

autoTaggingRouter.openapi(
  createRoute({
    method: "get",
    path: "/schema",
    tags,
    summary: "One blank condition of each kind, with its fields",
    responses: { 200: jsonContent(z.array(conditionSchema), "Condition templates"), ...errorResponses },
  }),
  async (c) => c.json(autoTagSchema(), 200),
);

crudRoutes(autoTaggingRouter, {
  tags,
  resource: autoTaggingSchema,
  input: autoTaggingInput,
  describe: { list: "Auto tagging rules", one: "Auto tagging rule", created: "Created", updated: "Updated" },
  service(db) {
    const service = autoTagService(db);
    return {
      list: async () => (await service.list()).map(toResource),
      get: async (id) => toResource(await service.get(id)),
      add: async (input) => toResource(await service.add(toDraft(input))),
      update: async (id, input) => toResource(await service.update(id, toDraft(input))),
      remove: service.remove,
    };
  },
});
