import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { executeSqlFile } from "../../scripts/lib/app.mjs";
import { API_KEY, environment, expectSuccess, withPage } from "./harness.mjs";

/**
 * Settings › General's API key: Show and Regenerate, each asked once more. Regenerating retires
 * the harness's key, so each test ends by clearing the stored key (as a new API_KEY secret would
 * make it stale) and waiting out the isolates' 10 s hold until the harness's key works again.
 */
async function status(key) {
  const { appUrl } = await environment();
  return (await fetch(`${appUrl}/api/v3/system/status`, { headers: { "x-api-key": key } })).status;
}

async function restoreHarnessKey() {
  const { persistDir } = await environment();
  const file = join(persistDir, "clear-api-key.sql");
  writeFileSync(file, "DELETE FROM api_key_state;\n");
  await executeSqlFile(persistDir, file);
  const deadline = Date.now() + 30_000;
  while ((await status(API_KEY)) !== 200) {
    assert.ok(Date.now() < deadline, "the harness's key works again once the stored key is cleared");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Show (confirmed), then Hide; Regenerate (confirmed) shows the new key, which the site keeps working under. */
async function showAndRegenerate(page) {
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "API key" });
  const key = section.getByTestId("api-key");
  await key.waitFor();
  assert.match(await key.textContent(), /^•+$/, "the key starts masked");

  await section.getByRole("button", { name: "Show the API key on this screen" }).click();
  await section.getByText("Show the API key on this screen?").waitFor();
  await section.getByRole("button", { name: "Yes, show" }).click();
  await expectSuccess(section.getByText(API_KEY, { exact: true }), section);
  await section.getByRole("button", { name: "Hide" }).click();
  assert.match(await key.textContent(), /^•+$/, "Hide masks it again");

  await section.getByRole("button", { name: /^Regenerate the API key/ }).click();
  const question = section.getByText(/every client using it .* must be updated\?$/);
  await question.waitFor();
  await section.getByRole("button", { name: "Yes, regenerate" }).click();
  await expectSuccess(section.getByRole("status"), section);
  assert.match(await section.getByRole("status").textContent(), /Update every client now/);
  const fresh = (await key.textContent()).trim();
  assert.match(fresh, /^[0-9a-f]{32}$/, "the new key is shown once");
  assert.equal(await status(API_KEY), 401, "the old key is retired");
  assert.equal(await status(fresh), 200, "the new key works");
  const own = await page.evaluate(async () => (await fetch("/api/v3/system/status")).status);
  assert.equal(own, 200, "this browser's session was re-issued under the new key");
  return fresh;
}

test("Settings › General shows the API key and regenerates it (desktop, 1440 px)", { timeout: 180_000 }, async (t) => {
  try {
    await withPage(
      t,
      async (page) => {
        const fresh = await showAndRegenerate(page);
        // After a reload the site still works, and Show now answers the new key.
        await page.reload();
        const section = page.getByRole("region", { name: "API key" });
        await section.getByRole("button", { name: "Show the API key on this screen" }).click();
        await section.getByRole("button", { name: "Yes, show" }).click();
        await section.getByText(fresh, { exact: true }).waitFor();
        await section.getByText(/regenerated/).waitFor();
        await section.scrollIntoViewIfNeeded();
      },
      { viewport: { width: 1440, height: 900 } },
    );
  } finally {
    await restoreHarnessKey();
  }
});

test("Settings › General shows the API key and regenerates it (phone, 390 px)", { timeout: 180_000 }, async (t) => {
  try {
    await withPage(
      t,
      async (page) => {
        await showAndRegenerate(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page fits the phone's width (${overflow}px over)`);
      },
      { viewport: { width: 390, height: 844 } },
    );
  } finally {
    await restoreHarnessKey();
  }
});
