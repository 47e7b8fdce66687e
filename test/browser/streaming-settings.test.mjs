import assert from "node:assert/strict";
import { test } from "node:test";
import { api, environment, expectSuccess, withPage } from "./harness.mjs";

/** Runs `body` and then puts the streaming settings back as they were, for the other tests. */
async function keepingStreamingSettings(body) {
  const { body: before } = await api("/config/streaming");
  try {
    await body(before);
  } finally {
    const { id: _id, ...settings } = before;
    const restored = await api("/config/streaming", { method: "PUT", body: settings });
    assert.equal(restored.status, 202);
  }
}

test("streaming settings save the region and subscribed services, and show the server's field errors", {
  timeout: 60_000,
}, async (t) => {
  await keepingStreamingSettings(async (before) => {
    await withPage(t, async (page) => {
      const { body: catalogue } = await api(`/streaming/providers?region=${before.region}&type=movie`);
      const netflix = catalogue.providers.find((p) => p.name === "Netflix");
      const usOnly = before.region === "US" ? catalogue.providers.find((p) => p.name === "Hulu") : undefined;

      await page.goto("/settings");
      await page
        .getByRole("navigation", { name: "Settings", exact: true })
        .getByRole("link", { name: "Streaming", exact: true })
        .click();
      await page.waitForURL("**/settings/streaming");
      const form = page.getByRole("form", { name: "Streaming services", exact: true });
      assert.equal(await form.getByLabel("Region", { exact: true }).inputValue(), before.region);
      const services = form.getByRole("group", { name: "Subscribed services", exact: true });
      // Every service of the region's catalogue is offered, with its logo.
      for (const p of catalogue.providers) {
        assert.equal(
          await services.getByLabel(p.name, { exact: true }).isChecked(),
          before.subscribedProviderIds.includes(p.providerId),
          `${p.name} is offered, checked when subscribed`,
        );
      }
      await services.getByLabel("Netflix", { exact: true }).check();
      if (usOnly) await services.getByLabel(usOnly.name, { exact: true }).check();

      // No offer type at all: the server refuses and the page says why at the offer types.
      const offers = form.getByRole("group", { name: "Counts as “I can stream it”", exact: true });
      for (const box of await offers.getByRole("checkbox").all()) await box.uncheck();
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await offers.getByText("offerTypes needs at least one offer type").waitFor();
      assert.equal(await offers.getAttribute("aria-invalid"), "true");
      assert.deepEqual((await api("/config/streaming")).body, before, "nothing was saved");

      await offers.getByLabel("Subscription (flatrate)").check();
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await expectSuccess(form.getByRole("status").filter({ hasText: "Saved" }), form);
      const { body: saved } = await api("/config/streaming");
      assert.deepEqual(
        saved.subscribedProviderIds.sort((a, b) => a - b),
        [
          ...new Set([...before.subscribedProviderIds, netflix.providerId, ...(usOnly ? [usOnly.providerId] : [])]),
        ].sort((a, b) => a - b),
      );
      assert.deepEqual(saved.offerTypes, ["flatrate"]);

      // Another region lists its own services; a subscription it lacks stays visible.
      await form.getByLabel("Region", { exact: true }).selectOption("DE");
      const { body: german } = await api("/streaming/providers?region=DE&type=movie");
      await services.getByLabel(german.providers.find((p) => p.name === "WOW").name, { exact: true }).waitFor();
      if (usOnly) await services.getByText(`Service #${usOnly.providerId}`).waitFor();
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await expectSuccess(form.getByRole("status").filter({ hasText: "Saved" }), form);
      assert.equal((await api("/config/streaming")).body.region, "DE");

      // The page survives a reload with what was saved.
      await page.reload();
      assert.equal(await form.getByLabel("Region", { exact: true }).inputValue(), "DE");
      assert.ok(await services.getByLabel("Netflix", { exact: true }).isChecked());
    });
  });
});

test("each import list's streaming option is set from the streaming settings and kept by the list editor", {
  timeout: 60_000,
}, async (t) => {
  const { body: profiles } = await api("/qualityprofile");
  const created = await api("/importlist", {
    method: "POST",
    body: {
      name: "Streaming option list",
      implementation: "IMDbCsvImport",
      fields: [{ name: "csvUrl", value: "https://www.imdb.com/list/ls000000002/export" }],
      qualityProfileId: profiles[0].id,
      rootFolderPath: "/movies",
      enableAuto: false,
    },
  });
  assert.equal(created.status, 201);
  const listId = created.body.id;
  try {
    await withPage(t, async (page) => {
      await page.goto("/settings/streaming");
      const section = page.getByRole("region", { name: "Import lists", exact: true });
      const option = section.getByRole("combobox", { name: "Streaming option for Streaming option list", exact: true });
      assert.equal(await option.inputValue(), "ignore");
      await option.selectOption({ label: "Skip (don't add)" });
      await expectSuccess(section.getByRole("status").filter({ hasText: "Saved" }), section);
      assert.equal((await api(`/importlist/${listId}`)).body.streamingOption, "skip");

      // The list's own editor shows the option and saving other changes keeps it.
      await section.getByRole("link", { name: "Streaming option list", exact: true }).click();
      await page.waitForURL(`**/lists/${listId}`);
      // The editor keeps its place while the list is renamed below (its name follows the list's).
      const editor = page.getByRole("form", { name: /^Edit Streaming option list( \(renamed\))?$/ });
      assert.equal(await editor.getByLabel("When it streams on my services").inputValue(), "skip");
      await editor.getByLabel("Name", { exact: true }).fill("Streaming option list (renamed)");
      await editor.getByRole("button", { name: "Save list", exact: true }).click();
      await page.getByRole("heading", { name: "Streaming option list (renamed)", exact: true }).waitFor();
      const { body: list } = await api(`/importlist/${listId}`);
      assert.equal(list.name, "Streaming option list (renamed)");
      assert.equal(list.streamingOption, "skip", "saving the list kept its streaming option");
      await editor.getByLabel("When it streams on my services").selectOption({ label: "Add unmonitored" });
      await editor.getByRole("button", { name: "Save list", exact: true }).click();
      await expectSuccess(editor.getByRole("status").filter({ hasText: /Saved/ }), editor);
      assert.equal((await api(`/importlist/${listId}`)).body.streamingOption, "addUnmonitored");
    });
  } finally {
    await api(`/importlist/${listId}`, { method: "DELETE" });
  }
});

/** Scripts the simulated Trakt's next answers to a device code, or approves it as a user would. */
async function trakt(path, init) {
  const { simUrl } = await environment();
  const res = await fetch(`${simUrl}/trakt${path}`, init);
  assert.ok(res.ok, `simulated Trakt ${path}: ${res.status}`);
}

test("Trakt connect shows the code, polls until the user answers, and disconnects", { timeout: 60_000 }, async (t) => {
  if ((await api("/streaming/trakt/auth")).body.connected) await api("/streaming/trakt/auth", { method: "DELETE" });
  await withPage(t, async (page) => {
    await page.goto("/settings/streaming");
    const section = page.getByRole("region", { name: "Trakt", exact: true });
    await section.getByText("Not connected.").waitFor();

    // First the user denies the code: the page stops polling and says so.
    await section.getByRole("button", { name: "Connect Trakt", exact: true }).click();
    const device = section.getByRole("region", { name: "Trakt device code", exact: true });
    await device.waitFor();
    const code = (await device.locator(".user-code").textContent()).trim();
    assert.match(code, /^[0-9A-F]{8}$/);
    const status = (await api("/streaming/trakt/auth")).body;
    assert.equal(status.polling.userCode, code, "the code shown is the flow's");
    const link = device.getByRole("link", { name: status.polling.verificationUrl });
    assert.equal(await link.getAttribute("href"), status.polling.verificationUrl);
    assert.match(await device.textContent(), /checking every 5 s/);
    await trakt(`/__device/${code}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ next: 418 }),
    });
    await section.getByText(/Not connected: The Trakt user denied access/).waitFor({ timeout: 20_000 });
    assert.equal((await api("/streaming/trakt/auth")).body.lastError.code, "denied");

    // Then a new code, approved at the verification page: the page finds out at its next poll.
    await section.getByRole("button", { name: "Start again", exact: true }).click();
    await device.waitFor();
    const second = (await device.locator(".user-code").textContent()).trim();
    assert.notEqual(second, code);
    await trakt(`/activate?code=${second}`);
    await section.getByText("Connected to Trakt.").waitFor({ timeout: 20_000 });
    const connected = (await api("/streaming/trakt/auth")).body;
    assert.equal(connected.connected, true);
    assert.equal(connected.polling, null);

    // A reload finds the connection; disconnecting forgets it.
    await page.reload();
    await section.getByText("Connected.").waitFor();
    await section.getByRole("button", { name: "Disconnect Trakt", exact: true }).click();
    await section.getByRole("button", { name: "Yes, disconnect", exact: true }).click();
    await section.getByText("Not connected.").waitFor();
    assert.equal((await api("/streaming/trakt/auth")).body.connected, false);
  });
});
