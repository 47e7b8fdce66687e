import { createRoute, z } from "@hono/zod-openapi";
import * as clock from "../clock";
import type { StoredQualityModel } from "../db/schema";
import { invalidInput } from "../domain/failures/failure";
import { isSample } from "../domain/files/downloadFiles";
import { languageById } from "../domain/parser/languages";
import { qualityById } from "../domain/quality/qualities";
import { requestContext } from "../services/context";
import { judge, type ManualImportItem, manualImportItems } from "../services/manualImport";
import { movieResource } from "../services/movieResource";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, queryBoolean } from "./schemas/common";
import { customFormatRefSchema, languageSchema, qualityModel, qualityModelSchema } from "./schemas/download";
import { movieResourceSchema } from "./schemas/movie";

/**
 * Radarr's `/api/v3/manualimport`, reinterpreted for the edge: the files of finished downloads as
 * their client lists them (the Worker has no disk), parsed, matched and judged; POST re-judges
 * the user's choices, and the `ManualImport` command imports them through the download import.
 */
export const manualImportRouter = createRouter();
const tags = ["ManualImport"];

const rejectionSchema = z.object({ reason: z.string(), type: z.enum(["permanent", "temporary"]) });

const manualImportSchema = z
  .object({
    id: z.number().int(),
    path: z.string(),
    relativePath: z.string(),
    folderName: z.string(),
    name: z.string(),
    size: z.number().int(),
    movie: movieResourceSchema.optional(),
    movieFileId: z.number().int().nullable(),
    releaseGroup: z.string(),
    quality: qualityModelSchema,
    languages: z.array(languageSchema),
    qualityWeight: z.number().int(),
    downloadId: z.string(),
    customFormats: z.array(customFormatRefSchema),
    customFormatScore: z.number().int(),
    indexerFlags: z.number().int(),
    rejections: z.array(rejectionSchema),
  })
  .openapi("ManualImport");

function resource(item: ManualImportItem, now: number): z.infer<typeof manualImportSchema> {
  return {
    ...item,
    movie: item.movie ? movieResource(item.movie, now) : undefined,
    quality: qualityModel(item.quality),
    customFormats: item.customFormats.map((f) => ({ id: f.id, name: f.name })),
  };
}

/** A quality model as clients send it back (`quality.quality.id`, the revision), checked. */
const qualityChoice = z
  .object({
    quality: z.object({ id: z.number().int() }).passthrough(),
    revision: z
      .object({ version: z.number().int(), real: z.number().int(), isRepack: z.boolean() })
      .partial()
      .optional(),
  })
  .passthrough();
const languagesChoice = z.array(z.object({ id: z.number().int() }).passthrough());

function storedChoice(quality: z.infer<typeof qualityChoice>, at: string): StoredQualityModel {
  if (!qualityById(quality.quality.id)) throw invalidInput(at, "Unknown quality");
  return {
    quality: quality.quality.id,
    revision: {
      version: quality.revision?.version ?? 1,
      real: quality.revision?.real ?? 0,
      isRepack: quality.revision?.isRepack ?? false,
    },
  };
}

function languageChoices(languages: z.infer<typeof languagesChoice>, at: string) {
  return languages.map((l, i) => {
    const language = languageById(l.id);
    if (!language) throw invalidInput(`${at}[${i}].id`, "Unknown language");
    return { id: language.id, name: language.name };
  });
}

manualImportRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary:
      "The files of a finished download (downloadId), of the downloads a client keeps in a folder (folder), or of a movie's finished downloads (movieId)",
    request: {
      query: z.object({
        downloadId: z.string().trim().min(1).max(200).optional(),
        folder: z.string().trim().min(1).max(1000).optional(),
        movieId: z.coerce.number().int().positive().optional(),
        filterExistingFiles: queryBoolean.default(true),
      }),
    },
    responses: { 200: jsonContent(z.array(manualImportSchema), "The files, judged"), ...errorResponses },
  }),
  async (c) => {
    const query = c.req.valid("query");
    if (!query.downloadId && !query.folder && !query.movieId)
      throw invalidInput("downloadId", "downloadId, folder or movieId must be provided");
    const items = await manualImportItems(requestContext(c), query);
    const now = clock.now();
    return c.json(
      items.map((item) => resource(item, now)),
      200,
    );
  },
);

const reprocessSchema = z
  .object({
    id: z.number().int().optional(),
    path: z.string().min(1).max(1000),
    movieId: z.number().int().nonnegative().optional(),
    downloadId: z.string().max(200).nullish(),
    quality: qualityChoice.nullish(),
    languages: languagesChoice.nullish(),
    releaseGroup: z.string().max(200).nullish(),
    indexerFlags: z.number().int().min(0).nullish(),
  })
  .passthrough();

manualImportRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Judge the files again with the user's choices (movie, quality, languages, release group)",
    request: { body: jsonBody(z.array(reprocessSchema).min(1, "items must be provided").max(500)) },
    responses: { 200: jsonContent(z.array(manualImportSchema), "The files, judged again"), ...errorResponses },
  }),
  async (c) => {
    const ctx = requestContext(c);
    const now = clock.now();
    const items = c.req.valid("json");
    const judged = [];
    for (const [i, item] of items.entries()) {
      const name = item.path.split(/[\\/]/).pop() ?? item.path;
      const result = await judge(ctx, {
        path: item.path,
        relativePath: name,
        size: 0,
        downloadId: item.downloadId ?? "",
        downloadTitle: "",
        sample: isSample(name, 0, 1),
        ...(item.movieId ? { movieId: item.movieId } : {}),
        ...(item.quality ? { quality: storedChoice(item.quality, `[${i}].quality.quality.id`) } : {}),
        ...(item.languages?.length ? { languages: languageChoices(item.languages, `[${i}].languages`) } : {}),
        ...(item.releaseGroup ? { releaseGroup: item.releaseGroup } : {}),
        ...(item.indexerFlags != null ? { indexerFlags: item.indexerFlags } : {}),
      });
      judged.push(resource({ ...result, id: item.id ?? result.id }, now));
    }
    return c.json(judged, 200);
  },
);
