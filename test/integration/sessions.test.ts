import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { call, type ErrorBody, getJson } from "./helpers";

interface SessionResource {
  id: number;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string;
  clientAddress: string;
  current: boolean;
}

const API_KEY = env.API_KEY ?? "";

function login(apiKey: string, headers: Record<string, string> = {}): Promise<Response> {
  return call("POST", "/login", { key: null, body: { apiKey }, headers });
}

/** Logs in and returns the session cookie's name=value pair. */
async function loggedInCookie(headers: Record<string, string> = {}): Promise<string> {
  const res = await login(API_KEY, headers);
  expect(res.status).toBe(200);
  const pair = res.headers.get("set-cookie")?.split(";")[0];
  if (!pair) throw new Error("no Set-Cookie header");
  return pair;
}

function withCookie(method: string, path: string, cookie: string): Promise<Response> {
  return call(method, path, { key: null, headers: { Cookie: cookie } });
}

describe("stored sessions", () => {
  test("after logout the old cookie is refused", async () => {
    const cookie = await loggedInCookie();
    expect((await withCookie("GET", "/api/v3/system/status", cookie)).status).toBe(200);
    expect((await withCookie("POST", "/logout", cookie)).status).toBe(200);
    expect((await withCookie("GET", "/api/v3/system/status", cookie)).status).toBe(401);
    expect(await (await withCookie("GET", "/session", cookie)).json()).toMatchObject({ authenticated: false });
  });

  test("logging out one browser leaves another's session working", async () => {
    const first = await loggedInCookie();
    const second = await loggedInCookie();
    await withCookie("POST", "/logout", first);
    expect((await withCookie("GET", "/api/v3/system/status", second)).status).toBe(200);
  });

  test("sessions are listed with their browser, address and which one is asking", async () => {
    const cookie = await loggedInCookie({ "User-Agent": "Browser A", "CF-Connecting-IP": "203.0.113.7" });
    await loggedInCookie({ "User-Agent": "Browser B", "CF-Connecting-IP": "198.51.100.2" });
    const res = await withCookie("GET", "/api/v3/system/session", cookie);
    expect(res.status).toBe(200);
    const listed = await res.json<SessionResource[]>();
    expect(listed).toHaveLength(2);
    expect(listed.find((s) => s.userAgent === "Browser A")).toMatchObject({
      clientAddress: "203.0.113.7",
      current: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(listed.find((s) => s.userAgent === "Browser B")).toMatchObject({
      clientAddress: "198.51.100.2",
      current: false,
    });
  });

  test("a revoked session's cookie is refused and the session leaves the list", async () => {
    const cookie = await loggedInCookie({ "User-Agent": "Revoke me" });
    const [session] = await getJson<SessionResource[]>("/api/v3/system/session");
    expect(session.userAgent).toBe("Revoke me");
    expect((await call("DELETE", `/api/v3/system/session/${session.id}`)).status).toBe(200);
    expect((await withCookie("GET", "/api/v3/system/status", cookie)).status).toBe(401);
    expect(await getJson<SessionResource[]>("/api/v3/system/session")).toEqual([]);
    expect((await call("DELETE", `/api/v3/system/session/${session.id}`)).status).toBe(404);
  });

  test("revoking a session id that is not a number is a 400 naming it", async () => {
    const res = await call("DELETE", "/api/v3/system/session/abc");
    expect(res.status).toBe(400);
    expect((await res.json<ErrorBody>()).errors?.map((e) => e.path)).toContain("path.id");
  });
});

describe("login throttling", () => {
  const fromAddress = (address: string) => ({ "CF-Connecting-IP": address });

  test("the sixth bad login within a minute answers 429 with Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect((await login("wrong-key", fromAddress("192.0.2.10"))).status).toBe(401);
    const throttled = await login("wrong-key", fromAddress("192.0.2.10"));
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await throttled.json<ErrorBody>()).message).toMatch(/too many login attempts/i);
    // Even the right key waits: otherwise the throttle would not slow guessing down.
    expect((await login(API_KEY, fromAddress("192.0.2.10"))).status).toBe(429);
  });

  test("the throttle is per client address", async () => {
    for (let i = 0; i < 6; i++) await login("wrong-key", fromAddress("192.0.2.20"));
    expect((await login(API_KEY, fromAddress("192.0.2.21"))).status).toBe(200);
  });

  test("without CF-Connecting-IP every attempt counts against one local key", async () => {
    for (let i = 0; i < 5; i++) await login("wrong-key");
    expect((await login(API_KEY)).status).toBe(429);
  });

  test("the right key is let in again once the window has passed", async () => {
    for (let i = 0; i < 6; i++) await login("wrong-key", fromAddress("192.0.2.30"));
    expect((await login(API_KEY, fromAddress("192.0.2.30"))).status).toBe(429);
    // The window is a minute on the app's clock: move its start back past it instead of waiting.
    await env.DB.prepare("UPDATE login_failures SET window_start = ? WHERE client_key = ?")
      .bind(clock.now() - 61_000, "192.0.2.30")
      .run();
    expect((await login(API_KEY, fromAddress("192.0.2.30"))).status).toBe(200);
  });

  test("a success resets the count: four typos, the right key, then five more tries before 429", async () => {
    const address = fromAddress("192.0.2.40");
    for (let i = 0; i < 4; i++) expect((await login("wrong-key", address)).status).toBe(401);
    expect((await login(API_KEY, address)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login("wrong-key", address)).status).toBe(401);
    expect((await login("wrong-key", address)).status).toBe(429);
  });
});
