import assert from "node:assert/strict";
import { test } from "node:test";
import { withPage } from "./harness.mjs";

test("System lists this browser's session; revoking it logs the browser out", { timeout: 120_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/system");
    const sessions = page.getByRole("region", { name: "Sessions", exact: true });
    const mine = sessions.getByRole("row").filter({ hasText: "This browser" });
    await mine.waitFor();
    await mine.getByRole("button", { name: /^Revoke session \d+$/ }).click();
    await page.getByLabel("API key").waitFor();
    const status = await page.evaluate(async () => (await fetch("/api/v3/system/status")).status);
    assert.equal(status, 401, "the revoked cookie no longer opens the API");
  });
});
