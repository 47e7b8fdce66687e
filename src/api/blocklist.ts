import { createRoute, z } from "@hono/zod-openapi";
import { BLOCKLIST_SORT_KEYS, type BlocklistRow } from "../db/repositories/blocklist";
import { blocklistService } from "../services/blocklist";
import { customFormatNames } from "../services/customFormats";
import { attachMovies, defaultDateDescending } from "./pagedRecords";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema, queryBoolean } from "./schemas/common";
import {
  customFormatRefSchema,
  idsBodySchema,
  languageSchema,
  pageEnvelope,
  pagingQuery,
  qualityModelSchema,
  releaseTraits,
} from "./schemas/download";
import { movieResourceSchema } from "./schemas/movie";

/** Radarr's `/api/v3/blocklist`: releases never grabbed again (until their block runs out). */
export const blocklistRouter = createRouter();
const tags = ["Blocklist"];

export const blocklistRecordSchema = z
  .object({
    id: z.number().int(),
    movieId: z.number().int(),
    movie: movieResourceSchema.optional(),
    sourceTitle: z.string(),
    languages: z.array(languageSchema),
    quality: qualityModelSchema,
    customFormats: z.array(customFormatRefSchema),
    date: z.string(),
    protocol: z.enum(["torrent", "usenet"]),
    indexer: z.string().optional(),
    message: z.string().optional(),
    infoHash: z.string().optional(),
    reason: z.string().openapi({ description: "The failure kind that blocklisted it, or manual" }),
    blockedUntil: z.string().optional().openapi({ description: "When the block runs out; absent: never" }),
    retryCount: z.number().int(),
  })
  .openapi("BlocklistRecord");

function record(row: BlocklistRow, formatNames: Map<number, string>): z.infer<typeof blocklistRecordSchema> {
  return {
    id: row.id,
    movieId: row.movieId,
    sourceTitle: row.sourceTitle,
    ...releaseTraits(row, formatNames),
    date: row.date,
    protocol: row.protocol,
    ...(row.indexer ? { indexer: row.indexer } : {}),
    ...(row.message ? { message: row.message } : {}),
    ...(row.infoHash ? { infoHash: row.infoHash } : {}),
    reason: row.reason,
    ...(row.blockedUntil ? { blockedUntil: row.blockedUntil } : {}),
    retryCount: row.retryCount,
  };
}

blocklistRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "One page of the blocklist, newest first by default",
    request: {
      query: z.object({
        ...pagingQuery(BLOCKLIST_SORT_KEYS, "date"),
        movieIds: z
          .string()
          .regex(/^\d+(,\d+)*$/, "movieIds must be comma-separated ids")
          .transform((v) => v.split(",").map(Number))
          .optional(),
        protocols: z.enum(["torrent", "usenet"]).optional(),
        includeMovie: queryBoolean.optional(),
      }),
    },
    responses: {
      200: jsonContent(pageEnvelope(blocklistRecordSchema, "BlocklistPage"), "A page of the blocklist"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const db = c.get("db");
    // Radarr's default for the blocklist is newest first.
    const direction = defaultDateDescending(query.sortKey, query.sortDirection);
    const [{ rows, totalRecords }, formatNames] = await Promise.all([
      blocklistService(db).page({ ...query, sortDirection: direction }),
      customFormatNames(db),
    ]);
    const records = rows.map((row) => record(row, formatNames));
    if (query.includeMovie) await attachMovies(db, records);
    return c.json(
      {
        page: query.page,
        pageSize: query.pageSize,
        sortKey: query.sortKey,
        sortDirection: direction,
        totalRecords,
        records,
      },
      200,
    );
  },
);

blocklistRouter.openapi(
  createRoute({
    method: "get",
    path: "/movie",
    tags,
    summary: "A movie's blocklist entries",
    request: { query: z.object({ movieId: z.coerce.number().int().positive() }) },
    responses: { 200: jsonContent(z.array(blocklistRecordSchema), "Entries"), ...errorResponses },
  }),
  async (c) => {
    const { movieId } = c.req.valid("query");
    const db = c.get("db");
    const [rows, formatNames] = await Promise.all([blocklistService(db).forMovie(movieId), customFormatNames(db)]);
    return c.json(
      rows.map((row) => record(row, formatNames)),
      200,
    );
  },
);

blocklistRouter.openapi(
  createRoute({
    method: "delete",
    path: "/bulk",
    tags,
    summary: "Unblock several releases",
    request: { body: jsonBody(idsBodySchema) },
    responses: { 200: jsonContent(z.object({}), "Removed"), ...errorResponses },
  }),
  async (c) => {
    const { ids } = c.req.valid("json");
    await blocklistService(c.get("db")).removeMany(ids);
    return c.json({}, 200);
  },
);

blocklistRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Unblock a release: it may be grabbed again",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Removed"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    await blocklistService(c.get("db")).remove(id);
    return c.json({}, 200);
  },
);
