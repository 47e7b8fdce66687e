import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import { MovieRepository } from "../db/movies";
import { customFormats, movieHistory } from "../db/schema";
import { cutoffNotMet, prepareDecisionContext, toComparableQuality } from "../domain/decisions";
import { qualityById } from "../domain/quality/qualities";
import { loadDecisionContext } from "../library/decisionContext";
import { notFound } from "./middleware/errors";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

export const historyRouter = createRouter();

const EVENT_TYPES = ["grabbed", "downloadFolderImported", "downloadFailed", "movieFileDeleted", "upgraded"] as const;

const qualityModelSchema = z.object({
  quality: z.object({
    id: z.number(),
    name: z.string(),
    source: z.string(),
    resolution: z.number(),
    modifier: z.string(),
  }),
  revision: z.object({ version: z.number(), real: z.number(), isRepack: z.boolean() }),
});

const historySchema = z
  .object({
    id: z.number().int(),
    movieId: z.number().int(),
    sourceTitle: z.string(),
    languages: z.array(z.object({ id: z.number(), name: z.string() })),
    quality: qualityModelSchema,
    fromQuality: qualityModelSchema.optional(),
    customFormats: z.array(z.object({ id: z.number(), name: z.string() })),
    customFormatScore: z.number().int(),
    fromCustomFormatScore: z.number().int().optional(),
    qualityCutoffNotMet: z.boolean(),
    date: z.string(),
    downloadId: z.string().optional(),
    eventType: z.enum(EVENT_TYPES),
    data: z.record(z.string(), z.string()),
  })
  .openapi("History");

type StoredQuality = { quality: number; revision: { version: number; real: number; isRepack: boolean } };
const qualityModel = (stored: StoredQuality) => {
  const quality = qualityById(stored.quality);
  return {
    quality: quality
      ? { ...quality }
      : { id: stored.quality, name: "Unknown", source: "unknown", resolution: 0, modifier: "none" },
    revision: stored.revision,
  };
};

historyRouter.openapi(
  createRoute({
    method: "get",
    path: "/movie",
    tags: ["History"],
    summary:
      "A movie's grabs, imports and upgrades, newest first, with the quality and format score each went from and to",
    request: {
      query: z.object({
        movieId: z.coerce.number().int().positive(),
        eventType: z.enum(EVENT_TYPES).optional(),
      }),
    },
    responses: { 200: jsonContent(z.array(historySchema), "History"), ...errorResponses },
  }),
  async (c) => {
    const { movieId, eventType } = c.req.valid("query");
    const db = c.get("db");
    const movie = await new MovieRepository(db).get(movieId);
    if (!movie) throw notFound(`Movie ${movieId}`);
    const [rows, context, formats] = await Promise.all([
      db
        .select()
        .from(movieHistory)
        .where(and(eq(movieHistory.movieId, movieId), eventType ? eq(movieHistory.eventType, eventType) : undefined))
        .orderBy(desc(movieHistory.date), desc(movieHistory.id)),
      loadDecisionContext(db, movie).then(prepareDecisionContext),
      db.select({ id: customFormats.id, name: customFormats.name }).from(customFormats),
    ]);
    const formatName = new Map(formats.map((f) => [f.id, f.name]));
    return c.json(
      rows.map((row) => ({
        id: row.id,
        movieId: row.movieId,
        sourceTitle: row.sourceTitle,
        languages: row.languages,
        quality: qualityModel(row.toQuality),
        ...(row.fromQuality ? { fromQuality: qualityModel(row.fromQuality) } : {}),
        customFormats: row.customFormatIds.flatMap((id) =>
          formatName.has(id) ? [{ id, name: formatName.get(id) ?? "" }] : [],
        ),
        customFormatScore: row.toFormatScore,
        ...(row.fromFormatScore !== null ? { fromCustomFormatScore: row.fromFormatScore } : {}),
        qualityCutoffNotMet: cutoffNotMet(context, toComparableQuality(row.toQuality), row.toFormatScore),
        date: row.date,
        downloadId: row.downloadId ?? undefined,
        eventType: row.eventType,
        data: row.data,
      })),
      200,
    );
  },
);
