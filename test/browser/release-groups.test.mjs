import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { removeNamed } from "./downloads.mjs";
import { api, environment, withPage } from "./harness.mjs";

const ARTIFACTS = join(ROOT, "test/browser/artifacts");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const INDEXER = "Analyzer HDBits";

/** An HDBits indexer on the simulator, and a one-day collection run to its end on the commands queue. */
async function collect() {
  const { simUrl } = await environment();
  await removeNamed("/indexer", INDEXER);
  const indexer = await api("/indexer", {
    method: "POST",
    body: {
      name: INDEXER,
      implementation: "HDBits",
      enableRss: false,
      enableAutomaticSearch: false,
      enableInteractiveSearch: false,
      fields: [
        { name: "baseUrl", value: `${simUrl}/hdbits` },
        { name: "username", value: "demo" },
        { name: "apiKey", value: "browser-analyzer" },
      ],
    },
  });
  assert.equal(indexer.status, 201, JSON.stringify(indexer.body));
  const started = await api("/analysis/collection", { method: "POST", body: { indexerId: indexer.body.id, days: 1 } });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  for (let i = 0; i < 120; i++) {
    const { body } = await api(`/analysis/collection?indexerId=${indexer.body.id}`);
    if (body.collection.status === "completed") return body.collection;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail("the collection did not complete");
}

const tableRows = (page, name) => page.getByRole("table", { name, exact: true }).locator("tbody tr");

test("the group table filters and sorts the collected reputations; a group's page shows its factors and releases; the analyzer is paused and cancelled from the site", {
  timeout: 420_000,
}, async (t) => {
  const collection = await collect();
  const { body: groups } = await api("/analysis/groups");
  assert.ok(groups.length > 3, `groups scored from ${collection.releases} releases`);
  try {
    await withPage(
      t,
      async (page) => {
        await page.goto("/");
        await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Groups" }).click();
        await page.waitForURL("**/groups");
        const rows = tableRows(page, "Release groups");
        const filters = page.getByRole("form", { name: "Filter groups" });
        await rows.first().waitFor();
        assert.equal(await rows.count(), groups.length);
        await page.getByText(/^completed: \d+ pages/).waitFor();
        // Best score first, then by releases (most first) when that column is chosen.
        assert.equal(await rows.first().locator("td").first().textContent(), groups[0].group);
        await page.getByRole("button", { name: "Releases", exact: true }).click();
        const most = [...groups].sort((a, b) => b.releases - a.releases || a.group.localeCompare(b.group))[0];
        assert.equal(await rows.first().locator("td").first().textContent(), most.group);
        assert.equal(
          await page.getByRole("columnheader", { name: "Releases", exact: true }).getAttribute("aria-sort"),
          "descending",
        );
        // Filters: a minimum sample, then a search.
        const minimum = Math.max(2, groups[Math.floor(groups.length / 2)].releases);
        await filters.getByLabel("Minimum releases").fill(String(minimum));
        assert.equal(await rows.count(), groups.filter((g) => g.releases >= minimum).length);
        await filters.getByLabel("Minimum releases").fill("1");
        await filters.getByLabel("Search").fill(most.group.slice(0, 4).toLowerCase());
        assert.equal(await rows.count(), groups.filter((g) => g.group.includes(most.group.slice(0, 4))).length);
        const csv = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
        const download = await page.request.get(csv);
        assert.equal(download.status(), 200);
        assert.match(await download.text(), /^group,score,tier,releases,confidence,/);
        await filters.getByLabel("Search").fill("");
        await page.screenshot({ path: join(ARTIFACTS, "release-groups-1440.png"), fullPage: true });

        // The group's page: score, confidence, the seven factors and its releases.
        await page.getByRole("link", { name: most.group, exact: true }).click();
        await page.waitForURL(`**/groups/${most.group}`);
        await page.getByRole("heading", { name: most.group, exact: true }).waitFor();
        await page.getByText(`confidence ${Math.round(most.confidence * 100)}%`, { exact: false }).waitFor();
        assert.equal(await tableRows(page, "Factors").count(), 7);
        assert.equal(await tableRows(page, "Releases").count(), most.releases);
        await page.screenshot({ path: join(ARTIFACTS, "release-group-1440.png"), fullPage: true });

        // The analyzer's controls: a new two-year collection, paused, then cancelled.
        await page.goto("/groups");
        await page.getByRole("button", { name: "Start collection" }).click();
        await page.getByRole("button", { name: "Pause" }).click();
        await page.getByText(/^paused: /).waitFor();
        await page.getByRole("button", { name: "Cancel" }).click();
        await page.getByText(/^cancelled: /).waitFor();
        assert.equal((await api("/analysis/collection")).body.collection.status, "cancelled");
      },
      { viewport: DESKTOP },
    );
    await withPage(
      t,
      async (page) => {
        const most = [...groups].sort((a, b) => b.releases - a.releases || a.group.localeCompare(b.group))[0];
        await page.goto("/groups");
        await tableRows(page, "Release groups").first().waitFor();
        const cell = tableRows(page, "Release groups").first().locator("td").nth(1);
        assert.equal(await cell.getAttribute("data-label"), "Score");
        assert.ok((await cell.boundingBox()).width > 300, "on a phone each row stacks as label: value");
        await page.screenshot({ path: join(ARTIFACTS, "release-groups-390.png"), fullPage: true });
        await page.goto(`/groups/${most.group}`);
        await tableRows(page, "Releases").first().waitFor();
        await page.screenshot({ path: join(ARTIFACTS, "release-group-390.png"), fullPage: true });
      },
      { viewport: PHONE },
    );
  } finally {
    await removeNamed("/indexer", INDEXER);
  }
});
