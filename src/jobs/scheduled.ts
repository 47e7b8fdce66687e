import type { Env } from "../config";
import { createDatabase } from "../db/client";
import { rootLogger } from "../observability/logger";
import { jobContext } from "../services/context";
import { executeCommand, queueCommand } from "./commands";
import { SCHEDULED_TASKS } from "./cronSchedule";

/** The Cron Trigger entry: runs the command(s) declared for this cron expression. */
export async function runScheduled(cron: string, env: Env): Promise<void> {
  const tasks = SCHEDULED_TASKS.filter((t) => t.cron === cron);
  if (tasks.length === 0) {
    rootLogger.warn("no task for cron", { cron });
    return;
  }
  const db = createDatabase(env.DB);
  for (const task of tasks) {
    const logger = rootLogger.child({ task: task.command, cron });
    const row = await queueCommand(db, task.command, {}, "scheduled");
    await executeCommand(jobContext(env, logger, db), row);
  }
}
