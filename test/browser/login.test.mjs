import assert from "node:assert/strict";
import { test } from "node:test";
import { API_KEY, api, countText, withPage } from "./harness.mjs";

test("a wrong API key is refused with a message; the right one opens the library", { timeout: 120_000 }, async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.goto("/");
      await page.getByLabel("API key").fill("not-the-key");
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.getByRole("alert").filter({ hasText: "Wrong API key" }).waitFor();
      assert.equal(
        await page.getByRole("navigation", { name: "Main", exact: true }).count(),
        0,
        "still on the login form",
      );

      await page.getByLabel("API key").fill(API_KEY);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      const { body } = await api("/movie/paged?pageSize=1");
      await page
        .getByRole("status")
        .filter({ hasText: countText(body.totalRecords) })
        .waitFor();
      await page.getByRole("link", { name: "Library", exact: true }).waitFor();
      assert.ok(await page.getByText("Demo data", { exact: true }).isVisible(), "the demo badge shows in demo mode");

      // The session is an HttpOnly cookie: nothing the page's scripts can read holds the key.
      const stored = await page.evaluate(
        () => document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage),
      );
      assert.ok(!stored.includes(API_KEY), "the key is not kept where scripts can read it");

      await page.reload();
      await page
        .getByRole("status")
        .filter({ hasText: countText(body.totalRecords) })
        .waitFor();
    },
    { loggedIn: false },
  );
});

test("log out returns to the login form and guards the API again", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/system");
    await page.getByRole("heading", { name: "System", exact: true }).waitFor();
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.getByLabel("API key").waitFor();
    const status = await page.evaluate(async () => (await fetch("/api/v3/system/status")).status);
    assert.equal(status, 401);
  });
});
