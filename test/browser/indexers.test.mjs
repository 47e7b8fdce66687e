import assert from "node:assert/strict";
import { test } from "node:test";
import { API_KEY, api, environment, expectSuccess, withPage } from "./harness.mjs";

const MASK = "********";

/** Deletes whatever a previous run left under `name` at a provider API (`/indexer`, `/downloadclient`…). */
async function removeNamed(path, name) {
  const { body } = await api(path);
  for (const item of body.filter((i) => i.name === name)) await api(`${path}/${item.id}`, { method: "DELETE" });
}

async function findNamed(path, name) {
  const { body } = await api(path);
  return body.find((i) => i.name === name);
}

const fieldValue = (resource, name) => resource.fields.find((f) => f.name === name)?.value;

/** Waits for the server's complaint to mark `locator` invalid, and returns the complaint's text. */
async function complaintAt(page, locator) {
  await locator.and(page.locator('[aria-invalid="true"]')).waitFor();
  const id = await locator.getAttribute("aria-describedby");
  return page.locator(`[id="${id}"]`).textContent();
}

async function openSettingsTab(page, tab, url) {
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings", exact: true }).getByRole("link", { name: tab }).click();
  await page.waitForURL(url);
}

async function chooseType(page, noun, implementation) {
  await page.getByRole("button", { name: `Add ${noun}`, exact: true }).click();
  await page
    .getByRole("region", { name: `Choose ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun} type`, exact: true })
    .getByRole("button", { name: implementation })
    .click();
  return page.getByRole("form", { name: `New ${implementation} ${noun}`, exact: true });
}

test("a Torznab indexer on the simulator is added through the form: a refused key shows at its field, the test reads the caps, the key stays masked", {
  timeout: 120_000,
}, async (t) => {
  await removeNamed("/indexer", "Sim Torznab");
  await withPage(t, async (page, env) => {
    await openSettingsTab(page, "Indexers", "**/settings/indexers");
    const form = await chooseType(page, "indexer", "Torznab");
    await form.getByLabel("Name", { exact: true }).fill("Sim Torznab");
    await form.getByLabel("URL", { exact: true }).fill(`${env.simUrl}/torznab`);
    const apiKey = form.getByLabel("API Key");
    await apiKey.fill("wrong-key");
    const categories = form.getByRole("group", { name: "Categories", exact: true });
    assert.equal(await categories.getByLabel("Movies", { exact: true }).isChecked(), true, "the schema's default");
    assert.equal(await categories.getByLabel("Movies/DVD").isChecked(), false);

    await form.getByRole("button", { name: "Test", exact: true }).click();
    assert.equal(await complaintAt(page, apiKey), "Incorrect user credentials");
    assert.match(
      await form.getByRole("alert").textContent(),
      /Indexer test failed: apiKey: Incorrect user credentials/,
    );
    assert.equal(await findNamed("/indexer", "Sim Torznab"), undefined, "testing saves nothing");

    await apiKey.fill("browser-torznab-key");
    await categories.getByLabel("Movies/DVD").check();
    await form.getByRole("button", { name: "Test", exact: true }).click();
    await expectSuccess(form.getByRole("status").filter({ hasText: "Test passed" }), form);
    assert.match(
      await form.getByRole("status").textContent(),
      /Movie search by q, imdbid, tmdbid; categories: Movies; up to 100 results a page/,
    );

    await form.getByLabel("Enable RSS").uncheck();
    await form.getByLabel("Priority").fill("10");
    await form.getByRole("button", { name: "Save indexer", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Saved indexer Sim Torznab" }), page);
    const saved = await findNamed("/indexer", "Sim Torznab");
    assert.equal(saved.implementation, "Torznab");
    assert.equal(fieldValue(saved, "baseUrl"), `${env.simUrl}/torznab`);
    assert.equal(fieldValue(saved, "apiKey"), MASK, "the API answers the key masked");
    assert.ok(fieldValue(saved, "categories").includes(2070), "the ticked category was saved");
    assert.equal(saved.enableRss, false);
    assert.equal(saved.priority, 10);

    const row = page
      .getByRole("table", { name: "Indexers", exact: true })
      .getByRole("row")
      .filter({ hasText: "Sim Torznab" });
    assert.match(await row.textContent(), /Torrent.*Automatic, Interactive.*10.*OK/);

    // Opened again the key shows masked; saved untouched, the stored key still works.
    await row.getByRole("button", { name: "Edit Sim Torznab", exact: true }).click();
    const edit = page.getByRole("form", { name: "Edit Sim Torznab", exact: true });
    assert.equal(await edit.getByLabel("API Key").inputValue(), MASK);
    assert.equal(await edit.getByLabel("API Key").getAttribute("type"), "password");
    await edit.getByRole("button", { name: "Test", exact: true }).click();
    await expectSuccess(edit.getByRole("status").filter({ hasText: "Test passed" }), edit);
    await edit.getByLabel("Name", { exact: true }).fill("Sim Torznab");
    await edit.getByLabel("Enable RSS").check();
    await edit.getByRole("button", { name: "Save indexer", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Saved indexer Sim Torznab" }), page);
    const again = await findNamed("/indexer", "Sim Torznab");
    assert.equal(again.enableRss, true);
    const kept = await api("/indexer/test", { method: "POST", body: { ...again, id: again.id } });
    assert.equal(kept.status, 200, "the masked key sent back kept the stored one");

    await page.getByRole("button", { name: "Edit Sim Torznab", exact: true }).click();
    await page.getByRole("button", { name: "Delete indexer Sim Torznab", exact: true }).click();
    await page.getByRole("button", { name: "Yes, delete", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Deleted indexer Sim Torznab" }), page);
    assert.equal(await findNamed("/indexer", "Sim Torznab"), undefined);
  });
});

test("an indexer at a dead address is refused on save, naming the URL, and 'Save anyway' saves it untested", {
  timeout: 60_000,
}, async (t) => {
  await removeNamed("/indexer", "Dead Torznab");
  await withPage(t, async (page) => {
    await openSettingsTab(page, "Indexers", "**/settings/indexers");
    const form = await chooseType(page, "indexer", "Torznab");
    await form.getByLabel("Name", { exact: true }).fill("Dead Torznab");
    const url = form.getByLabel("URL", { exact: true });
    await url.fill("http://127.0.0.1:9/torznab");
    await form.getByLabel("API Key").fill("any-key");
    assert.equal(await form.getByRole("button", { name: "Save anyway (skip the test)", exact: true }).count(), 0);

    await form.getByRole("button", { name: "Save indexer", exact: true }).click();
    assert.ok((await complaintAt(page, url)).length > 0, "the failed test shows at the URL");
    assert.match(await form.getByRole("alert").textContent(), /Indexer test failed: baseUrl/);
    assert.equal(await findNamed("/indexer", "Dead Torznab"), undefined, "nothing was saved");

    await form.getByRole("button", { name: "Save anyway (skip the test)", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Saved indexer Dead Torznab" }), page);
    const saved = await findNamed("/indexer", "Dead Torznab");
    assert.equal(fieldValue(saved, "baseUrl"), "http://127.0.0.1:9/torznab");
  });
  await removeNamed("/indexer", "Dead Torznab");
});

test("an indexer that failed shows until when it is left alone", { timeout: 60_000 }, async (t) => {
  await removeNamed("/indexer", "Failing Torznab");
  const { appUrl, simUrl } = await environment();
  const { body: schema } = await api("/indexer/schema");
  const template = schema.find((s) => s.implementation === "Torznab");
  const key = `failing-${Date.now()}`;
  const { status, body: indexer } = await api("/indexer", {
    method: "POST",
    body: {
      ...template,
      name: "Failing Torznab",
      fields: [
        { name: "baseUrl", value: `${simUrl}/torznab` },
        { name: "apiKey", value: key },
      ],
    },
  });
  assert.equal(status, 201);
  const fault = await fetch(`${simUrl}/__sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service: "torznab", match: key, kind: "status", status: 500 }),
  });
  assert.equal(fault.status, 201);
  const { id: faultId } = await fault.json();
  try {
    const { body: movies } = await api("/movie/paged?page=1&pageSize=1");
    // The harness's api() drops headers; the indexers that failed come in X-Indexer-Failures.
    const search = await fetch(`${appUrl}/api/v3/release?movieId=${movies.records[0].id}`, {
      headers: { "x-api-key": API_KEY },
    });
    assert.equal(search.status, 200, "a failing indexer does not fail the search");
    assert.match(search.headers.get("x-indexer-failures") ?? "", /Failing Torznab/);
    const { body: statuses } = await api("/indexerstatus");
    const failing = statuses.find((s) => s.indexerId === indexer.id);
    assert.ok(failing?.disabledTill, "the indexer is backed off");

    await withPage(t, async (page) => {
      await page.goto("/settings/indexers");
      const row = page
        .getByRole("table", { name: "Indexers", exact: true })
        .getByRole("row")
        .filter({ hasText: "Failing Torznab" });
      await row.getByText(/Disabled until/).waitFor();
      assert.match(await row.textContent(), /1 failure/);
    });
  } finally {
    await fetch(`${simUrl}/__sim/faults/${faultId}`, { method: "DELETE" });
    await api(`/indexer/${indexer.id}`, { method: "DELETE" });
  }
});

test("a qBittorrent client on the simulator is refused with a wrong password, then tested and saved; its password stays masked", {
  timeout: 60_000,
}, async (t) => {
  await removeNamed("/downloadclient", "Sim qBittorrent");
  await withPage(t, async (page, env) => {
    const sim = new URL(env.simUrl);
    await openSettingsTab(page, "Download clients", "**/settings/downloadclients");
    const form = await chooseType(page, "download client", "qBittorrent");
    await form.getByLabel("Name", { exact: true }).fill("Sim qBittorrent");
    await form.getByLabel("Host").fill(sim.hostname);
    await form.getByLabel("Port", { exact: true }).fill(sim.port);
    await form.getByText("Advanced settings").click();
    await form.getByLabel("URL Base").fill("/qbittorrent");
    await form.getByLabel("Username").fill("browser-settings");
    // A fixed choice is a select offering the schema's options.
    const initialState = form.getByRole("combobox", { name: "Initial State", exact: true });
    assert.deepEqual(await initialState.locator("option").allTextContents(), ["Started", "Force Started", "Stopped"]);
    await initialState.selectOption({ label: "Stopped" });
    const password = form.getByLabel("Password");
    await password.fill("wrong-password");

    // Saving an enabled client tests it first: the refusal shows at the password.
    await form.getByRole("button", { name: "Save download client", exact: true }).click();
    assert.ok((await complaintAt(page, password)).length > 0);
    assert.match(await form.getByRole("alert").textContent(), /authenticationFailed/);
    assert.equal(await findNamed("/downloadclient", "Sim qBittorrent"), undefined);

    await password.fill("browser-password");
    await form.getByRole("button", { name: "Test", exact: true }).click();
    await expectSuccess(form.getByRole("status").filter({ hasText: "Test passed" }), form);
    assert.match(await form.getByRole("status").textContent(), /Connected \(version v4\.6\.\d+\)/);
    // Exact: the form also has Radarr's Recent Priority and Older Priority.
    await form.getByLabel("Priority", { exact: true }).fill("3");
    await form.getByRole("button", { name: "Save download client", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Saved download client Sim qBittorrent" }), page);

    const saved = await findNamed("/downloadclient", "Sim qBittorrent");
    assert.equal(saved.implementation, "QBittorrent");
    assert.equal(fieldValue(saved, "password"), MASK);
    assert.equal(fieldValue(saved, "urlBase"), "/qbittorrent");
    // Radarr's QBittorrentState code for Stopped.
    assert.equal(fieldValue(saved, "initialState"), 2);
    assert.equal(saved.priority, 3);
    const row = page
      .getByRole("table", { name: "Download clients", exact: true })
      .getByRole("row")
      .filter({ hasText: "Sim qBittorrent" });
    assert.match(await row.textContent(), /qBittorrent.*Torrent.*Yes.*3/);

    // Untouched, the masked password keeps the stored one: the save (which tests) passes.
    await row.getByRole("button", { name: "Edit Sim qBittorrent", exact: true }).click();
    const edit = page.getByRole("form", { name: "Edit Sim qBittorrent", exact: true });
    assert.equal(await edit.getByLabel("Password").inputValue(), MASK);
    await edit.getByLabel("Enable").uncheck();
    await edit.getByLabel("Enable").check();
    await edit.getByRole("button", { name: "Save download client", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Saved download client Sim qBittorrent" }), page);

    // Disabled, it is saved without a connection test.
    await page.getByRole("button", { name: "Edit Sim qBittorrent", exact: true }).click();
    await edit.getByLabel("Enable").uncheck();
    await edit.getByRole("button", { name: "Save download client", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Saved download client Sim qBittorrent" }), page);
    assert.equal((await findNamed("/downloadclient", "Sim qBittorrent")).enable, false);
    assert.match(await row.textContent(), /Torrent.*No/);
  });
  await removeNamed("/downloadclient", "Sim qBittorrent");
});

test("a webhook notification is added, tested against the simulator's receiver, and a bad URL shows at its field", {
  timeout: 60_000,
}, async (t) => {
  await removeNamed("/notification", "Sim webhook");
  const channel = `browser-${Date.now()}`;
  await withPage(t, async (page, env) => {
    await openSettingsTab(page, "Notifications", "**/settings/connect");
    const form = await chooseType(page, "notification", "Webhook");
    await form.getByLabel("Name", { exact: true }).fill("Sim webhook");
    const url = form.getByLabel("URL", { exact: true });
    await url.fill("not a url");
    await form.getByRole("button", { name: "Test", exact: true }).click();
    assert.ok((await complaintAt(page, url)).length > 0, "the server's complaint shows at the URL");

    await url.fill(`${env.simUrl}/hooks/${channel}`);
    await form.getByRole("button", { name: "Test", exact: true }).click();
    await expectSuccess(form.getByRole("status").filter({ hasText: "The test message was delivered" }), form);
    const received = await (await fetch(`${env.simUrl}/hooks/${channel}`)).json();
    assert.equal(JSON.stringify(received).includes("Test message from Radarr Edge"), true, "the receiver got it");

    const method = form.getByRole("combobox", { name: "Method", exact: true });
    assert.deepEqual(await method.locator("option").allTextContents(), ["POST", "PUT"]);
    await method.selectOption({ label: "PUT" });
    await form.getByLabel("On grab").check();
    await form.getByLabel("On download failure").check();
    await form.getByRole("button", { name: "Save notification", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Saved notification Sim webhook" }), page);
    const saved = await findNamed("/notification", "Sim webhook");
    assert.equal(saved.onGrab, true);
    // Radarr's WebhookMethod code for PUT.
    assert.equal(fieldValue(saved, "method"), 2);
    assert.equal(saved.onDownloadFailure, true);
    assert.equal(saved.onUpgrade, false);
    const row = page
      .getByRole("table", { name: "Notifications", exact: true })
      .getByRole("row")
      .filter({ hasText: "Sim webhook" });
    assert.match(await row.textContent(), /Grab, Download failure, Health issue/);
  });
  await removeNamed("/notification", "Sim webhook");
});
