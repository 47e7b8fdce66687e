/**
 * The records the app keeps in its log store (Radarr's /api/v3/log): warnings, errors and the
 * info records of commands, already redacted by the logger. Each isolate gathers them here and
 * writes them to D1 after its request, cron run or queue batch (src/services/logs.ts): a buffer of
 * this isolate's unwritten records, not shared state.
 */
export interface LogRecord {
  time: string;
  level: "info" | "warn" | "error";
  /** Where it comes from, as Radarr names its loggers: the command, or Api / ImportList / Worker. */
  logger: string;
  message: string;
  exception: string | null;
  /** The request's correlation id (X-Correlation-Id) when a request logged it. */
  correlationId: string | null;
}

// Unwritten records an isolate holds at most; older ones are dropped first (counted in the next write).
const MAX_PENDING = 500;
const pending: LogRecord[] = [];
let dropped = 0;

// Fields every line carries, that name the logger or have their own column: not repeated in the message.
const QUIET_FIELDS = new Set(["app", "error", "command", "correlationId"]);

function loggerName(fields: Record<string, unknown>): string {
  if (typeof fields.command === "string") return fields.command;
  if (fields.correlationId !== undefined) return "Api";
  if (fields.listId !== undefined) return "ImportList";
  return "Worker";
}

function describe(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Keeps a log line for the store when it is a warning, an error or a command's info record. */
export function keepLogRecord(
  level: "debug" | "info" | "warn" | "error",
  time: string,
  message: string,
  fields: Record<string, unknown>,
): void {
  if (level === "debug" || (level === "info" && typeof fields.command !== "string")) return;
  const details = Object.entries(fields)
    .filter(([key, value]) => !QUIET_FIELDS.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${describe(value)}`);
  if (pending.length >= MAX_PENDING) {
    pending.shift();
    dropped++;
  }
  pending.push({
    time,
    level,
    logger: loggerName(fields),
    message: details.length ? `${message} (${details.join(", ")})` : message,
    exception: fields.error === undefined ? null : describe(fields.error),
    correlationId: typeof fields.correlationId === "string" ? fields.correlationId : null,
  });
}

/** Whether this isolate holds unwritten records (or dropped some since the last take). */
export const hasLogRecords = () => pending.length > 0 || dropped > 0;

/** Takes this isolate's unwritten records, and how many were dropped since the last take. */
export function takeLogRecords(): { records: LogRecord[]; dropped: number } {
  const taken = { records: pending.splice(0), dropped };
  dropped = 0;
  return taken;
}
