import assert from "node:assert/strict";
import { test } from "node:test";
import { removeNamed } from "./downloads.mjs";
import { api, withPage } from "./harness.mjs";

/** The words shown next to a field (the element its aria-describedby names), once it is marked invalid. */
async function complaintAt(page, locator) {
  await locator.and(page.locator('[aria-invalid="true"]')).waitFor();
  const id = await locator.getAttribute("aria-describedby");
  return page.locator(`[id="${id}"]`).textContent();
}

async function chooseType(page, noun, implementation, shownAs = implementation) {
  await page.getByRole("button", { name: `Add ${noun}`, exact: true }).click();
  await page
    .getByRole("region", { name: `Choose ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun} type`, exact: true })
    .getByRole("button", { name: implementation })
    .click();
  return page.getByRole("form", { name: `New ${shownAs} ${noun}`, exact: true });
}

test("a new provider form is named after its kind (numbered past saved ones) and checks itself: field errors in words, nothing sent", {
  timeout: 90_000,
}, async (t) => {
  await removeNamed("/downloadclient", "qBittorrent");
  await removeNamed("/downloadclient", "qBittorrent 2");
  const { body: schema } = await api("/downloadclient/schema");
  const template = schema.find((c) => c.implementation === "QBittorrent");
  // One saved already under the kind's name: the next is "qBittorrent 2".
  const saved = await api("/downloadclient?forceSave=true", {
    method: "POST",
    body: {
      ...template,
      name: template.implementationName,
      enable: false,
      fields: [
        { name: "host", value: "127.0.0.1" },
        { name: "port", value: 9 },
      ],
    },
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  try {
    await withPage(t, async (page) => {
      const posts = [];
      page.on("request", (r) => {
        if (r.method() !== "GET" && r.url().includes("/api/v3/downloadclient")) posts.push(r.url());
      });
      await page.goto("/settings/downloadclients");
      const form = await chooseType(page, "download client", "qBittorrent");
      const name = form.getByLabel("Name", { exact: true });
      assert.equal(await name.inputValue(), "qBittorrent 2");

      await name.fill("   ");
      const host = form.getByLabel("Host", { exact: true });
      await host.fill("http://example/qbt");
      const port = form.getByLabel("Port", { exact: true });
      await port.fill("70000");
      await form.getByRole("button", { name: "Save download client", exact: true }).click();
      assert.equal(await complaintAt(page, name), "Give this download client a name.");
      assert.equal(await complaintAt(page, host), "Enter only the host name, without http://, a path or spaces.");
      assert.equal(await complaintAt(page, port), "Enter a port from 1 to 65535.");
      const alert = await form.getByRole("alert").textContent();
      assert.doesNotMatch(alert, /body\.|query\.|Validation failed/, "no raw API paths");
      assert.match(alert, /Name: Give this download client a name\./);
      await form.getByRole("button", { name: "Test", exact: true }).click();
      assert.deepEqual(posts, [], "nothing was sent while the form is wrong");
    });
  } finally {
    await removeNamed("/downloadclient", "qBittorrent");
  }
});

test("a refused library filter says which value in words, not the API's 'Validation failed: query…'", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    // A year the server refuses (above its range), as a shared link might carry.
    await page.goto("/?yearFrom=99999");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const text = await alert.textContent();
    assert.doesNotMatch(text, /query\.|Validation failed/, text);
    assert.match(text, /Year from:/);
  });
});
