import assert from "node:assert/strict";
import { test } from "node:test";
import { api, withPage } from "./harness.mjs";

test("settings list profiles and manage root folders and tags", { timeout: 90_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/settings");
    const profiles = page.getByRole("region", { name: "Quality profiles", exact: true });
    const hd = profiles.getByRole("row").filter({ has: page.getByRole("cell", { name: "HD-1080p", exact: true }) });
    await hd.waitFor();
    assert.match(await hd.textContent(), /Bluray-1080p/);

    const folders = page.getByRole("region", { name: "Root folders", exact: true });
    await folders.getByLabel("New root folder path").fill("/films");
    await folders.getByRole("button", { name: "Add root folder", exact: true }).click();
    await folders.getByText("/films", { exact: true }).waitFor();
    assert.ok((await api("/rootfolder")).body.some((f) => f.path === "/films"));
    await folders.getByLabel("New root folder path").fill("relative/path");
    await folders.getByRole("button", { name: "Add root folder", exact: true }).click();
    await folders
      .getByRole("alert")
      .filter({ hasText: /absolute/ })
      .waitFor();
    await folders.getByRole("button", { name: "Remove root folder /films", exact: true }).click();
    await folders.getByText("/films", { exact: true }).waitFor({ state: "detached" });

    const tags = page.getByRole("region", { name: "Tags", exact: true });
    await tags.getByLabel("New tag").fill("classics");
    await tags.getByRole("button", { name: "Add tag", exact: true }).click();
    await tags.getByRole("button", { name: "Rename tag classics", exact: true }).click();
    await tags.getByLabel("New name for classics").fill("old-classics");
    await tags.getByRole("button", { name: "Save name", exact: true }).click();
    await tags.getByRole("button", { name: "Remove tag old-classics", exact: true }).waitFor();
    assert.ok((await api("/tag")).body.some((tag) => tag.label === "old-classics"));
    await tags.getByRole("button", { name: "Remove tag old-classics", exact: true }).click();
    await tags.getByText("old-classics").waitFor({ state: "detached" });
    assert.ok(!(await api("/tag")).body.some((tag) => tag.label.includes("classics")));
  });
});

test("the system page shows status and health checks", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/system");
    const status = page.getByRole("region", { name: "Status", exact: true });
    await status.getByText("Cloudflare Workers").waitFor();
    assert.match(await status.textContent(), /Demo data\s*Yes/);
    const { body: checks } = await api("/health");
    const health = page.getByRole("region", { name: "Health", exact: true });
    if (checks.length) await health.getByText(checks[0].message).waitFor();
    else await health.getByText(/No issues/).waitFor();
  });
});
