import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { createDatabase } from "../../src/db/client";
import { rootLogger } from "../../src/observability/logger";
import { jobContext } from "../../src/services/context";
import { notifyQuietly } from "../../src/services/notifications";
import { call, expectFieldError, getJson, sendJson, waitForReceived } from "./helpers";

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
/** How long a poll waits for the notifications queue's consumer. */
const QUEUED = { timeout: 15_000, interval: 50 };
const webhook = (channel: string) => ({
  name: `Hook ${channel}`,
  implementation: "Webhook",
  fields: [
    { name: "url", value: `${SIM}/hooks/${channel}` },
    { name: "method", value: "POST" },
  ],
  onHealthIssue: true,
});

describe("/api/v3/notification", () => {
  test("schema, create, read, update and delete", async () => {
    const schema =
      await getJson<{ implementation: string; fields: { name: string }[] }[]>("/api/v3/notification/schema");
    expect(schema.map((s) => s.implementation).slice(0, 2)).toEqual(["Webhook", "Discord"]);
    const created = await sendJson<{ id: number; fields: { name: string; value: unknown }[] }>(
      "POST",
      "/api/v3/notification",
      webhook("crud"),
      201,
    );
    expect(created.fields.find((f) => f.name === "url")?.value).toBe("********");
    await sendJson(
      "PUT",
      `/api/v3/notification/${created.id}`,
      { ...webhook("crud"), name: "Renamed", onGrab: true },
      202,
    );
    expect(await getJson<{ name: string; onGrab: boolean }>(`/api/v3/notification/${created.id}`)).toMatchObject({
      name: "Renamed",
      onGrab: true,
    });
    expect((await call("DELETE", `/api/v3/notification/${created.id}`)).status).toBe(200);
    expect((await call("GET", `/api/v3/notification/${created.id}`)).status).toBe(404);
  });

  test("a bad URL is a 400 naming the field", async () => {
    const res = await call("POST", "/api/v3/notification", {
      body: { name: "Bad", implementation: "Webhook", fields: [{ name: "url", value: "not a url" }] },
    });
    await expectFieldError(res, "url");
  });

  test("test sends a message to a webhook and to Discord", async () => {
    const channel = `test-${crypto.randomUUID()}`;
    await sendJson("POST", "/api/v3/notification/test", webhook(channel), 200);
    const got = await (await fetch(`${SIM}/hooks/${channel}`)).json<{
      received: { body: { eventType: string; test: boolean } }[];
    }>();
    expect(got.received[0].body).toMatchObject({ eventType: "Test", test: true });

    const discord = {
      name: "Discord",
      implementation: "Discord",
      fields: [{ name: "webHookUrl", value: `${SIM}/hooks/discord/${channel}` }],
    };
    await sendJson("POST", "/api/v3/notification/test", discord, 200);
    const posted = await (await fetch(`${SIM}/hooks/discord/${channel}`)).json<{
      received: { body: { content: string } }[];
    }>();
    expect(posted.received[0].body.content).toMatch(/Test.*Test message/);
  });

  test("a target that refuses makes the test a 400", async () => {
    const res = await call("POST", "/api/v3/notification/test", {
      body: {
        name: "Nowhere",
        implementation: "Webhook",
        fields: [{ name: "url", value: `${SIM}/tmdb/3/no-such-route` }],
      },
    });
    expect(res.status).toBe(400);
  });
});

describe("notification secrets", () => {
  const token = "discord-token-7f3a9c";
  const discord = (channel: string, webHookUrl = `${SIM}/hooks/discord/${channel}/${token}`) => ({
    name: `Discord ${channel}`,
    implementation: "Discord",
    fields: [{ name: "webHookUrl", value: webHookUrl }],
  });
  type Saved = { id: number; fields: { name: string; value: unknown }[] };
  const fieldValue = (n: Saved, name: string) => n.fields.find((f) => f.name === name)?.value;

  test("webhook addresses and header values come back masked and are stored encrypted", async () => {
    const created = await sendJson<Saved>(
      "POST",
      "/api/v3/notification",
      {
        ...webhook("masked"),
        fields: [
          { name: "url", value: `${SIM}/hooks/masked?token=hook-secret` },
          { name: "headers", value: [{ key: "Authorization", value: "Bearer header-secret" }] },
        ],
      },
      201,
    );
    expect(fieldValue(created, "url")).toBe("********");
    expect(fieldValue(created, "headers")).toEqual([{ key: "Authorization", value: "********" }]);
    const listed = await getJson<Saved[]>("/api/v3/notification");
    expect(JSON.stringify(listed)).not.toMatch(/hook-secret|header-secret/);
    const row = await env.DB.prepare("SELECT settings FROM notifications WHERE id = ?")
      .bind(created.id)
      .first<{ settings: string }>();
    expect(row?.settings).toMatch(/enc:v1:/);
    expect(row?.settings).not.toMatch(/hook-secret|header-secret|hooks\/masked/);
  });

  test("a PUT sending ******** keeps the stored address, and the target still receives", async () => {
    const channel = `keep-${crypto.randomUUID()}`;
    const created = await sendJson<Saved>("POST", "/api/v3/notification", discord(channel), 201);
    expect(fieldValue(created, "webHookUrl")).toBe("********");
    const masked = { ...discord(channel, "********"), name: "Renamed Discord", onGrab: true };
    await sendJson("PUT", `/api/v3/notification/${created.id}`, masked, 202);
    await sendJson("POST", "/api/v3/notification/test", { ...masked, id: created.id }, 200);
    const posted = await (await fetch(`${SIM}/hooks/discord/${channel}`)).json<{ received: unknown[] }>();
    expect(posted.received).toHaveLength(0);
    const atToken = await (await fetch(`${SIM}/hooks/discord/${channel}/${token}`)).json<{ received: unknown[] }>();
    expect(atToken.received).toHaveLength(1);
  });

  test("a webhook is called with its headers, decrypted", async () => {
    const channel = `headers-${crypto.randomUUID()}`;
    const created = await sendJson<Saved>(
      "POST",
      "/api/v3/notification",
      {
        ...webhook(channel),
        fields: [
          { name: "url", value: `${SIM}/hooks/${channel}` },
          { name: "headers", value: [{ key: "Authorization", value: "Bearer header-secret" }] },
        ],
      },
      201,
    );
    const masked = {
      ...webhook(channel),
      id: created.id,
      fields: [
        { name: "url", value: "********" },
        { name: "headers", value: [{ key: "Authorization", value: "********" }] },
      ],
    };
    await sendJson("POST", "/api/v3/notification/test", masked, 200);
    const got = await (await fetch(`${SIM}/hooks/${channel}`)).json<{
      received: { headers: Record<string, string> }[];
    }>();
    expect(got.received[0].headers.authorization).toBe("Bearer header-secret");
  });

  test("a header name that is not an HTTP token is a 400 naming the field", async () => {
    const res = await call("POST", "/api/v3/notification", {
      body: {
        ...webhook("bad-header"),
        fields: [
          { name: "url", value: `${SIM}/hooks/bad-header` },
          { name: "headers", value: [{ key: "Bad Header", value: "x" }] },
        ],
      },
    });
    await expectFieldError(res, "key");
  });

  test("a target whose last three deliveries failed shows in health until one succeeds", async () => {
    const channel = `failing-${crypto.randomUUID()}`;
    // A path the simulator has no route for: every delivery is refused (404).
    const broken = { ...webhook(channel), fields: [{ name: "url", value: `${SIM}/no-such-hook/${channel}` }] };
    const target = await sendJson<{ id: number; name: string }>("POST", "/api/v3/notification", broken, 201);
    const ctx = jobContext(env, rootLogger, createDatabase(env.DB));
    const statusCheck = async () =>
      (await getJson<{ source: string; message: string }[]>("/api/v3/health")).find(
        (h) => h.source === "NotificationStatusCheck" && h.message.includes(target.name),
      );
    // A 404 is not retried: each delivery is dead-lettered at once, after its one attempt.
    const deadLetters = () => getJson<{ totalRecords: number }>("/api/v3/notification/failures");
    for (let i = 0; i < 2; i++) {
      await notifyQuietly(ctx, "healthIssue", { message: `failure ${i}` });
      await expect.poll(async () => (await deadLetters()).totalRecords, QUEUED).toBe(i + 1);
    }
    expect(await statusCheck()).toBeUndefined();
    await notifyQuietly(ctx, "healthIssue", { message: "failure 2" });
    await expect
      .poll(async () => (await statusCheck())?.message, QUEUED)
      .toMatch(/^Notifications unavailable due to failures: .*Hook failing-/);
    await sendJson("PUT", `/api/v3/notification/${target.id}`, webhook(channel), 202);
    await notifyQuietly(ctx, "healthIssue", { message: "recovered" });
    const got = await waitForReceived<{ body: { message: string } }>(`${SIM}/hooks/${channel}`);
    expect(got.map((r) => r.body.message)).toEqual(["recovered"]);
    await expect.poll(statusCheck, QUEUED).toBeUndefined();
  });
});
