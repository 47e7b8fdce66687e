import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import worker from "../../src/index";
import { addClient, type DownloadClient, qbittorrentBody, SIM, unique } from "./downloads-helpers";
import { APP, call, expectFieldError, sendJson } from "./helpers";
import { torznab, uniqueKey } from "./indexerHelpers";

// Reaching home services (docs/remote-services.md): extra request headers (a Cloudflare Access
// service token) on download clients and indexers, and private hosts refused when deployed.

const ACCESS_HEADERS = (id: string) =>
  `CF-Access-Client-Id: ${id}.access; CF-Access-Client-Secret: access-secret-${id}`;

interface LoggedCall {
  path: string;
  query: string;
  headers: Record<string, string>;
}

async function simLog(service: string): Promise<LoggedCall[]> {
  const res = await fetch(`${SIM}/__sim/calls/log?service=${service}&limit=1000`);
  return (await res.json<{ calls: LoggedCall[] }>()).calls;
}

/** The app with DEPLOYED=true, as `npm run deploy` runs it on Cloudflare. */
async function deployedCall(method: string, path: string, body: unknown): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${APP}${path}`, {
      method,
      headers: { "X-Api-Key": env.API_KEY, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { ...env, DEPLOYED: "true" },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe("request headers", () => {
  test("a download client sends its headers on every call; they are stored encrypted and shown masked", async () => {
    const id = unique("acc");
    const body = qbittorrentBody(unique("qb"));
    body.fields.push({ name: "requestHeaders", value: ACCESS_HEADERS(id) });
    const created = await addClient(body);
    const headersField = created.fields.find((f) => f.name === "requestHeaders");
    expect(headersField?.value).toBe("********");
    expect(headersField?.privacy).toBe("password");
    const stored = await env.DB.prepare("select settings from download_clients where id = ?")
      .bind(created.id)
      .first<{ settings: string }>();
    expect(JSON.parse(stored?.settings ?? "{}").requestHeaders).toMatch(/^enc:v1:/);
    expect(stored?.settings).not.toContain(`access-secret-${id}`);

    const withToken = (await simLog("qbittorrent")).filter((c) => c.headers["cf-access-client-id"] === `${id}.access`);
    expect(withToken.map((c) => c.path)).toEqual(expect.arrayContaining(["/api/v2/auth/login"]));
    expect(withToken.every((c) => c.headers["cf-access-client-secret"] === `access-secret-${id}`)).toBe(true);

    // Echoing the mask back keeps the stored headers.
    const updated = await sendJson<DownloadClient>("PUT", `/api/v3/downloadclient/${created.id}`, created, 202);
    expect(updated.fields.find((f) => f.name === "requestHeaders")?.value).toBe("********");
    const after = await env.DB.prepare("select settings from download_clients where id = ?")
      .bind(created.id)
      .first<{ settings: string }>();
    expect(JSON.parse(after?.settings ?? "{}").requestHeaders).toMatch(/^enc:v1:/);
  });

  test("an indexer sends its headers to the indexer", async () => {
    const apiKey = uniqueKey();
    const id = unique("idx");
    const body = torznab(apiKey);
    body.fields.push({ name: "requestHeaders", value: ACCESS_HEADERS(id) });
    const created = await sendJson<{ fields: { name: string; value: unknown }[] }>(
      "POST",
      "/api/v3/indexer",
      body,
      201,
    );
    expect(created.fields.find((f) => f.name === "requestHeaders")?.value).toBe("********");
    const calls = (await simLog("torznab")).filter((c) => c.query.includes(apiKey));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.headers["cf-access-client-id"] === `${id}.access`)).toBe(true);
  });

  test("malformed or reserved headers are a 400 naming the field", async () => {
    const body = qbittorrentBody(unique("qb"));
    body.fields.push({ name: "requestHeaders", value: "no colon here" });
    await expectFieldError(await call("POST", "/api/v3/downloadclient", { body }), "requestHeaders");
    const reserved = qbittorrentBody(unique("qb"));
    reserved.fields.push({ name: "requestHeaders", value: "Host: evil.example" });
    await expectFieldError(await call("POST", "/api/v3/downloadclient", { body: reserved }), "requestHeaders");
  });
});

describe("private hosts when deployed", () => {
  test("a loopback download client host is refused, pointing to docs/remote-services.md", async () => {
    const res = await deployedCall("POST", "/api/v3/downloadclient", qbittorrentBody(unique("qb")));
    const error = await expectFieldError(res, "host");
    expect(JSON.stringify(error)).toContain("docs/remote-services.md");
  });

  test("private and link-local indexer URLs are refused", async () => {
    for (const baseUrl of ["http://192.168.1.20:9696/1", "http://[fe80::1]:9696", "http://nas.local:9696"]) {
      const body = torznab(uniqueKey());
      body.fields[0] = { name: "baseUrl", value: baseUrl };
      const error = await expectFieldError(await deployedCall("POST", "/api/v3/indexer", body), "baseUrl");
      expect(JSON.stringify(error)).toContain("docs/remote-services.md");
    }
  });

  test("locally, loopback stays allowed", async () => {
    const created = await addClient(qbittorrentBody(unique("qb")));
    expect(created.id).toBeGreaterThan(0);
  });
});
