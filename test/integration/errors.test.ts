import { describe, expect, test } from "vitest";
import { call, type ErrorBody, expectFieldError } from "./helpers";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Error bodies are for callers: a message and field errors, never a stack or source location. */
function expectNoInternals(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/"stack"/);
  expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules/);
}

describe("validation errors", () => {
  test("a bad body field answers 400 naming the field", async () => {
    const res = await call("POST", "/api/v3/tag", { body: { label: "not a valid label!" } });
    const body = await expectFieldError(res, "label");
    expect(body.errors?.[0].message).toMatch(/letters, digits and dashes/);
    expectNoInternals(body);
  });

  test("a missing required body field answers 400 naming the field", async () => {
    const res = await call("POST", "/api/v3/rootfolder", { body: {} });
    expectNoInternals(await expectFieldError(res, "path"));
  });

  test("a bad query parameter answers 400 naming the parameter", async () => {
    const res = await call("GET", "/api/v3/movie/paged?pageSize=lots");
    const body = await expectFieldError(res, "pageSize");
    expect(body.errors?.[0].path).toBe("query.pageSize");
    expectNoInternals(body);
  });

  test("a bad path id answers 400 naming the id", async () => {
    const res = await call("GET", "/api/v3/movie/abc");
    const body = await expectFieldError(res, "id");
    expect(body.errors?.[0].path).toBe("path.id");
  });

  test("a negative path id answers 400, not 404", async () => {
    await expectFieldError(await call("GET", "/api/v3/tag/-1"), "id");
  });

  test("a malformed JSON body answers 400 naming the body", async () => {
    const res = await call("POST", "/api/v3/tag", { body: '{"label": "oops"' });
    const body = await expectFieldError(res, "body");
    expect(body.message).toMatch(/json/i);
    expectNoInternals(body);
  });

  test("a body that is not JSON at all answers 415 naming the body", async () => {
    const res = await call("POST", "/api/v3/tag", { body: "label=oops", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect((await res.json<ErrorBody>()).errors).toEqual([{ path: "body", message: expect.any(String) }]);
  });

  test("a JSON body of the wrong type answers 400 naming the body", async () => {
    await expectFieldError(await call("POST", "/api/v3/tag", { body: "[1, 2]" }), "body");
  });

  test("the message names the first failing field", async () => {
    const res = await call("POST", "/api/v3/exclusions", { body: { tmdbId: -5, movieTitle: "X" } });
    const body = await expectFieldError(res, "tmdbId");
    expect(body.message).toContain("tmdbId");
  });
});

describe("request size", () => {
  test("a body over 1 MiB answers 413 JSON", async () => {
    const huge = JSON.stringify({ label: "x".repeat(1024 * 1024 + 10) });
    const res = await call("POST", "/api/v3/tag", { body: huge });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json<ErrorBody>();
    expect(body.message).toMatch(/larger than/);
    expectNoInternals(body);
  });

  test("a body just under the limit is read normally", async () => {
    const res = await call("POST", "/api/v3/tag", { body: { label: "x".repeat(1000 * 1000) } });
    // Read and validated (the label is too long for a tag), not refused for size.
    await expectFieldError(res, "label");
  });
});

describe("unknown routes", () => {
  test("an unknown API route answers 404 JSON", async () => {
    const res = await call("DELETE", "/api/v3/movie/1/nonsense");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json<ErrorBody>();
    expect(body.message).toContain("/api/v3/movie/1/nonsense");
    expectNoInternals(body);
  });

  test("a missing resource answers 404 JSON naming it", async () => {
    const res = await call("GET", "/api/v3/tag/4242");
    expect(res.status).toBe(404);
    expect((await res.json<ErrorBody>()).message).toContain("4242");
  });
});

describe("correlation id", () => {
  test("is echoed when the caller sends one", async () => {
    const res = await call("GET", "/api/v3/system/status", { headers: { "X-Correlation-Id": "req-abc.123" } });
    expect(res.headers.get("X-Correlation-Id")).toBe("req-abc.123");
  });

  test("is generated as a UUID when the caller sends none", async () => {
    const res = await call("GET", "/api/v3/system/status");
    expect(res.headers.get("X-Correlation-Id")).toMatch(UUID);
  });

  test("replaces a malformed one instead of echoing it", async () => {
    const res = await call("GET", "/ping", { headers: { "X-Correlation-Id": "bad id with spaces <script>" } });
    expect(res.headers.get("X-Correlation-Id")).toMatch(UUID);
  });

  test("is set on error responses too", async () => {
    const unauthorized = await call("GET", "/api/v3/movie", { key: null, headers: { "X-Correlation-Id": "e-401" } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("X-Correlation-Id")).toBe("e-401");
    const invalid = await call("GET", "/api/v3/movie/abc", { headers: { "X-Correlation-Id": "e-400" } });
    expect(invalid.headers.get("X-Correlation-Id")).toBe("e-400");
  });

  test("differs between requests", async () => {
    const [a, b] = await Promise.all([call("GET", "/ping"), call("GET", "/ping")]);
    expect(a.headers.get("X-Correlation-Id")).not.toBe(b.headers.get("X-Correlation-Id"));
  });
});
