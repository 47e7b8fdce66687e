import assert from "node:assert/strict";
import { test } from "node:test";
import { libraryMovie, removeNamed, simControl, simTorznab } from "./downloads.mjs";
import { api, withPage } from "./harness.mjs";

const DARK_KNIGHT = 155;
const INDEXER = "Large Search Torznab";
const RESULTS = 1_000;

test("interactive search over 1,000 releases shows them all, in the server's order, and re-sorts them", {
  timeout: 180_000,
}, async (t) => {
  const movie = await libraryMovie(DARK_KNIGHT);
  await simTorznab(INDEXER, "large-search-key");
  await simControl("/torznab/__results", { body: { tmdbId: DARK_KNIGHT, count: RESULTS } });
  try {
    const { status, body: releases } = await api(`/release?movieId=${movie.id}`);
    assert.equal(status, 200);
    assert.ok(releases.length >= RESULTS, `the indexer's ${RESULTS} releases are all decided (${releases.length})`);
    const approved = releases.filter((r) => r.approved).length;

    await withPage(t, async (page) => {
      await page.goto(`/movie/${movie.id}`);
      const search = page.getByRole("region", { name: "Search", exact: true });
      await search.getByRole("button", { name: "Search indexers", exact: true }).click();
      const summary = search.getByRole("status").filter({ hasText: /found/ });
      await summary.waitFor({ timeout: 60_000 });
      assert.equal(
        await summary.textContent(),
        `${releases.length.toLocaleString("en-US")} releases found, ${approved.toLocaleString("en-US")} approved`,
      );

      // Every release gets its row, in the ranked order, with its decision.
      const table = search.getByRole("table", { name: "Releases", exact: true });
      const rows = table.locator("tbody tr");
      await page.waitForFunction(
        (count) => document.querySelectorAll("table[aria-label='Releases'] tbody tr").length === count,
        releases.length,
        { timeout: 30_000 },
      );
      const titles = await table.locator("tbody tr td.release-title > span:first-child").allTextContents();
      assert.deepEqual(
        titles,
        releases.map((r) => r.title),
      );
      const last = releases.at(-1);
      const lastRow = rows.nth(releases.length - 1);
      assert.match(await lastRow.getByRole("cell").nth(7).textContent(), last.approved ? /^Approved/ : /Rejected/);
      assert.equal(
        await lastRow.getByRole("button", { name: `Grab ${last.title}`, exact: true }).count(),
        1,
        "the last row has its grab button",
      );

      // Sorted by size, largest first: all 1,000 again, in that order.
      await table.getByRole("button", { name: "Size", exact: true }).click();
      await table.getByRole("button", { name: "Size", exact: true }).click();
      await table.locator("th[aria-sort='descending']").waitFor();
      await page.waitForFunction(
        (count) => document.querySelectorAll("table[aria-label='Releases'] tbody tr").length === count,
        releases.length,
        { timeout: 30_000 },
      );
      const bySize = [...releases].sort((a, b) => b.size - a.size).map((r) => r.title);
      assert.deepEqual(await table.locator("tbody tr td.release-title > span:first-child").allTextContents(), bySize);
    });
  } finally {
    await simControl("/torznab/__results", { body: { tmdbId: DARK_KNIGHT, count: null } });
    await removeNamed("/indexer", INDEXER);
  }
});
