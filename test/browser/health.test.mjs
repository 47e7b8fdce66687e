import assert from "node:assert/strict";
import { test } from "node:test";
import { removeNamed } from "./downloads.mjs";
import { api, withPage } from "./harness.mjs";

const DEAD_CLIENT = "Unreachable qBittorrent";

/** A qBittorrent client at a loopback port nothing listens on, saved without its test. */
async function deadClient() {
  await removeNamed("/downloadclient", DEAD_CLIENT);
  const { body: schema } = await api("/downloadclient/schema");
  const template = schema.find((t) => t.implementation === "QBittorrent");
  const { status, body } = await api("/downloadclient?forceSave=true", {
    method: "POST",
    body: {
      ...template,
      name: DEAD_CLIENT,
      fields: [
        { name: "host", value: "127.0.0.1" },
        { name: "port", value: 9 },
        { name: "username", value: "nobody" },
        { name: "password", value: "nothing" },
      ],
    },
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

test("an unreachable download client is a health issue on System, linking to the settings that fix it", {
  timeout: 90_000,
}, async (t) => {
  await deadClient();
  try {
    const { body: checks } = await api("/health");
    const check = checks.find((c) => c.source === "DownloadClientStatusCheck");
    assert.ok(check, `health names the client: ${JSON.stringify(checks)}`);
    assert.match(check.message, new RegExp(DEAD_CLIENT));
    assert.equal(check.type, "error");
    for (const c of checks.filter((c) => c.wikiUrl)) assert.match(c.wikiUrl, /^\//, "links lead into the site");

    await withPage(t, async (page) => {
      await page.goto("/system");
      const issue = page.locator("ul.health li").filter({ hasText: DEAD_CLIENT });
      await issue.waitFor();
      assert.match(await issue.textContent(), /Download clients unavailable/);
      await issue.getByRole("link", { name: /Fix download client status check in Settings: download clients/ }).click();
      await page.waitForURL("**/settings/downloadclients");
      await page.getByRole("table", { name: "Download clients" }).getByText(DEAD_CLIENT).waitFor();
    });
  } finally {
    await removeNamed("/downloadclient", DEAD_CLIENT);
  }
  const { body: after } = await api("/health");
  assert.equal(
    after.some((c) => c.source === "DownloadClientStatusCheck" && c.message.includes(DEAD_CLIENT)),
    false,
    "gone once the client is removed",
  );
});
