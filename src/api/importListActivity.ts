import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { importListActivityRepository, importListRepository } from "../db/repositories/importLists";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { parseImdbCsv } from "../domain/lists/sources/imdb";
import { listSyncStub } from "../jobs/listSyncQueue";
import type { AppEnv } from "./context";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/**
 * What the import lists did, beside their provider routes: each list's syncs and items, the lists
 * behind a movie, the sync jobs on the queue, and a sync from an uploaded IMDb CSV.
 */
export const importListActivityRouter = createRouter();
const tags = ["ImportList"];

async function savedList(c: Context<AppEnv>, id: number) {
  const list = await importListRepository(c.get("db")).get(id);
  if (!list) throw resourceNotFound(`Import list ${id}`);
  return list;
}

export const runSchema = z
  .object({
    id: z.number().int(),
    listId: z.number().int(),
    trigger: z.string(),
    status: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    found: z.number().int(),
    added: z.number().int(),
    updated: z.number().int(),
    removed: z.number().int(),
    excluded: z.number().int(),
    existing: z.number().int(),
    streamingSkipped: z.number().int(),
    streamingUnmonitored: z.number().int(),
    upstreamRequests: z.number().int(),
    unchanged: z.boolean(),
    rowsWritten: z.number().int(),
    errors: z.array(z.object({ kind: z.string(), message: z.string() })),
  })
  .openapi("ListSyncRun");

importListActivityRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}/history",
    tags,
    summary: "The list's syncs, newest first",
    request: { params: idParamSchema, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
    responses: { 200: jsonContent(z.array(runSchema), "Sync history"), ...errorResponses },
  }),
  async (c) => {
    const list = await savedList(c, c.req.valid("param").id);
    return c.json(await importListActivityRepository(c.get("db")).runs(list.id, c.req.valid("query").limit), 200);
  },
);

/** What became of a list's item: the list_items status column. */
const listItemStatusSchema = z.enum(["pending", "imported", "existing", "excluded", "unresolved", "streaming"]);

const itemSchema = z
  .object({
    id: z.number().int(),
    tmdbId: z.number().int().nullable(),
    imdbId: z.string().nullable(),
    title: z.string(),
    year: z.number().int(),
    status: listItemStatusSchema,
    movieId: z.number().int().nullable(),
    firstSeenAt: z.string(),
  })
  .openapi("ListItem");

/** Which page of a list's items, optionally only those in one status. */
export const listItemQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  status: listItemStatusSchema.optional(),
});

/** A page of a list's items. */
export const listItemPageSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  totalRecords: z.number().int(),
  records: z.array(itemSchema),
});

importListActivityRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}/items",
    tags,
    summary: "What the list holds and what became of each item (paged)",
    request: {
      params: idParamSchema,
      query: listItemQuerySchema,
    },
    responses: {
      200: jsonContent(listItemPageSchema, "Items"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const list = await savedList(c, c.req.valid("param").id);
    const query = c.req.valid("query");
    const { records, totalRecords } = await importListActivityRepository(c.get("db")).items(list.id, query);
    return c.json({ page: query.page, pageSize: query.pageSize, totalRecords, records }, 200);
  },
);

/** The lists that added or hold a movie. */
export const provenanceSchema = z
  .array(z.object({ listId: z.number().int(), listName: z.string(), kind: z.string(), at: z.string() }))
  .openapi("MovieProvenance");

importListActivityRouter.openapi(
  createRoute({
    method: "get",
    path: "/provenance/{id}",
    tags,
    summary: "Which lists added or hold a movie (id is the movie id)",
    request: { params: idParamSchema },
    responses: {
      200: jsonContent(provenanceSchema, "Provenance"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const rows = await importListActivityRepository(c.get("db")).provenance(c.req.valid("param").id);
    return c.json(rows, 200);
  },
);

/** Recent list sync jobs on the queue. */
export const listSyncJobsSchema = z.array(
  z.object({
    id: z.number().int(),
    listId: z.number().int(),
    status: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    failureKind: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    enqueuedAt: z.string(),
    updatedAt: z.string(),
  }),
);

importListActivityRouter.openapi(
  createRoute({
    method: "get",
    path: "/jobs",
    tags,
    summary: "Recent sync jobs on the queue, with retries and dead letters",
    responses: {
      200: jsonContent(listSyncJobsSchema, "Jobs"),
      ...errorResponses,
    },
  }),
  async (c) => c.json(await importListActivityRepository(c.get("db")).recentJobs(100), 200),
);

// IMDb exports of big lists run to a few MB; the app-wide body limit (1 MiB) is raised here only.
export const MAX_CSV_BYTES = 8 * 1024 * 1024;

/** What syncing a list from an uploaded IMDb CSV did. */
export const csvSyncResultSchema = runSchema
  .omit({ id: true, listId: true, trigger: true, startedAt: true, endedAt: true })
  .extend({ runId: z.number().int(), skipped: z.number().int() });

importListActivityRouter.openapi(
  createRoute({
    method: "post",
    path: "/{id}/csv",
    tags,
    summary: "Sync an IMDbCsvImport list from an uploaded IMDb CSV export (request body: the file, text/csv)",
    request: { params: idParamSchema },
    responses: {
      200: jsonContent(csvSyncResultSchema, "Synced"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const list = await savedList(c, c.req.valid("param").id);
    if (list.implementation !== "IMDbCsvImport")
      throw invalidInput("path.id", "CSV uploads go to IMDbCsvImport lists only");
    const text = await c.req.text();
    if (!text.trim()) throw invalidInput("body", "the CSV file is empty");
    let parsed: ReturnType<typeof parseImdbCsv>;
    try {
      parsed = parseImdbCsv(text);
    } catch (error) {
      throw invalidInput("body", (error as Error).message);
    }
    const result = await listSyncStub(c.env, list.id).syncItems(list.id, parsed.items);
    if (!result.ok) throw new Failure("upstreamError", `The sync failed: ${result.message}`);
    const o = result.outcome;
    return c.json(
      {
        runId: o.runId,
        status: o.status,
        durationMs: o.durationMs,
        found: o.found,
        added: o.added,
        updated: o.updated,
        removed: o.removed,
        excluded: o.excluded,
        existing: o.existing,
        streamingSkipped: o.streamingSkipped,
        streamingUnmonitored: o.streamingUnmonitored,
        upstreamRequests: o.upstreamRequests,
        unchanged: o.unchanged,
        rowsWritten: o.rowsWritten,
        errors: o.errors,
        skipped: parsed.skipped,
      },
      200,
    );
  },
);
