import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type Env, isDeployed } from "../config";
import type { CommandRow } from "../db/repositories/commands";
import { invalidInput } from "../domain/failures/failure";
import { httpUrlSetting } from "../domain/validation/addresses";
import { unreachableHostKind } from "../domain/validation/privateHosts";
import { enqueueCommand } from "../jobs/commandRunner";
import { requestContext } from "../services/context";
import { forgetLibraryIds } from "../services/libraryIdsCache";
import {
  type LocalLibrary,
  MIGRATION_NAME,
  prepareRadarrMigration,
  radarrMigration,
} from "../services/radarrMigration";
import type { AppEnv } from "./context";
import { customFormatRouter } from "./customFormats";
import { delayProfileRouter } from "./delayProfiles";
import { downloadClientRouter } from "./downloadClients";
import { exclusionRouter } from "./exclusions";
import { importListRouter } from "./importLists";
import { indexerRouter } from "./indexers";
import { requestContext as requestVariables } from "./middleware/correlation";
import { handleError } from "./middleware/errors";
import { movieRouter } from "./movies";
import { namingConfigRouter } from "./naming";
import { qualityProfileRouter } from "./quality";
import { qualityDefinitionRouter } from "./qualityDefinitions";
import { rootFolderRouter } from "./rootFolders";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";
import { tagRouter } from "./tags";

export const migrationRouter = createRouter();
const tags = ["Migration"];

const migrationInput = z
  .object({
    url: httpUrlSetting().openapi({ example: "http://radarr.example:7878" }),
    apiKey: z.string().trim().min(1, "apiKey is required").max(200),
    /** Secrets a previous run listed (Radarr masks them), typed by the user: used, and stored sealed as usual. */
    secrets: z
      .array(z.object({ resource: z.string(), name: z.string(), field: z.string(), value: z.string().min(1) }))
      .max(500)
      .default([]),
  })
  .openapi("RadarrMigrationInput");

const itemSchema = z.object({
  resource: z.string(),
  name: z.string(),
  outcome: z.enum(["copied", "updated", "skipped", "failed"]),
  reason: z.string().optional(),
});

const migrationReportSchema = z
  .object({
    radarrVersion: z.string(),
    counts: z.record(
      z.string(),
      z.object({ copied: z.number(), updated: z.number(), skipped: z.number(), failed: z.number() }),
    ),
    items: z.array(itemSchema),
    secrets: z.array(z.object({ resource: z.string(), name: z.string(), field: z.string() })),
    stepFailures: z.array(z.object({ step: z.string(), reason: z.string() })),
  })
  .openapi("RadarrMigrationReport");

export const migrationSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    status: z.enum(["queued", "started", "completed", "failed", "cancelled"]),
    message: z.string().optional(),
    queued: z.string(),
    started: z.string().optional(),
    ended: z.string().optional(),
    report: migrationReportSchema.optional(),
  })
  .openapi("RadarrMigration");

function migrationResource(row: CommandRow): z.infer<typeof migrationSchema> {
  return {
    id: row.id,
    url: String(row.body.url ?? ""),
    status: row.status,
    message: row.message ?? undefined,
    queued: row.queued,
    started: row.started ?? undefined,
    ended: row.ended ?? undefined,
    report: (row.result as z.infer<typeof migrationReportSchema> | null) ?? undefined,
  };
}

/** The routes a migration writes through: each resource's own, with its own validation. */
const LIBRARY_ROUTES = [
  ["/api/v3/movie", movieRouter],
  ["/api/v3/qualityprofile", qualityProfileRouter],
  ["/api/v3/qualitydefinition", qualityDefinitionRouter],
  ["/api/v3/customformat", customFormatRouter],
  ["/api/v3/config/naming", namingConfigRouter],
  ["/api/v3/importlist", importListRouter],
  ["/api/v3/downloadclient", downloadClientRouter],
  ["/api/v3/indexer", indexerRouter],
  ["/api/v3/rootfolder", rootFolderRouter],
  ["/api/v3/tag", tagRouter],
  ["/api/v3/exclusions", exclusionRouter],
  ["/api/v3/delayprofile", delayProfileRouter],
] as const;

let libraryApp: OpenAPIHono<AppEnv> | undefined;

/**
 * This app's resource routes, called in-process (already authenticated: the migration was). The
 * commands queue's consumer runs a migration with it (src/index.ts passes it in: jobs never import api/).
 */
export function localLibrary(env: Env, executionCtx: ExecutionContext): LocalLibrary {
  libraryApp ??= (() => {
    const app = new OpenAPIHono<AppEnv>();
    app.use("*", requestVariables);
    app.onError(handleError);
    for (const [path, router] of LIBRARY_ROUTES) app.route(path, router);
    return app;
  })();
  const app = libraryApp;
  return {
    async send(method, path, body) {
      const init: RequestInit = { method };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers = { "content-type": "application/json" };
      }
      const response = await app.request(`http://local${path}`, init, env, executionCtx);
      if (method !== "GET") forgetLibraryIds();
      const answer = (await response.json().catch(() => ({}))) as {
        message?: string;
        errors?: { path: string; message: string }[];
      };
      if (response.ok) return { ok: true, body: answer };
      const detail = answer.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
      return { ok: false, message: detail || answer.message || `refused (HTTP ${response.status})` };
    },
  };
}

/** On Cloudflare a Radarr on a home network is out of reach, as for an indexer's or client's address. */
function assertReachable(c: Context<AppEnv>, url: string) {
  if (!isDeployed(c.env)) return;
  const host = new URL(url).hostname;
  const kind = unreachableHostKind(host);
  if (kind)
    throw invalidInput(
      "body.url",
      `${host} is ${kind}, which this Worker on Cloudflare cannot reach; publish Radarr through a Cloudflare Tunnel with Access and use its https address (see docs/remote-services.md)`,
    );
}

migrationRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary:
      "Copy a running Radarr's library and settings here (checks the URL and key, then runs on the commands queue)",
    request: { body: jsonBody(migrationInput) },
    responses: {
      202: jsonContent(migrationSchema, "Started; poll GET /{id} for progress and the report"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const { secrets, ...source } = c.req.valid("json");
    assertReachable(c, source.url);
    const body = await prepareRadarrMigration(requestContext(c), source, secrets);
    const row = await enqueueCommand(c.env, c.var.db, MIGRATION_NAME, { ...body }, "manual");
    return c.json(migrationResource(row), 202);
  },
);

migrationRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "A migration's progress and, once it ends, its report",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(migrationSchema, "The migration"), ...errorResponses },
  }),
  async (c) => c.json(migrationResource(await radarrMigration(requestContext(c), c.req.valid("param").id)), 200),
);
