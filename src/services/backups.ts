import { z } from "zod";
import * as clock from "../clock";
import { APP_VERSION } from "../config";
import type { Database } from "../db/client";
import { type BackupRow, type BackupType, backupRepository, libraryExport } from "../db/repositories/backups";
import { appliedMigrationCount } from "../db/repositories/migrations";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";

/**
 * Backups: an export of the library's D1 tables as one JSON document (credentials stay as
 * stored: encrypted with ENCRYPTION_KEY), kept in D1 in chunks under its row size limit, made by
 * the Backup command (by hand, and weekly by the schedule) and restored in one D1 batch.
 */

const FORMAT = "radarr-edge-backup";
const FORMAT_VERSION = 1;
// Characters a stored chunk holds: at most 1.5 MB of UTF-8, under D1's 2 MB row limit.
const CHUNK_CHARS = 500_000;
// Characters of rows one restore statement binds (one JSON parameter): at most 1.8 MB of UTF-8, under the 2 MB D1 value limit.
const PART_BYTES = 600_000;
/** Backups kept of each type; the oldest beyond go when a new one is made. */
const KEEP: Record<BackupType, number> = { scheduled: 4, manual: 10, update: 4 };
/** How often the schedule makes a backup (Radarr's default: weekly). */
export const SCHEDULED_BACKUP_DAYS = 7;
/** The largest backup file POST /system/backup/restore/upload takes. */
export const MAX_BACKUP_UPLOAD_BYTES = 32 * 1024 * 1024;

const backupDocument = z.object({
  format: z.literal(FORMAT, { message: `not a Radarr Edge backup (format must be "${FORMAT}")` }),
  formatVersion: z.literal(FORMAT_VERSION, {
    message: `unsupported backup format version (this app reads ${FORMAT_VERSION})`,
  }),
  appVersion: z.string(),
  migrations: z.number().int().min(0),
  created: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
type BackupDocument = z.infer<typeof backupDocument>;

const pad = (n: number) => String(n).padStart(2, "0");
function backupName(now: Date): string {
  const date = `${now.getUTCFullYear()}.${pad(now.getUTCMonth() + 1)}.${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}.${pad(now.getUTCMinutes())}.${pad(now.getUTCSeconds())}`;
  return `radarr_backup_v${APP_VERSION}_${date}_${time}_${String(now.getUTCMilliseconds()).padStart(3, "0")}.json`;
}

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK_CHARS) out.push(text.slice(i, i + CHUNK_CHARS));
  return out.length ? out : [""];
}

export function backupService(db: Database) {
  const repo = backupRepository(db);

  async function find(id: number): Promise<BackupRow> {
    const row = await repo.get(id);
    if (!row) throw resourceNotFound(`Backup ${id}`);
    return row;
  }

  return {
    list: () => repo.list(),

    /** Exports the library, stores it, and drops the oldest backups of its type beyond KEEP. */
    async create(type: BackupType): Promise<BackupRow> {
      const library = libraryExport(db);
      const tables = await library.libraryTables();
      const document: BackupDocument = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        appVersion: APP_VERSION,
        migrations: await appliedMigrationCount(db),
        created: clock.nowIso(),
        tables: {},
      };
      for (const table of tables.keys()) document.tables[table] = await library.tableRows(table);
      const text = JSON.stringify(document);
      const row = await repo.save(
        {
          name: backupName(clock.nowDate()),
          type,
          size: new TextEncoder().encode(text).length,
          time: document.created,
        },
        chunks(text),
      );
      const ofType = (await repo.list()).filter((b) => b.type === type);
      for (const old of ofType.slice(KEEP[type])) await repo.delete(old.id);
      return row;
    },

    /** Whether the schedule is due a backup: none yet, or the last is SCHEDULED_BACKUP_DAYS old. */
    async scheduledDue(): Promise<boolean> {
      const last = (await repo.list()).find((b) => b.type === "scheduled");
      return !last || clock.now() - Date.parse(last.time) >= SCHEDULED_BACKUP_DAYS * 86_400_000 - 3_600_000;
    },

    /** The stored backup's text (a JSON document). */
    async text(id: number): Promise<{ row: BackupRow; text: string }> {
      const row = await find(id);
      return { row, text: await repo.text(id) };
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Backup ${id}`);
    },

    /** Restores a stored backup: the library is replaced by it, all at once. */
    async restore(id: number): Promise<RestoreOutcome> {
      await find(id);
      return restoreText(db, await repo.text(id), "backup");
    },

    /** Restores an uploaded backup file (its text); 400 naming what is wrong with it. */
    restoreUpload: (text: string) => restoreText(db, text, "file"),
  };
}

export interface RestoreOutcome {
  tables: number;
  rows: number;
}

function parseDocument(text: string, what: string): BackupDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidInput(what, "is not JSON: a backup file is the JSON document GET /system/backup's backups hold");
  }
  const parsed = backupDocument.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput([what, ...issue.path].join("."), issue.message);
  }
  return parsed.data;
}

async function restoreText(db: Database, text: string, what: string): Promise<RestoreOutcome> {
  const document = parseDocument(text, what);
  const library = libraryExport(db);
  const [tables, migrations] = await Promise.all([library.libraryTables(), appliedMigrationCount(db)]);
  if (document.migrations > migrations) {
    throw invalidInput(
      `${what}.migrations`,
      `the backup was made by a newer schema (${document.migrations} migrations; this app has ${migrations}): upgrade first`,
    );
  }
  const parts: { table: string; columns: string[]; json: string }[] = [];
  let rows = 0;
  for (const [table, records] of Object.entries(document.tables)) {
    const known = tables.get(table);
    if (!known) throw invalidInput(`${what}.tables.${table}`, "is not a table of the library");
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const unknown = columns.find((c) => !known.includes(c));
    if (unknown) throw invalidInput(`${what}.tables.${table}.${unknown}`, "is not a column of the table");
    parts.push(...restoreParts(table, columns, records));
    rows += records.length;
  }
  try {
    await library.replace(tables, parts);
  } catch (error) {
    const message = (error as Error).message.replace(/^D1_ERROR:\s*/, "");
    throw new Failure("invalidInput", `Validation failed: ${what}: the rows do not fit the library (${message})`, {
      fields: [{ path: what, message: `the rows do not fit the library: ${message}` }],
    });
  }
  return { tables: Object.keys(document.tables).length, rows };
}

/** A table's rows as JSON arrays of at most PART_BYTES each (one insert statement apiece). */
function restoreParts(table: string, columns: string[], records: Record<string, unknown>[]) {
  const parts: { table: string; columns: string[]; json: string }[] = [];
  let batch: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length) parts.push({ table, columns, json: `[${batch.join(",")}]` });
    batch = [];
    bytes = 0;
  };
  for (const record of records) {
    const json = JSON.stringify(record);
    if (bytes + json.length > PART_BYTES) flush();
    batch.push(json);
    bytes += json.length + 1;
  }
  flush();
  return parts;
}
