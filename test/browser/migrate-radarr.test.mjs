import assert from "node:assert/strict";
import { test } from "node:test";
import { api, environment, expectSuccess, withPage } from "./harness.mjs";

// What a migration adds, deleted afterwards in this order (what refers to something goes first),
// and what it updates in place, put back: the other tests share the demo library.
const ADDED = [
  "importlist",
  "indexer",
  "downloadclient",
  "movie",
  "exclusions",
  "qualityprofile",
  "customformat",
  "rootfolder",
  "tag",
];

async function restoringLibrary(body) {
  const ids = {};
  for (const path of ADDED) ids[path] = new Set((await api(`/${path}`)).body.map((r) => r.id));
  const { body: naming } = await api("/config/naming");
  const { body: definitions } = await api("/qualitydefinition");
  const { body: profiles } = await api("/qualityprofile");
  try {
    await body();
  } finally {
    for (const path of ADDED)
      for (const row of (await api(`/${path}`)).body.filter((r) => !ids[path].has(r.id)))
        await api(`/${path}/${row.id}`, { method: "DELETE" });
    await api("/config/naming", { method: "PUT", body: naming });
    await api("/qualitydefinition/update", { method: "PUT", body: definitions });
    for (const profile of profiles) await api(`/qualityprofile/${profile.id}`, { method: "PUT", body: profile });
  }
}

test("Settings › Migrate from Radarr names a refused key, then shows progress, the report and the secrets to re-enter", {
  timeout: 90_000,
}, async (t) => {
  const { simUrl } = await environment();
  await restoringLibrary(async () => {
    await withPage(t, async (page) => {
      await page.goto("/settings");
      await page
        .getByRole("navigation", { name: "Settings", exact: true })
        .getByRole("link", { name: "Migrate from Radarr", exact: true })
        .click();
      await page.waitForURL("**/settings/migrate");
      const form = page.getByRole("form", { name: "Radarr to migrate from", exact: true });
      await form.getByLabel("Radarr URL", { exact: true }).fill(`${simUrl}/radarr`);
      const key = form.getByLabel(/Radarr API key/);
      await key.fill("wrong-key");
      await form.getByRole("button", { name: "Migrate", exact: true }).click();
      await form
        .getByText(/refused the API key/)
        .first()
        .waitFor();
      assert.equal(await key.getAttribute("aria-invalid"), "true", "the key field is marked");

      await key.fill("radarr-key");
      await form.getByRole("button", { name: "Migrate", exact: true }).click();
      const report = page.getByRole("region", { name: "Migration report", exact: true });
      await expectSuccess(report.getByRole("heading", { name: /completed/ }), page);
      const firstRun = await report.getByRole("heading", { name: /completed/ }).textContent();
      const counts = report.getByRole("table");
      assert.match(await counts.textContent(), /movie/, "the report counts the movies");
      assert.match(await report.textContent(), /not supported yet/, "the report says what was skipped and why");
      const secrets = page.getByRole("group", { name: "Secrets to re-enter", exact: true });
      await secrets.getByLabel(/indexer “Sim Torznab”: apiKey/).fill("sim-key");
      await secrets.getByLabel(/indexer “Sim Newznab”: apiKey/).fill("sim-key");
      await form.getByRole("button", { name: "Run again", exact: true }).click();
      // The re-run is a new migration: wait for its own report.
      await page.waitForFunction(
        (first) =>
          [...document.querySelectorAll("h2")].some((h) => /completed/.test(h.textContent) && h.textContent !== first),
        firstRun,
      );
      assert.equal(await secrets.getByLabel(/Sim Torznab/).count(), 0, "the typed key is no longer asked for");
      const { body: indexers } = await api("/indexer");
      assert.ok(
        indexers.some((i) => i.name === "Sim Torznab"),
        "the re-run created the indexer with its key",
      );
    });
  });
});
