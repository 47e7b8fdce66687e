import { z } from "@hono/zod-openapi";
import { exclusionService } from "../services/exclusions";
import { crudRoutes } from "./crudRoutes";
import { createRouter } from "./router";

export const exclusionRouter = createRouter();
const tags = ["ImportExclusion"];

export const exclusionSchema = z
  .object({ id: z.number().int(), tmdbId: z.number().int(), movieTitle: z.string(), movieYear: z.number().int() })
  .openapi("ImportExclusion");
const exclusionInput = z.object({
  tmdbId: z.number().int().positive(),
  movieTitle: z.string().trim().min(1).max(500),
  movieYear: z.number().int().min(0).max(2200).default(0),
});

crudRoutes(exclusionRouter, {
  tags,
  resource: exclusionSchema,
  input: exclusionInput,
  describe: { list: "Exclusions", one: "Exclusion", created: "Created" },
  service: exclusionService,
});
