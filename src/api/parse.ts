import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { MovieRepository } from "../db/repositories/movies";
import { customFormats, qualityProfiles } from "../db/schema";
import { customFormatScore, matchCustomFormats } from "../domain/customFormats";
import { evaluateReleases } from "../domain/decisions";
import { resourceNotFound } from "../domain/failures/failure";
import { parseMovieTitle } from "../domain/parser";
import { findMovieForRelease, loadDecisionContext } from "../services/decisionContext";
import { movieResource } from "../services/movieResource";
import { StreamingAvailabilityLookup } from "../services/streamingAvailability";
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

const parseResultSchema = z
  .object({
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

parseRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Parse"],
    summary: "What a release name says, which library movie it is for, its custom formats and the decision",
    request: {
      query: z.object({
        title: z.string().trim().min(1, "title is required").max(1000),
        movieId: z.coerce.number().int().positive().optional(),
        size: z.coerce.number().int().min(0).optional(),
        protocol: z.enum(["torrent", "usenet"]).default("torrent"),
        seeders: z.coerce.number().int().min(0).optional(),
        indexerFlags: z.coerce.number().int().min(0).default(0),
        ageMinutes: z.coerce.number().min(0).optional(),
      }),
    },
    responses: { 200: jsonContent(parseResultSchema, "The parse"), ...errorResponses },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const db = c.get("db");
    const parsed = parseMovieTitle(query.title);
    let movie = query.movieId !== undefined ? await new MovieRepository(db).get(query.movieId) : undefined;
    if (query.movieId !== undefined && !movie) throw resourceNotFound(`Movie ${query.movieId}`);
    if (!movie && parsed) {
      const found = await findMovieForRelease(db, parsed);
      movie = found ? await new MovieRepository(db).get(found.id) : undefined;
    }
    if (!parsed)
      return c.json({ title: query.title, parsedMovieInfo: null, customFormats: [], customFormatScore: 0 }, 200);

    const formats = await db.select().from(customFormats);
    const matched = matchCustomFormats(formats, {
      parsed,
      releaseTitle: query.title,
      size: query.size,
      indexerFlags: query.indexerFlags,
      movie: movie ? { year: movie.year, originalLanguage: movie.metadata.originalLanguage } : undefined,
    });
    let score = 0;
    let decision: z.infer<typeof parseResultSchema>["decision"];
    if (movie) {
      const [profile] = await db.select().from(qualityProfiles).where(eq(qualityProfiles.id, movie.qualityProfileId));
      score = customFormatScore(profile.formatItems, matched);
      const ageMinutes = query.ageMinutes;
      const [judged] = evaluateReleases(
        [
          {
            title: query.title,
            size: query.size ?? 0,
            indexer: "manual",
            indexerId: 0,
            protocol: query.protocol,
            seeders: query.seeders ?? null,
            indexerFlags: query.indexerFlags,
            parsed,
            ...(ageMinutes !== undefined
              ? { age: Math.floor(ageMinutes / 1440), ageHours: ageMinutes / 60, ageMinutes }
              : {}),
          },
        ],
        await loadDecisionContext(
          db,
          movie,
          await StreamingAvailabilityLookup.open(c.env, db, c.executionCtx, c.get("logger")),
        ),
      );
      decision = { accepted: judged.accepted, rejections: judged.rejections };
    }
    const { extraInfo: _extra, simpleReleaseTitle: _simple, ...parsedMovieInfo } = parsed;
    return c.json(
      {
        title: query.title,
        parsedMovieInfo: {
          ...parsedMovieInfo,
          quality: { quality: { ...parsed.quality.quality }, revision: parsed.quality.revision },
        },
        movie: movie ? movieResource(movie) : undefined,
        customFormats: matched.map((f) => ({ id: f.id, name: f.name })),
        customFormatScore: score,
        decision,
      },
      200,
    );
  },
);
