import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { APP_NAME, APP_VERSION, type Env, isDemoMode, isolateStartTime } from "../config";
import type { Database } from "../db/client";
import { rootFolders } from "../db/schema";
import { breakerStates } from "../integrations/http";
import { downloadHealthChecks } from "../services/downloadHealth";
import { disabledIndexers } from "../services/indexers";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

export const systemRouter = createRouter();
export const healthRouter = createRouter();

const statusSchema = z
  .object({
    appName: z.string(),
    instanceName: z.string(),
    version: z.string(),
    buildTime: z.string(),
    startTime: z.string(),
    isDebug: z.boolean(),
    isProduction: z.boolean(),
    isAdmin: z.boolean(),
    isUserInteractive: z.boolean(),
    startupPath: z.string(),
    appData: z.string(),
    osName: z.string(),
    isDocker: z.boolean(),
    isLinux: z.boolean(),
    isOsx: z.boolean(),
    isWindows: z.boolean(),
    mode: z.string(),
    branch: z.string(),
    authentication: z.string(),
    databaseType: z.string(),
    databaseVersion: z.string(),
    migrationVersion: z.number().int(),
    urlBase: z.string(),
    runtimeName: z.string(),
    runtimeVersion: z.string(),
    demoMode: z.boolean(),
  })
  .openapi("SystemStatus");

systemRouter.openapi(
  createRoute({
    method: "get",
    path: "/status",
    tags: ["System"],
    responses: { 200: jsonContent(statusSchema, "Status"), ...errorResponses },
  }),
  async (c) => {
    const [{ migrations }] = await c
      .get("db")
      .all<{ migrations: number }>(sql`select count(*) as migrations from d1_migrations`)
      .catch(() => [{ migrations: 0 }]);
    const demo = isDemoMode(c.env);
    return c.json(
      {
        appName: APP_NAME,
        instanceName: APP_NAME,
        version: APP_VERSION,
        buildTime: c.env.BUILD_TIME ?? isolateStartTime(),
        startTime: isolateStartTime(),
        isDebug: false,
        isProduction: !demo,
        isAdmin: false,
        isUserInteractive: false,
        startupPath: "/",
        appData: "d1",
        osName: "workerd",
        isDocker: false,
        isLinux: false,
        isOsx: false,
        isWindows: false,
        mode: "console",
        branch: "main",
        authentication: c.env.ADMIN_PASSWORD ? "forms" : "apiKey",
        databaseType: "d1",
        databaseVersion: "d1",
        migrationVersion: migrations,
        urlBase: "",
        runtimeName: "Cloudflare Workers",
        runtimeVersion: typeof navigator !== "undefined" ? navigator.userAgent : "workerd",
        demoMode: demo,
      },
      200,
    );
  },
);

const healthSchema = z
  .object({
    source: z.string(),
    type: z.enum(["ok", "notice", "warning", "error"]),
    message: z.string(),
    wikiUrl: z.string(),
  })
  .openapi("Health");

export type HealthCheck = z.infer<typeof healthSchema>;

/** The health checks Radarr's UI shows; an empty list means all is well. */
export async function checkHealth(env: Env, db: Database): Promise<HealthCheck[]> {
  const checks: HealthCheck[] = [];
  if (!env.TMDB_API_KEY && !env.TMDB_READ_TOKEN) {
    checks.push({
      source: "TmdbCheck",
      type: "error",
      message: "TMDb is not configured: set TMDB_API_KEY or TMDB_READ_TOKEN",
      wikiUrl: "",
    });
  }
  for (const [service, state] of Object.entries(breakerStates())) {
    if (state === "open") {
      checks.push({
        source: "UpstreamCheck",
        type: "warning",
        message: `${service} is failing repeatedly; calls are paused`,
        wikiUrl: "",
      });
    }
  }
  const backedOff = await disabledIndexers(db);
  if (backedOff.length) {
    checks.push({
      source: "IndexerStatusCheck",
      type: "warning",
      message: `Indexers unavailable due to failures: ${backedOff
        .map((i) => `${i.name} (until ${i.until}: ${i.error ?? "unknown error"})`)
        .join(", ")}`,
      wikiUrl: "",
    });
  }
  const [{ count }] = await db.select({ count: sql<number>`count(*)` }).from(rootFolders);
  if (count === 0) {
    checks.push({
      source: "RootFolderCheck",
      type: "warning",
      message: "No root folder is configured: movies cannot be added",
      wikiUrl: "",
    });
  }
  const failingLists = await db.all<{ name: string; message: string | null }>(sql`
    select l.name as name, json_extract(r.errors, '$[0].message') as message
    from import_lists l join list_sync_runs r on r.id = (select max(id) from list_sync_runs where list_id = l.id)
    where l.enabled = 1 and r.status = 'failed'`);
  for (const list of failingLists) {
    checks.push({
      source: "ImportListStatusCheck",
      type: "warning",
      message: `Import list '${list.name}' failed its last sync: ${list.message ?? "unknown error"}`,
      wikiUrl: "",
    });
  }
  const [{ deadLetters }] = await db.all<{ deadLetters: number }>(
    sql`select count(*) as deadLetters from list_sync_jobs where status = 'deadLettered' and updated_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')`,
  );
  if (deadLetters > 0) {
    checks.push({
      source: "ImportListJobCheck",
      type: "error",
      message: `${deadLetters} list sync jobs failed after their last retry in the past day`,
      wikiUrl: "",
    });
  }
  checks.push(...(await downloadHealthChecks(db)));
  if (!env.ENCRYPTION_KEY) {
    checks.push({
      source: "EncryptionCheck",
      type: "notice",
      message: "ENCRYPTION_KEY is not set: stored credentials cannot be saved",
      wikiUrl: "",
    });
  }
  return checks;
}

healthRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["System"],
    responses: { 200: jsonContent(z.array(healthSchema), "Health checks"), ...errorResponses },
  }),
  async (c) => c.json(await checkHealth(c.env, c.get("db")), 200),
);
