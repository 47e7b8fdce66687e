import assert from "node:assert/strict";
import { test } from "node:test";
import { api, expectSuccess, withPage } from "./harness.mjs";

const LIST_NAME = "My Plex watchlist";

async function removeList(name) {
  const { body } = await api("/importlist");
  const list = body.find((l) => l.name === name);
  if (list) await api(`/importlist/${list.id}`, { method: "DELETE" });
}

test("Sign in with Plex: the button opens Plex's sign-in, the form waits for the PIN to be claimed, and the saved list reads the watchlist", {
  timeout: 240_000,
}, async (t) => {
  await removeList(LIST_NAME);
  await withPage(t, async (page, env) => {
    await page.goto("/lists");
    await page.getByRole("button", { name: "Add list", exact: true }).click();
    await page
      .getByRole("region", { name: "Plex", exact: true })
      .getByRole("button", { name: "Plex Watchlist", exact: true })
      .click();
    const form = page.getByRole("form", { name: "New Plex Watchlist list", exact: true });
    await form.getByLabel("Name", { exact: true }).fill(LIST_NAME);

    const opened = page.waitForEvent("popup");
    await form.getByRole("button", { name: "Sign in with Plex", exact: true }).click();
    const popup = await opened;
    await popup.waitForURL((url) => url.href.startsWith(`${env.simUrl}/plextv/auth#?`));
    const params = new URLSearchParams(new URL(popup.url()).hash.replace(/^#\?/, ""));
    assert.equal(params.get("context[device][product]"), "Radarr Edge");
    assert.match(params.get("forwardUrl") ?? "", /\/lists$/, "Plex sends the user back to the site");
    await form.getByRole("status").filter({ hasText: "Waiting for Plex" }).waitFor();
    assert.equal(await form.getByRole("button", { name: "Sign in with Plex" }).isDisabled(), true);

    // The user signs in on plex.tv: the simulator claims the PIN.
    const claimed = await fetch(`${env.simUrl}/plextv/__pins/${params.get("code")}/claim`, { method: "POST" });
    assert.equal(claimed.status, 200);
    await expectSuccess(form.getByRole("status").filter({ hasText: "Signed in with Plex" }), form);
    const token = await form.getByLabel("Access Token").inputValue();
    assert.match(token, /^enc:v1:/, "the form holds the token sealed by the server");
    assert.equal(token.includes("plex-sim-token"), false, "never the token in clear");

    await form.getByLabel("Root folder").selectOption("/movies");
    await form.getByRole("button", { name: "Test", exact: true }).click();
    await expectSuccess(form.getByRole("status").filter({ hasText: "Test passed" }), form);
    await form.getByRole("button", { name: "Save list", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: `Added list ${LIST_NAME}` }), page);
  });

  const { body } = await api("/importlist");
  const saved = body.find((l) => l.name === LIST_NAME);
  assert.ok(saved, "the list was saved");
  assert.equal(saved.fields.find((f) => f.name === "accessToken").value, "********");
  const { status, body: tested } = await api("/importlist/test", { method: "POST", body: saved });
  assert.equal(status, 200, JSON.stringify(tested));
  assert.equal(tested.isValid, true, "the stored token reads the watchlist");
  await removeList(LIST_NAME);
});
