import { createRoute, z } from "@hono/zod-openapi";
import { requestContext } from "../services/context";
import { extraFiles } from "../services/movieFiles";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/** Radarr's `/api/v3/extrafile`: the files beside a movie's file, from the download client's list of its download. */
export const extraFileRouter = createRouter();

const extraFileSchema = z
  .object({
    id: z.number().int().openapi({ description: "The file's place in this list (extra files are not stored)" }),
    movieId: z.number().int(),
    movieFileId: z.number().int(),
    relativePath: z.string(),
    extension: z.string(),
    languageTags: z.array(z.string()),
    title: z.string().nullable(),
    type: z.enum(["subtitle", "metadata", "other"]),
  })
  .openapi("ExtraFile");

extraFileRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["ExtraFile"],
    summary: "Subtitles, .nfo and other files beside the movie's file in its download",
    request: { query: z.object({ movieId: z.coerce.number().int().positive() }) },
    responses: { 200: jsonContent(z.array(extraFileSchema), "Extra files"), ...errorResponses },
  }),
  async (c) => {
    const { movieId } = c.req.valid("query");
    const files = await extraFiles(requestContext(c), movieId);
    return c.json(
      files.map((f, i) => ({ id: i + 1, movieId, ...f })),
      200,
    );
  },
);
