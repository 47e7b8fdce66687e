import { createRoute, z } from "@hono/zod-openapi";
import * as clock from "../clock";
import { Failure, resourceNotFound } from "../domain/failures/failure";
import { enqueueCommand } from "../jobs/commandRunner";
import { COMMAND_NAMES, type CommandRow, findCommand } from "../jobs/commands";
import { cronIntervalMinutes, nextCronRun, SCHEDULED_TASKS } from "../jobs/cronSchedule";
import { assertCollectionsExist } from "../services/collections";
import { assertMoviesExist, commandLog, lastRuns } from "../services/commandLog";
import { zodFieldErrors } from "./middleware/errors";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, errorSchema, idParamSchema } from "./schemas/common";

export const commandRouter = createRouter();
export const taskRouter = createRouter();

export const commandSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    commandName: z.string(),
    message: z.string().optional(),
    body: z.record(z.string(), z.unknown()),
    status: z.enum(["queued", "started", "completed", "failed", "cancelled"]),
    /** Radarr's CommandResult. */
    result: z.enum(["unknown", "successful", "unsuccessful"]),
    /** Not in Radarr: what the command did, counted (`{searched, grabbed}` for a search). */
    outcome: z.record(z.string(), z.unknown()).optional(),
    priority: z.enum(["normal", "high", "low"]),
    sendUpdatesToClient: z.boolean(),
    updateScheduledTask: z.boolean(),
    queued: z.string(),
    started: z.string().optional(),
    ended: z.string().optional(),
    duration: z.string().optional(),
    trigger: z.enum(["manual", "scheduled"]),
    /** Not in Radarr: how far a command walking many movies or lists has got (its chunks so far). */
    progress: z
      .object({ done: z.number().int(), total: z.number().int() })
      .optional()
      .openapi({ description: "Items done of the total, while a chunked command runs and after it ends" }),
  })
  .openapi("Command");

/** Radarr's TimeSpan text, hh:mm:ss.fffffff. */
function timeSpan(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(h)}:${pad(m)}:${s.toFixed(7).padStart(10, "0")}`;
}

const RESULTS = {
  completed: "successful",
  failed: "unsuccessful",
  queued: "unknown",
  started: "unknown",
  cancelled: "unknown",
} as const;

/** Radarr's Command body: the command's own parameters with the flags every command carries. */
function commandBody(row: CommandRow): Record<string, unknown> {
  const scheduled = row.trigger === "scheduled";
  return {
    sendUpdatesToClient: !scheduled,
    updateScheduledTask: scheduled,
    requiresDiskAccess: false,
    isExclusive: false,
    isTypeExclusive: false,
    isLongRunning: false,
    name: row.name,
    trigger: row.trigger,
    suppressMessages: false,
    ...row.body,
    // Radarr puts the final message in body.completionMessage once the command has ended.
    ...(row.status === "completed" && row.message ? { completionMessage: row.message } : {}),
  };
}

function commandResource(row: CommandRow): z.infer<typeof commandSchema> {
  const duration = row.started && row.ended ? timeSpan(Date.parse(row.ended) - Date.parse(row.started)) : undefined;
  return {
    id: row.id,
    name: row.name,
    commandName: row.name.replace(/([a-z])([A-Z])/g, "$1 $2"),
    message: row.message ?? undefined,
    body: commandBody(row),
    status: row.status,
    result: RESULTS[row.status],
    outcome: (row.result as Record<string, unknown> | null) ?? undefined,
    priority: row.priority,
    sendUpdatesToClient: row.trigger !== "scheduled",
    updateScheduledTask: row.trigger === "scheduled",
    queued: row.queued,
    started: row.started ?? undefined,
    ended: row.ended ?? undefined,
    duration,
    trigger: row.trigger,
    progress: progressOf(row),
  };
}

/** Items done of the total: saved by each chunk, and complete once the command has completed. */
function progressOf(row: CommandRow): { done: number; total: number } | undefined {
  if (row.progressTotal === null) return undefined;
  return { done: row.progressDone ?? 0, total: row.progressTotal };
}

const commandInput = z
  .object({ name: z.string().min(1, "name is required") })
  .passthrough()
  .openapi("CommandInput");

commandRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["Command"],
    summary: `Run a command now: ${COMMAND_NAMES.join(", ")}`,
    request: { body: jsonBody(commandInput) },
    responses: { 201: jsonContent(commandSchema, "Queued"), ...errorResponses },
  }),
  async (c) => {
    const { name, ...rest } = c.req.valid("json");
    const definition = findCommand(name);
    if (!definition) {
      throw new Failure("invalidInput", `Validation failed: body.name: unknown command '${name}'`, {
        fields: [{ path: "body.name", message: `unknown command; one of ${COMMAND_NAMES.join(", ")}` }],
      });
    }
    const body = definition.body.safeParse(rest);
    if (!body.success) {
      const errors = zodFieldErrors(body.error, "body");
      throw new Failure("invalidInput", `Validation failed: ${errors[0].path}: ${errors[0].message}`, {
        fields: errors,
      });
    }
    await assertMoviesExist(c.get("db"), body.data);
    await assertCollectionsExist(c.get("db"), body.data);
    // Runs on the commands queue in chunks; the answer is the queued command, at once.
    const row = await enqueueCommand(
      c.env,
      c.get("db"),
      definition.name,
      body.data as Record<string, unknown>,
      "manual",
    );
    return c.json(commandResource(row), 201);
  },
);

commandRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Command"],
    summary: "Recent commands, newest first",
    responses: { 200: jsonContent(z.array(commandSchema), "Commands"), ...errorResponses },
  }),
  async (c) => {
    const rows = await commandLog(c.get("db")).recent();
    return c.json(rows.map(commandResource), 200);
  },
);

commandRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags: ["Command"],
    request: { params: idParamSchema },
    responses: { 200: jsonContent(commandSchema, "The command"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(commandResource(await commandLog(c.get("db")).get(id)), 200);
  },
);

commandRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags: ["Command"],
    summary: "Cancel a queued or running command (a running one stops at its next chunk); 409 once it has ended",
    request: { params: idParamSchema },
    responses: {
      200: jsonContent(z.object({}), "Cancelled"),
      409: jsonContent(errorSchema, "The command has already ended"),
      ...errorResponses,
    },
  }),
  async (c) => {
    await commandLog(c.get("db")).cancel(c.req.valid("param").id);
    return c.json({}, 200);
  },
);

/** Radarr's DateTime.MinValue: a task that has not run yet. */
const NEVER = "0001-01-01T00:00:00Z";

export const taskSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    taskName: z.string(),
    cron: z.string(),
    interval: z.number().int(),
    /** Radarr's DateTime.MinValue (0001-01-01T00:00:00Z) until the task has run. */
    lastExecution: z.string(),
    lastStartTime: z.string(),
    nextExecution: z.string().optional(),
    /** hh:mm:ss.fffffff; zero until the task has run. */
    lastDuration: z.string(),
    lastStatus: z.string().optional(),
  })
  .openapi("ScheduledTask");

type ScheduledTask = z.infer<typeof taskSchema>;

/** The scheduled tasks as Radarr lists them, numbered by their order in SCHEDULED_TASKS. */
async function scheduledTasks(db: Parameters<typeof lastRuns>[0]): Promise<ScheduledTask[]> {
  const runs = await lastRuns(
    db,
    SCHEDULED_TASKS.map((t) => t.command),
  );
  const now = clock.nowDate();
  return SCHEDULED_TASKS.map((task, index) => {
    const last = runs.get(task.command);
    return {
      id: index + 1,
      name: task.name,
      taskName: task.command,
      cron: task.cron,
      interval: cronIntervalMinutes(task.cron),
      lastExecution: last?.ended ?? last?.started ?? NEVER,
      lastStartTime: last?.started ?? NEVER,
      nextExecution: nextCronRun(task.cron, now)?.toISOString(),
      lastDuration: timeSpan(last?.started && last.ended ? Date.parse(last.ended) - Date.parse(last.started) : 0),
      lastStatus: last?.status,
    };
  });
}

taskRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["System"],
    summary: "Scheduled tasks with their last and next run",
    responses: { 200: jsonContent(z.array(taskSchema), "Tasks"), ...errorResponses },
  }),
  async (c) => c.json(await scheduledTasks(c.get("db")), 200),
);

taskRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags: ["System"],
    summary: "One scheduled task, by its id in the list",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(taskSchema, "Task"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const task = (await scheduledTasks(c.get("db")))[id - 1];
    if (!task) throw resourceNotFound(`Task ${id}`);
    return c.json(task, 200);
  },
);
