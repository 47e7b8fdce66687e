import * as clock from "../clock";
import { keepLogRecord } from "./logRecords";

/** Structured JSON logs; every line carries the request's correlation id when there is one. */
type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

// Field names whose values must never reach a log line.
const SECRET_FIELD = /(api[-_]?key|apikey|token|secret|password|passkey|authorization|cookie)/i;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(key)) out[key] = "[redacted]";
    else if (typeof value === "string") out[key] = redactUrl(value);
    else out[key] = value;
  }
  return out;
}

/**
 * Strips credential query parameters (api_key, apikey, passkey, token) from a URL-ish string,
 * also inside a percent-encoded URL carried as a parameter (a download client's `name=` link).
 */
export function redactUrl(text: string): string {
  return text
    .replace(/([?&](?:api_?key|apikey|passkey|token|access_token)=)[^&\s]*/gi, "$1[redacted]")
    .replace(/((?:%3F|%26)(?:api_?key|apikey|passkey|token|access_token)%3D)(?:(?!%26)[^&\s])*/gi, "$1[redacted]");
}

function createLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const time = clock.nowIso();
    const redacted = redact({ ...base, ...fields });
    const line = JSON.stringify({ time, level, message, ...redacted });
    keepLogRecord(level, time, redactUrl(message), redacted);
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

export const rootLogger = createLogger({ app: "radarr-edge" });
