import { createRoute, z } from "@hono/zod-openapi";
import { FAILURE_KINDS } from "../domain/failures/kinds";
import { DOWNLOAD_FAILURE_HANDLING, RETRY_POLICIES } from "../domain/failures/policies";
import { downloadFailures } from "../services/downloadFailures";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";
import { qualityModel, qualityModelSchema } from "./schemas/download";

/** Recent download failures for the site's failures view: kind, message, movie, release, retries. */
export const failureRouter = createRouter();
const tags = ["Failures"];

const STATES = ["retrying", "failed", "deadLettered", "recovered"] as const;

const failureSchema = z
  .object({
    id: z.number().int().openapi({ description: "The queue item" }),
    movieId: z.number().int(),
    movieTitle: z.string(),
    movieYear: z.number().int(),
    title: z.string().openapi({ description: "The release" }),
    indexer: z.string(),
    protocol: z.enum(["torrent", "usenet"]),
    quality: qualityModelSchema,
    downloadClient: z.string(),
    downloadId: z.string().optional(),
    failureKind: z.enum(FAILURE_KINDS),
    owner: z.enum(["release", "ours", "upstream"]),
    message: z.string(),
    retryCount: z.number().int(),
    maxRetries: z.number().int(),
    nextRetryAt: z.string().optional(),
    state: z.enum(STATES),
    trackedDownloadState: z.string(),
    blocklisted: z.boolean(),
    grabbedAt: z.string(),
    date: z.string(),
  })
  .openapi("DownloadFailure");

/** A page of download failures, with counts per kind over all of them. */
export const failurePageSchema = z
  .object({
    page: z.number().int(),
    pageSize: z.number().int(),
    totalRecords: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    records: z.array(failureSchema),
  })
  .openapi("DownloadFailurePage");

failureRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Downloads that failed or are being retried, newest first, with counts per failure kind",
    request: {
      query: z.object({
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(500).default(50),
        kind: z.enum(FAILURE_KINDS).optional(),
        movieId: z.coerce.number().int().positive().optional(),
      }),
    },
    responses: {
      200: jsonContent(failurePageSchema, "Failures"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const { rows, totalRecords, counts } = await downloadFailures(c.get("db"), query);
    const records = rows.map(({ row, movieTitle, movieYear, clientName, blocklisted }) => {
      const kind = row.failureKind as (typeof FAILURE_KINDS)[number];
      const state: (typeof STATES)[number] = row.deadLetteredAt
        ? "deadLettered"
        : ["failed", "failedPending", "removed"].includes(row.trackedDownloadState)
          ? "failed"
          : row.nextRetryAt
            ? "retrying"
            : "recovered";
      return {
        id: row.id,
        movieId: row.movieId,
        movieTitle,
        movieYear,
        title: row.title,
        indexer: row.indexer,
        protocol: row.protocol,
        quality: qualityModel(row.quality),
        downloadClient: clientName,
        ...(row.downloadId ? { downloadId: row.downloadId } : {}),
        failureKind: kind,
        owner: DOWNLOAD_FAILURE_HANDLING[kind].owner,
        message: row.errorMessage ?? "",
        retryCount: row.retryCount,
        maxRetries: RETRY_POLICIES[kind].maxRetries,
        ...(row.nextRetryAt ? { nextRetryAt: row.nextRetryAt } : {}),
        state,
        trackedDownloadState: row.trackedDownloadState,
        blocklisted: Boolean(blocklisted),
        grabbedAt: row.grabbedAt,
        date: row.updatedAt,
      };
    });
    return c.json(
      {
        page: query.page,
        pageSize: query.pageSize,
        totalRecords,
        counts: Object.fromEntries(counts.map((k) => [k.kind ?? "unknown", k.count])),
        records,
      },
      200,
    );
  },
);
