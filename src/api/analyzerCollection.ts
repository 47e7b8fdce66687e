import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AnalyzerCollectionRow } from "../db/repositories/hdbitsAnalyzer";
import { Failure, resourceNotFound } from "../domain/failures/failure";
import { enqueueCommand } from "../jobs/commandRunner";
import { commandLog } from "../services/commandLog";
import {
  ANALYZER_COMMAND,
  analyzerIntervalMs,
  collectionProgress,
  currentCollection,
  DEFAULT_ANALYZER_DAYS,
  prepareCollection,
  setCollectionStatus,
} from "../services/hdbitsAnalyzer";
import type { AppEnv } from "./context";
import { jsonBody, jsonContent } from "./router";
import { collectionSchema, collectionStateSchema, indexerQuery, startCollectionSchema } from "./schemas/analysis";
import { errorResponses, errorSchema } from "./schemas/common";

/**
 * The HDBits analyzer's collection (`/api/v3/analysis/collection`): start, pause, resume, cancel
 * and its state. The collection runs as the HdbitsAnalysis command (src/jobs/analyzerCommands.ts).
 */
const tags = ["Analysis"];

const conflict = (message: string) => new Failure("conflict", message);

const resource = (row: AnalyzerCollectionRow) => ({ ...row, progress: collectionProgress(row) });

async function startCommand(c: Context<AppEnv>, row: AnalyzerCollectionRow) {
  const command = await enqueueCommand(c.env, c.get("db"), ANALYZER_COMMAND, { indexerId: row.indexerId }, "manual");
  await setCollectionStatus(c.get("db"), row, "running", command.id);
  return { ...row, status: "running" as const, commandId: command.id };
}

async function existing(c: Context<AppEnv>, indexerId?: number) {
  const row = await currentCollection(c.get("db"), indexerId);
  if (!row) throw resourceNotFound("HDBits analyzer collection");
  return row;
}

/** Whether the collection's command is still queued or running (a resume then needs no new one). */
async function commandAlive(c: Context<AppEnv>, row: AnalyzerCollectionRow): Promise<boolean> {
  if (row.commandId === null) return false;
  const command = await commandLog(c.get("db"))
    .get(row.commandId)
    .catch(() => null);
  return command?.status === "queued" || command?.status === "started";
}

const stateResponses = {
  200: jsonContent(collectionSchema, "The collection"),
  409: jsonContent(errorSchema, "Not in a state that allows this"),
  ...errorResponses,
};

export function registerCollectionRoutes(router: OpenAPIHono<AppEnv>): void {
  registerStateRoutes(router);
  registerControlRoutes(router);
}

/** The collection's state, and starting one. */
function registerStateRoutes(router: OpenAPIHono<AppEnv>): void {
  router.openapi(
    createRoute({
      method: "get",
      path: "/collection",
      tags,
      summary: "The HDBits analyzer's collection (the indexer's, or the latest), its pace and default span",
      request: { query: indexerQuery },
      responses: { 200: jsonContent(collectionStateSchema, "State"), ...errorResponses },
    }),
    async (c) => {
      const row = await currentCollection(c.get("db"), c.req.valid("query").indexerId);
      return c.json(
        {
          collection: row ? resource(row) : null,
          intervalMs: analyzerIntervalMs(c.env),
          defaultDays: DEFAULT_ANALYZER_DAYS,
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/collection",
      tags,
      summary: `Start collecting HDBits' movie browse list back to \`since\` (or \`days\`, default ${DEFAULT_ANALYZER_DAYS}) on the commands queue`,
      request: { body: jsonBody(startCollectionSchema) },
      responses: {
        201: jsonContent(collectionSchema, "Started"),
        409: jsonContent(errorSchema, "A collection is already running or paused"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const row = await prepareCollection(c.get("db"), c.req.valid("json"));
      return c.json(resource(await startCommand(c, row)), 201);
    },
  );
}

/** Pause, resume and cancel. */
function registerControlRoutes(router: OpenAPIHono<AppEnv>): void {
  router.openapi(
    createRoute({
      method: "post",
      path: "/collection/pause",
      tags,
      summary:
        "Pause the running collection (its command ends after the page in hand; resume continues at the next page)",
      request: { query: indexerQuery },
      responses: stateResponses,
    }),
    async (c) => {
      const row = await existing(c, c.req.valid("query").indexerId);
      if (row.status !== "running") throw conflict(`The collection is ${row.status}, not running`);
      await setCollectionStatus(c.get("db"), row, "paused");
      return c.json(resource({ ...row, status: "paused" }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/collection/resume",
      tags,
      summary: "Resume a paused (or failed) collection from its next page",
      request: { query: indexerQuery },
      responses: stateResponses,
    }),
    async (c) => {
      const row = await existing(c, c.req.valid("query").indexerId);
      if (row.status !== "paused" && row.status !== "failed") throw conflict(`The collection is ${row.status}`);
      if (await commandAlive(c, row)) {
        await setCollectionStatus(c.get("db"), row, "running");
        return c.json(resource({ ...row, status: "running" }), 200);
      }
      return c.json(resource(await startCommand(c, row)), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "delete",
      path: "/collection",
      tags,
      summary: "Cancel the collection (what it collected stays; a new one starts from the newest page)",
      request: { query: indexerQuery },
      responses: stateResponses,
    }),
    async (c) => {
      const row = await existing(c, c.req.valid("query").indexerId);
      if (row.status !== "running" && row.status !== "paused") throw conflict(`The collection is ${row.status}`);
      await setCollectionStatus(c.get("db"), row, "cancelled");
      if (await commandAlive(c, row)) await commandLog(c.get("db")).cancel(row.commandId as number);
      return c.json(resource({ ...row, status: "cancelled" }), 200);
    },
  );
}
