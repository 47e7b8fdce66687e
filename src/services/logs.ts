import type { Env } from "../config";
import { createDatabase, type Database } from "../db/client";
import { type LogLevel, type LogRow, logRepository } from "../db/repositories/logs";
import { resourceNotFound } from "../domain/failures/failure";
import { takeLogRecords } from "../observability/logRecords";
import { type Deployment, deployHistory } from "./updates";

/**
 * The app's own log store (Radarr's /api/v3/log and log files): warnings, errors and commands'
 * info records, redacted by the logger (src/observability/logger.ts), written to D1 by each
 * isolate after its request, cron run or queue batch, and bounded by the Housekeeping task.
 */

/** Records kept: the Housekeeping task deletes older ones. */
const LOG_RETENTION_ROWS = 10_000;

/** Writes this isolate's gathered records to D1; a failed write is reported on the console only. */
export async function flushLogs(env: Env): Promise<void> {
  const { records, dropped } = takeLogRecords();
  if (records.length === 0) return;
  if (dropped > 0) {
    records.push({
      time: records[records.length - 1].time,
      level: "warn",
      logger: "Worker",
      message: `${dropped} log records were dropped before they could be stored`,
      exception: null,
      correlationId: null,
    });
  }
  try {
    await logRepository(createDatabase(env.DB)).append(records);
  } catch (error) {
    // Not through the logger: a failing store must not feed itself.
    console.error(JSON.stringify({ level: "error", message: "log store write failed", error: String(error) }));
  }
}

/** Keeps the newest LOG_RETENTION_ROWS records; returns how many were deleted. */
export const pruneLogs = (db: Database) => logRepository(db).prune(LOG_RETENTION_ROWS);

// Radarr's level filter: a level and every level above it.
const AT_LEAST: Record<string, LogLevel[] | undefined> = {
  fatal: [],
  error: ["error"],
  warn: ["warn", "error"],
  info: undefined,
  debug: undefined,
  trace: undefined,
};

export interface LogPageRequest {
  page: number;
  pageSize: number;
  sortDirection: "ascending" | "descending";
  level?: string;
  filter?: string;
  correlationId?: string;
}

export function logPage(db: Database, request: LogPageRequest) {
  const levels = request.level ? AT_LEAST[request.level.toLowerCase()] : undefined;
  return logRepository(db).page({ ...request, levels });
}

/** A log file: one per UTC day of the store, named as Radarr's file names are matched (`*.txt`). */
export interface LogFile {
  filename: string;
  lastWriteTime: string;
}

const FILE_PREFIX = "radarr.";
const DAY_FILE = /^radarr\.(\d{4}-\d{2}-\d{2})\.txt$/;

export async function logFiles(db: Database): Promise<LogFile[]> {
  const days = await logRepository(db).days();
  return days.map(({ day, last }) => ({ filename: `${FILE_PREFIX}${day}.txt`, lastWriteTime: last }));
}

const LEVEL_NAMES: Record<LogLevel, string> = { info: "Info", warn: "Warn", error: "Error" };

/** One record as Radarr's file layout writes it: `yyyy-MM-dd HH:mm:ss.f|Level|Logger|Message`. */
function fileLine(row: LogRow): string {
  const time = `${row.time.slice(0, 10)} ${row.time.slice(11, 21)}`;
  const line = `${time}|${LEVEL_NAMES[row.level]}|${row.logger}|${row.message}`;
  return row.exception ? `${line}\n\n${row.exception}\n` : line;
}

/** A day's log file as text; 404 for a name that is not one of the store's days. */
export async function logFileText(db: Database, filename: string): Promise<string> {
  const day = DAY_FILE.exec(filename)?.[1];
  const rows = day ? await logRepository(db).forDay(day) : [];
  if (rows.length === 0) throw resourceNotFound(`Log file ${filename}`);
  return `${rows.map(fileLine).join("\n")}\n`;
}

/** The update log files: one per deployment the app has seen running, newest first. */
const updateFileName = (d: Deployment) => `radarr.update.${d.installedOn.slice(0, 19).replace(/[T:]/g, "-")}.txt`;

export async function updateLogFiles(env: Env, db: Database): Promise<LogFile[]> {
  const history = await deployHistory(env, db);
  return history.map((d) => ({ filename: updateFileName(d), lastWriteTime: d.installedOn })).reverse();
}

export async function updateLogFileText(env: Env, db: Database, filename: string): Promise<string> {
  const deployment = (await deployHistory(env, db)).find((d) => updateFileName(d) === filename);
  if (!deployment) throw resourceNotFound(`Update log file ${filename}`);
  const time = `${deployment.installedOn.slice(0, 10)} ${deployment.installedOn.slice(11, 21)}`;
  const id = deployment.versionId
    ? ` (Worker version ${deployment.versionId}${deployment.tag ? `, tag ${deployment.tag}` : ""})`
    : "";
  return [
    `${time}|Info|UpdateHistory|Version ${deployment.version}${id} uploaded ${deployment.releaseDate}`,
    `${time}|Info|UpdateHistory|Version ${deployment.version} first seen running ${deployment.installedOn}`,
    "",
  ].join("\n");
}
