import { createRoute, z } from "@hono/zod-openapi";
import { delayProfileService } from "../services/delayProfiles";
import { crudRoutes } from "./crudRoutes";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/** Radarr's `/api/v3/delayprofile`: how long automatic grabs wait for a better release, by tag. */
export const delayProfileRouter = createRouter();
const tags = ["DelayProfile"];

const protocol = z.enum(["usenet", "torrent"]);

export const delayProfileSchema = z
  .object({
    id: z.number().int(),
    enableUsenet: z.boolean(),
    enableTorrent: z.boolean(),
    preferredProtocol: protocol,
    usenetDelay: z.number().int().openapi({ description: "Minutes" }),
    torrentDelay: z.number().int().openapi({ description: "Minutes" }),
    bypassIfHighestQuality: z.boolean(),
    bypassIfAboveCustomFormatScore: z.boolean(),
    minimumCustomFormatScore: z.number().int(),
    order: z.number().int(),
    tags: z.array(z.number().int()),
  })
  .openapi("DelayProfile");

const delayProfileInput = z.object({
  enableUsenet: z.boolean().default(true),
  enableTorrent: z.boolean().default(true),
  preferredProtocol: protocol.default("usenet"),
  usenetDelay: z.number().int().min(0).default(0),
  torrentDelay: z.number().int().min(0).default(0),
  bypassIfHighestQuality: z.boolean().default(false),
  bypassIfAboveCustomFormatScore: z.boolean().default(false),
  minimumCustomFormatScore: z.number().int().default(0),
  tags: z
    .array(z.number().int())
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
});

delayProfileRouter.openapi(
  createRoute({
    method: "put",
    path: "/reorder/{id}",
    tags,
    summary: "Move a delay profile right after another (`after`), or first without it; the default stays last",
    request: {
      params: idParamSchema,
      query: z.object({ after: z.coerce.number().int().positive().optional() }),
    },
    responses: { 200: jsonContent(z.array(delayProfileSchema), "Every delay profile, in order"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { after } = c.req.valid("query");
    return c.json(await delayProfileService(c.get("db")).reorder(id, after), 200);
  },
);

crudRoutes(delayProfileRouter, {
  tags,
  resource: delayProfileSchema,
  input: delayProfileInput,
  describe: { list: "Delay profiles, in order", one: "Delay profile", created: "Created", updated: "Updated" },
  service: delayProfileService,
});
