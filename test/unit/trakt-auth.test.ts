import { describe, expect, test } from "vitest";
import {
  devicePollOutcome,
  isTokenUsable,
  MIN_TOKEN_LIFE_MS,
  REFRESH_MARGIN_MS,
  refreshDueAtMs,
  slowedInterval,
  tokenExpiresAtMs,
} from "../../src/integrations/trakt/deviceFlow";

describe("device poll outcomes", () => {
  test("200 approves, 400 is pending, 429 asks to slow down", () => {
    expect(devicePollOutcome(200)).toEqual({ kind: "approved" });
    expect(devicePollOutcome(400)).toEqual({ kind: "pending" });
    expect(devicePollOutcome(429)).toEqual({ kind: "slowDown" });
  });

  test.each([
    [404, "invalidCode"],
    [409, "alreadyUsed"],
    [410, "expired"],
    [418, "denied"],
  ])("%i stops the flow as %s", (status, code) => {
    expect(devicePollOutcome(status)).toMatchObject({ kind: "stopped", code, message: expect.any(String) });
  });

  test("other statuses (5xx) keep polling", () => {
    expect(devicePollOutcome(503)).toMatchObject({ kind: "retry" });
  });

  test("slowing down adds 5 seconds", () => {
    expect(slowedInterval(5)).toBe(10);
    expect(slowedInterval(slowedInterval(5))).toBe(15);
  });
});

describe("token lifetime", () => {
  test("tokens expire at created_at + expires_in", () => {
    expect(tokenExpiresAtMs(1_700_000_000, 86_400)).toBe(1_700_086_400_000);
  });

  test("a day-long token is refreshed an hour before it expires", () => {
    const expires = tokenExpiresAtMs(1_700_000_000, 86_400);
    expect(refreshDueAtMs(expires, 86_400_000)).toBe(expires - REFRESH_MARGIN_MS);
  });

  test("a short-lived token is refreshed half way through its life", () => {
    expect(refreshDueAtMs(1_000_000 + 600_000, 600_000)).toBe(1_300_000);
  });

  test("a token is handed out only with some life left", () => {
    const now = 1_000_000;
    expect(isTokenUsable(now + MIN_TOKEN_LIFE_MS + 1, now)).toBe(true);
    expect(isTokenUsable(now + MIN_TOKEN_LIFE_MS, now)).toBe(false);
    expect(isTokenUsable(now - 1, now)).toBe(false);
  });
});
