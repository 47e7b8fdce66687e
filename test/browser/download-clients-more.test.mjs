import assert from "node:assert/strict";
import { test } from "node:test";
import { removeNamed } from "./downloads.mjs";
import { api, environment, withPage } from "./harness.mjs";

test("Deluge, NZBGet and rTorrent are offered from their definitions; a Deluge client is added, tested and saved", {
  timeout: 120_000,
}, async (t) => {
  const { simUrl } = await environment();
  const sim = new URL(simUrl);
  await removeNamed("/downloadclient", "Deluge");
  try {
    await withPage(t, async (page) => {
      await page.goto("/settings/downloadclients");
      await page.getByRole("button", { name: "Add download client", exact: true }).click();
      const chooser = page.getByRole("region", { name: "Choose a download client type", exact: true });
      // The schema arrives: one button per implementation, named as the definitions name them.
      await chooser.getByRole("button", { name: "Deluge", exact: true }).waitFor();
      for (const name of ["Deluge", "NZBGet", "rTorrent"])
        assert.equal(await chooser.getByRole("button", { name, exact: true }).count(), 1, `${name} is offered`);
      await chooser.getByRole("button", { name: "Deluge", exact: true }).click();
      const form = page.getByRole("form", { name: "New Deluge download client", exact: true });
      // The form is the definition's: Radarr's fields, the priorities as choices.
      await form.getByLabel("Recent Priority", { exact: true }).waitFor();
      await form.getByLabel("Host", { exact: true }).fill(sim.hostname);
      await form.getByLabel("Port", { exact: true }).fill(sim.port);
      await form.getByText("Advanced settings").click();
      await form.getByLabel("URL Base", { exact: true }).fill("/deluge");
      await form.getByLabel("Password", { exact: true }).fill("browser-deluge");
      await form.getByRole("button", { name: "Save download client", exact: true }).click();
      await page.getByText("Saved download client Deluge").waitFor();
      await page
        .getByRole("table", { name: "Download clients" })
        .getByText("Deluge", { exact: true })
        .first()
        .waitFor();
    });
    const { body } = await api("/downloadclient");
    const saved = body.find((c) => c.name === "Deluge");
    assert.equal(saved?.implementation, "Deluge");
    assert.equal(saved.fields.find((f) => f.name === "password")?.value, "********");
  } finally {
    await removeNamed("/downloadclient", "Deluge");
  }
});
