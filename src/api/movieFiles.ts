import { createRoute, z } from "@hono/zod-openapi";
import type { MovieFileChanges } from "../db/repositories/movieFiles";
import { invalidInput } from "../domain/failures/failure";
import { movieFileResource as fileResource } from "../domain/library/movieFileResource";
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
import { movieFileSchema } from "./schemas/movie";

/** Radarr's `/api/v3/moviefile`: a movie's imported file, edited and deleted (through its download client). */
export const movieFileRouter = createRouter();
const tags = ["MovieFile"];

function movieFileResource(file: MovieFileView): z.infer<typeof movieFileSchema> {
  const customFormats = file.customFormats.map((f) => ({ id: f.id, name: f.name }));
  const resource = fileResource(
    { ...file.row, mediaInfo: file.mediaInfo },
    { qualityCutoffNotMet: file.qualityCutoffNotMet, customFormats, customFormatScore: file.customFormatScore },
  );
  // `/moviefile` answers every field, a null media info included.
  return { ...resource, customFormats, customFormatScore: file.customFormatScore, mediaInfo: file.mediaInfo };
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
