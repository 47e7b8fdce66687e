import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import type { Env } from "../../src/config";
import worker from "../../src/index";
import type { CommandMessage } from "../../src/jobs/commandRunner";
import { APP } from "./helpers";

/**
 * Priority on the commands queue: a sync or search someone runs by hand starts before scheduled
 * work already queued. The test is the queue: it delivers the Worker's messages in the order they
 * were sent (first in, first out, as a queue without priorities does).
 */
interface Command {
  id: number;
  name: string;
  status: string;
  message?: string;
  priority: string;
  trigger: string;
}

function capturedQueueApp() {
  const sent: CommandMessage[] = [];
  const bindings = {
    ...env,
    COMMAND_QUEUE: { send: async (body: CommandMessage) => void sent.push(body) },
  } as unknown as Env;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const ctx = createExecutionContext();
    const request = new Request(`${APP}${path}`, {
      method,
      headers: { "X-Api-Key": env.API_KEY ?? "", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await worker.fetch(request, bindings, ctx);
    await waitOnExecutionContext(ctx);
    return response.json<T>();
  }
  async function cron(expression: string) {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: expression }), bindings, ctx);
    await waitOnExecutionContext(ctx);
  }
  async function deliver(body: CommandMessage) {
    const batch = createMessageBatch<CommandMessage>("radarr-edge-commands", [
      { id: `m-${body.commandId}-${body.chunk}`, timestamp: clock.nowDate(), attempts: 1, body },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, bindings, ctx);
    await waitOnExecutionContext(ctx);
  }
  const commands = () => call<Command[]>("GET", "/api/v3/command");
  return { sent, call, cron, deliver, commands };
}

describe("command priority", () => {
  test("a list sync run by hand starts before the scheduled work queued ahead of it", async () => {
    const app = capturedQueueApp();
    // The 5-minute cron queues the scheduled list sync and download check first.
    await app.cron("*/5 * * * *");
    const scheduled = await app.commands();
    expect(scheduled.map((c) => [c.name, c.priority, c.trigger])).toEqual([
      ["RefreshMonitoredDownloads", "low", "scheduled"],
      ["ImportListSync", "low", "scheduled"],
    ]);
    const user = await app.call<Command>("POST", "/api/v3/command", { name: "ImportListSync" });
    expect(user).toMatchObject({ status: "queued", priority: "high", trigger: "manual" });

    let firstMoved: Command[] | undefined;
    for (let n = 0; n < 20 && app.sent.length; n++) {
      await app.deliver(app.sent.shift() as CommandMessage);
      const now = await app.commands();
      firstMoved ??= now.some((c) => c.status !== "queued") ? now : undefined;
    }
    // The first command to leave "queued" was the user's; the scheduled ones were still waiting.
    const byId = new Map(firstMoved?.map((c) => [c.id, c]));
    expect(byId.get(user.id)?.status).toBe("completed");
    for (const c of scheduled) {
      expect(byId.get(c.id)).toMatchObject({ status: "queued", message: "Waiting for 1 higher-priority command" });
    }
    // Then the scheduled work ran, once.
    const final = await app.commands();
    expect(final.map((c) => c.status)).toEqual(["completed", "completed", "completed"]);
    expect(app.sent).toEqual([]);
  });

  test("a search run by hand is high priority, other commands run by hand normal", async () => {
    const app = capturedQueueApp();
    const health = await app.call<Command>("POST", "/api/v3/command", { name: "CheckHealth" });
    const search = await app.call<Command>("POST", "/api/v3/command", { name: "MissingMoviesSearch" });
    expect(health).toMatchObject({ priority: "normal", trigger: "manual" });
    expect(search).toMatchObject({ priority: "high", trigger: "manual" });
    // The normal command gives way to the high one queued after it.
    await app.deliver(app.sent.shift() as CommandMessage);
    expect((await app.call<Command>("GET", `/api/v3/command/${health.id}`)).status).toBe("queued");
    await app.deliver(app.sent.shift() as CommandMessage);
    expect((await app.call<Command>("GET", `/api/v3/command/${search.id}`)).status).toBe("completed");
  });

  test("scheduled work stops giving way after five minutes (a lost message never starves it)", async () => {
    const app = capturedQueueApp();
    await app.cron("*/15 * * * *");
    const user = await app.call<Command>("POST", "/api/v3/command", { name: "RssSync" });
    // The user's message is lost; it stays queued (the stall check would resend it later).
    const waiting = app.sent.filter((m) => m.commandId !== user.id);
    app.sent.length = 0;
    const [first, ...rest] = waiting;
    await app.deliver(first);
    expect((await app.call<Command>("GET", `/api/v3/command/${first.commandId}`)).status).toBe("queued");
    const sixMinutesAgo = new Date(clock.now() - 6 * 60_000).toISOString();
    await app.deliver({ ...(app.sent.shift() as CommandMessage), waitingSince: sixMinutesAgo });
    expect((await app.call<Command>("GET", `/api/v3/command/${first.commandId}`)).status).toMatch(/completed|failed/);
    expect(rest.length).toBeGreaterThan(0);
  });
});
