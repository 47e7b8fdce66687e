import type { Env } from "../config";
import { createDatabase } from "../db/client";
import { rootLogger } from "../observability/logger";
import { jobD1Meter } from "../observability/metrics";
import { enqueueCommand, resumeStalledCommands } from "./commandRunner";
import { SCHEDULED_TASKS } from "./cronSchedule";

/**
 * The Cron Trigger entry: queues the command(s) declared for this cron expression (the commands
 * queue runs them in chunks), and resends any command whose queue message was lost.
 */
export async function runScheduled(cron: string, env: Env): Promise<void> {
  const tasks = SCHEDULED_TASKS.filter((t) => t.cron === cron);
  if (tasks.length === 0) {
    rootLogger.warn("no task for cron", { cron });
    return;
  }
  const db = createDatabase(env.DB, jobD1Meter("cron"));
  await resumeStalledCommands(env, db);
  for (const task of tasks) {
    const row = await enqueueCommand(env, db, task.command, {}, "scheduled");
    rootLogger.info("scheduled command queued", { task: task.command, cron, commandId: row.id });
  }
}
