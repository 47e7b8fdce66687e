import { createRoute, z } from "@hono/zod-openapi";
import type { MovieFileChanges } from "../db/repositories/movieFiles";
import { invalidInput } from "../domain/failures/failure";
import { languageById } from "../domain/parser/languages";
import { qualityById } from "../domain/quality/qualities";
import { requestContext } from "../services/context";
import {
  deleteMovieFiles,
  editMovieFiles,
  getMovieFile,
  listMovieFiles,
  type MovieFileView,
} from "../services/movieFiles";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, errorSchema, idParamSchema } from "./schemas/common";
import { customFormatRefSchema, languageSchema, qualityModel, qualityModelSchema } from "./schemas/download";

/** Radarr's `/api/v3/moviefile`: a movie's imported file, edited and deleted (through its download client). */
export const movieFileRouter = createRouter();
const tags = ["MovieFile"];

const mediaInfoSchema = z
  .object({
    id: z.number().int(),
    audioBitrate: z.number().int(),
    audioChannels: z.number(),
    audioCodec: z.string().nullable(),
    audioLanguages: z.string().nullable(),
    audioStreamCount: z.number().int(),
    videoBitDepth: z.number().int(),
    videoBitrate: z.number().int(),
    videoCodec: z.string().nullable(),
    videoFps: z.number(),
    videoDynamicRange: z.string().nullable(),
    videoDynamicRangeType: z.string().nullable(),
    resolution: z.string().nullable(),
    runTime: z.string().nullable(),
    scanType: z.string().nullable(),
    subtitles: z.string().nullable(),
  })
  .openapi("MediaInfo", {
    description: "What the release name states about the streams (the file itself is not read); 0: not stated",
  });

const movieFileSchema = z
  .object({
    id: z.number().int(),
    movieId: z.number().int(),
    relativePath: z.string(),
    path: z.string(),
    size: z.number().int(),
    dateAdded: z.string(),
    sceneName: z.string().nullable(),
    releaseGroup: z.string().nullable(),
    edition: z.string().nullable(),
    languages: z.array(languageSchema),
    quality: qualityModelSchema,
    customFormats: z.array(customFormatRefSchema),
    customFormatScore: z.number().int(),
    indexerFlags: z.number().int(),
    mediaInfo: mediaInfoSchema.nullable(),
    originalFilePath: z.string().nullable(),
    qualityCutoffNotMet: z.boolean(),
  })
  .openapi("MovieFile");

const RESOLUTIONS: Record<number, string> = {
  2160: "3840x2160",
  1080: "1920x1080",
  720: "1280x720",
  576: "720x576",
  540: "960x540",
  480: "720x480",
  360: "640x360",
};

/** The media info a release name states; null when it states no stream detail. */
function mediaInfo(file: MovieFileView): z.infer<typeof mediaInfoSchema> | null {
  const parsed = file.parsed;
  if (!parsed || !(parsed.videoCodec || parsed.audioCodec || parsed.hdrFormat)) return null;
  const resolution = qualityById(file.row.quality.quality)?.resolution ?? 0;
  return {
    id: 0,
    audioBitrate: 0,
    audioChannels: parsed.audioChannels ?? 0,
    audioCodec: parsed.audioCodec ?? null,
    audioLanguages: file.row.languages.map((l) => l.name).join("/") || null,
    audioStreamCount: parsed.audioCodec ? 1 : 0,
    videoBitDepth: parsed.hdrFormat ? 10 : 0,
    videoBitrate: 0,
    videoCodec: parsed.videoCodec ?? null,
    videoFps: 0,
    videoDynamicRange: parsed.hdrFormat ? "HDR" : "",
    videoDynamicRangeType: parsed.hdrFormat ?? "",
    resolution: RESOLUTIONS[resolution] ?? null,
    runTime: null,
    scanType: null,
    subtitles: null,
  };
}

function movieFileResource(file: MovieFileView): z.infer<typeof movieFileSchema> {
  const { row } = file;
  return {
    id: row.id,
    movieId: row.movieId,
    relativePath: row.relativePath,
    path: row.path,
    size: row.size,
    dateAdded: row.dateAdded,
    sceneName: row.sceneName,
    releaseGroup: row.releaseGroup,
    edition: row.edition,
    languages: row.languages,
    quality: qualityModel(row.quality),
    customFormats: file.customFormats.map((f) => ({ id: f.id, name: f.name })),
    customFormatScore: file.customFormatScore,
    indexerFlags: row.indexerFlags,
    mediaInfo: mediaInfo(file),
    originalFilePath: null,
    qualityCutoffNotMet: file.qualityCutoffNotMet,
  };
}

/** Repeated (`?movieId=1&movieId=2`) or comma-separated ids, as ASP.NET binds a List<int>. */
export const idListQuery = (name: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const parts = (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => s.split(",")).filter(Boolean);
      const ids = parts.map(Number);
      if (ids.some((id) => !Number.isInteger(id) || id <= 0)) {
        ctx.addIssue({ code: "custom", message: `${name} must be ids` });
        return z.NEVER;
      }
      return ids;
    });

const qualityInput = z.object({
  quality: z.object({ id: z.number().int() }).passthrough(),
  revision: z
    .object({ version: z.number().int().min(1), real: z.number().int().min(0), isRepack: z.boolean() })
    .partial()
    .optional(),
});
const languagesInput = z.array(z.object({ id: z.number().int(), name: z.string().nullish() }).passthrough());
const editFields = {
  quality: qualityInput.nullish(),
  languages: languagesInput.nullish(),
  edition: z.string().max(200).nullish(),
  releaseGroup: z.string().max(200).nullish(),
  sceneName: z.string().max(500).nullish(),
  indexerFlags: z.number().int().min(0).nullish(),
};
const editSchema = z.object(editFields).passthrough();
const bulkItemSchema = z.object({ id: z.number().int().positive(), ...editFields }).passthrough();
const listSchema = z
  .object({ movieFileIds: z.array(z.number().int().positive()).min(1, "movieFileIds must be provided").max(1000) })
  .extend(editFields)
  .passthrough();

/** The changes an edit body asks for, checked against the known qualities and languages. */
function changesOf(body: z.infer<typeof editSchema>, at = ""): MovieFileChanges {
  const changes: MovieFileChanges = {};
  if (body.quality) {
    if (!qualityById(body.quality.quality.id)) throw invalidInput(`${at}quality.quality.id`, "Unknown quality");
    const revision = body.quality.revision;
    changes.quality = {
      quality: body.quality.quality.id,
      revision: { version: revision?.version ?? 1, real: revision?.real ?? 0, isRepack: revision?.isRepack ?? false },
    };
  }
  if (body.languages) {
    changes.languages = body.languages.map((l, i) => {
      const language = languageById(l.id);
      if (!language) throw invalidInput(`${at}languages[${i}].id`, "Unknown language");
      return { id: language.id, name: language.name };
    });
  }
  if (body.edition !== undefined && body.edition !== null) changes.edition = body.edition || null;
  if (body.releaseGroup !== undefined && body.releaseGroup !== null) changes.releaseGroup = body.releaseGroup || null;
  if (body.sceneName) changes.sceneName = body.sceneName;
  if (body.indexerFlags !== undefined && body.indexerFlags !== null) changes.indexerFlags = body.indexerFlags;
  return changes;
}

movieFileRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "The files of the given movies (movieId) or the given files (movieFileIds)",
    request: { query: z.object({ movieId: idListQuery("movieId"), movieFileIds: idListQuery("movieFileIds") }) },
    responses: { 200: jsonContent(z.array(movieFileSchema), "Movie files"), ...errorResponses },
  }),
  async (c) => {
    const { movieId, movieFileIds } = c.req.valid("query");
    const files = await listMovieFiles(c.get("db"), { movieIds: movieId, movieFileIds });
    return c.json(files.map(movieFileResource), 200);
  },
);

movieFileRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "One movie file",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(movieFileSchema, "The movie file"), ...errorResponses },
  }),
  async (c) => c.json(movieFileResource(await getMovieFile(c.get("db"), c.req.valid("param").id)), 200),
);

movieFileRouter.openapi(
  createRoute({
    method: "put",
    path: "/editor",
    tags,
    summary: "Set quality, languages, edition, release group or indexer flags on several files",
    request: { body: jsonBody(listSchema) },
    responses: { 202: jsonContent(z.array(movieFileSchema), "The edited files"), ...errorResponses },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const changes = changesOf(body);
    const files = await editMovieFiles(
      c.get("db"),
      body.movieFileIds.map((id) => ({ id, changes })),
    );
    return c.json(files.map(movieFileResource), 202);
  },
);

movieFileRouter.openapi(
  createRoute({
    method: "put",
    path: "/bulk",
    tags,
    summary: "Edit several files, each with its own fields",
    request: { body: jsonBody(z.array(bulkItemSchema).min(1).max(1000)) },
    responses: { 202: jsonContent(z.array(movieFileSchema), "The edited files"), ...errorResponses },
  }),
  async (c) => {
    const edits = c.req.valid("json").map((item, i) => ({ id: item.id, changes: changesOf(item, `[${i}].`) }));
    const files = await editMovieFiles(c.get("db"), edits);
    return c.json(files.map(movieFileResource), 202);
  },
);

const cannotDelete = jsonContent(errorSchema, "No download client can delete the file (why is in the message)");

movieFileRouter.openapi(
  createRoute({
    method: "delete",
    path: "/bulk",
    tags,
    summary: "Delete several files through the download clients holding them",
    request: { body: jsonBody(z.object({ movieFileIds: listSchema.shape.movieFileIds }).passthrough()) },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses, 409: cannotDelete },
  }),
  async (c) => {
    await deleteMovieFiles(requestContext(c), c.req.valid("json").movieFileIds);
    return c.json({}, 200);
  },
);

movieFileRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    summary: "Set a file's quality, languages, edition, release group or indexer flags",
    request: { params: idParamSchema, body: jsonBody(editSchema) },
    responses: { 202: jsonContent(movieFileSchema, "The edited file"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [file] = await editMovieFiles(c.get("db"), [{ id, changes: changesOf(c.req.valid("json")) }]);
    return c.json(movieFileResource(file), 202);
  },
);

movieFileRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a file through the download client holding it (409 with the reason when none can)",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses, 409: cannotDelete },
  }),
  async (c) => {
    await deleteMovieFiles(requestContext(c), [c.req.valid("param").id]);
    return c.json({}, 200);
  },
);
