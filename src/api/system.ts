import { createRoute, z } from "@hono/zod-openapi";
import { APP_NAME, APP_VERSION, isDemoMode, isolateStartTime, RADARR_API_VERSION, RADARR_APP_NAME } from "../config";
import { appliedMigrationCount } from "../db/repositories/migrations";
import { instanceName } from "../services/configResources";
import { requestContext } from "../services/context";
import { checkHealth } from "../services/health";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

export const systemRouter = createRouter();
export const healthRouter = createRouter();

export const statusSchema = z
  .object({
    appName: z.string().openapi({ description: '"Radarr": the API this app serves (Recyclarr refuses any other)' }),
    application: z.string().openapi({ description: "This app's own name (Radarr Edge)" }),
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
    isNetCore: z.boolean(),
    /** Radarr's UpdateMechanism: a deploy (wrangler) updates the app, not the app itself. */
    packageUpdateMechanism: z.enum(["builtIn", "script", "external", "apt", "docker"]),
    mode: z.enum(["console", "service", "tray"]),
    branch: z.string(),
    /** Radarr's AuthenticationType: the site signs in through a form (API key or password). */
    authentication: z.enum(["none", "basic", "forms", "external"]),
    /** What the sign-in form takes (ours). */
    authenticationMethod: z.enum(["apiKey", "password"]),
    /** Radarr's DatabaseType: D1 is SQLite. */
    databaseType: z.enum(["sqLite", "postgreSQL"]),
    /** The database service (ours). */
    databaseEngine: z.literal("d1"),
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
        appName: RADARR_APP_NAME,
        application: APP_NAME,
        instanceName: await instanceName(c.get("db")),
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
        isNetCore: false,
        packageUpdateMechanism: "external" as const,
        mode: "console" as const,
        branch: "main",
        authentication: "forms" as const,
        authenticationMethod: c.env.ADMIN_PASSWORD ? ("password" as const) : ("apiKey" as const),
        databaseType: "sqLite" as const,
        databaseEngine: "d1" as const,
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
    /** Radarr numbers its health resources; here by their order in the list. */
    id: z.number().int(),
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
  async (c) => {
    const checks = await checkHealth(requestContext(c));
    return c.json(
      checks.map((check, index) => ({ id: index + 1, ...check })),
      200,
    );
  },
);
