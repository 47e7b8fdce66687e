import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, environment, withPage } from "./harness.mjs";

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

/** A failed sign-in under a correlation id: a warning the log store keeps with that id. */
async function failedLogin(appUrl, correlationId) {
  const res = await fetch(`${appUrl}/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-correlation-id": correlationId },
    body: JSON.stringify({ apiKey: "not-the-key" }),
  });
  assert.equal(res.status, 401);
}

async function recordsOf(correlationId) {
  for (let i = 0; i < 40; i++) {
    const { body } = await api(`/log?pageSize=50&correlationId=${correlationId}`);
    if (body.totalRecords > 0) return body;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`no record of request ${correlationId} reached the log store`);
}

test("System › Logs shows each record's request and filters by it with a click", { timeout: 120_000 }, async (t) => {
  const { appUrl } = await environment();
  const [one, two] = ["browser-logs-one", "browser-logs-two"];
  await failedLogin(appUrl, one);
  await failedLogin(appUrl, two);
  const ofOne = await recordsOf(one);
  await recordsOf(two);
  await withPage(
    t,
    async (page) => {
      await page.goto("/system/logs");
      await page.getByRole("searchbox", { name: "Search" }).fill("login failed");
      const table = page.getByRole("table", { name: "Log records", exact: true });
      await table
        .getByRole("button", { name: `Only request ${two}` })
        .first()
        .waitFor();
      await table
        .getByRole("button", { name: `Only request ${one}` })
        .first()
        .click();
      await page.getByRole("status", { name: "Request filter" }).getByText(one).waitFor();
      await page.waitForURL(`**/system/logs?correlationId=${one}`);
      await page.getByRole("searchbox", { name: "Search" }).fill("");
      const count = page.getByRole("status", { name: "Log count" });
      await count.filter({ hasText: `${ofOne.totalRecords.toLocaleString("en-US")} records` }).waitFor();
      const requests = await table
        .locator("tbody tr")
        .getByRole("button")
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")));
      assert.deepEqual(requests, Array(ofOne.totalRecords).fill(`Only request ${one}`));
      await page.screenshot({ path: join(ARTIFACTS, "system-logs-request-1440.png"), fullPage: true });

      await page.getByRole("button", { name: "Show all requests" }).click();
      await table
        .getByRole("button", { name: `Only request ${two}` })
        .first()
        .waitFor();
      assert.doesNotMatch(page.url(), /correlationId/);
    },
    { viewport: DESKTOP },
  );
});
