import { createRoute, z } from "@hono/zod-openapi";
import { requestContext } from "../services/context";
import { movieResource } from "../services/movieResource";
import { parseRelease } from "../services/parse";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";
import { movieResourceSchema } from "./schemas/movie";

export const parseRouter = createRouter();

const qualitySchema = z.object({
  id: z.number(),
  name: z.string(),
  source: z.string(),
  resolution: z.number(),
  modifier: z.string(),
});

const parsedMovieInfoSchema = z
  .object({
    movieTitles: z.array(z.string()),
    primaryMovieTitle: z.string(),
    originalTitle: z.string(),
    releaseTitle: z.string(),
    year: z.number().int(),
    edition: z.string(),
    releaseGroup: z.string(),
    releaseHash: z.string(),
    quality: z.object({
      quality: qualitySchema,
      revision: z.object({ version: z.number(), real: z.number(), isRepack: z.boolean() }),
    }),
    languages: z.array(z.object({ id: z.number(), name: z.string() })),
    imdbId: z.string(),
    tmdbId: z.number(),
    hardcodedSubs: z.string(),
    videoCodec: z.string().optional(),
    audioCodec: z.string().optional(),
    audioChannels: z.number().optional(),
    hdrFormat: z.string().optional(),
    is3D: z.boolean().optional(),
    infoHash: z.string().optional(),
    isSample: z.boolean().optional(),
  })
  .openapi("ParsedMovieInfo");

export const parseResultSchema = z
  .object({
    /** Radarr's ParseResource id: always 0 (a parse is not stored). */
    id: z.number().int(),
    title: z.string(),
    parsedMovieInfo: parsedMovieInfoSchema.nullable(),
    movie: movieResourceSchema.optional(),
    customFormats: z.array(z.object({ id: z.number().int(), name: z.string() })),
    customFormatScore: z.number().int(),
    decision: z
      .object({
        accepted: z.boolean(),
        rejections: z.array(
          z.object({ specification: z.string(), reason: z.string(), message: z.string(), type: z.string() }),
        ),
      })
      .optional(),
  })
  .openapi("ParseResult");

/** What GET /parse reads: the release name and, optionally, the movie and release facts to judge it with. */
export const parseQuerySchema = z.object({
  title: z.string().trim().min(1, "title is required").max(1000),
  movieId: z.coerce.number().int().positive().optional(),
  size: z.coerce.number().int().min(0).optional(),
  protocol: z.enum(["torrent", "usenet"]).default("torrent"),
  seeders: z.coerce.number().int().min(0).optional(),
  indexerFlags: z.coerce.number().int().min(0).default(0),
  ageMinutes: z.coerce.number().min(0).optional(),
});

parseRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Parse"],
    summary: "What a release name says, which library movie it is for, its custom formats and the decision",
    request: {
      query: parseQuerySchema,
    },
    responses: { 200: jsonContent(parseResultSchema, "The parse"), ...errorResponses },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const result = await parseRelease(requestContext(c), query);
    const { parsed, movie } = result;
    if (!parsed)
      return c.json({ id: 0, title: query.title, parsedMovieInfo: null, customFormats: [], customFormatScore: 0 }, 200);
    const { extraInfo: _extra, simpleReleaseTitle: _simple, ...parsedMovieInfo } = parsed;
    return c.json(
      {
        id: 0,
        title: query.title,
        parsedMovieInfo: {
          ...parsedMovieInfo,
          quality: { quality: { ...parsed.quality.quality }, revision: parsed.quality.revision },
        },
        movie: movie ? movieResource(movie) : undefined,
        customFormats: result.customFormats.map((f) => ({ id: f.id, name: f.name })),
        customFormatScore: result.customFormatScore,
        decision: result.decision,
      },
      200,
    );
  },
);
