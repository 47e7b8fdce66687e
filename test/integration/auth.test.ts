import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { call, type ErrorBody, getJson } from "./helpers";

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

const HTTP_METHODS = new Set(["get", "post", "put", "delete", "patch"]);

/** Every documented /api route as [METHOD, concrete path] (path parameters filled with 1). */
async function documentedApiRoutes(): Promise<[string, string][]> {
  const doc = await getJson<OpenApiDocument>("/api/v3/openapi.json");
  const routes: [string, string][] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!path.startsWith("/api/")) continue;
    for (const method of Object.keys(operations)) {
      if (HTTP_METHODS.has(method)) routes.push([method.toUpperCase(), path.replace(/\{[^}]+\}/g, "1")]);
    }
  }
  return routes;
}

async function expectUnauthorized(res: Response, what: string) {
  expect(res.status, what).toBe(401);
  expect(res.headers.get("content-type"), what).toMatch(/application\/json/);
  const body = await res.json<ErrorBody>();
  expect(body.message, what).toEqual(expect.any(String));
}

async function login(apiKey: string): Promise<Response> {
  return call("POST", "/login", { key: null, body: { apiKey } });
}

/** The session cookie's name=value pair from a Set-Cookie header. */
function cookiePair(setCookie: string | null): string {
  const pair = setCookie?.split(";")[0];
  if (!pair) throw new Error("no Set-Cookie header");
  return pair;
}

describe("every documented API route", () => {
  test("is listed in the OpenAPI document (sanity check for the sweeps below)", async () => {
    const routes = await documentedApiRoutes();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual(["GET", "/api/v3/movie"]);
    expect(routes).toContainEqual(["DELETE", "/api/v3/movie/1"]);
  });

  test("rejects a request without a key with 401 JSON", async () => {
    for (const [method, path] of await documentedApiRoutes()) {
      await expectUnauthorized(await call(method, path, { key: null }), `${method} ${path}`);
    }
  });

  test("rejects a wrong key with 401 JSON", async () => {
    for (const [method, path] of await documentedApiRoutes()) {
      await expectUnauthorized(await call(method, path, { key: "wrong-key" }), `${method} ${path}`);
    }
  });
});

describe("unknown API paths", () => {
  test("answer 401 without a key, so they reveal nothing", async () => {
    await expectUnauthorized(await call("GET", "/api/v3/nope", { key: null }), "GET /api/v3/nope");
  });

  test("answer 404 JSON with the key", async () => {
    const res = await call("GET", "/api/v3/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect((await res.json<ErrorBody>()).message).toContain("/api/v3/nope");
  });
});

describe("the API key", () => {
  test("is accepted in the X-Api-Key header", async () => {
    const res = await call("GET", "/api/v3/system/status", { key: null, headers: { "X-Api-Key": env.API_KEY ?? "" } });
    expect(res.status).toBe(200);
  });

  test("is accepted as the apikey query parameter", async () => {
    const res = await call("GET", `/api/v3/system/status?apikey=${env.API_KEY}`, { key: null });
    expect(res.status).toBe(200);
  });

  test("is accepted as a Bearer token", async () => {
    const res = await call("GET", "/api/v3/system/status", {
      key: null,
      headers: { Authorization: `Bearer ${env.API_KEY}` },
    });
    expect(res.status).toBe(200);
  });

  test("is rejected when wrong in the query or as a Bearer token", async () => {
    await expectUnauthorized(await call("GET", "/api/v3/system/status?apikey=wrong", { key: null }), "?apikey=");
    await expectUnauthorized(
      await call("GET", "/api/v3/system/status", { key: null, headers: { Authorization: "Bearer wrong" } }),
      "Bearer",
    );
  });
});

describe("public and guarded endpoints outside /api", () => {
  test("/ping needs no key", async () => {
    const res = await call("GET", "/ping", { key: null });
    expect(res.status).toBe(200);
  });

  test("/metrics needs the key", async () => {
    await expectUnauthorized(await call("GET", "/metrics", { key: null }), "GET /metrics");
    expect((await call("GET", "/metrics")).status).toBe(200);
  });
});

describe("site login", () => {
  test("rejects a wrong API key with 401 and sets no cookie", async () => {
    const res = await login("wrong-key");
    await expectUnauthorized(res, "POST /login");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test("sets an HttpOnly, SameSite=Strict session cookie for the right key", async () => {
    const res = await login(env.API_KEY ?? "");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ authenticated: true });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^radarr_edge_session=[^;]+;/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
  });

  test("the session cookie authorises API calls without a key", async () => {
    const cookie = cookiePair((await login(env.API_KEY ?? "")).headers.get("set-cookie"));
    const res = await call("GET", "/api/v3/system/status", { key: null, headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
  });

  test("a forged session cookie is rejected", async () => {
    const forged = `radarr_edge_session=${Math.floor(clock.now() / 1000) + 3600}.not-a-signature`;
    await expectUnauthorized(
      await call("GET", "/api/v3/system/status", { key: null, headers: { Cookie: forged } }),
      "forged cookie",
    );
  });

  test("/session reports whether the cookie is valid", async () => {
    const cookie = cookiePair((await login(env.API_KEY ?? "")).headers.get("set-cookie"));
    const withCookie = await call("GET", "/session", { key: null, headers: { Cookie: cookie } });
    expect(await withCookie.json()).toMatchObject({ authenticated: true, demoMode: true });
    const without = await call("GET", "/session", { key: null });
    expect(await without.json()).toMatchObject({ authenticated: false });
  });

  test("/logout clears the cookie", async () => {
    const res = await call("POST", "/logout", { key: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ authenticated: false });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^radarr_edge_session=;/);
    expect(setCookie).toMatch(/Max-Age=0/i);
  });
});
