import { asc } from "drizzle-orm";
import { checkHealth } from "../api/system";
import type { Env } from "../config";
import { createDatabase, type Database } from "../db/client";
import { movies } from "../db/schema";
import { MovieLibrary } from "../library/movies";
import { rootLogger } from "../observability/logger";

interface ScheduledTask {
  name: string;
  cron: string;
  run(env: Env, db: Database): Promise<Record<string, unknown>>;
}

// Movies refreshed per run: bounded so a big library spreads its TMDb calls over the day.
const REFRESH_BATCH = 50;

/** The scheduled tasks, one per cron expression in wrangler.toml. */
export const SCHEDULED_TASKS: ScheduledTask[] = [
  {
    name: "RefreshMovie",
    cron: "0 */6 * * *",
    async run(env, db) {
      const library = new MovieLibrary(env, db, rootLogger);
      const stale = await db
        .select({ id: movies.id })
        .from(movies)
        .orderBy(asc(movies.lastInfoSync))
        .limit(REFRESH_BATCH);
      let refreshed = 0;
      const failures: string[] = [];
      for (const { id } of stale) {
        try {
          await library.refresh(id);
          refreshed++;
        } catch (error) {
          failures.push(`${id}: ${(error as Error).message}`);
        }
      }
      return { refreshed, failed: failures.length, failures: failures.slice(0, 5) };
    },
  },
  {
    name: "CheckHealth",
    cron: "*/15 * * * *",
    async run(env, db) {
      const checks = await checkHealth(env, db);
      return { issues: checks.map((c) => `${c.type}: ${c.message}`) };
    },
  },
];

export async function runScheduled(cron: string, env: Env): Promise<void> {
  const tasks = SCHEDULED_TASKS.filter((t) => t.cron === cron);
  if (tasks.length === 0) {
    rootLogger.warn("no task for cron", { cron });
    return;
  }
  const db = createDatabase(env.DB);
  for (const task of tasks) {
    const started = Date.now();
    try {
      const result = await task.run(env, db);
      rootLogger.info("scheduled task finished", {
        task: task.name,
        cron,
        durationMs: Date.now() - started,
        ...result,
      });
    } catch (error) {
      rootLogger.error("scheduled task failed", { task: task.name, cron, error: (error as Error).message });
    }
  }
}
