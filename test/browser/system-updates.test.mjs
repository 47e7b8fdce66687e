import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, withPage } from "./harness.mjs";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

test("System › Updates shows the deployed versions with the running one and the Radarr API line served", {
  timeout: 60_000,
}, async (t) => {
  const { body: updates } = await api("/update");
  const { body: status } = await api("/system/status");
  const running = updates.find((u) => u.installed);
  assert.ok(running, "the deploy history marks the running version");
  for (const viewport of [DESKTOP, PHONE]) {
    await withPage(
      t,
      async (page) => {
        await page.goto("/system");
        await page
          .getByRole("navigation", { name: "System", exact: true })
          .getByRole("link", { name: "Updates" })
          .click();
        await page.waitForURL("**/system/updates");
        const line = page.getByRole("status", { name: "Running version" });
        await line.waitFor();
        assert.match(
          await line.textContent(),
          new RegExp(`serving Radarr's API version ${status.version.replaceAll(".", "\\.")}`),
        );
        const table = page.getByRole("table", { name: "Deployed versions", exact: true });
        if (running)
          await table.getByRole("row").filter({ hasText: running.version }).filter({ hasText: "running" }).waitFor();
        const [scroll, client] = await page.evaluate(() => [
          document.scrollingElement.scrollWidth,
          document.scrollingElement.clientWidth,
        ]);
        assert.ok(scroll <= client, `the page scrolls sideways (${scroll} > ${client})`);
        await page.screenshot({ path: join(ARTIFACTS, `system-updates-${viewport.width}.png`), fullPage: true });
      },
      { viewport },
    );
  }
});
