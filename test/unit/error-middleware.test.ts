import { Hono } from "hono";
import { describe, expect, test } from "vitest";
import type { AppEnv } from "../../src/api/context";
import { handleError, statusForFailure } from "../../src/api/middleware/errors";
import { Failure, invalidInput, REQUEST_FAILURE_KINDS, resourceNotFound } from "../../src/domain/failures/failure";
import { FAILURE_KINDS } from "../../src/domain/failures/kinds";

/** An app whose one route throws `error`, answered by the error middleware alone. */
async function answerTo(error: Error): Promise<Response> {
  const app = new Hono<AppEnv>();
  app.get("/", () => {
    throw error;
  });
  app.onError(handleError);
  return app.request("/");
}

describe("the error middleware maps a failure's kind to a status", () => {
  test.each([
    ["invalidInput", 400],
    ["resourceNotFound", 404],
    ["conflict", 409],
    ["unauthenticated", 401],
    ["forbidden", 403],
    ["throttled", 429],
    ["payloadTooLarge", 413],
  ] as const)("request kind %s answers %i", async (kind, status) => {
    const res = await answerTo(new Failure(kind, `${kind} happened`));
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ message: `${kind} happened`, errors: [] });
  });

  test("every request kind has its own 4xx status", () => {
    for (const kind of REQUEST_FAILURE_KINDS) {
      const status = statusForFailure(new Failure(kind, "x"));
      expect(status, kind).toBeGreaterThanOrEqual(400);
      expect(status, kind).toBeLessThan(500);
    }
  });

  test.each([
    ["connectionTimeout", 504],
    ["rateLimited", 503],
    ["authenticationFailed", 502],
    ["parseError", 502],
    ["upstreamError", 502],
    ["connectionFailed", 502],
    ["notFound", 502],
  ] as const)("upstream kind %s answers %i, naming the service and kind", async (kind, status) => {
    const res = await answerTo(new Failure(kind, "TMDb did not answer", { service: "tmdb", status: 500 }));
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body).toEqual({ message: "TMDb did not answer", service: "tmdb", kind });
    expect(res.headers.get("Retry-After")).toBeNull();
  });

  test("every taxonomy kind answers a 5xx, never a 500", () => {
    for (const kind of FAILURE_KINDS) {
      const status = statusForFailure(new Failure(kind, "x"));
      expect(status, kind).toBeGreaterThan(500);
    }
  });

  test("an upstream's Retry-After reaches the caller, rounded up to whole seconds", async () => {
    const res = await answerTo(
      new Failure("rateLimited", "Trakt is rate limiting", { service: "trakt", retryAfter: 41.2 }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("42");
  });

  test("a throttled caller gets 429 with Retry-After", async () => {
    const res = await answerTo(new Failure("throttled", "Too many login attempts", { retryAfter: 60 }));
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("60");
  });

  test("helpers name the field or the missing resource", async () => {
    const invalid = await answerTo(invalidInput("body.path", "must be absolute"));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      message: "Validation failed: body.path: must be absolute",
      errors: [{ path: "body.path", message: "must be absolute" }],
    });
    const missing = await answerTo(resourceNotFound("Movie 7"));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: "Movie 7 not found", errors: [] });
  });

  test("anything else is a 500 that shows no internals", async () => {
    const res = await answerTo(new TypeError("cannot read properties of undefined (reading 'id')"));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: "Internal server error" });
  });
});
