import assert from "node:assert/strict";
import { test } from "node:test";
import { libraryMovie, removeNamed, simTorznab } from "./downloads.mjs";
import { withPage } from "./harness.mjs";

const INCEPTION = 27205;

test("the first Tab reaches 'Skip to content', which moves focus past the navigation to the page", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main", exact: true }).waitFor();
    await page.keyboard.press("Tab");
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(await focused(), "Skip to content");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "content", undefined, { timeout: 5000 });
    // The next Tab goes on inside the page, not back to the navigation.
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => document.getElementById("content")?.contains(document.activeElement));
    assert.equal(inMain, true);
  });
});

test("the library table's headers sort from the keyboard and say how they sort", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/");
    const table = page.getByRole("table", { name: "Movies", exact: true });
    const year = table.getByRole("columnheader", { name: "Year", exact: true });
    const title = table.getByRole("columnheader", { name: "Title", exact: true });
    await year.waitFor();
    assert.equal(await title.getAttribute("aria-sort"), "ascending", "the library starts sorted by title");
    assert.equal(await year.getAttribute("aria-sort"), null);
    await year.getByRole("button", { name: "Year", exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((th) => th.getAttribute("aria-sort") === "ascending", await year.elementHandle());
    assert.equal(await title.getAttribute("aria-sort"), null);
    await page.keyboard.press("Enter");
    await page.waitForFunction((th) => th.getAttribute("aria-sort") === "descending", await year.elementHandle());
    // The rows follow: the first loaded years never rise.
    await page.waitForFunction(() => {
      const years = [...document.querySelectorAll(".movie-table tbody tr:not(.spacer):not(.pending) td:nth-child(2)")]
        .slice(0, 10)
        .map((cell) => Number(cell.textContent));
      return years.length > 1 && years.every((y, i) => i === 0 || y <= years[i - 1]);
    });
  });
});

test("interactive search results sort by size from their header, and a third press restores the server's order", {
  timeout: 90_000,
}, async (t) => {
  const movie = await libraryMovie(INCEPTION);
  await simTorznab("Keyboard Torznab", "browser-keyboard-key");
  await withPage(t, async (page) => {
    await page.goto(`/movie/${movie.id}`);
    const search = page.getByRole("region", { name: "Search", exact: true });
    await search.getByRole("button", { name: "Search indexers", exact: true }).click();
    const table = search.getByRole("table", { name: "Releases", exact: true });
    await table.locator("tbody tr").first().waitFor();
    const titles = () => table.locator("tbody tr td.release-title > span:first-child").allTextContents();
    const ranked = await titles();
    const size = table.getByRole("columnheader", { name: "Size", exact: true });
    const press = () => size.getByRole("button", { name: "Size", exact: true }).click();
    await press();
    assert.equal(await size.getAttribute("aria-sort"), "ascending");
    const sizes = await table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.cells[2].textContent));
    const bytes = (text) => {
      const [n, unit] = text.split(" ");
      return Number(n) * 1024 ** ["B", "KB", "MB", "GB", "TB"].indexOf(unit);
    };
    for (let i = 1; i < sizes.length; i++) assert.ok(bytes(sizes[i]) >= bytes(sizes[i - 1]) * 0.95, sizes.join(", "));
    await press();
    assert.equal(await size.getAttribute("aria-sort"), "descending");
    await press();
    assert.equal(await size.getAttribute("aria-sort"), null);
    assert.deepEqual(await titles(), ranked, "back in the server's rank order");
  });
  await removeNamed("/indexer", "Keyboard Torznab");
});
