import assert from "node:assert/strict";
import { test } from "node:test";
import { api, withPage } from "./harness.mjs";

const SERVICES = { watchmode: "Watchmode", trakt: "Trakt", tmdb: "TMDb" };
const WINDOWS = { second: "Per second", fiveMinutes: "Per 5 minutes", day: "Per day", month: "Per month" };
const count = (n) => n.toLocaleString("en-US");

/** Each bar as the page labels it, from the budget the API reports. */
function expectedBars(budgets) {
  return budgets.flatMap((b) => [
    ...b.windows.map((w) => ({
      service: SERVICES[b.service],
      name: `${WINDOWS[w.name]}: ${count(w.used)} of ${count(w.limit)} calls`,
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
  const section = page.getByRole("region", { name: "API budgets" });
  for (const bar of expectedBars(budgets)) {
    await section
      .getByRole("article", { name: `${bar.service} budget` })
      .getByRole("img", { name: bar.name })
      .waitFor();
  }
}

test("the system page charts each upstream's budget and each cache from the API", { timeout: 60_000 }, async (t) => {
  // Traffic for the charts: a provider catalogue fetched twice (a miss or a hit, then a hit).
  for (let i = 0; i < 2; i++) assert.equal((await api("/streaming/providers?region=CA")).status, 200);

  await withPage(t, async (page) => {
    await page.goto("/");
    await page.getByRole("link", { name: "System" }).click();
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
    await page.getByRole("region", { name: "API budgets" }).getByRole("button", { name: "Refresh" }).click();
    await expectBudgetChart(page, after);

    // Caches: hits, stale and misses per cache, with the hit rate, as /system/cache counts them.
    const caches = page.getByRole("region", { name: "Caches" });
    await caches.getByRole("button", { name: "Refresh" }).click();
    const { body: stats } = await api("/system/cache");
    assert.ok(stats.caches.length > 0, "the traffic above went through the caches");
    const providers = stats.caches.find((c) => c.hits > 0);
    assert.ok(providers, "the second catalogue read was a hit");
    for (const c of stats.caches) {
      const row = caches.getByRole("listitem", { name: `${c.name} cache` });
      await row.getByText(`${count(c.hits)} hits · ${count(c.stale)} stale · ${count(c.misses)} misses`).waitFor();
      await row.getByText(`hit rate ${(c.hitRate * 100).toFixed(1)} %`).waitFor();
      await row
        .getByRole("img", { name: `${count(c.hits)} hits, ${count(c.stale)} stale, ${count(c.misses)} misses` })
        .waitFor();
    }
  });
});
