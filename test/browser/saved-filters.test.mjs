import assert from "node:assert/strict";
import { test } from "node:test";
import { api, countText, withPage } from "./harness.mjs";

async function libraryTotal(query = "") {
  const { body } = await api(`/movie/paged?pageSize=1${query}`);
  return body.totalRecords;
}

const shows = (page, count) =>
  page
    .getByRole("status")
    .filter({ hasText: countText(count) })
    .waitFor();

test("the library's filters are saved as a custom filter, chosen again and deleted", {
  timeout: 120_000,
}, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/");
    const total = await libraryTotal();
    await shows(page, total);

    await page.getByLabel("Monitored").selectOption({ label: "Unmonitored" });
    await page.getByLabel("Genre").selectOption("Drama");
    const filtered = await libraryTotal("&monitored=false&genre=Drama");
    await shows(page, filtered);
    await page.getByLabel("Save filters as").fill("Unmonitored dramas");
    await page.getByRole("button", { name: "Save filters" }).click();
    await page
      .getByLabel("Saved filters")
      .getByRole("option", { name: "Unmonitored dramas" })
      .waitFor({ state: "attached" });
    const { body: stored } = await api("/customfilter");
    const saved = stored.find((f) => f.label === "Unmonitored dramas");
    assert.equal(saved.type, "movieIndex");
    assert.deepEqual(saved.filters.map((f) => [f.key, f.value]).sort(), [
      ["genre", "Drama"],
      ["monitored", "false"],
    ]);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await shows(page, total);
    await page.getByLabel("Saved filters").selectOption({ label: "Unmonitored dramas" });
    await shows(page, filtered);
    assert.equal(await page.getByLabel("Genre").inputValue(), "Drama");

    await page.getByRole("button", { name: "Delete saved filter" }).click();
    await page
      .getByLabel("Saved filters")
      .getByRole("option", { name: "Unmonitored dramas" })
      .waitFor({ state: "detached" });
    const { body: after } = await api("/customfilter");
    assert.equal(
      after.some((f) => f.id === saved.id),
      false,
    );
  });
});
