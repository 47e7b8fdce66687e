import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { invalidInput } from "../domain/failures/failure";
import { backupService, MAX_BACKUP_UPLOAD_BYTES } from "../services/backups";
import type { AppEnv } from "./context";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/**
 * Radarr's /api/v3/system/backup: backups are exports of the library's D1 tables (JSON), made by
 * the Backup command; a restore replaces the library in one D1 batch (src/services/backups.ts).
 */
export const backupRouter = createRouter();
const tags = ["Backup"];

const backupSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    /** Where the backup downloads from (Radarr's is its file under /backup). */
    path: z.string(),
    type: z.enum(["scheduled", "manual", "update"]),
    size: z.number().int(),
    time: z.string(),
  })
  .openapi("Backup");

const restoreSchema = z
  .object({
    /** Radarr restarts to read a restored database; D1 serves the restored library at once. */
    restartRequired: z.boolean(),
    /** Not in Radarr: what was restored. */
    tables: z.number().int(),
    rows: z.number().int(),
  })
  .openapi("BackupRestore");

backupRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Backups, newest first (POST /command {name: Backup} makes one)",
    responses: { 200: jsonContent(z.array(backupSchema), "Backups"), ...errorResponses },
  }),
  async (c) => {
    const rows = await backupService(c.get("db")).list();
    return c.json(
      rows.map((row) => ({ ...row, path: `/api/v3/system/backup/${row.id}/download` })).map(({ chunks: _, ...b }) => b),
      200,
    );
  },
);

backupRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}/download",
    tags,
    summary: "The backup file (JSON), to keep elsewhere or upload to another Radarr Edge",
    request: { params: idParamSchema },
    responses: {
      200: { content: { "application/octet-stream": { schema: z.string() } }, description: "The backup (a JSON file)" },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { row, text } = await backupService(c.get("db")).text(c.req.valid("param").id);
    return c.body(text, 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${row.name}"`,
    });
  },
);

backupRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
  }),
  async (c) => {
    await backupService(c.get("db")).remove(c.req.valid("param").id);
    return c.json({}, 200);
  },
);

/** The uploaded backup's text: the multipart form's file (Radarr's form), or the JSON body itself. */
async function uploadedText(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await c.req.formData().catch(() => {
      throw invalidInput("file", "the multipart form could not be read");
    });
    const file = [...form.values()].find((value): value is File => typeof value !== "string");
    if (!file) throw invalidInput("file", "file must be provided");
    if (!file.name.toLowerCase().endsWith(".json")) {
      throw invalidInput("file", `must be a Radarr Edge backup (.json), not ${file.name}`);
    }
    return file.text();
  }
  if (type.startsWith("application/json")) return c.req.text();
  throw invalidInput("file", "send the backup as multipart/form-data (a .json file) or as an application/json body");
}

backupRouter.openapi(
  createRoute({
    method: "post",
    path: "/restore/upload",
    tags,
    summary: `Replace the library with an uploaded backup (multipart file or JSON body, at most ${MAX_BACKUP_UPLOAD_BYTES / 1024 / 1024} MiB)`,
    responses: { 200: jsonContent(restoreSchema, "Restored"), ...errorResponses },
  }),
  async (c) => {
    const outcome = await backupService(c.get("db")).restoreUpload(await uploadedText(c));
    return c.json({ restartRequired: false, ...outcome }, 200);
  },
);

// After /restore/upload: "upload" is no id.
backupRouter.openapi(
  createRoute({
    method: "post",
    path: "/restore/{id}",
    tags,
    summary: "Replace the library with a stored backup, all at once",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(restoreSchema, "Restored"), ...errorResponses },
  }),
  async (c) => {
    const outcome = await backupService(c.get("db")).restore(c.req.valid("param").id);
    return c.json({ restartRequired: false, ...outcome }, 200);
  },
);
