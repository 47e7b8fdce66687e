import { describe, expect, test } from "vitest";
import { admitCall, closedBreaker, recordCall, viewOf } from "../../src/domain/breakers/circuitBreaker";

const settings = { failureThreshold: 3, coolDownMs: 30_000, probeTimeoutMs: 30_000 };
const T0 = 1_000_000;

function failTimes(count: number, now = T0) {
  let state = closedBreaker();
  for (let i = 0; i < count; i++) state = recordCall(settings, state, false, now);
  return state;
}

describe("circuit breaker", () => {
  test("stays closed below the threshold and opens at it", () => {
    expect(failTimes(2).phase).toBe("closed");
    expect(failTimes(3)).toEqual({ phase: "open", failures: 3, openUntil: T0 + 30_000 });
  });

  test("a success resets the count of consecutive failures", () => {
    const state = recordCall(settings, failTimes(2), true, T0);
    expect(recordCall(settings, recordCall(settings, state, false, T0), false, T0).phase).toBe("closed");
  });

  test("refuses calls during the cool-down, then admits exactly one probe", () => {
    const open = failTimes(3);
    expect(admitCall(settings, open, T0 + 29_999).allowed).toBe(false);
    const probe = admitCall(settings, open, T0 + 30_000);
    expect(probe.allowed).toBe(true);
    expect(probe.state.phase).toBe("halfOpen");
    expect(admitCall(settings, probe.state, T0 + 30_001).allowed).toBe(false);
    // A probe that never reports frees the slot after its timeout.
    expect(admitCall(settings, probe.state, T0 + 60_000).allowed).toBe(true);
  });

  test("a successful probe closes; a failed one opens for another cool-down", () => {
    const { state: halfOpen } = admitCall(settings, failTimes(3), T0 + 30_000);
    expect(recordCall(settings, halfOpen, true, T0 + 30_100)).toEqual(closedBreaker());
    expect(recordCall(settings, halfOpen, false, T0 + 30_100)).toMatchObject({
      phase: "open",
      openUntil: T0 + 60_100,
    });
  });

  test("is shown open during the cool-down and half-open after it", () => {
    const open = failTimes(3);
    expect(viewOf(open, T0 + 1)).toEqual({ phase: "open", failures: 3, retryAt: T0 + 30_000 });
    expect(viewOf(open, T0 + 30_000).phase).toBe("halfOpen");
    expect(viewOf(closedBreaker(), T0)).toEqual({ phase: "closed", failures: 0 });
  });
});
