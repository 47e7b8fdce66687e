import { env } from "cloudflare:workers";
import { call, getJson, waitForCommands } from "../helpers";
import type { Area, Resource } from "./harness";

/** Until `read` gives something: log records reach the store after their response (waitUntil). */
async function eventually<T>(read: () => Promise<T[]>): Promise<T[]> {
  for (let tries = 0; ; tries++) {
    const items = await read();
    if (items.length > 0 || tries > 100) return items;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** System, logs, updates, backups, commands and tags: what the sys area added. */
export const system: Area = async (check) => {
  await check("GET /api/v3/system/routes", "/api/v3/system/routes");
  await check("GET /api/v3/system/routes/duplicate", "/api/v3/system/routes/duplicate");
  const tasks = await getJson<Resource[]>("/api/v3/system/task");
  await check("GET /api/v3/system/task/{id}", `/api/v3/system/task/${tasks[0].id}`);
  const tags = await getJson<Resource[]>("/api/v3/tag");
  await check("GET /api/v3/tag/detail/{id}", `/api/v3/tag/detail/${tags[0].id}`);

  // A queued command with no queue message yet, so it is still queued when cancelled.
  const queued = await env.DB.prepare(
    "insert into commands (name, body, status, trigger, queued, chunks, heartbeat) values ('CheckHealth', '{}', 'queued', 'manual', ?1, 0, ?1) returning id",
  )
    .bind(new Date().toISOString())
    .first<{ id: number }>();
  await check("DELETE /api/v3/command/{id}", `/api/v3/command/${queued?.id}`);

  await check("GET /api/v3/log", "/api/v3/log?page=1&pageSize=20&sortKey=time&sortDirection=descending");
  const files = await eventually(() => getJson<{ filename: string }[]>("/api/v3/log/file"));
  await check("GET /api/v3/log/file", "/api/v3/log/file");
  await check("GET /api/v3/log/file/{filename}", `/api/v3/log/file/${files[0].filename}`);
  const updateFiles = await check<{ filename: string }[]>("GET /api/v3/log/file/update", "/api/v3/log/file/update");
  await check("GET /api/v3/log/file/update/{filename}", `/api/v3/log/file/update/${updateFiles[0].filename}`);
  await check("GET /api/v3/update", "/api/v3/update");

  await check("POST /api/v3/command", "/api/v3/command", { name: "Backup" });
  await waitForCommands();
  const backups = await check<(Resource & { path: string })[]>("GET /api/v3/system/backup", "/api/v3/system/backup");
  const document = await (await call("GET", backups[0].path)).json();
  await check("POST /api/v3/system/backup/restore/{id}", `/api/v3/system/backup/restore/${backups[0].id}`);
  await check("POST /api/v3/system/backup/restore/upload", "/api/v3/system/backup/restore/upload", document);
  await check("DELETE /api/v3/system/backup/{id}", `/api/v3/system/backup/${backups[0].id}`);
  await check("POST /api/v3/system/restart", "/api/v3/system/restart");
};
