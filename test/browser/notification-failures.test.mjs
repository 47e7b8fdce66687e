import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { libraryMovie, removeNamed } from "./downloads.mjs";
import { api, environment, withPage } from "./harness.mjs";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");
const NAME = "Dead-letter hook";
const SECRET = "browser-secret-77";
const FIGHT_CLUB = 550;

/** This file's dead letters, once there are `count` (the notifications queue delivers after the request). */
async function deadLetters(count) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await api("/notification/failures?pageSize=100");
    const mine = body.records.filter((r) => r.notificationName === NAME);
    if (mine.length >= count) return mine;
    assert.ok(Date.now() < deadline, `no dead letter for ${NAME}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A webhook the simulator answers 404 (a failure no retry fixes: dead-lettered at once), told of movies added. */
async function brokenWebhook() {
  const { simUrl } = await environment();
  await removeNamed("/notification", NAME);
  const { status, body } = await api("/notification", {
    method: "POST",
    body: {
      name: NAME,
      implementation: "Webhook",
      fields: [{ name: "url", value: `${simUrl}/no-such-hook/dead-letters?token=${SECRET}` }],
      onMovieAdded: true,
      onHealthIssue: false,
    },
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

test("Settings › Notifications lists failed notifications, without their secrets, to retry or delete", {
  timeout: 180_000,
}, async (t) => {
  const target = await brokenWebhook();
  try {
    const { body: present } = await api(`/movie?tmdbId=${FIGHT_CLUB}`);
    for (const m of present) await api(`/movie/${m.id}`, { method: "DELETE" });
    await libraryMovie(FIGHT_CLUB);
    const [first] = await deadLetters(1);
    assert.deepEqual(first.summary, { title: "Fight Club", year: 1999, tmdbId: FIGHT_CLUB });

    await withPage(
      t,
      async (page) => {
        await page.goto("/settings/connect");
        const table = page.getByRole("table", { name: "Failed notifications" });
        const row = table.getByRole("row").filter({ hasText: NAME });
        await row.first().waitFor();
        const text = await table.textContent();
        assert.match(text, /Fight Club \(1999\)/);
        assert.match(text, /Movie added/);
        assert.doesNotMatch(text, new RegExp(`${SECRET}|no-such-hook`));
        await page.screenshot({ path: join(ARTIFACTS, "notification-failures-1440.png"), fullPage: true });
        // Retry sends it again: the target still refuses, so a new dead letter replaces the row.
        await row.getByRole("button", { name: /^Retry/ }).click();
        await page
          .getByRole("status")
          .filter({ hasText: `Sent again to ${NAME}` })
          .waitFor();
      },
      { viewport: DESKTOP },
    );
    const [again] = await deadLetters(1);
    assert.notEqual(again.id, first.id, "the retried delivery failed anew");

    await withPage(
      t,
      async (page) => {
        await page.goto("/settings/connect");
        const table = page.getByRole("table", { name: "Failed notifications" });
        await table.getByRole("row").filter({ hasText: NAME }).first().waitFor();
        const [scroll, client] = await page.evaluate(() => [
          document.scrollingElement.scrollWidth,
          document.scrollingElement.clientWidth,
        ]);
        assert.ok(scroll <= client, `the page scrolls sideways (${scroll} > ${client})`);
        await page.screenshot({ path: join(ARTIFACTS, "notification-failures-390.png"), fullPage: true });
        await page.getByRole("button", { name: `Delete the failed notification to ${NAME}` }).click();
        await page.getByRole("button", { name: "Yes, delete" }).click();
        await page.getByRole("status").filter({ hasText: "Deleted" }).waitFor();
      },
      { viewport: PHONE },
    );
    const { body: after } = await api("/notification/failures?pageSize=100");
    assert.equal(after.records.filter((r) => r.notificationName === NAME).length, 0);
  } finally {
    await api(`/notification/${target.id}`, { method: "DELETE" });
  }
});
