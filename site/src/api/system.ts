import type { z } from "@hono/zod-openapi";
import type { taskSchema } from "../../../src/api/commands";
import { request, v3 } from ".";
import type { Command } from "./resources";

/** A scheduled task as GET /api/v3/system/task lists it. */
export type ScheduledTask = z.infer<typeof taskSchema>;

/** The System pages' calls beyond status and health: scheduled tasks. */
export const systemApi = {
  tasks: (signal?: AbortSignal) => request<ScheduledTask[]>("GET", `${v3}/system/task`, { signal }),
  /** Starts a task's command now, as its "Run now" button does. */
  runTask: (task: ScheduledTask) => request<Command>("POST", `${v3}/command`, { body: { name: task.taskName } }),
  command: (id: number, signal?: AbortSignal) => request<Command>("GET", `${v3}/command/${id}`, { signal }),
};
