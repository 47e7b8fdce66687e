import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, withPage } from "./harness.mjs";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

async function commandEnds(name) {
  const { body } = await api("/command", { method: "POST", body: { name } });
  for (let i = 0; i < 60; i++) {
    const { body: c } = await api(`/command/${body.id}`);
    if (c.status !== "queued" && c.status !== "started") return c;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`${name} did not end`);
}

test("System › Logs pages the log store, searches it by text, filters it by level and offers each day's file", {
  timeout: 120_000,
}, async (t) => {
  await commandEnds("CheckHealth");
  await commandEnds("ExpireBlocklist");
  // Commands' records are written once they end, so wait until both are in the store.
  let all;
  let checks;
  for (let i = 0; i < 40; i++) {
    ({ body: all } = await api("/log?pageSize=1"));
    ({ body: checks } = await api("/log?pageSize=1000&filter=CheckHealth"));
    if (checks.totalRecords > 0 && checks.totalRecords < all.totalRecords) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(checks.totalRecords > 0 && checks.totalRecords < all.totalRecords, JSON.stringify([checks, all]));
  const { body: errors } = await api("/log?pageSize=1&level=error");
  await withPage(
    t,
    async (page) => {
      await page.goto("/system/tasks");
      await page.getByRole("navigation", { name: "System", exact: true }).getByRole("link", { name: "Logs" }).click();
      await page.waitForURL("**/system/logs");
      const count = page.getByRole("status", { name: "Log count" });
      await count.filter({ hasText: `${all.totalRecords.toLocaleString("en-US")} records` }).waitFor();
      const table = page.getByRole("table", { name: "Log records", exact: true });
      await table.locator("tbody tr").first().waitFor();

      await page.getByRole("searchbox", { name: "Search" }).fill("CheckHealth");
      await count.filter({ hasText: `${checks.totalRecords.toLocaleString("en-US")} records` }).waitFor();
      const shown = Math.min(checks.totalRecords, 50);
      await table
        .locator("tbody tr")
        .nth(shown - 1)
        .waitFor();
      const rows = await table.locator("tbody tr").allTextContents();
      assert.equal(rows.length, shown);
      assert.ok(
        rows.every((row) => row.includes("CheckHealth")),
        rows.join("\n"),
      );

      await page.getByRole("searchbox", { name: "Search" }).fill("");
      await page.getByRole("combobox", { name: "Level" }).selectOption("error");
      await count.filter({ hasText: `${errors.totalRecords.toLocaleString("en-US")} records` }).waitFor();

      const download = page.getByRole("table", { name: "Log files" }).getByRole("link", { name: /^Download radarr\./ });
      const href = await download.first().getAttribute("href");
      assert.match(href, /^\/api\/v3\/log\/file\/radarr\.\d{4}-\d{2}-\d{2}\.txt$/);
      const file = await page.request.get(href);
      assert.equal(file.status(), 200);
      assert.match(await file.text(), /\|Info\|CheckHealth\|/);
      await page.screenshot({ path: join(ARTIFACTS, "system-logs-1440.png"), fullPage: true });
    },
    { viewport: DESKTOP },
  );
  await withPage(
    t,
    async (page) => {
      await page.goto("/system/logs");
      await page.getByRole("table", { name: "Log records", exact: true }).locator("tbody tr").first().waitFor();
      const [scroll, client] = await page.evaluate(() => [
        document.scrollingElement.scrollWidth,
        document.scrollingElement.clientWidth,
      ]);
      assert.ok(scroll <= client, `the page scrolls sideways (${scroll} > ${client})`);
      await page.screenshot({ path: join(ARTIFACTS, "system-logs-390.png"), fullPage: true });
    },
    { viewport: PHONE },
  );
});
