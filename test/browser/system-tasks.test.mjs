import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, withPage } from "./harness.mjs";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

async function noSidewaysScroll(page) {
  const [scroll, client] = await page.evaluate(() => [
    document.scrollingElement.scrollWidth,
    document.scrollingElement.clientWidth,
  ]);
  assert.ok(scroll <= client, `the page scrolls sideways (${scroll} > ${client})`);
}

test("System › Tasks lists every scheduled task and Run now starts one and shows how it ended", {
  timeout: 120_000,
}, async (t) => {
  const { body: tasks } = await api("/system/task");
  assert.ok(tasks.length > 5);
  await withPage(
    t,
    async (page) => {
      await page.goto("/system");
      await page.getByRole("navigation", { name: "System", exact: true }).getByRole("link", { name: "Tasks" }).click();
      await page.waitForURL("**/system/tasks");
      const table = page.getByRole("table", { name: "Scheduled tasks", exact: true });
      await table
        .locator("tbody tr")
        .nth(tasks.length - 1)
        .waitFor();
      assert.equal(await table.locator("tbody tr").count(), tasks.length);
      const row = table.getByRole("row").filter({ hasText: "Check Health" });
      assert.match(await row.textContent(), /15 minutes/);

      await row.getByRole("button", { name: "Run Check Health now" }).click();
      const run = row.getByRole("status", { name: "Check Health run" });
      await run.filter({ hasText: /completed|failed/ }).waitFor({ timeout: 60_000 });
      assert.match(await run.textContent(), /completed/);
      // The list reloads once the run ended: the task has a last run now.
      const { body: after } = await api("/system/task");
      const checked = after.find((task) => task.taskName === "CheckHealth");
      assert.notEqual(checked.lastExecution, "0001-01-01T00:00:00Z");
      await row.getByRole("cell").nth(2).filter({ hasNotText: "Never" }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, "system-tasks-1440.png"), fullPage: true });
    },
    { viewport: DESKTOP },
  );
  await withPage(
    t,
    async (page) => {
      await page.goto("/system/tasks");
      const table = page.getByRole("table", { name: "Scheduled tasks", exact: true });
      await table.locator("tbody tr").first().waitFor();
      await noSidewaysScroll(page);
      assert.equal(await table.locator("tbody tr").first().locator("td[data-label='Next run']").count(), 1);
      await page.screenshot({ path: join(ARTIFACTS, "system-tasks-390.png"), fullPage: true });
    },
    { viewport: PHONE },
  );
});
