import { createRoute, z } from "@hono/zod-openapi";
import { APP_NAME, APP_VERSION, isDemoMode, isolateStartTime, RADARR_API_VERSION } from "../config";
import { appliedMigrationCount } from "../db/repositories/migrations";
import { checkHealth } from "../services/health";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

export const systemRouter = createRouter();
export const healthRouter = createRouter();

export const statusSchema = z
  .object({
    appName: z.string(),
    instanceName: z.string(),
    version: z
      .string()
      .openapi({ description: "The Radarr release whose API this app serves (what Radarr clients check)" }),
    appVersion: z.string().openapi({ description: "Radarr Edge's own version" }),
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
    const migrations = await appliedMigrationCount(c.get("db"));
    const demo = isDemoMode(c.env);
    return c.json(
      {
        appName: APP_NAME,
        instanceName: APP_NAME,
        version: RADARR_API_VERSION,
        appVersion: APP_VERSION,
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

export const healthSchema = z
  .object({
    source: z.string(),
    type: z.enum(["ok", "notice", "warning", "error"]),
    message: z.string(),
    wikiUrl: z.string(),
  })
  .openapi("Health");

healthRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["System"],
    responses: { 200: jsonContent(z.array(healthSchema), "Health checks"), ...errorResponses },
  }),
  async (c) => c.json(await checkHealth(c.env, c.get("db")), 200),
);
