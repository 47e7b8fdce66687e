import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import type { Env } from "../../src/config";
import { createDatabase } from "../../src/db/client";
import worker from "../../src/index";
import type { CommandMessage } from "../../src/jobs/commandRunner";
import { resumeStalledCommands } from "../../src/jobs/commandRunner";
import { APP, simFaults } from "./helpers";
import { hdbits, SIM, uniqueKey } from "./indexerHelpers";

/**
 * The HDBits analyzer (src/services/hdbitsAnalyzer.ts) against the simulator's two-year browse
 * catalogue. The test is the commands queue: it keeps each message the Worker sends (and its
 * delay) and delivers it to the queue consumer when it chooses, so restarts (a lost message),
 * duplicates and waits are in its hands. The pace is HDBITS_ANALYZER_INTERVAL_MS = 0 here unless
 * a test checks the default 10 s.
 */

interface Collection {
  indexerId: number;
  status: string;
  since: string;
  nextPage: number;
  pages: number;
  releases: number;
  oldestReached: string | null;
  nextRequestAt: string | null;
  commandId: number;
  attempts: number;
  lastError: string | null;
}
interface Group {
  group: string;
  releases: number;
  confidence: number;
  score: number;
  qualities: Record<string, number>;
}
interface Sent {
  body: CommandMessage;
  delaySeconds?: number;
}

function analyzerApp(vars: Record<string, string> = { HDBITS_ANALYZER_INTERVAL_MS: "0" }) {
  const sent: Sent[] = [];
  const bindings = {
    ...env,
    COMMAND_CHUNK_MS: "1",
    ...vars,
    COMMAND_QUEUE: {
      send: async (body: CommandMessage, options?: { delaySeconds?: number }) =>
        void sent.push({ body, delaySeconds: options?.delaySeconds }),
    },
  } as unknown as Env;
  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const ctx = createExecutionContext();
    const request = new Request(`${APP}${path}`, {
      method,
      headers: { "X-Api-Key": env.API_KEY ?? "", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await worker.fetch(request, bindings, ctx);
    await waitOnExecutionContext(ctx);
    const text = await response.text();
    return {
      status: response.status,
      json: (text.startsWith("[") || text.startsWith("{") ? JSON.parse(text) : text) as T,
    };
  }
  async function deliver(message: Sent): Promise<void> {
    const batch = createMessageBatch<CommandMessage>("radarr-edge-commands", [
      {
        id: `m-${message.body.commandId}-${message.body.chunk}`,
        timestamp: clock.nowDate(),
        attempts: 1,
        body: message.body,
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, bindings, ctx);
    await waitOnExecutionContext(ctx);
  }
  /** Delivers every message until none is left (at most `limit`). */
  async function drain(limit = 200): Promise<number> {
    let delivered = 0;
    while (delivered < limit && sent.length > 0) {
      await deliver(sent.shift() as Sent);
      delivered++;
    }
    return delivered;
  }
  const collection = async () =>
    (await call<{ collection: Collection }>("GET", "/api/v3/analysis/collection")).json.collection;
  return { bindings, sent, call, deliver, drain, collection };
}

async function addHdbits(app: ReturnType<typeof analyzerApp>, passkey: string) {
  const res = await app.call<{ id: number }>("POST", "/api/v3/indexer", hdbits(passkey));
  expect(res.status).toBe(201);
  return res.json.id;
}

/** The browse pages the simulator received with this passkey, in order (searches and tests left out). */
async function browsedPages(passkey: string): Promise<number[]> {
  const res = await fetch(`${SIM}/hdbits/__requests?passkey=${encodeURIComponent(passkey)}`);
  const { requests } = await res.json<{ requests: { body: Record<string, unknown> }[] }>();
  return requests.filter((r) => r.body.limit === 100 && r.body.search === undefined).map((r) => r.body.page as number);
}

const range = (n: number) => [...Array(n).keys()];

describe("HDBits analyzer", () => {
  const faults = simFaults("hdbits");

  test("pages back to the configured date and stops; progress shows in the command list; exports", async () => {
    const app = analyzerApp();
    const passkey = uniqueKey();
    await addHdbits(app, passkey);
    const started = await app.call<Collection>("POST", "/api/v3/analysis/collection", { days: 4 });
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({ status: "running", nextPage: 0 });
    await app.deliver(app.sent.shift() as Sent);
    const midway = (
      await app.call<{ status: string; message: string; progress: { done: number; total: number } }>(
        "GET",
        `/api/v3/command/${started.json.commandId}`,
      )
    ).json;
    expect(midway.status).toBe("started");
    expect(midway.message).toMatch(/^HDBits analyzer: 1 pages, \d+ releases/);
    expect(midway.progress.total).toBe(4);
    await app.drain();
    const done = await app.collection();
    expect(done.status).toBe("completed");
    expect(done.pages).toBeGreaterThan(2);
    // The last page reached past the date; every page before it was newer.
    expect(Date.parse(done.oldestReached as string)).toBeLessThan(Date.parse(done.since));
    expect(await browsedPages(passkey)).toEqual(range(done.pages));
    const command = (await app.call<{ status: string; message: string }>("GET", `/api/v3/command/${done.commandId}`))
      .json;
    expect(command).toMatchObject({ status: "completed" });
    expect(command.message).toBe(
      `Collected ${done.pages} pages, ${done.releases} releases back to ${done.oldestReached?.slice(0, 10)}`,
    );

    // Reputations from the collected set: sample size and confidence per group, in both exports.
    const groups = (await app.call<Group[]>("GET", "/api/v3/analysis/groups.json")).json;
    expect(groups.length).toBeGreaterThan(5);
    expect(groups.reduce((sum, g) => sum + g.releases, 0)).toBeLessThanOrEqual(done.releases);
    for (const g of groups) expect(g.confidence).toBeCloseTo(g.releases / (g.releases + 10), 3);
    const csv = (await app.call<string>("GET", "/api/v3/analysis/groups.csv")).json.trimEnd().split("\r\n");
    expect(csv[0]).toMatch(/^group,score,tier,releases,confidence,/);
    expect(csv.slice(1).map((line) => line.split(",")[0])).toEqual(groups.map((g) => g.group));
    expect(csv.slice(1).map((line) => Number(line.split(",")[4]))).toEqual(groups.map((g) => g.confidence));
    const ctrl = groups.find((g) => g.group === "CTRLHD") as Group;
    expect(ctrl).toBeDefined();
    const detail = (
      await app.call<{ reputation: Group; releases: { name: string }[] }>("GET", "/api/v3/analysis/groups/ctrlhd")
    ).json;
    expect(detail.reputation.releases).toBe(ctrl.releases);
    expect(detail.releases.length).toBe(Math.min(ctrl.releases, 500));
    expect(detail.releases.every((r) => r.name.endsWith("-CtrlHD"))).toBe(true);
    const filtered = (await app.call<Group[]>("GET", "/api/v3/analysis/groups?quality=2160p&search=ct")).json;
    expect(filtered.every((g) => g.group.includes("CT") && g.qualities["2160p"] > 0)).toBe(true);
    // Deleting the indexer deletes its collection: its groups are no longer scored from it.
    expect((await app.call("DELETE", `/api/v3/indexer/${done.indexerId}`)).status).toBeLessThan(300);
    expect((await app.call<Group[]>("GET", "/api/v3/analysis/groups")).json).toEqual([]);
  });

  test("resumes after a restart from its cursor: no page fetched twice, none skipped", async () => {
    const app = analyzerApp();
    const passkey = uniqueKey();
    await addHdbits(app, passkey);
    const { json: started } = await app.call<Collection>("POST", "/api/v3/analysis/collection", { days: 4 });
    await app.drain(2);
    // A restart: the pending message is lost, and a duplicate of the last one arrives late.
    const lost = app.sent.splice(0);
    expect(lost).toHaveLength(1);
    await app.deliver({ body: { ...lost[0].body, chunk: lost[0].body.chunk - 1 } });
    expect(app.sent).toHaveLength(0);
    const before = await app.collection();
    expect(before.pages).toBe(2);
    // The cron finds the command silent for over a minute and resends its current chunk.
    await env.DB.prepare("UPDATE commands SET heartbeat = '2000-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(started.commandId)
      .run();
    expect(await resumeStalledCommands(app.bindings, createDatabase(env.DB))).toBe(1);
    await app.drain();
    const done = await app.collection();
    expect(done.status).toBe("completed");
    expect(await browsedPages(passkey)).toEqual(range(done.pages));
  });

  test("a 429 is backed off by the failure policy and the page retried; the default pace is 10 s", async () => {
    const app = analyzerApp({});
    const passkey = uniqueKey();
    await addHdbits(app, passkey);
    await faults({ match: "/api/torrents", kind: "rateLimit", retryAfter: 1, times: 2 });
    await app.call("POST", "/api/v3/analysis/collection", { days: 4 });
    await app.deliver(app.sent.shift() as Sent);
    const limited = await app.collection();
    expect(limited).toMatchObject({ status: "running", pages: 0, nextPage: 0, attempts: 1 });
    expect(limited.lastError).toMatch(/429|rate/i);
    // The rate-limit policy's first retry: 120 s.
    expect(app.sent).toHaveLength(1);
    expect(app.sent[0].delaySeconds).toBe(120);
    // The wait passes; the page is fetched again and then at the default pace, 10 s apart.
    await env.DB.prepare("UPDATE hdbits_analyzer_collections SET next_request_at = NULL").run();
    await app.deliver(app.sent.shift() as Sent);
    const paced = await app.collection();
    expect(paced).toMatchObject({ pages: 1, nextPage: 1, attempts: 0, lastError: null });
    expect(app.sent[0].delaySeconds).toBe(10);
    expect(Date.parse(paced.nextRequestAt as string) - clock.now()).toBeGreaterThan(8_000);
    expect(await browsedPages(passkey)).toEqual([0]);
  });

  test("pause ends the command after its page; resume continues at the next page; cancel stops it", async () => {
    const app = analyzerApp();
    const passkey = uniqueKey();
    await addHdbits(app, passkey);
    const { json: first } = await app.call<Collection>("POST", "/api/v3/analysis/collection", { days: 4 });
    expect((await app.call("POST", "/api/v3/analysis/collection", { days: 4 })).status).toBe(409);
    await app.deliver(app.sent.shift() as Sent);
    expect((await app.call<Collection>("POST", "/api/v3/analysis/collection/pause")).json.status).toBe("paused");
    await app.drain();
    const paused = await app.collection();
    expect(paused).toMatchObject({ status: "paused", pages: 1 });
    expect((await app.call<{ message: string }>("GET", `/api/v3/command/${first.commandId}`)).json.message).toMatch(
      /^Paused after 1 pages/,
    );
    // Paused groups are scored from what was collected so far.
    expect((await app.call<Group[]>("GET", "/api/v3/analysis/groups")).json.length).toBeGreaterThan(0);
    const resumed = (await app.call<Collection>("POST", "/api/v3/analysis/collection/resume")).json;
    expect(resumed.status).toBe("running");
    expect(resumed.commandId).not.toBe(first.commandId);
    await app.drain(1);
    expect((await app.call<Collection>("DELETE", "/api/v3/analysis/collection")).json.status).toBe("cancelled");
    expect((await app.call<{ status: string }>("GET", `/api/v3/command/${resumed.commandId}`)).json.status).toBe(
      "cancelled",
    );
    await app.drain();
    const cancelled = await app.collection();
    expect(cancelled).toMatchObject({ status: "cancelled", pages: 2 });
    expect(await browsedPages(passkey)).toEqual([0, 1]);
    expect((await app.call("POST", "/api/v3/analysis/collection/pause")).status).toBe(409);
  });

  test("bad input is a 400 naming the field", async () => {
    const app = analyzerApp();
    const none = await app.call<{ errors: { path: string }[] }>("POST", "/api/v3/analysis/collection", {});
    expect(none.status).toBe(400);
    expect(none.json.errors[0].path).toContain("indexerId");
    const days = await app.call<{ errors: { path: string }[] }>("POST", "/api/v3/analysis/collection", { days: 0 });
    expect(days.status).toBe(400);
    expect(days.json.errors[0].path).toContain("days");
    const quality = await app.call<{ errors: { path: string }[] }>("GET", "/api/v3/analysis/groups?quality=huge");
    expect(quality.status).toBe(400);
    expect((await app.call("GET", "/api/v3/analysis/groups/NOSUCHGROUP")).status).toBe(404);
  });
});
