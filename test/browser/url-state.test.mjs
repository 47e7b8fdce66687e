import assert from "node:assert/strict";
import { test } from "node:test";
import { withPage } from "./harness.mjs";

const query = (page) => Object.fromEntries(new URL(page.url()).searchParams);

test("the library's search, sort, filters and view live in the URL: kept on reload, back from a movie and from a link", {
  timeout: 90_000,
}, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/");
    const table = page.getByRole("table", { name: "Movies", exact: true });
    await table.locator("tbody tr:not(.spacer)").first().waitFor();
    await page.getByLabel("Search", { exact: true }).fill("broken");
    await page.getByRole("combobox", { name: "Sort by", exact: true }).selectOption("year");
    await page.getByRole("combobox", { name: "Direction", exact: true }).selectOption("descending");
    await page.getByRole("combobox", { name: "File", exact: true }).selectOption("false");
    await page.getByLabel("Year from", { exact: true }).fill("1990");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("search") === "broken");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("yearFrom") === "1990");
    assert.deepEqual(query(page), {
      search: "broken",
      sort: "year",
      direction: "descending",
      hasFile: "false",
      yearFrom: "1990",
    });

    const kept = async () => {
      assert.equal(await page.getByLabel("Search", { exact: true }).inputValue(), "broken");
      assert.equal(await page.getByRole("combobox", { name: "Sort by", exact: true }).inputValue(), "year");
      assert.equal(await page.getByRole("combobox", { name: "Direction", exact: true }).inputValue(), "descending");
      assert.equal(await page.getByRole("combobox", { name: "File", exact: true }).inputValue(), "false");
      assert.equal(await page.getByLabel("Year from", { exact: true }).inputValue(), "1990");
    };
    await page.reload();
    await table.locator("tbody tr:not(.spacer)").first().waitFor();
    await kept();
    const years = await table.locator("tbody tr:not(.spacer):not(.pending) td:nth-child(2)").allTextContents();
    assert.ok(years.length > 0 && years.every((y) => Number(y) >= 1990), `years from 1990: ${years.slice(0, 5)}`);

    // To a movie and back.
    await table.locator("tbody tr:not(.spacer) a").first().click();
    await page.waitForURL("**/movie/*");
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("search") === "broken");
    await kept();

    // The posters view, then a shared link opens the same view.
    await page.getByRole("button", { name: "Posters", exact: true }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get("view") === "posters");
    const link = page.url();
    const other = await page.context().newPage();
    await other.goto(link);
    await other.getByRole("region", { name: "Movie posters", exact: true }).waitFor();
    assert.equal(
      await other.getByRole("button", { name: "Posters", exact: true }).getAttribute("aria-pressed"),
      "true",
    );
    assert.equal(await other.getByLabel("Search", { exact: true }).inputValue(), "broken");
    await other.close();
  });
});

test("Trending's type, window and region live in the URL: kept on reload and on Back", {
  timeout: 90_000,
}, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/trending");
    await page.getByRole("combobox", { name: "Region", exact: true }).waitFor();
    await page.getByRole("button", { name: "TV shows", exact: true }).click();
    await page.getByRole("button", { name: "This week", exact: true }).click();
    await page.getByRole("combobox", { name: "Region", exact: true }).selectOption("FR");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("region") === "FR");
    assert.deepEqual(query(page), { type: "tv", window: "week", region: "FR" });

    const kept = async () => {
      await page.getByRole("combobox", { name: "Region", exact: true }).waitFor();
      assert.equal(
        await page.getByRole("button", { name: "TV shows", exact: true }).getAttribute("aria-pressed"),
        "true",
      );
      assert.equal(
        await page.getByRole("button", { name: "This week", exact: true }).getAttribute("aria-pressed"),
        "true",
      );
      const region = page.getByRole("combobox", { name: "Region", exact: true });
      await page
        .waitForFunction((select) => select.value === "FR", await region.elementHandle(), { timeout: 5000 })
        .catch(async () => assert.fail(`the region is ${await region.inputValue()}, not FR, at ${page.url()}`));
    };
    await page.reload();
    await kept();
    await page
      .getByRole("navigation", { name: "Main", exact: true })
      .getByRole("link", { name: "Lists", exact: true })
      .click();
    await page.waitForURL("**/lists");
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/trending" && url.searchParams.get("type") === "tv");
    await kept();

    // A link naming other choices shows them.
    await page.goto("/trending?type=movie&window=day&region=DE");
    await page.getByRole("combobox", { name: "Region", exact: true }).waitFor();
    const region = page.getByRole("combobox", { name: "Region", exact: true });
    await page.waitForFunction((select) => select.value === "DE", await region.elementHandle());
    assert.equal(await page.getByRole("button", { name: "Movies", exact: true }).getAttribute("aria-pressed"), "true");
  });
});
