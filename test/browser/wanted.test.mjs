import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, withPage } from "./harness.mjs";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

const countText = (n) => `${n.toLocaleString("en-US")} ${n === 1 ? "movie" : "movies"}`;

async function noSidewaysScroll(page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `the page scrolls sideways (${widths[0]} > ${widths[1]})`);
}

test("Wanted: missing movies a page at a time, sorted by year, two selected and searched with the command's progress, then Cutoff Unmet", {
  timeout: 240_000,
}, async (t) => {
  const { body: missing } = await api("/wanted/missing?pageSize=1");
  const { body: cutoff } = await api("/wanted/cutoff?pageSize=1");
  assert.ok(missing.totalRecords > 20, "the seeded library has more than a page of missing movies");

  await withPage(
    t,
    async (page) => {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Wanted" }).click();
      await page.getByRole("heading", { name: "Wanted: Missing", level: 1 }).waitFor();
      await page
        .getByRole("status", { name: "Wanted count" })
        .filter({ hasText: countText(missing.totalRecords) })
        .waitFor();
      const table = page.getByRole("table", { name: "Missing", exact: true });
      assert.equal(await table.locator("tbody tr").count(), 20, "one page of 20");

      await table.getByRole("button", { name: "Year", exact: true }).click();
      await page.waitForURL(/sortKey=year/);
      await table.locator("th[aria-sort=ascending]").filter({ hasText: "Year" }).waitFor();
      const years = async () => (await table.locator("tbody tr td:nth-child(3)").allTextContents()).map(Number);
      // The header turns before the sorted page arrives: wait for the rows to be the sorted ones.
      await page.waitForFunction(() => {
        const shown = [...document.querySelectorAll("table tbody tr td:nth-child(3)")].map((td) =>
          Number(td.textContent),
        );
        return shown.length === 20 && shown.every((year, i) => i === 0 || shown[i - 1] <= year);
      });
      const ascending = await years();
      assert.deepEqual(
        ascending,
        [...ascending].sort((a, b) => a - b),
        "years ascend",
      );
      await table.getByRole("button", { name: "Year", exact: true }).click();
      await table.locator("th[aria-sort=descending]").filter({ hasText: "Year" }).waitFor();
      await page.waitForURL(/sortDirection=descending/);

      await page.getByRole("navigation", { name: "Wanted pages" }).getByRole("button", { name: "Next" }).click();
      await page.getByText(`Page 2 of ${Math.ceil(missing.totalRecords / 20)}`).waitFor();

      // The server's second page, newest first: the table shows it once it has loaded.
      const { body: page2 } = await api("/wanted/missing?page=2&pageSize=20&sortKey=year&sortDirection=descending");
      const [first, second] = page2.records.map((m) => m.title);
      await table.locator("tbody tr").first().getByRole("link", { name: first, exact: true }).waitFor();
      await table.getByRole("checkbox", { name: `Select ${first}`, exact: true }).check();
      await table.getByRole("checkbox", { name: `Select ${second}`, exact: true }).check();
      await page.getByRole("button", { name: "Search selected (2)" }).click();
      const progress = page.getByRole("status", { name: "Search progress" });
      await progress.filter({ hasText: /Search finished|Search failed/ }).waitFor({ timeout: 60_000 });
      assert.match(await progress.textContent(), /Search finished: Searched 2 of 2 movies/);
      await page.screenshot({ path: join(ARTIFACTS, "wanted-1440.png"), fullPage: true });

      await page
        .getByRole("navigation", { name: "Wanted", exact: true })
        .getByRole("link", { name: "Cutoff Unmet" })
        .click();
      await page.waitForURL("**/wanted/cutoff");
      await page.getByRole("heading", { name: "Wanted: Cutoff Unmet", level: 1 }).waitFor();
      await page
        .getByRole("status", { name: "Wanted count" })
        .filter({ hasText: countText(cutoff.totalRecords) })
        .waitFor();
      assert.equal(
        await page.getByRole("button", { name: "Search all cutoff unmet" }).isEnabled(),
        cutoff.totalRecords > 0,
      );
    },
    { viewport: DESKTOP },
  );

  await withPage(
    t,
    async (page) => {
      await page.goto("/wanted");
      const table = page.getByRole("table", { name: "Missing", exact: true });
      await table.locator("tbody tr").nth(19).waitFor();
      await noSidewaysScroll(page);
      // Stacked cards: each cell labelled by its column.
      assert.equal(await table.locator("tbody tr").first().locator("td[data-label=Year]").count(), 1);
      await page.screenshot({ path: join(ARTIFACTS, "wanted-390.png"), fullPage: true });
    },
    { viewport: PHONE },
  );
});
