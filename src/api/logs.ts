import { createRoute, z } from "@hono/zod-openapi";
import { type LogFile, logFiles, logFileText, logPage, updateLogFiles, updateLogFileText } from "../services/logs";
import { VALID_CORRELATION_ID } from "./middleware/correlation";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/**
 * Radarr's /api/v3/log and log files, from the app's own log store (src/services/logs.ts): a
 * "file" is one UTC day of records rendered as Radarr's log lines; update log files are the
 * deploy history.
 */
export const logRouter = createRouter();
const tags = ["Log"];

const logRecordSchema = z
  .object({
    id: z.number().int(),
    time: z.string(),
    exception: z.string().nullable(),
    exceptionType: z.string().nullable(),
    level: z.enum(["info", "warn", "error"]),
    logger: z.string(),
    message: z.string(),
    method: z.string().nullable(),
    correlationId: z
      .string()
      .nullable()
      .openapi({ description: "Not in Radarr: the X-Correlation-Id of the request that logged it" }),
  })
  .openapi("LogRecord");

export const logPageSchema = z
  .object({
    page: z.number().int(),
    pageSize: z.number().int(),
    sortKey: z.literal("time"),
    sortDirection: z.enum(["ascending", "descending"]),
    totalRecords: z.number().int(),
    records: z.array(logRecordSchema),
  })
  .openapi("LogPage");

export const logFileSchema = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    lastWriteTime: z.string(),
    contentsUrl: z.string(),
    downloadUrl: z.string(),
  })
  .openapi("LogFile");

logRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "One page of the log store (warnings, errors, commands), newest first by default",
    request: {
      query: z.object({
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(1000).default(10),
        // Radarr sorts by time as by id (the order records were written).
        sortKey: z.enum(["time", "id"]).default("time"),
        sortDirection: z.enum(["ascending", "descending", "default"]).default("default"),
        level: z
          .enum(["fatal", "error", "warn", "info", "debug", "trace"])
          .optional()
          .openapi({ description: "This level and those above it" }),
        filter: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .optional()
          .openapi({ description: "Not in Radarr: only records whose message or logger contains this text" }),
        correlationId: z
          .string()
          .regex(VALID_CORRELATION_ID, "correlationId must be 1–128 letters, digits or . _ : -")
          .optional()
          .openapi({ description: "Not in Radarr: only the records of the request with this X-Correlation-Id" }),
      }),
    },
    responses: { 200: jsonContent(logPageSchema, "A page of log records"), ...errorResponses },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const sortDirection = query.sortDirection === "ascending" ? ("ascending" as const) : ("descending" as const);
    const { rows, totalRecords } = await logPage(c.get("db"), { ...query, sortDirection });
    return c.json(
      {
        page: query.page,
        pageSize: query.pageSize,
        sortKey: "time" as const,
        sortDirection,
        totalRecords,
        records: rows.map((row) => ({ ...row, exceptionType: null, method: null })),
      },
      200,
    );
  },
);

/** Radarr's LogFileResource list, numbered in order, newest first. */
const fileList = (files: LogFile[], base: string) =>
  files.map((file, index) => ({
    id: index + 1,
    ...file,
    contentsUrl: `${base}/${file.filename}`,
    downloadUrl: `${base}/${file.filename}`,
  }));

const filenameParam = z.object({
  filename: z
    .string()
    .regex(/^[-.a-zA-Z0-9]+\.txt$/, "filename must be a log file name (letters, digits, dots, dashes; .txt)")
    .openapi({ param: { name: "filename", in: "path" }, example: "radarr.2026-12-07.txt" }),
});
const textContent = (description: string) => ({ content: { "text/plain": { schema: z.string() } }, description });

logRouter.openapi(
  createRoute({
    method: "get",
    path: "/file",
    tags,
    summary: "Log files: one per UTC day of the log store",
    responses: { 200: jsonContent(z.array(logFileSchema), "Log files"), ...errorResponses },
  }),
  async (c) => c.json(fileList(await logFiles(c.get("db")), "/api/v3/log/file"), 200),
);

// Before /file/{filename}: "update" is no file name.
logRouter.openapi(
  createRoute({
    method: "get",
    path: "/file/update",
    tags,
    summary: "Update log files: one per deployment the app has seen running",
    responses: { 200: jsonContent(z.array(logFileSchema), "Update log files"), ...errorResponses },
  }),
  async (c) => c.json(fileList(await updateLogFiles(c.env, c.get("db")), "/api/v3/log/file/update"), 200),
);

logRouter.openapi(
  createRoute({
    method: "get",
    path: "/file/update/{filename}",
    tags,
    request: { params: filenameParam },
    responses: { 200: textContent("The update log file"), ...errorResponses },
  }),
  async (c) => c.text(await updateLogFileText(c.env, c.get("db"), c.req.valid("param").filename), 200),
);

logRouter.openapi(
  createRoute({
    method: "get",
    path: "/file/{filename}",
    tags,
    request: { params: filenameParam },
    responses: { 200: textContent("The day's log, as Radarr's log lines"), ...errorResponses },
  }),
  async (c) => c.text(await logFileText(c.get("db"), c.req.valid("param").filename), 200),
);
