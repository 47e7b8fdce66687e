import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { call, expectFieldError, getJson, sendJson } from "./helpers";

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
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
    expect(schema.map((s) => s.implementation)).toEqual(["Webhook", "Discord"]);
    const created = await sendJson<{ id: number; fields: { name: string; value: unknown }[] }>(
      "POST",
      "/api/v3/notification",
      webhook("crud"),
      201,
    );
    expect(created.fields.find((f) => f.name === "url")?.value).toBe(`${SIM}/hooks/crud`);
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
    expect(got.received[0].body).toMatchObject({ eventType: "HealthIssue", test: true });

    const discord = {
      name: "Discord",
      implementation: "Discord",
      fields: [{ name: "webHookUrl", value: `${SIM}/hooks/discord/${channel}` }],
    };
    await sendJson("POST", "/api/v3/notification/test", discord, 200);
    const posted = await (await fetch(`${SIM}/hooks/discord/${channel}`)).json<{
      received: { body: { content: string } }[];
    }>();
    expect(posted.received[0].body.content).toMatch(/HealthIssue.*Test message/);
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
