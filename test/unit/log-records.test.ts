import { beforeEach, describe, expect, test, vi } from "vitest";
import { rootLogger } from "../../src/observability/logger";
import { takeLogRecords } from "../../src/observability/logRecords";

describe("the log store's records", () => {
  beforeEach(() => {
    // The console lines are the logger's business, not this test's.
    for (const method of ["log", "warn", "error"] as const) vi.spyOn(console, method).mockImplementation(() => {});
  });

  test("keeps warnings, errors and commands' info records, redacted; not other info or debug", () => {
    takeLogRecords();
    const log = rootLogger.child({ correlationId: "c1" });
    log.debug("noise");
    log.info("request done");
    log.warn("indexer refused", { url: "http://idx/api?t=search&apikey=s3cret", password: "hunter2" });
    rootLogger.child({ command: "RssSync", commandId: 4 }).info("command completed", { message: "Synced" });
    rootLogger.error("chunk failed", { error: "boom" });
    const { records, dropped } = takeLogRecords();
    expect(dropped).toBe(0);
    expect(records.map((r) => [r.level, r.logger])).toEqual([
      ["warn", "Api"],
      ["info", "RssSync"],
      ["error", "Worker"],
    ]);
    expect(records[0].message).toBe(
      "indexer refused (url=http://idx/api?t=search&apikey=[redacted], password=[redacted])",
    );
    // The request's correlation id has its own column, not a place in the message.
    expect(records.map((r) => r.correlationId)).toEqual(["c1", null, null]);
    expect(JSON.stringify(records)).not.toMatch(/s3cret|hunter2/);
    expect(records[1].message).toBe("command completed (commandId=4, message=Synced)");
    expect(records[2]).toMatchObject({ message: "chunk failed", exception: "boom" });
  });

  test("an isolate holds at most 500 unwritten records, dropping the oldest", () => {
    takeLogRecords();
    for (let i = 0; i < 510; i++) rootLogger.warn(`w${i}`);
    const { records, dropped } = takeLogRecords();
    expect(records).toHaveLength(500);
    expect(dropped).toBe(10);
    expect(records[0].message).toBe("w10");
  });
});
