import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, test } from "vitest";
import {
  ADDED_WATCHMODE_ID_BASE,
  ID_MAP_BASE_ROWS,
  idMapRowCount,
  TV_WATCHMODE_ID_BASE,
  tvShowCount,
  VERSION_ADDED_ROWS,
  watchmodeIdForMovie,
} from "../../sim/src/data/watchmode-id-map";
import * as clock from "../../src/clock";
import type { Env } from "../../src/config";
import { createDatabase } from "../../src/db/client";
import { watchmodeIdMapRepository } from "../../src/db/repositories/watchmodeIdMap";
import { Failure } from "../../src/domain/failures/failure";
import worker from "../../src/index";
import { WATCHMODE_ID_MAP_PATH } from "../../src/integrations/watchmode/idMap";
import type { CommandMessage } from "../../src/jobs/commandRunner";
import { rootLogger } from "../../src/observability/logger";
import { jobContext } from "../../src/services/context";
import { importWatchmodeIdMap } from "../../src/services/watchmodeIdMap";
import { APP, simCalls, simFaults } from "./helpers";

const withKey = { ...env, WATCHMODE_API_KEY: "sim-watchmode-key" } as Env;
const db = createDatabase(env.DB);
const { readState: readIdMapState, watchmodeIdForTmdb, tmdbIdForWatchmode } = watchmodeIdMapRepository(db);
const THE_MATRIX = 603;
const IMPORT_TIMEOUT_MS = 60_000;
const addFault = simFaults("watchmode");

async function setDatasetVersion(version: number) {
  const res = await fetch(`${env.WATCHMODE_API_URL}/__dataset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ version }),
  });
  expect(res.status).toBe(200);
}

afterEach(() => setDatasetVersion(1));

const importMap = (target: Env = withKey) => importWatchmodeIdMap(jobContext(target, rootLogger, db));
const mapRows = async () =>
  (await env.DB.prepare("select count(*) as n from watchmode_id_map").first<number>("n")) ?? 0;
const mapChecksum = async () =>
  env.DB.prepare(
    "select count(*) as n, sum(watchmode_id) as ids, sum(length(title)) as titles from watchmode_id_map",
  ).first();

async function failureOf(running: Promise<unknown>): Promise<Failure> {
  const error = await running.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Failure);
  return error as Failure;
}

describe("Watchmode title id map", () => {
  test(
    "the first import streams every row into D1 in batches; lookups work both ways",
    async () => {
      const started = clock.now();
      const outcome = await importMap();
      console.log(`watchmode id map: first import of ${outcome.rows} rows in ${clock.now() - started} ms`);
      expect(outcome).toMatchObject({
        status: "imported",
        rows: ID_MAP_BASE_ROWS,
        written: ID_MAP_BASE_ROWS,
        removed: 0,
      });
      expect(outcome.rows).toBeGreaterThanOrEqual(300_000);
      expect(outcome.batches).toBeGreaterThanOrEqual(30);
      expect(await mapRows()).toBe(ID_MAP_BASE_ROWS);
      expect(await env.DB.prepare("select count(*) as n from watchmode_id_map_staging").first("n")).toBe(0);

      const matrix = watchmodeIdForMovie(THE_MATRIX);
      expect(await watchmodeIdForTmdb(THE_MATRIX, "movie")).toBe(matrix);
      expect(await tmdbIdForWatchmode(matrix as number)).toEqual({ tmdbId: THE_MATRIX, tmdbType: "movie" });
      // TV show k has TMDb id k + 1: the same TMDb id as a movie, told apart by the type.
      expect(await watchmodeIdForTmdb(THE_MATRIX, "tv")).toBe(TV_WATCHMODE_ID_BASE + THE_MATRIX - 1);
      expect(await tmdbIdForWatchmode(TV_WATCHMODE_ID_BASE)).toEqual({ tmdbId: 1, tmdbType: "tv" });
      expect(await watchmodeIdForTmdb(999_999_999)).toBeNull();
      expect(await tmdbIdForWatchmode(1)).toBeNull();
      // A title CSV had to quote (k = 37: a comma and doubled quotes).
      const quoted = await env.DB.prepare("select title from watchmode_id_map where watchmode_id = ?")
        .bind(TV_WATCHMODE_ID_BASE + 33 * 37)
        .first<string>("title");
      expect(quoted).toMatch(/^The ".+, .+" Show$/);

      expect(await readIdMapState()).toMatchObject({
        etag: '"title-id-map-v1"',
        lastModified: expect.stringMatching(/GMT$/),
        rows: ID_MAP_BASE_ROWS,
      });
    },
    IMPORT_TIMEOUT_MS,
  );

  test(
    "an unchanged file is a 304: nothing is downloaded or written",
    async () => {
      await importMap();
      const state = await readIdMapState();
      const before = await mapChecksum();
      const started = clock.now();
      const outcome = await importMap();
      console.log(`watchmode id map: unchanged re-import in ${clock.now() - started} ms`);
      expect(outcome).toMatchObject({
        status: "unchanged",
        rows: ID_MAP_BASE_ROWS,
        batches: 0,
        written: 0,
        removed: 0,
      });
      expect(await mapChecksum()).toEqual(before);
      expect(await readIdMapState()).toEqual(state);
    },
    IMPORT_TIMEOUT_MS,
  );

  test(
    "a new version of the file upserts changed rows and sweeps the removed ones",
    async () => {
      await importMap();
      await setDatasetVersion(2);
      const outcome = await importMap();
      const expectedRows = idMapRowCount(2);
      const removed = ID_MAP_BASE_ROWS + VERSION_ADDED_ROWS - expectedRows;
      expect(outcome).toMatchObject({ status: "imported", rows: expectedRows, removed });
      // Added rows plus the retitled 1% of the TV shows (k % 100 === 3), and nothing else.
      const retitledCount = Math.ceil((tvShowCount() - 3) / 100);
      expect(outcome.written).toBe(VERSION_ADDED_ROWS + retitledCount);
      expect(await mapRows()).toBe(expectedRows);
      // TV show k = 2 is dropped in version 2, k = 3 retitled, and new ids appear.
      expect(await tmdbIdForWatchmode(TV_WATCHMODE_ID_BASE + 2)).toBeNull();
      const retitled = await env.DB.prepare("select title from watchmode_id_map where watchmode_id = ?")
        .bind(TV_WATCHMODE_ID_BASE + 3)
        .first<string>("title");
      expect(retitled).toMatch(/\(Revival 2\)$/);
      expect(await tmdbIdForWatchmode(ADDED_WATCHMODE_ID_BASE + 2 * VERSION_ADDED_ROWS)).not.toBeNull();
      expect(await readIdMapState()).toMatchObject({ etag: '"title-id-map-v2"', rows: expectedRows });
    },
    IMPORT_TIMEOUT_MS,
  );

  test(
    "a truncated file fails as a parse error and leaves the previous map as it was",
    async () => {
      await importMap();
      const state = await readIdMapState();
      const before = await mapChecksum();
      await addFault({ match: WATCHMODE_ID_MAP_PATH, kind: "truncate" });
      // Version 3 cut in half ends inside a quoted field.
      await setDatasetVersion(3);
      const cutInField = await failureOf(importMap());
      expect(cutInField.kind).toBe("parseError");
      expect(cutInField.message).toMatch(/^Watchmode's title id map ends inside a quoted field .*truncated/);
      // Version 2 cut in half ends exactly at a line break: only its size gives it away.
      await setDatasetVersion(2);
      const cutAtLineBreak = await failureOf(importMap());
      expect(cutAtLineBreak.kind).toBe("parseError");
      expect(cutAtLineBreak.message).toMatch(/rows where the last import had 300000; it looks truncated/);

      expect(await mapChecksum()).toEqual(before);
      expect(await readIdMapState()).toEqual(state);
      expect(await env.DB.prepare("select count(*) as n from watchmode_id_map_staging").first("n")).toBe(0);
    },
    IMPORT_TIMEOUT_MS,
  );

  test("a rejected key is authenticationFailed, and nothing is written", async () => {
    const error = await failureOf(importMap({ ...env, WATCHMODE_API_KEY: "invalid-key" } as Env));
    expect(error).toMatchObject({ kind: "authenticationFailed", status: 401 });
    expect(await mapRows()).toBe(0);
    expect(await readIdMapState()).toBeNull();
  });

  test("without a key the command skips, without calling Watchmode", async () => {
    const before = await simCalls("watchmode", WATCHMODE_ID_MAP_PATH);
    const command = await runCommand(env as Env);
    expect(command).toMatchObject({ status: "completed", message: "Watchmode is not configured" });
    expect(await simCalls("watchmode", WATCHMODE_ID_MAP_PATH)).toBe(before);
  });

  test(
    "POST /api/v3/command WatchmodeIdMapRefresh imports the map, then finds it unchanged",
    async () => {
      const first = await runCommand(withKey);
      expect(first).toMatchObject({ status: "completed", outcome: { status: "imported", rows: ID_MAP_BASE_ROWS } });
      expect(first.message).toMatch(/^Imported 300000 Watchmode titles/);
      const second = await runCommand(withKey);
      expect(second).toMatchObject({ status: "completed", outcome: { status: "unchanged", written: 0 } });
    },
    IMPORT_TIMEOUT_MS,
  );

  test(
    "with a short chunk budget the import runs in several chunks, each reading on where the last stopped",
    async () => {
      const short = { ...withKey, COMMAND_CHUNK_MS: "300" } as Env;
      // The simulator's file announces no size: the total is estimated from the last import.
      await importMap();
      await setDatasetVersion(2);
      const expectedRows = idMapRowCount(2);
      const seen: { done: number; total: number; staging: number }[] = [];
      const run = await runCommand(short, {
        betweenChunks: async (_chunk, command) => {
          const staging = Number(await env.DB.prepare("select count(*) as n from watchmode_id_map_staging").first("n"));
          seen.push({ ...(command.progress ?? { done: -1, total: -1 }), staging });
          expect(command.status).toBe("started");
          expect(command.message).toMatch(/^Staged \d+ Watchmode titles/);
        },
      });
      console.log(`watchmode id map in ${run.chunkMs.length} chunks, longest ${Math.max(...run.chunkMs)} ms`);
      expect(run).toMatchObject({ status: "completed", outcome: { status: "imported", rows: expectedRows } });
      expect(run.chunkMs.length).toBeGreaterThan(2);
      // Each chunk staged more than the one before, none was lost or staged twice, and the
      // estimate of the total stays near the file's real size.
      for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThan(seen[i - 1].done);
      for (const point of seen) {
        expect(point.staging).toBe(point.done);
        expect(point.total).toBeGreaterThan(expectedRows * 0.9);
        expect(point.total).toBeLessThan(expectedRows * 1.1);
      }
      expect(await mapRows()).toBe(expectedRows);
      expect(await env.DB.prepare("select count(*) as n from watchmode_id_map_staging").first("n")).toBe(0);
    },
    IMPORT_TIMEOUT_MS * 2,
  );

  test(
    "a file that changes between chunks is staged again from its start, so the map is the new file",
    async () => {
      const short = { ...withKey, COMMAND_CHUNK_MS: "300" } as Env;
      await importMap();
      await setDatasetVersion(2);
      let switched = false;
      const run = await runCommand(short, {
        betweenChunks: async (chunk) => {
          if (chunk === 1) {
            await setDatasetVersion(3);
            switched = true;
          }
        },
      });
      expect(switched).toBe(true);
      expect(run.status).toBe("completed");
      await setDatasetVersion(3);
      const again = await importMap();
      expect(again.status).toBe("unchanged");
      expect(await mapRows()).toBe(idMapRowCount(3));
    },
    IMPORT_TIMEOUT_MS * 2,
  );
});

interface Command {
  id: number;
  status: string;
  message?: string;
  progress?: { done: number; total: number };
  /** The command's counts (Radarr's `result` is its enum). */
  outcome?: Record<string, unknown>;
}

/** The app's real fetch handler with `target` as its bindings (the test bindings hold no Watchmode key). */
async function appFetch(target: Env, method: string, path: string, body?: unknown): Promise<Response> {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { "X-Api-Key": env.API_KEY ?? "" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`${APP}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await worker.fetch(request, target, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/**
 * Runs the command with `target` as the bindings: its commands-queue messages are delivered to the
 * Worker's queue consumer here, as the queue would, with those same bindings.
 */
async function runCommand(
  target: Env,
  { betweenChunks }: { betweenChunks?: (chunk: number, command: Command) => Promise<void> } = {},
): Promise<Command & { chunkMs: number[] }> {
  const sent: CommandMessage[] = [];
  const bindings = {
    ...target,
    COMMAND_QUEUE: { send: async (body: CommandMessage) => void sent.push(body) },
  } as unknown as Env;
  const queued = await appFetch(bindings, "POST", "/api/v3/command", { name: "WatchmodeIdMapRefresh" });
  expect(queued.status).toBe(201);
  const { id } = await queued.json<Command>();
  const chunkMs: number[] = [];
  for (let body = sent.shift(); body; body = sent.shift()) {
    if (body.chunk > 0 && betweenChunks) {
      await betweenChunks(body.chunk, await (await appFetch(bindings, "GET", `/api/v3/command/${id}`)).json<Command>());
    }
    const batch = createMessageBatch<CommandMessage>("radarr-edge-commands", [
      { id: `chunk-${body.chunk}`, timestamp: clock.nowDate(), attempts: 1, body },
    ]);
    const ctx = createExecutionContext();
    const started = clock.now();
    await worker.queue(batch, bindings, ctx);
    await waitOnExecutionContext(ctx);
    chunkMs.push(clock.now() - started);
  }
  return { ...(await (await appFetch(bindings, "GET", `/api/v3/command/${id}`)).json<Command>()), chunkMs };
}
