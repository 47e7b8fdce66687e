import { afterEach, describe, expect, test, vi } from "vitest";
import { call, expectFieldError, getJson, tmdbFaults } from "./helpers";

interface LogPage {
  totalRecords: number;
  records: { id: number; level: string; logger: string; message: string; correlationId: string | null }[];
}

// A TMDb id only this file faults: its lookup logs a warning under the request's correlation id.
const FAULTED = 280;
const addFault = tmdbFaults();

/** Polls until `ready` holds: records reach the store after the response (waitUntil). */
async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ready(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("log records by correlation id", () => {
  test("a request's warnings carry its X-Correlation-Id, and GET /log?correlationId= keeps only them", async () => {
    await addFault({ match: `/3/movie/${FAULTED}?`, kind: "status", status: 503 });
    const lookup = (id: string) =>
      call("GET", `/api/v3/movie/lookup/tmdb?tmdbId=${FAULTED}`, { headers: { "X-Correlation-Id": id } });
    expect((await lookup("lookup-one")).status).toBeGreaterThanOrEqual(500);
    expect((await lookup("lookup-two")).status).toBeGreaterThanOrEqual(500);

    const one = await eventually(
      () => getJson<LogPage>("/api/v3/log?correlationId=lookup-one&pageSize=50"),
      (page) => page.totalRecords > 0,
    );
    expect(one.totalRecords).toBeGreaterThan(0);
    expect(one.records.every((r) => r.correlationId === "lookup-one")).toBe(true);
    expect(one.records.some((r) => r.logger === "Api" && r.level !== "info")).toBe(true);
    // The id is a column of its own, not part of the message.
    expect(one.records.some((r) => r.message.includes("lookup-one"))).toBe(false);

    const all = await eventually(
      () => getJson<LogPage>("/api/v3/log?pageSize=200&level=warn"),
      (page) => page.records.some((r) => r.correlationId === "lookup-two"),
    );
    expect(all.records.some((r) => r.correlationId === "lookup-two")).toBe(true);
    const two = await getJson<LogPage>("/api/v3/log?correlationId=lookup-two&pageSize=50");
    expect(two.records.length).toBeGreaterThan(0);
    expect(two.records.every((r) => r.correlationId === "lookup-two")).toBe(true);

    const none = await getJson<LogPage>("/api/v3/log?correlationId=never-seen&pageSize=50");
    expect(none).toMatchObject({ totalRecords: 0, records: [] });
  }, 60_000);

  test("a correlation id that could not be one is a 400 naming the field", async () => {
    await expectFieldError(await call("GET", "/api/v3/log?correlationId=has%20space"), "correlationId");
    await expectFieldError(await call("GET", `/api/v3/log?correlationId=${"x".repeat(129)}`), "correlationId");
  });
});

describe("request lines", () => {
  afterEach(() => vi.restoreAllMocks());

  /** The "request" lines the app writes to the console while `run` runs, by correlation id. */
  async function requestLines(run: () => Promise<unknown>): Promise<Map<string, Record<string, unknown>>> {
    const lines = new Map<string, Record<string, unknown>>();
    vi.spyOn(console, "log").mockImplementation((line: unknown) => {
      if (typeof line !== "string" || !line.startsWith("{")) return;
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.message === "request") lines.set(String(entry.correlationId), entry);
    });
    await run();
    return lines;
  }

  const send = (method: string, path: string, id: string, body?: unknown) =>
    call(method, path, { headers: { "X-Correlation-Id": id }, ...(body === undefined ? {} : { body }) });

  test("a write and a failure get a line; a fast successful read gets none (/metrics counts it)", async () => {
    const lines = await requestLines(async () => {
      expect((await send("GET", "/api/v3/tag", "read-ok")).status).toBe(200);
      const label = `line-${crypto.randomUUID()}`;
      expect((await send("POST", "/api/v3/tag", "write-ok", { label })).status).toBe(201);
      expect((await send("GET", "/api/v3/tag/999999", "read-missing")).status).toBe(404);
      expect((await send("GET", "/api/v3/movie/paged?pageSize=0", "read-invalid")).status).toBe(400);
    });
    expect(lines.has("read-ok")).toBe(false);
    expect(lines.get("write-ok")).toMatchObject({ method: "POST", route: "/api/v3/tag", status: 201 });
    expect(lines.get("read-missing")).toMatchObject({ method: "GET", status: 404 });
    expect(lines.get("read-invalid")).toMatchObject({ method: "GET", status: 400 });
  });
});
