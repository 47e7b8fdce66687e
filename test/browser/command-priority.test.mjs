import assert from "node:assert/strict";
import { test } from "node:test";
import { api, withPage } from "./harness.mjs";

test("System › Commands shows each command's priority and trigger", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    const search = await api("/command", { method: "POST", body: { name: "MissingMoviesSearch" } });
    assert.equal(search.status, 201);
    assert.equal(search.body.priority, "high");
    const health = await api("/command", { method: "POST", body: { name: "CheckHealth" } });
    assert.equal(health.status, 201);
    assert.equal(health.body.priority, "normal");

    await page.goto("/system");
    const table = page.getByRole("table", { name: "Commands", exact: true });
    await table.waitFor();
    const headers = await table.getByRole("columnheader").allTextContents();
    assert.ok(headers.includes("Priority") && headers.includes("Trigger"), `columns ${headers.join(", ")}`);
    const row = (name, priority) =>
      table
        .getByRole("row")
        .filter({ hasText: name })
        .filter({ has: page.getByRole("cell", { name: priority, exact: true }) })
        .filter({ has: page.getByRole("cell", { name: "manual", exact: true }) })
        .first();
    await row("Missing Movies Search", "high").waitFor();
    await row("Check Health", "normal").waitFor();
  });
});
