import { z } from "@hono/zod-openapi";
import { releaseProfileService } from "../services/releaseProfiles";
import { crudRoutes } from "./crudRoutes";
import { createRouter } from "./router";

/** Radarr's `/api/v3/releaseprofile`: terms a release must and must not contain, by tag and indexer. */
export const releaseProfileRouter = createRouter();
const tags = ["ReleaseProfile"];

export const releaseProfileSchema = z
  .object({
    id: z.number().int(),
    name: z.string().nullable(),
    enabled: z.boolean(),
    required: z.array(z.string()),
    ignored: z.array(z.string()),
    indexerId: z.number().int().openapi({ description: "0: every indexer" }),
    tags: z.array(z.number().int()),
  })
  .openapi("ReleaseProfile");

// Radarr takes a list, or (for older clients) one comma-separated string.
const terms = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((v) =>
    v == null
      ? []
      : typeof v === "string"
        ? v
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean)
        : v,
  )
  .openapi({ description: "Terms, or /regular expressions/; a list or a comma-separated string" });

const releaseProfileInput = z.object({
  name: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null),
  enabled: z.boolean().default(true),
  required: terms,
  ignored: terms,
  indexerId: z.number().int().min(0).default(0),
  tags: z
    .array(z.number().int())
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
});

crudRoutes(releaseProfileRouter, {
  tags,
  resource: releaseProfileSchema,
  input: releaseProfileInput,
  describe: { list: "Release profiles", one: "Release profile", created: "Created", updated: "Updated" },
  service: releaseProfileService,
});
