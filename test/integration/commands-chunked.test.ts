import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import type { Env } from "../../src/config";
import worker from "../../src/index";
import type { CommandMessage } from "../../src/jobs/commandRunner";
import { APP } from "./helpers";

/**
 * Commands over a big library run as chains of short queue invocations. Here the test is the
 * queue: it takes each message the Worker sends, delivers it to the Worker's queue consumer and
 * times that invocation. The chunk budget is shortened (COMMAND_CHUNK_MS) so a library small
 * enough for the suite still takes many chunks; bench/commands.mjs runs 20,000 movies.
 */
const LIBRARY = 1_500;
// Each search (decisions, grab check) is ~10× a refresh's cost here: fewer movies keep the test short.
const MISSING = 300;
const CHUNK_MS = 1_000;
// TMDb ids the simulator knows (its generated catalogue starts at 2,000,000).
const FIRST_TMDB_ID = 2_000_000;
const PLATFORM_LIMIT_MS = 30_000;
const TIMEOUT_MS = 120_000;

interface Command {
  id: number;
  name: string;
  status: string;
  message?: string;
  body: Record<string, unknown>;
  result?: string;
  outcome?: Record<string, unknown>;
  progress?: { done: number; total: number };
}

/**
 * Movies 1..count, monitored, without a file, released; the stalest metadata has the lowest id.
 * Refreshed in 2020 unless `syncedFrom` (ms) says when the first was.
 */
async function seedLibrary(count: number, syncedFrom = Date.UTC(2020, 0, 1)) {
  const metadata = JSON.stringify({ overview: "", images: [], alternateTitles: [], genres: [] });
  const rows: string[] = [];
  for (let id = 1; id <= count; id++) {
    const synced = new Date(syncedFrom + id * 1_000).toISOString();
    rows.push(
      `(${id}, ${FIRST_TMDB_ID + id}, 'Seeded ${id}', 'Seeded ${id}', 'seeded ${id}', 'seeded${id}', 2001, 'released', 'announced', 1, '/movies', '/movies/Seeded ${id} (2001)', '[]', '${metadata}', '${synced}', '${synced}', '${synced}')`,
    );
  }
  const statements = [env.DB.prepare("INSERT INTO root_folders (path) VALUES ('/movies')")];
  for (let i = 0; i < rows.length; i += 250) {
    statements.push(
      env.DB.prepare(
        `INSERT INTO movies (id, tmdb_id, title, original_title, sort_title, clean_title, year, status, minimum_availability, quality_profile_id, root_folder_path, path, genres, metadata, added, last_info_sync, updated_at) VALUES ${rows.slice(i, i + 250).join(",")}`,
      ),
    );
  }
  await env.DB.batch(statements);
}

/** The Worker with these bindings, its commands queue captured so the test delivers each message. */
function queueCapturingApp() {
  const sent: CommandMessage[] = [];
  const bindings = {
    ...env,
    COMMAND_CHUNK_MS: String(CHUNK_MS),
    COMMAND_QUEUE: { send: async (body: CommandMessage) => void sent.push(body) },
  } as unknown as Env;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const ctx = createExecutionContext();
    const headers: Record<string, string> = { "X-Api-Key": env.API_KEY ?? "", "content-type": "application/json" };
    const request = new Request(`${APP}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await worker.fetch(request, bindings, ctx);
    await waitOnExecutionContext(ctx);
    return response.json<T>();
  }
  /** Delivers one message to the consumer as the queue would; its wall time in ms. */
  async function deliver(body: CommandMessage): Promise<number> {
    const batch = createMessageBatch<CommandMessage>("radarr-edge-commands", [
      { id: `chunk-${body.chunk}`, timestamp: clock.nowDate(), attempts: 1, body },
    ]);
    const ctx = createExecutionContext();
    const started = performance.now();
    await worker.queue(batch, bindings, ctx);
    await waitOnExecutionContext(ctx);
    return performance.now() - started;
  }
  return { sent, call, deliver };
}

/** Runs a command to its end chunk by chunk; each chunk's wall time and the progress seen after it. */
async function runChunked(name: string, body: Record<string, unknown> = {}) {
  const app = queueCapturingApp();
  const queued = await app.call<Command>("POST", "/api/v3/command", { name, ...body });
  const chunkMs: number[] = [];
  const seen: Command[] = [queued];
  for (let message = app.sent.shift(); message; message = app.sent.shift()) {
    chunkMs.push(await app.deliver(message));
    seen.push(await app.call<Command>("GET", `/api/v3/command/${queued.id}`));
  }
  console.log(`${name}: ${chunkMs.length} chunks, longest ${Math.round(Math.max(...chunkMs))} ms`);
  return { app, chunkMs, seen, final: seen[seen.length - 1] };
}

describe("commands over a big library", () => {
  test(
    `MissingMoviesSearch walks ${MISSING} movies in chunks, each invocation well under 30 s, showing progress`,
    async () => {
      await seedLibrary(MISSING);
      const { chunkMs, seen, final } = await runChunked("MissingMoviesSearch");
      expect(seen[0]).toMatchObject({ status: "queued" });
      expect(chunkMs.length).toBeGreaterThan(1);
      expect(Math.max(...chunkMs)).toBeLessThan(PLATFORM_LIMIT_MS);
      const midway = seen[1];
      expect(midway.status).toBe("started");
      expect(midway.progress?.total).toBe(MISSING);
      expect(midway.progress?.done).toBeGreaterThan(0);
      expect(midway.message).toBe(`Searched ${midway.progress?.done} of ${MISSING} movies`);
      const done = seen.slice(1).map((c) => c.progress?.done ?? 0);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(final).toMatchObject({
        status: "completed",
        progress: { done: MISSING, total: MISSING },
        message: `Searched ${MISSING} of ${MISSING} movies, grabbed 0`,
        body: { completionMessage: `Searched ${MISSING} of ${MISSING} movies, grabbed 0` },
        result: "successful",
        outcome: { searched: MISSING, failed: 0 },
      });
    },
    TIMEOUT_MS,
  );

  test(
    "a chunk delivered twice runs once: the duplicate neither repeats the work nor forks the chain",
    async () => {
      await seedLibrary(MISSING);
      const app = queueCapturingApp();
      const queued = await app.call<Command>("POST", "/api/v3/command", { name: "MissingMoviesSearch" });
      const first = app.sent.shift() as CommandMessage;
      await app.deliver(first);
      const after = await app.call<Command>("GET", `/api/v3/command/${queued.id}`);
      expect(app.sent).toEqual([{ commandId: queued.id, chunk: 1 }]);
      await app.deliver(first);
      expect(app.sent).toHaveLength(1);
      expect(await app.call<Command>("GET", `/api/v3/command/${queued.id}`)).toEqual(after);
    },
    TIMEOUT_MS,
  );

  test(
    "RefreshMovie without ids reads TMDb's change feed and refreshes only the changed movies, in chunks",
    async () => {
      // Every movie refreshed yesterday: the feed since then covers all of them.
      await seedLibrary(LIBRARY, Date.parse(`${clock.nowIso().slice(0, 10)}T00:00:00.000Z`) - 86_400_000);
      const started = clock.nowIso();
      const { chunkMs, final } = await runChunked("RefreshMovie");
      const result = final.outcome as {
        refreshed: number;
        failed: number;
        checked: number;
        feedPages: number;
        calls: number;
      };
      expect(final).toMatchObject({ status: "completed", result: "successful" });
      expect(result.failed).toBe(0);
      expect(result.feedPages).toBeGreaterThan(0);
      // The simulator edits about 2% of its movies a day: some of the library changed, most did not.
      expect(result.refreshed).toBeGreaterThan(0);
      expect(result.refreshed).toBeLessThan(LIBRARY / 5);
      expect(result.checked).toBe(LIBRARY - result.refreshed);
      // Within the feed run's share of TMDb's background allowance (250 of 400 calls a day).
      expect(result.calls).toBe(result.feedPages + result.refreshed);
      expect(result.calls).toBeLessThanOrEqual(250);
      expect(Math.max(...chunkMs)).toBeLessThan(PLATFORM_LIMIT_MS);
      // Every movie is current as of the feed: refreshed or checked by this run.
      const behind = await env.DB.prepare("select count(*) as n from movies where last_info_sync < ?")
        .bind(started)
        .first<{ n: number }>();
      expect(behind?.n).toBe(0);
    },
    TIMEOUT_MS,
  );

  test(
    "RefreshMovie without ids refreshes movies the feed cannot cover stalest first, stopping at its calls",
    async () => {
      await seedLibrary(LIBRARY);
      const started = clock.nowIso();
      const { chunkMs, final } = await runChunked("RefreshMovie");
      const result = final.outcome as {
        refreshed: number;
        failed: number;
        checked: number;
        feedPages: number;
        calls: number;
      };
      // Refreshed in 2020, beyond the feed's 14 days: the feed's changed movies first, then the stalest.
      expect(final).toMatchObject({ status: "completed", result: "successful" });
      expect(result).toMatchObject({ failed: 0, checked: 0, calls: 250 });
      expect(result.refreshed).toBe(250 - result.feedPages);
      expect(Math.max(...chunkMs)).toBeLessThan(PLATFORM_LIMIT_MS);
      const refreshed = await env.DB.prepare("select count(*) as n from movies where last_info_sync >= ?")
        .bind(started)
        .first<{ n: number }>();
      expect(refreshed?.n).toBe(result.refreshed);
    },
    TIMEOUT_MS,
  );
});
