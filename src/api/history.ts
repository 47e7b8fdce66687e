import { createRoute, z } from "@hono/zod-openapi";
import * as clock from "../clock";
import { HISTORY_SORT_KEYS, type HistoryRow } from "../db/repositories/history";
import { cutoffNotMet, type PreparedDecisionContext, toComparableQuality } from "../domain/decisions";
import { qualityById } from "../domain/quality/qualities";
import { requestContext } from "../services/context";
import { historyPage, historySince, markHistoryFailed, movieHistory } from "../services/history";
import { movieResource } from "../services/movieResource";
import { defaultDateDescending } from "./pagedRecords";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema, queryBoolean } from "./schemas/common";
import { pageEnvelope, pagingQuery } from "./schemas/download";
import { movieResourceSchema } from "./schemas/movie";

export const historyRouter = createRouter();

const EVENT_TYPES = ["grabbed", "downloadFolderImported", "downloadFailed", "movieFileDeleted", "upgraded"] as const;

/** Radarr's MovieHistoryEventType numbers, which it accepts in queries as well as the names (Bazarr sends 1). */
const EVENT_TYPE_NUMBERS: Record<string, string> = {
  "1": "grabbed",
  "3": "downloadFolderImported",
  "4": "downloadFailed",
  "6": "movieFileDeleted",
};

/** An `eventType` query parameter: a name, or Radarr's number for it. */
const eventTypeQuery = z.preprocess(
  (value) => (typeof value === "string" ? (EVENT_TYPE_NUMBERS[value] ?? value) : value),
  z.enum(EVENT_TYPES),
);

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

export const historySchema = z
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
    movie: movieResourceSchema.optional(),
  })
  .openapi("History");

type HistoryRecord = z.infer<typeof historySchema>;

/** A stored history row in Radarr's History shape; the context answers whether the cutoff is unmet. */
function historyRecord(
  row: HistoryRow,
  context: PreparedDecisionContext | undefined,
  formatName: Map<number, string>,
): HistoryRecord {
  return {
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
    qualityCutoffNotMet: context ? cutoffNotMet(context, toComparableQuality(row.toQuality), row.toFormatScore) : false,
    date: row.date,
    downloadId: row.downloadId ?? undefined,
    eventType: row.eventType,
    data: row.data,
  };
}

historyRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["History"],
    summary: "One page of every movie's grabs, imports, failures and upgrades, newest first by default",
    request: {
      query: z.object({
        ...pagingQuery(HISTORY_SORT_KEYS, "date"),
        eventType: eventTypeQuery.optional(),
        movieIds: z
          .string()
          .regex(/^\d+(,\d+)*$/, "movieIds must be comma-separated ids")
          .transform((v) => v.split(",").map(Number))
          .optional(),
        downloadId: z.string().min(1).optional(),
        includeMovie: queryBoolean.optional(),
      }),
    },
    responses: {
      200: jsonContent(pageEnvelope(historySchema, "HistoryPage"), "A page of history"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const direction = defaultDateDescending(query.sortKey, query.sortDirection);
    const page = await historyPage(c.get("db"), { ...query, sortDirection: direction });
    const now = clock.now();
    const resources = query.includeMovie
      ? new Map([...page.movies.values()].map((m) => [m.id, movieResource(m, now)]))
      : undefined;
    return c.json(
      {
        page: query.page,
        pageSize: query.pageSize,
        sortKey: query.sortKey,
        sortDirection: direction,
        totalRecords: page.totalRecords,
        records: page.rows.map((row) => ({
          ...historyRecord(row, page.contexts.get(row.movieId), page.formatNames),
          ...(resources?.has(row.movieId) ? { movie: resources.get(row.movieId) } : {}),
        })),
      },
      200,
    );
  },
);

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
        eventType: eventTypeQuery.optional(),
      }),
    },
    responses: { 200: jsonContent(z.array(historySchema), "History"), ...errorResponses },
  }),
  async (c) => {
    const { movieId, eventType } = c.req.valid("query");
    const { rows, context, formatNames } = await movieHistory(c.get("db"), movieId, eventType);
    return c.json(
      rows.map((row) => historyRecord(row, context, formatNames)),
      200,
    );
  },
);

historyRouter.openapi(
  createRoute({
    method: "get",
    path: "/since",
    tags: ["History"],
    summary: "Every event since a date, oldest first",
    request: {
      query: z.object({
        date: z
          .string()
          .refine((v) => !Number.isNaN(Date.parse(v)), "date must be a date and time")
          .transform((v) => new Date(v).toISOString()),
        eventType: eventTypeQuery.optional(),
        includeMovie: queryBoolean.optional(),
      }),
    },
    responses: { 200: jsonContent(z.array(historySchema), "History"), ...errorResponses },
  }),
  async (c) => {
    const { date, eventType, includeMovie } = c.req.valid("query");
    const since = await historySince(c.get("db"), date, eventType);
    const now = clock.now();
    const resources = includeMovie
      ? new Map([...since.movies.values()].map((m) => [m.id, movieResource(m, now)]))
      : undefined;
    return c.json(
      since.rows.map((row) => ({
        ...historyRecord(row, since.contexts.get(row.movieId), since.formatNames),
        ...(resources?.has(row.movieId) ? { movie: resources.get(row.movieId) } : {}),
      })),
      200,
    );
  },
);

historyRouter.openapi(
  createRoute({
    method: "post",
    path: "/failed/{id}",
    tags: ["History"],
    summary: "Mark a grab failed: its release blocklisted, its download failed, the next-best release grabbed",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Marked failed"), ...errorResponses },
  }),
  async (c) => {
    await markHistoryFailed(requestContext(c), c.req.valid("param").id);
    return c.json({}, 200);
  },
);
