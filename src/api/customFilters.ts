import { z } from "@hono/zod-openapi";
import { customFilterService } from "../services/customFilters";
import { crudRoutes } from "./crudRoutes";
import { createRouter } from "./router";

export const customFilterRouter = createRouter();
const tags = ["CustomFilter"];

const filterTerms = z.array(z.record(z.string(), z.unknown())).max(100);

export const customFilterSchema = z
  .object({ id: z.number().int(), type: z.string(), label: z.string(), filters: filterTerms })
  .openapi("CustomFilter");
const customFilterInput = z.object({
  type: z.string().trim().min(1, "type is required (the page the filter is for)").max(100),
  label: z.string().trim().min(1, "label is required").max(200),
  filters: filterTerms.default([]),
});

crudRoutes(customFilterRouter, {
  tags,
  resource: customFilterSchema,
  input: customFilterInput,
  describe: { list: "Custom filters", one: "Custom filter", created: "Created", updated: "Updated" },
  service: customFilterService,
});
