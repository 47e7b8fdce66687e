import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, expectSuccess, withPage } from "./harness.mjs";

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

/** Opens a System page by its tab, as a user gets there from System. */
async function openTab(page, label, path) {
  await page.goto("/system");
  await page.getByRole("navigation", { name: "System", exact: true }).getByRole("link", { name: label }).click();
  await page.waitForURL(`**${path}`);
}

/** The page at 390 px: no sideways scroll, tables stacked as labelled cards. */
async function onPhone(t, path, name, ready) {
  await withPage(
    t,
    async (page) => {
      await page.goto(path);
      await ready(page);
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
    },
    { viewport: PHONE },
  );
}

test("System › Backup makes a backup with its progress, offers it to download, asks before a restore and deletes it", {
  timeout: 180_000,
}, async (t) => {
  const before = (await api("/system/backup")).body.map((b) => b.id);
  let made;
  await withPage(
    t,
    async (page) => {
      await openTab(page, "Backup", "/system/backup");
      const backups = page.locator("#backups");
      await backups.getByRole("button", { name: "Back up now", exact: true }).click();
      await expectSuccess(backups.getByRole("status").filter({ hasText: "Backup made" }), backups);
      made = (await api("/system/backup")).body.find((b) => !before.includes(b.id));
      assert.ok(made, "a new backup is listed by the API");
      const table = backups.getByRole("table", { name: "Backups" });
      const link = table.getByRole("link", { name: made.name, exact: true });
      assert.equal(await link.getAttribute("href"), made.path);
      assert.equal((await page.request.get(made.path)).status(), 200);

      const row = table.getByRole("row").filter({ hasText: made.name });
      await row
        .getByRole("button", { name: `Restore backup ${made.name}, replacing the library`, exact: true })
        .click();
      await row.getByText(`Restore backup ${made.name}, replacing the library?`, { exact: true }).waitFor();
      await row.getByRole("button", { name: "Yes, restore", exact: true }).waitFor();
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, "system-backup-1440.png"), fullPage: true });
      await row.getByRole("button", { name: "Cancel", exact: true }).click();

      await row.getByRole("button", { name: `Delete backup ${made.name}`, exact: true }).click();
      await row.getByRole("button", { name: "Yes, delete", exact: true }).click();
      await expectSuccess(backups.getByRole("status").filter({ hasText: "Backup deleted" }), backups);
      assert.ok(!(await api("/system/backup")).body.some((b) => b.id === made.id));
      await table.getByRole("link", { name: made.name, exact: true }).waitFor({ state: "detached" });
    },
    { viewport: DESKTOP },
  );
  await onPhone(t, "/system/backup", "system-backup", async (page) => {
    await page.getByRole("button", { name: "Back up now", exact: true }).waitFor();
    const first = page.getByRole("table", { name: "Backups" }).locator("tbody tr").first();
    if ((await api("/system/backup")).body.length > 0) await first.locator("td[data-label='Size']").waitFor();
  });
});

test("System › Queue lists the latest commands with when they started and ended, and follows one to its end", {
  timeout: 120_000,
}, async (t) => {
  await withPage(
    t,
    async (page) => {
      await openTab(page, "Queue", "/system/queue");
      const table = page.getByRole("table", { name: "Commands", exact: true });
      const { body: before } = await api("/command");
      await table
        .locator("tbody tr")
        .nth(Math.min(before.length, 50) - 1)
        .waitFor();
      const { body: started } = await api("/command", { method: "POST", body: { name: "CheckHealth" } });
      // The page has not reloaded: the new command shows up first and is followed until it ends.
      if (before.length < 50) await table.locator("tbody tr").nth(before.length).waitFor({ timeout: 30_000 });
      const row = table.locator("tbody tr").first().filter({ hasText: started.commandName });
      await row
        .locator("td")
        .nth(1)
        .filter({ hasText: /completed|failed/ })
        .waitFor({ timeout: 60_000 });
      const { body: ended } = await api(`/command/${started.id}`);
      assert.equal(await row.locator("td").nth(1).textContent(), ended.status);
      assert.equal(await row.locator("td").nth(3).textContent(), "manual");
      assert.notEqual(await row.locator("td").nth(8).textContent(), "—", "the ended time is shown");
      const headers = await table.locator("thead th").allTextContents();
      for (const name of ["Command", "Trigger", "Priority", "Status", "Progress", "Started", "Ended", "Duration"]) {
        assert.ok(headers.includes(name), `column ${name} in ${headers}`);
      }
      const { body: all } = await api("/command");
      assert.equal(await table.locator("tbody tr").count(), Math.min(all.length, 50));
      await page.screenshot({ path: join(ARTIFACTS, "system-queue-1440.png"), fullPage: true });
    },
    { viewport: DESKTOP },
  );
  await onPhone(t, "/system/queue", "system-queue", async (page) => {
    const first = page.getByRole("table", { name: "Commands", exact: true }).locator("tbody tr").first();
    await first.locator("td[data-label='Duration']").waitFor();
  });
});

test("System › Events shows what happened lately from the log store, all or only problems, and refreshes", {
  timeout: 120_000,
}, async (t) => {
  await withPage(
    t,
    async (page) => {
      await openTab(page, "Events", "/system/events");
      const table = page.getByRole("table", { name: "Log records", exact: true });
      await table.locator("tbody tr").first().waitFor();
      const { body: all } = await api("/log?pageSize=25&level=info");
      assert.equal(await table.locator("tbody tr").count(), all.records.length);

      // A command run while the page is open appears without a reload (its record is written when it ends).
      const { body: run } = await api("/command", { method: "POST", body: { name: "ExpireBlocklist" } });
      const newest = async () => (await api("/log?pageSize=1&level=info")).body.records[0];
      let record = await newest();
      for (let i = 0; i < 60 && record.id <= all.records[0].id; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        record = await newest();
      }
      assert.ok(record.id > all.records[0].id, `the ${run.commandName} run wrote no record`);
      const { body: now } = await api("/log?pageSize=25&level=info");
      const expected = now.records.map((r) => r.message);
      assert.notDeepEqual(
        expected,
        all.records.map((r) => r.message),
        "the feed changed",
      );
      const shown = () => table.locator("tbody tr td:nth-child(4)").allTextContents();
      const matches = (texts) =>
        texts.length === expected.length && texts.every((text, i) => text.startsWith(expected[i]));
      for (let i = 0; i < 60 && !matches(await shown()); i++) await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(matches(await shown()), "the page shows the new record without a reload");
      await page.screenshot({ path: join(ARTIFACTS, "system-events-1440.png"), fullPage: true });

      await page.getByRole("button", { name: "Problems only", exact: true }).click();
      const { body: problems } = await api("/log?pageSize=25&level=warn");
      if (problems.records.length === 0) {
        await page.getByText("Nothing has happened yet.").waitFor();
      } else {
        await table.locator("tbody tr").first().filter({ hasText: problems.records[0].message }).waitFor();
        const levels = await table.locator("tbody tr td:nth-child(2)").allTextContents();
        assert.ok(levels.length > 0 && levels.every((l) => l === "warn" || l === "error"), String(levels));
      }
    },
    { viewport: DESKTOP },
  );
  await onPhone(t, "/system/events", "system-events", async (page) => {
    const first = page.getByRole("table", { name: "Log records", exact: true }).locator("tbody tr").first();
    await first.locator("td[data-label='Message']").waitFor();
  });
});
