import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, environment, expectSuccess, withPage } from "./harness.mjs";

const ARTIFACTS = join(ROOT, "test/browser/artifacts");

/** A monitored movie without a file that has a cinema date: a day the calendar's agenda lists. */
async function agendaDay() {
  const { body } = await api("/wanted/missing?pageSize=200");
  const movie = body.records.find((m) => m.inCinemas);
  assert.ok(movie, "the seeded library has a missing movie with a cinema date");
  return movie.inCinemas.slice(0, 10);
}

/** A record in the log store (a failed sign-in's warning), for System › Logs to show with its time. */
async function aLogRecord() {
  const { appUrl } = await environment();
  const res = await fetch(`${appUrl}/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey: "not-the-key" }),
  });
  assert.equal(res.status, 401);
  for (let i = 0; i < 40; i++) {
    if ((await api("/log?pageSize=1")).body.totalRecords > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail("the failed sign-in's warning did not reach the log store");
}

test("Date formats saved in Settings › UI are how the Calendar agenda and System › Logs write dates", {
  timeout: 180_000,
}, async (t) => {
  const { body: saved } = await api("/config/ui");
  const day = await agendaDay();
  await aLogRecord();
  try {
    await withPage(t, async (page) => {
      await page.goto("/settings/ui");
      const form = page.getByRole("form", { name: "UI settings", exact: true });
      await form.getByLabel("Short date format", { exact: true }).selectOption("YYYY-MM-DD");
      await form.getByLabel("Long date format", { exact: true }).selectOption("dddd, D MMMM YYYY");
      await form.getByLabel("Time format", { exact: true }).selectOption("HH:mm");
      await form.getByLabel(/Show relative dates/).setChecked(false);
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await expectSuccess(form.getByRole("status").filter({ hasText: "Saved" }), form);

      // Another page, reached in the site without a reload: it follows the saved formats at once.
      await page.evaluate((path) => {
        history.pushState(null, "", path);
        dispatchEvent(new PopStateEvent("popstate"));
      }, `/calendar?view=agenda&date=${day}`);
      const agenda = page.getByRole("list", { name: "Agenda" });
      const heading = agenda.getByRole("heading", { level: 3 }).first();
      await heading.waitFor();
      assert.match(await heading.textContent(), /^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}$/);
      await page.screenshot({ path: join(ARTIFACTS, "date-formats-agenda-1440.png"), fullPage: true });

      await page.goto("/system/logs");
      const time = page.getByRole("table", { name: "Log records", exact: true }).locator("tbody tr td").first();
      await time.waitFor();
      assert.match(await time.textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    });
  } finally {
    const res = await api("/config/ui", { method: "PUT", body: saved });
    assert.equal(res.status, 202);
  }
});
