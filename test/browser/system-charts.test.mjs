import assert from "node:assert/strict";
import { test } from "node:test";
import { testClockNow } from "../../scripts/lib/clock.mjs";
import { siteDateTime } from "./dates.mjs";
import { api, environment, withPage } from "./harness.mjs";

const SERVICES = { watchmode: "Watchmode", trakt: "Trakt", tmdb: "TMDb" };
const WINDOWS = { second: "Per second", fiveMinutes: "Per 5 minutes", day: "Per day", month: "Per month" };
const count = (n) => n.toLocaleString("en-US");

/** Each bar as the page labels it, from the budget the API reports. */
function expectedBars(budgets) {
  return budgets.flatMap((b) => [
    ...b.windows.map((w) => ({
      service: SERVICES[b.service],
      // A per-second count moves between the page's read and the test's: only its limit is fixed.
      name:
        w.name === "second"
          ? new RegExp(`^${WINDOWS[w.name]}: \\d+ of ${count(w.limit)} calls$`)
          : `${WINDOWS[w.name]}: ${count(w.used)} of ${count(w.limit)} calls`,
    })),
    ...(b.softTarget
      ? [
          {
            service: SERVICES[b.service],
            name: `Today (soft target): ${count(b.softTarget.usedToday)} of ${count(b.softTarget.perDay)} calls`,
          },
        ]
      : []),
  ]);
}

async function expectBudgetChart(page, budgets) {
  const section = page.getByRole("region", { name: "API budgets", exact: true });
  for (const bar of expectedBars(budgets)) {
    await section
      .getByRole("article", { name: `${bar.service} budget`, exact: true })
      .getByRole("img", { name: bar.name })
      .waitFor();
  }
}

test("the system page charts each upstream's budget and each cache from the API", { timeout: 60_000 }, async (t) => {
  // Traffic for the charts: a provider catalogue fetched twice (a miss or a hit, then a hit).
  for (let i = 0; i < 2; i++) assert.equal((await api("/streaming/providers?region=CA")).status, 200);

  await withPage(t, async (page) => {
    await page.goto("/");
    await page.getByRole("link", { name: "System", exact: true }).click();
    const { body: budgets } = await api("/system/budget");
    assert.deepEqual(budgets.map((b) => b.service).sort(), ["tmdb", "trakt", "watchmode"]);
    await expectBudgetChart(page, budgets);
    const watchmode = budgets.find((b) => b.service === "watchmode");
    assert.deepEqual(
      watchmode.windows.map((w) => w.limit),
      [33, 1000],
      "Watchmode's day and month limits are what the page shows",
    );

    // Spend a TMDb call (a catalogue nothing else asks for), refresh: the bars move with the API's numbers.
    const tmdbBefore = budgets.find((b) => b.service === "tmdb").softTarget.usedToday;
    assert.equal((await api("/streaming/providers?region=AU&type=tv")).status, 200);
    const { body: after } = await api("/system/budget");
    assert.ok(after.find((b) => b.service === "tmdb").softTarget.usedToday > tmdbBefore, "the lookup spent TMDb calls");
    await page
      .getByRole("region", { name: "API budgets", exact: true })
      .getByRole("button", { name: "Refresh", exact: true })
      .click();
    await expectBudgetChart(page, after);

    // Caches: hits, stale and misses per cache, with the hit rate, as /system/cache counts them.
    const caches = page.getByRole("region", { name: "Caches", exact: true });
    await caches.getByRole("button", { name: "Refresh", exact: true }).click();
    const { body: stats } = await api("/system/cache");
    assert.ok(stats.caches.length > 0, "the traffic above went through the caches");
    const providers = stats.caches.find((c) => c.hits > 0);
    assert.ok(providers, "the second catalogue read was a hit");
    for (const c of stats.caches) {
      const row = caches.getByRole("listitem", { name: `${c.name} cache`, exact: true });
      await row.getByText(`${count(c.hits)} hits · ${count(c.stale)} stale · ${count(c.misses)} misses`).waitFor();
      await row.getByText(`hit rate ${(c.hitRate * 100).toFixed(1)} %`).waitFor();
      await row
        .getByRole("img", {
          name: `${count(c.hits)} hits, ${count(c.stale)} stale, ${count(c.misses)} misses`,
          exact: true,
        })
        .waitFor();
    }
  });
});

async function runCommand(name) {
  const { status, body } = await api("/command", { method: "POST", body: { name } });
  assert.equal(status, 201);
  for (let command = body; ; command = (await api(`/command/${body.id}`)).body) {
    if (command.status === "completed" || command.status === "failed") return command;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test("an upstream that answers 429 shows as paused on the budget chart", { timeout: 60_000 }, async (t) => {
  const { simUrl } = await environment();
  // Watchmode says "too many requests, come back in 11 s" to the id map download: longer than a
  // request waits, so the call fails and the budget pauses Watchmode until then.
  const fault = await fetch(`${simUrl}/__sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service: "watchmode", kind: "rateLimit", retryAfter: 11, times: 1 }),
  });
  assert.ok(fault.ok);
  const { id } = await fault.json();
  try {
    const command = await runCommand("WatchmodeIdMapRefresh");
    assert.equal(command.status, "failed", "the download was refused");
    const { body: budgets } = await api("/system/budget");
    const watchmode = budgets.find((b) => b.service === "watchmode");
    assert.ok(watchmode.pausedUntil, "the budget is paused");
    await withPage(t, async (page) => {
      await page.goto("/system");
      const chart = page.getByRole("article", { name: "Watchmode budget", exact: true });
      const paused = siteDateTime(watchmode.pausedUntil);
      await chart.getByText(`Paused until ${paused}`).waitFor();
      assert.equal(
        await page
          .getByRole("article", { name: "TMDb budget", exact: true })
          .getByText(/Paused/)
          .count(),
        0,
      );
    });
    // The other tests get Watchmode back: wait the pause out.
    const resumesAt = Date.parse(watchmode.pausedUntil);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, resumesAt - testClockNow()) + 500));
    const { body: later } = await api("/system/budget");
    assert.equal(later.find((b) => b.service === "watchmode").pausedUntil, undefined, "the pause ended");
  } finally {
    await fetch(`${simUrl}/__sim/faults/${id}`, { method: "DELETE" });
  }
});
