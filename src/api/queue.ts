import { createRoute, z } from "@hono/zod-openapi";
import * as clock from "../clock";
import { QUEUE_SORT_KEYS, queueRepository } from "../db/repositories/queue";
import { resourceNotFound } from "../domain/failures/failure";
import { nextCronRun, SCHEDULED_TASKS } from "../jobs/cronSchedule";
import { requestContext } from "../services/context";
import { customFormatNames } from "../services/customFormats";
import { removeFromQueue } from "../services/downloads/removal";
import { downloadWork } from "../services/downloads/work";
import { ACTIVE_DOWNLOAD_STATES, type DownloadRow } from "../services/grab";
import { grabPendingNow, type PendingQueueItem, pendingQueue, removePending } from "../services/pendingReleases";
import { attachMovies } from "./pagedRecords";
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

/** Radarr's `/api/v3/queue`: what is downloading, waiting to import, or failing. */
export const queueRouter = createRouter();
const tags = ["Queue"];

export const queueRecordSchema = z
  .object({
    id: z.number().int(),
    movieId: z.number().int(),
    movie: movieResourceSchema.optional(),
    languages: z.array(languageSchema),
    quality: qualityModelSchema,
    customFormats: z.array(customFormatRefSchema),
    customFormatScore: z.number().int(),
    size: z.number(),
    title: z.string(),
    sizeleft: z.number(),
    timeleft: z.string().optional(),
    estimatedCompletionTime: z.string().optional(),
    added: z.string(),
    status: z.string(),
    trackedDownloadStatus: z.enum(["ok", "warning", "error"]),
    trackedDownloadState: z.string(),
    statusMessages: z.array(z.object({ title: z.string(), messages: z.array(z.string()) })),
    errorMessage: z.string().optional(),
    downloadId: z.string().optional(),
    protocol: z.enum(["torrent", "usenet"]),
    downloadClient: z.string(),
    downloadClientHasPostImportCategory: z.boolean(),
    indexer: z.string(),
    outputPath: z.string().optional(),
    progress: z.number().openapi({ description: "0–1" }),
    failureKind: z.string().optional().openapi({ description: "The failure taxonomy's kind while failing" }),
    retryCount: z.number().int(),
    nextRetryAt: z.string().optional(),
  })
  .openapi("QueueRecord");
type QueueRecord = z.infer<typeof queueRecordSchema>;

/** Seconds as .NET's TimeSpan prints them: "hh:mm:ss", or "d.hh:mm:ss" past a day. */
export function timeSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const days = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days ? `${days}.${clock}` : clock;
}

function record(row: DownloadRow, clientName: string, formatNames: Map<number, string>, now: number): QueueRecord {
  const eta = row.eta ?? undefined;
  return {
    id: row.id,
    movieId: row.movieId,
    ...releaseTraits(row, formatNames),
    customFormatScore: row.customFormatScore,
    size: row.size,
    title: row.title,
    sizeleft: row.sizeleft,
    ...(eta !== undefined
      ? { timeleft: timeSpan(eta), estimatedCompletionTime: new Date(now + eta * 1000).toISOString() }
      : {}),
    added: row.grabbedAt,
    status: row.status,
    trackedDownloadStatus: row.trackedDownloadStatus as QueueRecord["trackedDownloadStatus"],
    trackedDownloadState: row.trackedDownloadState,
    statusMessages: row.statusMessages,
    ...(row.errorMessage ? { errorMessage: row.errorMessage } : {}),
    ...(row.downloadId ? { downloadId: row.downloadId } : {}),
    protocol: row.protocol,
    downloadClient: clientName,
    downloadClientHasPostImportCategory: false,
    indexer: row.indexer,
    ...(row.outputPath ? { outputPath: row.outputPath } : {}),
    progress: row.progress,
    ...(row.failureKind ? { failureKind: row.failureKind } : {}),
    retryCount: row.retryCount,
    ...(row.nextRetryAt ? { nextRetryAt: row.nextRetryAt } : {}),
  };
}

const queue = (db: Parameters<typeof queueRepository>[0]) => queueRepository(db, ACTIVE_DOWNLOAD_STATES);

const RSS_SYNC_CRON = SCHEDULED_TASKS.find((t) => t.command === "RssSync")?.cron ?? "*/15 * * * *";

/** When a pending release will be grabbed: the first RSS sync once its delay has ended. */
function estimatedGrab(delayEndsAt: number, now: number): number {
  const from = Math.ceil(Math.max(delayEndsAt, now) / 60_000) * 60_000 - 1;
  return nextCronRun(RSS_SYNC_CRON, new Date(from))?.getTime() ?? Math.max(delayEndsAt, now);
}

/** A pending (delayed) release as Radarr's queue shows it: status "delay" and when it will be grabbed. */
function pendingRecord(item: PendingQueueItem, formatNames: Map<number, string>, now: number): QueueRecord {
  const { row } = item;
  const eta = estimatedGrab(item.delayEndsAt, now);
  return {
    id: item.queueId,
    movieId: row.movieId,
    ...releaseTraits(row, formatNames),
    customFormatScore: row.customFormatScore,
    size: row.size,
    title: row.title,
    sizeleft: row.size,
    timeleft: timeSpan((eta - now) / 1000),
    estimatedCompletionTime: new Date(eta).toISOString(),
    added: row.added,
    status: "delay",
    trackedDownloadStatus: "ok",
    trackedDownloadState: "downloading",
    statusMessages: [],
    protocol: row.protocol,
    downloadClient: "",
    downloadClientHasPostImportCategory: false,
    indexer: row.indexer,
    progress: 0,
    retryCount: 0,
  };
}

queueRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "One page of the queue (active downloads, pending grabs and imports, failing items)",
    request: {
      query: z.object({
        ...pagingQuery(QUEUE_SORT_KEYS, "timeleft"),
        includeMovie: queryBoolean.optional(),
        movieId: z.coerce.number().int().positive().optional(),
        protocol: z.enum(["torrent", "usenet"]).optional(),
      }),
    },
    responses: {
      200: jsonContent(pageEnvelope(queueRecordSchema, "QueuePage"), "A page of the queue"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const db = c.get("db");
    const direction: "ascending" | "descending" = query.sortDirection === "descending" ? "descending" : "ascending";
    // Pending releases come first (Radarr lists them with the downloads), then the downloads.
    const pending = (await pendingQueue(db, query.movieId)).filter(
      (p) => !query.protocol || p.row.protocol === query.protocol,
    );
    const start = (query.page - 1) * query.pageSize;
    const pendingPage = pending.slice(start, start + query.pageSize);
    const [{ rows, total }, formatNames] = await Promise.all([
      queue(db).page({
        ...query,
        sortDirection: direction,
        offset: Math.max(0, start - pending.length),
        limit: query.pageSize - pendingPage.length,
      }),
      customFormatNames(db),
    ]);
    const now = clock.now();
    const records = [
      ...pendingPage.map((item) => pendingRecord(item, formatNames, now)),
      ...rows.map(({ row, clientName }) => record(row, clientName, formatNames, now)),
    ];
    if (query.includeMovie) await attachMovies(db, records, now);
    return c.json(
      {
        page: query.page,
        pageSize: query.pageSize,
        sortKey: query.sortKey,
        sortDirection: direction,
        totalRecords: total + pending.length,
        records,
      },
      200,
    );
  },
);

/** How many items are queued and whether any have warnings or errors. */
export const queueStatusSchema = z
  .object({
    /** Radarr's resource id; the status is one resource, always 0. */
    id: z.number().int(),
    totalCount: z.number().int(),
    count: z.number().int(),
    unknownCount: z.number().int(),
    errors: z.boolean(),
    warnings: z.boolean(),
    unknownErrors: z.boolean(),
    unknownWarnings: z.boolean(),
  })
  .openapi("QueueStatus");

queueRouter.openapi(
  createRoute({
    method: "get",
    path: "/status",
    tags,
    summary: "How many items are queued and whether any have warnings or errors",
    responses: {
      200: jsonContent(queueStatusSchema, "Queue status"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const [counts, pending] = await Promise.all([queue(c.get("db")).counts(), pendingQueue(c.get("db"))]);
    return c.json(
      {
        id: 0,
        totalCount: counts.total + pending.length,
        count: counts.total + pending.length,
        unknownCount: 0,
        errors: counts.errors > 0,
        warnings: counts.warnings > 0,
        unknownErrors: false,
        unknownWarnings: false,
      },
      200,
    );
  },
);

export const removalQuery = z.object({
  removeFromClient: queryBoolean.default(true),
  blocklist: queryBoolean.default(false),
  skipRedownload: queryBoolean.default(false),
});

queueRouter.openapi(
  createRoute({
    method: "delete",
    path: "/bulk",
    tags,
    summary: "Remove several queue items (same options as removing one)",
    request: { query: removalQuery, body: jsonBody(idsBodySchema) },
    responses: { 200: jsonContent(z.object({}), "Removed"), ...errorResponses },
  }),
  async (c) => {
    const { ids } = c.req.valid("json");
    const removal = c.req.valid("query");
    const db = c.get("db");
    const rows = await queue(db).withIds(ids);
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw resourceNotFound(`Queue items ${missing.join(", ")}`);
    const work = downloadWork(requestContext(c));
    for (const row of rows) await removeFromQueue(work, row, removal);
    return c.json({}, 200);
  },
);

queueRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Remove a queue item: from the client (removeFromClient), onto the blocklist (blocklist)",
    request: { params: idParamSchema, query: removalQuery },
    responses: { 200: jsonContent(z.object({}), "Removed"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const db = c.get("db");
    const row = await queue(db).get(id);
    if (!row) {
      await removePending(db, id, c.req.valid("query").blocklist);
      return c.json({}, 200);
    }
    await removeFromQueue(downloadWork(requestContext(c)), row, c.req.valid("query"));
    return c.json({}, 200);
  },
);

queueRouter.openapi(
  createRoute({
    method: "get",
    path: "/details",
    tags,
    summary: "Every queue item (of one movie), pending (delayed) releases included, unpaged",
    request: {
      query: z.object({
        movieId: z.coerce.number().int().positive().optional(),
        includeMovie: queryBoolean.optional(),
      }),
    },
    responses: { 200: jsonContent(z.array(queueRecordSchema), "Queue items"), ...errorResponses },
  }),
  async (c) => {
    const { movieId, includeMovie } = c.req.valid("query");
    const db = c.get("db");
    const [pending, rows, formatNames] = await Promise.all([
      pendingQueue(db, movieId),
      queue(db).list(movieId),
      customFormatNames(db),
    ]);
    const now = clock.now();
    const records = [
      ...pending.map((item) => pendingRecord(item, formatNames, now)),
      ...rows.map(({ row, clientName }) => record(row, clientName, formatNames, now)),
    ];
    if (includeMovie) await attachMovies(db, records, now);
    return c.json(records, 200);
  },
);

queueRouter.openapi(
  createRoute({
    method: "post",
    path: "/grab/bulk",
    tags,
    summary: "Grab several pending (delayed) releases now",
    request: { body: jsonBody(idsBodySchema) },
    responses: { 200: jsonContent(z.object({}), "Grabbed"), ...errorResponses },
  }),
  async (c) => {
    const { ids } = c.req.valid("json");
    const ctx = requestContext(c);
    for (const id of ids) await grabPendingNow(ctx, id);
    return c.json({}, 200);
  },
);

queueRouter.openapi(
  createRoute({
    method: "post",
    path: "/grab/{id}",
    tags,
    summary: "Grab a pending (delayed) release now, without waiting for its delay",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Grabbed"), ...errorResponses },
  }),
  async (c) => {
    await grabPendingNow(requestContext(c), c.req.valid("param").id);
    return c.json({}, 200);
  },
);
