import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { createDatabase } from "../../src/db/client";
import worker from "../../src/index";
import type { NotificationDeliveryMessage } from "../../src/services/notifications";
import { deliverQueuedNotification } from "../../src/services/notificationsDelivery";
import { addMovie, addRootFolder, call, getJson, sendJson, simFaults, waitForReceived } from "./helpers";

/**
 * Notification delivery on the notifications queue: the request that raises an event only queues
 * it, each target is delivered (and retried) on its own, what fails for good is dead-lettered
 * without its secrets, and each target has its own circuit breaker.
 */
const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
const hookFaults = simFaults("hooks");
const QUEUED = { timeout: 15_000, interval: 50 };

interface Target {
  id: number;
  name: string;
}
interface DeadLetter {
  id: number;
  notificationId: number;
  notificationName: string;
  event: string;
  summary: { title?: string; year?: number; tmdbId?: number; message?: string };
  failureKind: string;
  failureMessage: string;
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
}

async function webhook(channel: string, extra: Record<string, unknown> = {}, url = `${SIM}/hooks/${channel}`) {
  return sendJson<Target>(
    "POST",
    "/api/v3/notification",
    {
      name: `Hook ${channel}`,
      implementation: "Webhook",
      fields: [{ name: "url", value: url }, ...((extra.fields as unknown[]) ?? [])],
      onMovieAdded: true,
      onHealthIssue: true,
    },
    201,
  );
}

const statusOf = (id: number) =>
  env.DB.prepare("SELECT consecutive_failures AS failures FROM notification_status WHERE notification_id = ?")
    .bind(id)
    .first<{ failures: number }>();

/** A queued delivery of `payload` to `target`, as notify() sends it. */
async function messageFor(target: Target, payload: Record<string, unknown>, event = "movieAdded") {
  const created = await env.DB.prepare("SELECT created_at AS at FROM notifications WHERE id = ?")
    .bind(target.id)
    .first<{ at: string }>();
  return {
    targetId: target.id,
    targetCreatedAt: created?.at ?? "",
    event,
    payload,
    queuedAt: clock.nowIso(),
  } as NotificationDeliveryMessage;
}

/** Runs the consumer on one message for `target`, as the queue's `attempts`-th delivery. */
async function deliver(
  target: Target,
  attempts: number,
  payload: Record<string, unknown>,
  event = "movieAdded",
  queue = "radarr-edge-notifications",
) {
  const body = await messageFor(target, payload, event);
  const batch = createMessageBatch<NotificationDeliveryMessage>(queue, [
    { id: `m${attempts}`, timestamp: clock.nowDate(), attempts, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

/** A fault switch this test removes itself (the target recovers mid-test); afterEach removes any left. */
const faultIds: string[] = [];
async function addFault(rule: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${SIM}/__sim/faults`, {
    method: "POST",
    body: JSON.stringify({ service: "hooks", ...rule }),
  });
  const { id } = await res.json<{ id: string }>();
  faultIds.push(id);
  return id;
}
async function removeFault(id: string) {
  await fetch(`${SIM}/__sim/faults/${id}`, { method: "DELETE" });
  faultIds.splice(faultIds.indexOf(id), 1);
}
afterEach(async () => {
  for (const id of faultIds.splice(0)) await fetch(`${SIM}/__sim/faults/${id}`, { method: "DELETE" });
});

const deadLetters = () =>
  getJson<{ totalRecords: number; records: DeadLetter[] }>("/api/v3/notification/failures?pageSize=10");
const healthMessages = async () =>
  (await getJson<{ source: string; message: string }[]>("/api/v3/health")).map((h) => `${h.source}: ${h.message}`);

describe("notification delivery on the queue", () => {
  test("an event reaches the healthy target while another is slow, and the request answers without waiting", async () => {
    await addRootFolder();
    // A first add without targets, for comparison (and so the isolate is warm).
    const baselineStart = Date.now();
    await addMovie(603);
    const baseline = Date.now() - baselineStart;
    const fast = `fast-${crypto.randomUUID()}`;
    const slow = `slow-${crypto.randomUUID()}`;
    await webhook(fast);
    const slowTarget = await webhook(slow);
    // Slower than the upstream timeout (500 ms in tests): each delivery attempt times out.
    await hookFaults({ match: slow, kind: "latency", ms: 3_000 });

    const started = Date.now();
    const movie = await addMovie(27205);
    const elapsed = Date.now() - started;
    // Delivered inline, the slow target's attempts would have ended (and been recorded) before the answer.
    expect(await statusOf(slowTarget.id)).toBeNull();
    console.log(`POST /movie: ${baseline} ms without targets, ${elapsed} ms with a healthy and a slow target`);

    const [got] = await waitForReceived<{ body: { eventType: string; movie: { id: number } } }>(`${SIM}/hooks/${fast}`);
    expect(got.body).toMatchObject({ eventType: "MovieAdded", movie: { id: movie.id } });
    // The slow target's delivery failed on its own (timed out) and waits for its retry.
    await expect.poll(async () => (await statusOf(slowTarget.id))?.failures, QUEUED).toBe(1);
  });

  test("a failing target is retried, then dead-lettered without its secrets; retry re-delivers, delete removes", async () => {
    const channel = `failing-${crypto.randomUUID()}`;
    const target = await webhook(
      channel,
      {
        fields: [{ name: "headers", value: [{ key: "Authorization", value: "Bearer header-secret-42" }] }],
      },
      `${SIM}/hooks/${channel}?token=url-secret-42`,
    );
    const refusing = await addFault({ match: channel, kind: "status", status: 503 });
    const payload = {
      message: "Inception (2010) added",
      movie: { id: 1, title: "Inception", year: 2010, tmdbId: 27205, folderPath: "/movies/Inception (2010)" },
    };

    // 503 is an upstreamError: retried after 60 s, then 120 s, 240 s… (its policy).
    const db = createDatabase(env.DB);
    const message = await messageFor(target, payload);
    expect(await deliverQueuedNotification({ env, db }, message, 1)).toEqual({
      outcome: "retry",
      delaySeconds: 60,
      kind: "upstreamError",
    });
    expect(await deliverQueuedNotification({ env, db }, message, 2)).toMatchObject({ delaySeconds: 120 });
    expect((await deadLetters()).totalRecords).toBe(0);
    // The consumer retries it on the queue.
    expect((await deliver(target, 3, payload)).retryMessages).toEqual([{ msgId: "m3" }]);
    expect(await healthMessages()).toContain(
      `NotificationStatusCheck: Notifications unavailable due to failures: ${target.name}`,
    );

    // The last attempt (5) gives up: acked, and a dead-letter row written.
    const last = await deliver(target, 5, payload);
    expect(last).toMatchObject({ explicitAcks: ["m5"], retryMessages: [] });
    const { records } = await deadLetters();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      notificationId: target.id,
      notificationName: target.name,
      event: "movieAdded",
      summary: { title: "Inception", year: 2010, tmdbId: 27205 },
      failureKind: "upstreamError",
      attempts: 5,
    });
    expect(records[0].failureMessage).toMatch(/503/);
    expect(JSON.stringify(records)).not.toMatch(/secret-42|\/hooks\/|folderPath/);

    // The target recovers; Retry queues the event again and removes the row.
    await removeFault(refusing);
    expect((await call("POST", `/api/v3/notification/failures/${records[0].id}/retry`)).status).toBe(202);
    expect((await deadLetters()).totalRecords).toBe(0);
    const [again] = await waitForReceived<{ body: { eventType: string; movie: { title: string } } }>(
      `${SIM}/hooks/${channel}`,
    );
    expect(again.body).toMatchObject({ eventType: "MovieAdded", movie: { title: "Inception" } });
    await expect
      .poll(healthMessages, QUEUED)
      .not.toContain(`NotificationStatusCheck: Notifications unavailable due to failures: ${target.name}`);
    expect((await call("POST", `/api/v3/notification/failures/${records[0].id}/retry`)).status).toBe(404);
  });

  test("a dead letter can be deleted; unknown ids are 404; the list is newest first and paged", async () => {
    const channel = `gone-${crypto.randomUUID()}`;
    // No such route on the simulator: a 404 is not retried, so each delivery is dead-lettered at once.
    const target = await webhook(channel, {}, `${SIM}/no-such-hook/${channel}`);
    await deliver(target, 1, { message: "first" }, "healthIssue");
    await deliver(target, 1, { message: "second" }, "healthIssue");
    const page = await getJson<{ totalRecords: number; pageSize: number; records: DeadLetter[] }>(
      "/api/v3/notification/failures?pageSize=1",
    );
    expect(page).toMatchObject({ totalRecords: 2, pageSize: 1 });
    expect(page.records.map((r) => [r.summary.message, r.failureKind, r.attempts])).toEqual([
      ["second", "notFound", 1],
    ]);
    const { records } = await deadLetters();
    expect(records.map((r) => r.summary.message)).toEqual(["second", "first"]);

    expect((await call("DELETE", `/api/v3/notification/failures/${records[0].id}`)).status).toBe(200);
    expect((await deadLetters()).records.map((r) => r.summary.message)).toEqual(["first"]);
    expect((await call("DELETE", `/api/v3/notification/failures/${records[0].id}`)).status).toBe(404);
    expect((await call("POST", "/api/v3/notification/failures/999999/retry")).status).toBe(404);
    expect((await call("GET", "/api/v3/notification/failures?pageSize=0")).status).toBe(400);
    // Deleting the target takes its dead letters with it.
    expect((await call("DELETE", `/api/v3/notification/${target.id}`)).status).toBe(200);
    expect((await deadLetters()).totalRecords).toBe(0);
  });

  test("a message the queue gave up on (our own trouble, no verdict) becomes a dead letter to retry; a deleted target's is dropped", async () => {
    const channel = `interrupted-${crypto.randomUUID()}`;
    const target = await webhook(channel, {}, `${SIM}/hooks/${channel}?token=dlq-secret-7`);
    const payload = { message: "Matrix added", movie: { id: 2, title: "The Matrix", year: 1999, tmdbId: 603 } };
    const result = await deliver(target, 6, payload, "movieAdded", "radarr-edge-notifications-dlq");
    expect(result).toMatchObject({ explicitAcks: ["m6"], retryMessages: [] });
    const { records } = await deadLetters();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      notificationId: target.id,
      event: "movieAdded",
      summary: { title: "The Matrix", year: 1999, tmdbId: 603 },
      attempts: 6,
    });
    expect(records[0].failureMessage).toMatch(/own storage or runtime failed on every attempt the queue made/);
    expect(JSON.stringify(records)).not.toMatch(/dlq-secret-7/);
    // Retry delivers it.
    expect((await call("POST", `/api/v3/notification/failures/${records[0].id}/retry`)).status).toBe(202);
    const [received] = await waitForReceived<{ body: { movie: { title: string } } }>(`${SIM}/hooks/${channel}`);
    expect(received.body.movie.title).toBe("The Matrix");

    // A message whose target was deleted since has nothing to record.
    expect((await call("DELETE", `/api/v3/notification/${target.id}`)).status).toBe(200);
    const dropped = await deliver(target, 6, payload, "movieAdded", "radarr-edge-notifications-dlq");
    expect(dropped).toMatchObject({ explicitAcks: ["m6"] });
    expect((await deadLetters()).totalRecords).toBe(0);
  });

  test("a dead letter's text holds no secret: the target's own values, token parameters and URL paths are removed", async () => {
    const channel = `scrub-${crypto.randomUUID()}`;
    const url = `${SIM}/no-such-hook/${channel}?token=url-secret-9`;
    const target = await webhook(channel, {}, url);
    await deliver(
      target,
      1,
      { message: `Failed: ${url}; list https://lists.example/ls1/export?apikey=list-key-9` },
      "healthIssue",
    );
    const [record] = (await deadLetters()).records;
    expect(record.summary.message).toBe("Failed: ********; list https://lists.example/…");
    expect(record.failureMessage).toMatch(/404/);
    expect(JSON.stringify(record)).not.toMatch(/secret-9|list-key-9|no-such-hook/);
  });

  // Last: the breaker it opens (webhook:<id>) outlives the test, and the next test's targets reuse the ids.
  test("one failing webhook opens only its own circuit breaker: another webhook still receives", async () => {
    const failing = await webhook(`broken-${crypto.randomUUID()}`);
    const healthyChannel = `healthy-${crypto.randomUUID()}`;
    const healthy = await webhook(healthyChannel);
    await addFault({ match: "broken-", kind: "status", status: 500 });
    const payload = { message: "breaker check" };
    // Five failed calls in a row (UPSTREAM_BREAKER_FAILURES' default) open the failing target's breaker.
    for (let attempt = 1; attempt <= 5; attempt++) await deliver(failing, attempt, payload, "healthIssue");
    expect(await healthMessages()).toContain(
      `UpstreamCheck: webhook:${failing.id} is failing repeatedly; calls are paused`,
    );

    const result = await deliver(healthy, 1, payload, "healthIssue");
    expect(result).toMatchObject({ explicitAcks: ["m1"], retryMessages: [] });
    const [got] = await waitForReceived<{ body: { message: string } }>(`${SIM}/hooks/${healthyChannel}`);
    expect(got.body.message).toBe("breaker check");
  });
});
