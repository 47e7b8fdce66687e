import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { upstreamPolicy } from "../../src/config";
import { type WindowKind, windowEnd } from "../../src/domain/budgets";
import { Failure } from "../../src/domain/failures/failure";
import { budgetFor } from "../../src/integrations/budget";
import { upstreamFetch } from "../../src/integrations/http";
import { callsDuring, simFaults } from "./helpers";

// The budget is enforced in the shared upstream layer: these calls go to the simulator, whose
// counters prove how many requests really left the app. Each test uses its own probe path.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function clearOfReset(kind: WindowKind, marginMs = 3000) {
  const left = windowEnd(kind, clock.now()) - clock.now();
  if (left < marginMs) await sleep(left + 50);
}

function watchmodeCall(path: string) {
  return upstreamFetch({
    service: "watchmode",
    url: `${env.WATCHMODE_API_URL.replace(/\/$/, "")}${path}?apiKey=budget-test`,
    policy: upstreamPolicy(env),
    budget: { env, service: "watchmode" },
  });
}

const watchmodeFaults = simFaults("watchmode");

describe("budgeted upstream calls", () => {
  test("1,000 simultaneous Watchmode calls reach the upstream exactly 33 times", async () => {
    await clearOfReset("day");
    const path = "/v1/budget-probe-concurrency";
    const { result: outcomes, calls } = await callsDuring("watchmode", path, () =>
      Promise.allSettled(Array.from({ length: 1000 }, () => watchmodeCall(path))),
    );
    expect(calls).toBe(33);
    const errors = outcomes.map((o) => (o.status === "rejected" ? (o.reason as Failure) : undefined));
    // The 33 that were sent found nothing (the probe path does not exist); the rest were refused.
    expect(errors.filter((e) => e?.kind === "notFound")).toHaveLength(33);
    const refused = errors.filter((e) => e?.kind === "rateLimited");
    expect(refused).toHaveLength(967);
    expect(refused[0]?.message).toMatch(/watchmode's API budget for this day is used up; calls resume in \d+ s/);
    expect((await budgetFor(env, "watchmode").usage()).windows[0]).toMatchObject({ name: "day", used: 33 });
  });

  test("a 429 with a long Retry-After pauses the upstream: the next call is not sent", async () => {
    const path = "/v1/budget-probe-429";
    await watchmodeFaults({ match: path, kind: "rateLimit", retryAfter: 600 });
    const first = await callsDuring("watchmode", path, () => watchmodeCall(path).catch((e: Failure) => e));
    expect(first.calls).toBe(1);
    expect(first.result).toMatchObject({ kind: "rateLimited", status: 429 });
    const usage = await budgetFor(env, "watchmode").usage();
    expect(Date.parse(usage.pausedUntil ?? "")).toBeGreaterThan(clock.now() + 590_000);

    const second = await callsDuring("watchmode", path, () => watchmodeCall(path).catch((e: Failure) => e));
    expect(second.calls).toBe(0);
    expect(second.result).toBeInstanceOf(Failure);
    expect((second.result as Failure).message).toMatch(/asked us to pause/);
  });

  test("a 402 (over quota) pauses Watchmode to the end of its month", async () => {
    await clearOfReset("month");
    const path = "/v1/budget-probe-402";
    await watchmodeFaults({ match: path, kind: "status", status: 402 });
    const first = await callsDuring("watchmode", path, () => watchmodeCall(path).catch((e: Failure) => e));
    expect(first.calls).toBe(1);
    const usage = await budgetFor(env, "watchmode").usage();
    expect(usage.pausedUntil).toBe(new Date(windowEnd("month", clock.now())).toISOString());
    const second = await callsDuring("watchmode", path, () => watchmodeCall(path).catch((e: Failure) => e));
    expect(second.calls).toBe(0);
    expect(second.result).toMatchObject({ kind: "rateLimited" });
  });

  test("TMDb's per-second window is waited out, not refused: 60 simultaneous calls all succeed", async () => {
    const path = "/3/configuration";
    const { result, calls } = await callsDuring("tmdb", path, () =>
      Promise.allSettled(
        Array.from({ length: 60 }, () =>
          upstreamFetch({
            service: "tmdb",
            url: `${env.TMDB_API_URL.replace(/\/$/, "")}${path}?api_key=${env.TMDB_API_KEY}`,
            policy: upstreamPolicy(env),
            budget: { env, service: "tmdb" },
          }).then((res) => res.body?.cancel()),
        ),
      ),
    );
    expect(result.filter((r) => r.status === "rejected")).toEqual([]);
    expect(calls).toBe(60);
    const usage = await budgetFor(env, "tmdb").usage();
    expect(usage.softTarget?.usedToday).toBe(60);
  });
});
