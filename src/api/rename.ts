import { createRoute, z } from "@hono/zod-openapi";
import { invalidInput } from "../domain/failures/failure";
import { requestContext } from "../services/context";
import { renamePreviews } from "../services/rename";
import { idListQuery } from "./movieFiles";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/** Radarr's `/api/v3/rename`: the files whose name differs from the naming settings, and what they would become. */
export const renameRouter = createRouter();

export const renameSchema = z
  .object({
    id: z.number().int(),
    movieId: z.number().int(),
    movieFileId: z.number().int(),
    existingPath: z.string().openapi({ description: "Relative to the movie's folder" }),
    newPath: z.string().openapi({ description: "Relative to the movie's folder" }),
  })
  .openapi("RenameMovie");

renameRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["RenameMovie"],
    summary: "Rename previews of the given movies' files (the RenameFiles command renames them through their client)",
    request: { query: z.object({ movieId: idListQuery("movieId") }) },
    responses: { 200: jsonContent(z.array(renameSchema), "Rename previews"), ...errorResponses },
  }),
  async (c) => {
    const { movieId } = c.req.valid("query");
    if (!movieId.length) throw invalidInput("movieId", "movieId must be provided");
    const previews = await renamePreviews(requestContext(c), movieId);
    return c.json(
      previews.map((p) => ({ id: p.movieFileId, ...p })),
      200,
    );
  },
);
