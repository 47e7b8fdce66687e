import type { z } from "@hono/zod-openapi";
import type { taskSchema } from "../../../src/api/commands";
import type { logFileSchema, logPageSchema } from "../../../src/api/logs";
import type { updateSchema } from "../../../src/api/system/update";
import { request, v3 } from ".";
import type { Command } from "./resources";

/** A scheduled task as GET /api/v3/system/task lists it. */
export type ScheduledTask = z.infer<typeof taskSchema>;

type Update = z.infer<typeof updateSchema>;
export type LogPage = z.infer<typeof logPageSchema>;
type LogFile = z.infer<typeof logFileSchema>;
export type LogLevel = "info" | "warn" | "error";

interface LogQuery {
  page: number;
  pageSize: number;
  level?: LogLevel;
  filter?: string;
  /** Only the records of one request (its X-Correlation-Id). */
  correlationId?: string;
}

/** The System pages' calls beyond status and health: scheduled tasks, logs. */
export const systemApi = {
  tasks: (signal?: AbortSignal) => request<ScheduledTask[]>("GET", `${v3}/system/task`, { signal }),
  /** Starts a task's command now, as its "Run now" button does. */
  runTask: (task: ScheduledTask) => request<Command>("POST", `${v3}/command`, { body: { name: task.taskName } }),
  logs: (query: LogQuery, signal?: AbortSignal) =>
    request<LogPage>("GET", `${v3}/log`, { query: { ...query }, signal }),
  logFiles: (signal?: AbortSignal) => request<LogFile[]>("GET", `${v3}/log/file`, { signal }),
  updates: (signal?: AbortSignal) => request<Update[]>("GET", `${v3}/update`, { signal }),
  command: (id: number, signal?: AbortSignal) => request<Command>("GET", `${v3}/command/${id}`, { signal }),
};
