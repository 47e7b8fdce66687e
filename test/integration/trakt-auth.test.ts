import {
  createExecutionContext,
  runDurableObjectAlarm,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import type { TraktAuthStatus } from "../../durable-objects/TraktAuth";
import * as clock from "../../src/clock";
import worker from "../../src/index";
import { REFRESH_MARGIN_MS } from "../../src/integrations/trakt/deviceFlow";
import { traktAuthStub } from "../../src/integrations/trakt/index";
import { TraktTokenStore, traktAccessToken } from "../../src/services/traktTokens";
import { APP, type ErrorBody } from "./helpers";

// The test bindings carry TRAKT_CLIENT_ID but no secret: requests get an env that has one.
const configured = { ...env, TRAKT_CLIENT_SECRET: "sim-secret" };
const simRoot = () => env.TRAKT_AUTH_URL.replace(/\/trakt$/, "");

interface DeviceFlow {
  userCode: string;
  verificationUrl: string;
  expiresIn: number;
  interval: number;
}

async function api(method: string, path = "", target: typeof env = configured): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`${APP}/api/v3/streaming/trakt/auth${path}`, {
    method,
    headers: { "X-Api-Key": env.API_KEY ?? "" },
  });
  const res = await worker.fetch(request, target, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function apiJson<T>(method: string, path = ""): Promise<T> {
  const res = await api(method, path);
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(200);
  return JSON.parse(text) as T;
}

const start = () => apiJson<DeviceFlow>("POST");
const poll = () => apiJson<TraktAuthStatus>("POST", "/poll");

/** Scripts the simulated Trakt's next answers to this code's polls. */
async function script(userCode: string, ...next: number[]) {
  const res = await fetch(`${env.TRAKT_AUTH_URL}/__device/${userCode}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ next }),
  });
  expect(res.status).toBe(200);
}

async function simCalls(path: string): Promise<number> {
  const res = await fetch(`${simRoot()}/__sim/calls?service=trakt&path=${encodeURIComponent(path)}`);
  return (await res.json<{ count: number }>()).count;
}

const scheduledAlarm = () => runInDurableObject(traktAuthStub(env), (_instance, state) => state.storage.getAlarm());

async function connect(): Promise<TraktAuthStatus> {
  const flow = await start();
  await script(flow.userCode, 200);
  const status = await poll();
  expect(status.connected).toBe(true);
  return status;
}

describe("Trakt device flow", () => {
  test("starting returns the code to enter and where, and polls on an alarm", async () => {
    const flow = await start();
    expect(flow).toEqual({
      userCode: expect.stringMatching(/^[0-9A-F]{8}$/),
      verificationUrl: expect.stringMatching(/\/trakt\/activate$/),
      expiresIn: 600,
      interval: 5,
    });
    const status = await apiJson<TraktAuthStatus>("GET");
    expect(status.connected).toBe(false);
    expect(status.polling).toMatchObject({
      userCode: flow.userCode,
      verificationUrl: flow.verificationUrl,
      interval: 5,
    });
    const alarm = await scheduledAlarm();
    expect(alarm).toBeGreaterThan(Date.now() + 3_000);
    expect(alarm).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  test("while the user has not entered the code, polling goes on", async () => {
    const flow = await start();
    await script(flow.userCode, 400, 400);
    for (let i = 0; i < 2; i++) {
      const status = await poll();
      expect(status.connected).toBe(false);
      expect(status.polling?.userCode).toBe(flow.userCode);
      expect(status.lastError).toBeNull();
    }
    expect(await scheduledAlarm()).not.toBeNull();
  });

  test("429 slow down makes the interval 5 s longer each time", async () => {
    const flow = await start();
    await script(flow.userCode, 429, 429);
    expect((await poll()).polling?.interval).toBe(10);
    expect((await poll()).polling?.interval).toBe(15);
    expect(await scheduledAlarm()).toBeGreaterThan(Date.now() + 14_000);
  });

  test.each([
    [404, "invalidCode"],
    [409, "alreadyUsed"],
    [410, "expired"],
    [418, "denied"],
  ])("%i stops polling with status %s", async (answer, code) => {
    const flow = await start();
    await script(flow.userCode, answer);
    const status = await poll();
    expect(status.connected).toBe(false);
    expect(status.polling).toBeNull();
    expect(status.lastError).toMatchObject({ code, message: expect.any(String) });
    expect(await scheduledAlarm()).toBeNull();
  });

  test("approval connects; tokens are stored encrypted and never shown", async () => {
    const flow = await start();
    const approve = await fetch(`${env.TRAKT_AUTH_URL}/activate?code=${flow.userCode}`);
    expect(approve.status).toBe(200);
    const res = await api("POST", "/poll");
    const text = await res.text();
    const status = JSON.parse(text) as TraktAuthStatus;
    expect(status).toMatchObject({ connected: true, polling: null, lastError: null, scope: "public" });
    expect(Date.parse(status.expiresAt ?? "") - clock.now()).toBeGreaterThan(86_000_000);
    expect(text).not.toMatch(/trakt-sim|enc:v1|refresh_token|access_token/);

    const row = await env.DB.prepare("SELECT access_token, refresh_token FROM trakt_tokens").first<{
      access_token: string;
      refresh_token: string;
    }>();
    expect(row?.access_token).toMatch(/^enc:v1:/);
    expect(row?.refresh_token).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain("trakt-sim");

    // The token it hands list syncs opens the simulated user's private data.
    const token = await traktAccessToken(env);
    expect(token).toBe("trakt-sim-token");
    const watchlist = await fetch(`${env.TRAKT_API_URL}/users/me/watchlist/movies`, {
      headers: { "trakt-api-key": env.TRAKT_CLIENT_ID ?? "", Authorization: `Bearer ${token}` },
    });
    expect(watchlist.status).toBe(200);
  });

  test("the refresh alarm is set a margin before expiry and refreshes the tokens", async () => {
    const connected = await connect();
    const expiresAt = Date.parse(connected.expiresAt ?? "");
    // Alarms run on the platform's real time; the expiry is on the app's clock.
    expect(await scheduledAlarm()).toBe(clock.toRealTime(expiresAt - REFRESH_MARGIN_MS));

    const before = await simCalls("/oauth/token");
    expect(await runDurableObjectAlarm(traktAuthStub(env))).toBe(true);
    expect(await simCalls("/oauth/token")).toBe(before + 1);

    const token = await traktAccessToken(env);
    expect(token).toMatch(/^trakt-sim-token-/);
    const status = await apiJson<TraktAuthStatus>("GET");
    expect(status.connected).toBe(true);
    expect(Date.parse(status.expiresAt ?? "")).toBeGreaterThanOrEqual(expiresAt);
    expect(await scheduledAlarm()).toBe(clock.toRealTime(Date.parse(status.expiresAt ?? "") - REFRESH_MARGIN_MS));
    const watchlist = await fetch(`${env.TRAKT_API_URL}/users/me/watchlist/movies`, {
      headers: { "trakt-api-key": env.TRAKT_CLIENT_ID ?? "", Authorization: `Bearer ${token}` },
    });
    expect(watchlist.status).toBe(200);
  });

  test("concurrent refreshes share one call, spending the refresh token once", async () => {
    await connect();
    const stub = traktAuthStub(env);
    const before = await simCalls("/oauth/token");
    const results = await Promise.all([stub.refresh(), stub.refresh(), stub.refresh()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await simCalls("/oauth/token")).toBe(before + 1);
    // The new refresh token works in turn.
    expect((await stub.refresh()).ok).toBe(true);
    expect(await simCalls("/oauth/token")).toBe(before + 2);
  });

  test("a refresh token Trakt rejects disconnects with refreshFailed", async () => {
    await connect();
    const tokens = await new TraktTokenStore(env).load();
    const spend = () =>
      fetch(`${env.TRAKT_AUTH_URL}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          grant_type: "refresh_token",
          refresh_token: tokens?.refreshToken,
          client_id: env.TRAKT_CLIENT_ID,
          client_secret: "sim-secret",
        }),
      });
    expect((await spend()).status).toBe(200);
    expect((await spend()).status).toBe(400);

    expect(await traktAuthStub(env).refresh()).toMatchObject({ ok: false });
    const status = await apiJson<TraktAuthStatus>("GET");
    expect(status.connected).toBe(false);
    expect(status.lastError?.code).toBe("refreshFailed");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM trakt_tokens").first("n")).toBe(0);
  });

  test("disconnecting revokes the token and forgets it", async () => {
    await connect();
    const before = await simCalls("/oauth/revoke");
    const status = await apiJson<TraktAuthStatus>("DELETE");
    expect(status).toMatchObject({ connected: false, expiresAt: null, polling: null });
    expect(await simCalls("/oauth/revoke")).toBe(before + 1);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM trakt_tokens").first("n")).toBe(0);
    expect(await traktAccessToken(env)).toBeUndefined();
    expect(await scheduledAlarm()).toBeNull();
  });

  test("without TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET, starting and polling answer 400", async () => {
    for (const path of ["", "/poll"]) {
      const res = await api("POST", path, env);
      const body = await res.json<ErrorBody>();
      expect(res.status).toBe(400);
      expect(body.message).toMatch(/TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET/);
    }
    expect((await api("GET", "", env)).status).toBe(200);
  });
});
