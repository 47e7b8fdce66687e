import { describe, expect, test } from "vitest";
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
