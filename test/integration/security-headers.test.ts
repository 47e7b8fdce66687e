import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { createApp } from "../../src/app";
import { call } from "./helpers";

/** A policy's directives by name. */
function directives(res: Response): Map<string, string[]> {
  const policy = res.headers.get("content-security-policy");
  expect(policy, "Content-Security-Policy").toBeTruthy();
  return new Map(
    (policy ?? "").split(";").map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

function expectSecurityHeaders(res: Response) {
  const csp = directives(res);
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("script-src")).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(res.headers.get("permissions-policy")).toMatch(/(^|, )camera=\(\)(,|$)/);
  // The one frame: a trailer from YouTube's no-cookie host, which alone may autoplay and go full screen.
  expect(csp.get("frame-src")).toEqual(["https://www.youtube-nocookie.com"]);
  expect(res.headers.get("permissions-policy")).toMatch(
    /(^|, )autoplay=\("https:\/\/www\.youtube-nocookie\.com"\)(,|$)/,
  );
}

describe("security headers", () => {
  test("an API response carries them, images allowed from the configured image host only", async () => {
    const res = await call("GET", "/api/v3/system/status");
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    // Demo mode: TMDb's images (and Watchmode's posters) come from the simulator.
    const simOrigin = new URL(env.TMDB_IMAGE_URL).origin;
    expect(directives(res).get("img-src")).toEqual(["'self'", "data:", simOrigin]);
    expect(res.headers.get("strict-transport-security"), "no HSTS over http").toBeNull();
  });

  test("HSTS is sent when the request came over https", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch("https://app.test/ping");
    expect(res.status).toBe(200);
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expectSecurityHeaders(res);
  });

  test("error responses carry them: 401, 404, 400", async () => {
    const unauthorized = await call("GET", "/api/v3/movie", { key: null });
    expect(unauthorized.status).toBe(401);
    expectSecurityHeaders(unauthorized);
    const noRoute = await call("GET", "/api/v3/no-such-route");
    expect(noRoute.status).toBe(404);
    expectSecurityHeaders(noRoute);
    const invalid = await call("GET", "/api/v3/movie/abc");
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid);
  });

  test("an unhandled error's 500 carries them", async () => {
    const app = createApp();
    app.get("/api/v3/test-failure", () => {
      throw new Error("boom");
    });
    const res = await app.request("/api/v3/test-failure", { headers: { "X-Api-Key": env.API_KEY ?? "" } }, env);
    expect(res.status).toBe(500);
    expectSecurityHeaders(res);
  });

  test("the API docs page may run its own inline script and style, by hash, and nothing else", async () => {
    const res = await call("GET", "/api/docs");
    expect(res.status).toBe(200);
    expectSecurityHeaders({ headers: withoutScriptSrc(res.headers) } as Response);
    const html = await res.text();
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? "";
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";
    const csp = directives(res);
    expect(csp.get("script-src")).toEqual(["'self'", await sha256Source(script)]);
    expect(csp.get("style-src")).toEqual(["'self'", await sha256Source(style)]);
  });

  test("the site's index.html, served through the assets binding, carries them", async (ctx) => {
    // The assets are the built site (dist/site); unbuilt, test/browser/security-headers.test.mjs still checks the page.
    const built = await env.ASSETS?.fetch("http://app.test/index.html");
    if (!built?.ok) ctx.skip();
    const res = await call("GET", "/movie/603", { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expectSecurityHeaders(res);
    expect(directives(res).get("img-src")).toContain(new URL(env.TMDB_IMAGE_URL).origin);
  });
});

/** The headers with the default script-src, for the shared checks on a page that widens it. */
function withoutScriptSrc(headers: Headers): Headers {
  const copy = new Headers(headers);
  const policy = (copy.get("content-security-policy") ?? "").replace(/script-src [^;]*/, "script-src 'self'");
  copy.set("content-security-policy", policy);
  return copy;
}

async function sha256Source(code: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}
