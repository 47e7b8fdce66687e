import { createRoute, z } from "@hono/zod-openapi";
import { buildName } from "../domain/naming";
import { namingSettingsSchema, readSettings, writeSettings } from "../services/settings";
import { createRouter, jsonBody, jsonContent, sentChanges } from "./router";
import { errorResponses } from "./schemas/common";

/** Radarr's `/api/v3/config/naming`: the naming formats imports use, with examples. */
export const namingConfigRouter = createRouter();
const tags = ["Config"];

const namingConfigSchema = namingSettingsSchema.extend({ id: z.number().int() }).openapi("NamingConfig");

const EXAMPLE = {
  movie: {
    title: "The Movie: Title",
    originalTitle: "The Original Title",
    year: 2010,
    tmdbId: 345691,
    imdbId: "tt0066921",
  },
  quality: { name: "Bluray-1080p", revision: { version: 2, real: 0, isRepack: false } },
  releaseGroup: "RlsGrp",
  edition: "IMAX",
  sceneName: "The.Movie.Title.2010.1080p.BluRay.DTS.x264-RlsGrp",
};

namingConfigRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    responses: { 200: jsonContent(namingConfigSchema, "Naming settings"), ...errorResponses },
  }),
  async (c) => c.json({ id: 1, ...(await readSettings(c.get("db"), "naming")) }, 200),
);

namingConfigRouter.openapi(
  createRoute({
    method: "put",
    path: "/",
    tags,
    request: { body: jsonBody(namingSettingsSchema.partial().extend({ id: z.number().int().optional() })) },
    responses: { 202: jsonContent(namingConfigSchema, "Saved"), ...errorResponses },
  }),
  async (c) => {
    const db = c.get("db");
    const changes = await sentChanges(c, c.req.valid("json"));
    const merged = namingSettingsSchema.parse({ ...(await readSettings(db, "naming")), ...changes });
    await writeSettings(db, "naming", merged);
    return c.json({ id: 1, ...merged }, 202);
  },
);

namingConfigRouter.openapi(
  createRoute({
    method: "get",
    path: "/examples",
    tags,
    summary: "Example names for the current (or given) formats",
    request: {
      query: z.object({
        standardMovieFormat: z.string().max(500).optional(),
        movieFolderFormat: z.string().max(500).optional(),
      }),
    },
    responses: {
      200: jsonContent(z.object({ movieExample: z.string(), movieFolderExample: z.string() }), "Examples"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const saved = await readSettings(c.get("db"), "naming");
    const query = c.req.valid("query");
    const settings = namingSettingsSchema.parse({ ...saved, ...query });
    return c.json(
      {
        movieExample: `${buildName(settings.standardMovieFormat, EXAMPLE, settings)}.mkv`,
        movieFolderExample: buildName(settings.movieFolderFormat, EXAMPLE, settings),
      },
      200,
    );
  },
);
