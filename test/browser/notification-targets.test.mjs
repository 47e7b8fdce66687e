import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, environment, expectSuccess, withPage } from "./harness.mjs";

const ARTIFACTS = join(ROOT, "test/browser/artifacts");
const PREFIX = "Browser target";

/**
 * What each kind needs to reach its simulator, by field name. The form itself (labels, which
 * fields are advanced, selects) is read from the definitions the server offers; a kind the
 * server offers with no entry here fails the test, so a new target cannot go untested.
 */
function simulatorSettings(simUrl, id) {
  const sim = new URL(simUrl);
  const server = (service, key) => ({ host: sim.hostname, port: sim.port, urlBase: `/${service}`, [key]: `${id}` });
  return {
    Webhook: { url: `${simUrl}/hooks/browser-${id}` },
    Discord: { webHookUrl: `${simUrl}/hooks/discord/browser-${id}` },
    PlexServer: server("plex-server", "authToken"),
    MediaBrowser: server("emby", "apiKey"),
    Jellyfin: server("jellyfin", "apiKey"),
    Telegram: { botToken: `123456:${id}`, chatId: "-1001", apiUrl: `${simUrl}/telegram` },
    Pushover: { apiKey: "a".repeat(30), userKey: "u".repeat(30), apiUrl: `${simUrl}/pushover` },
    Ntfy: { serverUrl: `${simUrl}/ntfy`, topics: `movies-${id}` },
    Gotify: { server: `${simUrl}/gotify`, appToken: `tok-${id}` },
    Slack: { webHookUrl: `${simUrl}/slack/services/T0/B0/${id}`, channel: "#movies" },
    Apprise: { serverUrl: `${simUrl}/apprise`, configurationKey: `key-${id}` },
    PushBullet: { apiKey: `o.${id}`, apiUrl: `${simUrl}/pushbullet` },
  };
}

async function removeBrowserTargets() {
  const { body } = await api("/notification");
  for (const target of body.filter((n) => n.name.startsWith(PREFIX)))
    await api(`/notification/${target.id}`, { method: "DELETE" });
}

/** Fills the definition's fields by their labels: selects by value, the rest typed. */
async function fillFields(form, definition, values) {
  const fields = Object.keys(values).map((name) => {
    const field = definition.fields.find((f) => f.name === name);
    assert.ok(field, `${definition.implementation} has a field ${name}`);
    return { field, value: values[name] };
  });
  if (fields.some(({ field }) => field.advanced)) await form.getByText("Advanced settings", { exact: true }).click();
  for (const { field, value } of fields) {
    const input = form.getByLabel(field.label, { exact: true });
    if (field.type === "select") await input.selectOption(String(value));
    else await input.fill(String(value));
  }
}

/** Adds one target of `definition` through the picker and its form, tests it, saves it and finds it listed. */
async function addTarget(page, definition, values) {
  const kind = definition.implementationName ?? definition.implementation;
  const name = `${PREFIX} ${kind}`;
  await page.getByRole("button", { name: "Add notification", exact: true }).click();
  const chooser = page.getByRole("region", { name: "Choose a notification type", exact: true });
  await chooser.getByRole("button", { name: kind, exact: true }).click();
  const form = page.getByRole("form", { name: `New ${kind} notification`, exact: true });
  // The help link is the definition's.
  assert.equal(
    await form.getByRole("link", { name: `How to set up ${kind}` }).getAttribute("href"),
    definition.infoLink,
  );
  await form.getByLabel("Name", { exact: true }).fill(name);
  await fillFields(form, definition, values);
  await form.getByRole("button", { name: "Test", exact: true }).click();
  await expectSuccess(form.getByRole("status").filter({ hasText: "The test message was delivered" }), form);
  await form.getByLabel("On grab").check();
  await form.getByRole("button", { name: "Save notification", exact: true }).click();
  await expectSuccess(page.getByRole("status").filter({ hasText: `Saved notification ${name}` }), page);
  await page
    .getByRole("table", { name: "Notifications", exact: true })
    .getByRole("row")
    .filter({ hasText: name })
    .waitFor();
  return name;
}

test("Settings › Connect: every notification kind the definitions offer is added from the picker, tested against the simulator and saved", {
  timeout: 600_000,
}, async (t) => {
  const { simUrl } = await environment();
  const { body: definitions } = await api("/notification/schema");
  assert.ok(definitions.length >= 12, "the server offers its notification kinds");
  const settings = simulatorSettings(simUrl, randomUUID().replace(/-/g, ""));
  const untested = definitions.map((d) => d.implementation).filter((kind) => !settings[kind]);
  assert.deepEqual(untested, [], "every kind offered has simulator settings here");
  await removeBrowserTargets();
  try {
    await withPage(
      t,
      async (page) => {
        await page.goto("/settings/connect");
        const saved = [];
        for (const definition of definitions)
          saved.push(await addTarget(page, definition, settings[definition.implementation]));
        const { body } = await api("/notification");
        for (const definition of definitions) {
          const target = body.find((n) => n.name === `${PREFIX} ${definition.implementationName}`);
          assert.equal(target?.implementation, definition.implementation, `${definition.implementation} was saved`);
          assert.equal(target.onGrab, true);
        }
        assert.equal(saved.length, definitions.length);
        await page.screenshot({ path: join(ARTIFACTS, "notification-targets-1440.png"), fullPage: true });
      },
      { viewport: { width: 1440, height: 900 } },
    );
    await withPage(
      t,
      async (page) => {
        await page.goto("/settings/connect");
        const table = page.getByRole("table", { name: "Notifications", exact: true });
        await table
          .getByRole("row")
          .filter({ hasText: `${PREFIX} Webhook` })
          .waitFor();
        await page.screenshot({ path: join(ARTIFACTS, "notification-targets-390.png"), fullPage: true });
        await page.getByRole("button", { name: "Add notification", exact: true }).click();
        const chooser = page.getByRole("region", { name: "Choose a notification type", exact: true });
        for (const definition of definitions)
          await chooser.getByRole("button", { name: definition.implementationName, exact: true }).waitFor();
        await page.screenshot({ path: join(ARTIFACTS, "notification-picker-390.png"), fullPage: true });
      },
      { viewport: { width: 390, height: 844 } },
    );
  } finally {
    await removeBrowserTargets();
  }
});
