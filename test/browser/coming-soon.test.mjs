import assert from "node:assert/strict";
import { test } from "node:test";
import { siteDate } from "./dates.mjs";
import { api, expectSuccess, withPage } from "./harness.mjs";

/** A date as the site writes it (Settings › UI's default short date: "Dec 5 2026", or "Today"). */
const formatDate = siteDate;

async function comingSoon(query) {
  const { status, body } = await api(`/streaming/coming-soon?${query}`);
  assert.equal(status, 200);
  return body;
}

test("coming soon lists the region's upcoming movies and streaming releases, with add to library", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    const { body: settings } = await api("/config/streaming");
    const upcoming = await comingSoon(`region=${settings.region}`);
    assert.ok(upcoming.results.length > 3, "the simulator has upcoming movies");

    await page.goto("/");
    await page.getByRole("link", { name: "Coming soon", exact: true }).click();
    await page.waitForURL("**/coming-soon");
    const movies = page.getByRole("list", { name: "Upcoming movies", exact: true });
    const first = movies.getByRole("listitem", { name: upcoming.results[0].title, exact: true });
    await first.waitFor();
    assert.equal(await movies.locator(":scope > li").count(), upcoming.results.length);
    assert.ok((await first.textContent()).includes(`Release: ${formatDate(upcoming.results[0].releaseDate)}`));
    await page
      .getByText(`from ${formatDate(upcoming.dates.minimum)} to ${formatDate(upcoming.dates.maximum)}`)
      .waitFor();

    // Watchmode's streaming calendar, each title with the service it lands on.
    const releases = page.getByRole("region", { name: "New on streaming services", exact: true });
    assert.equal(upcoming.streamingReleasesStatus, "ok", upcoming.streamingReleasesMessage);
    assert.ok(upcoming.streamingReleases.length > 0, "the simulator announces streaming releases");
    const release = upcoming.streamingReleases[0];
    const releaseCard = releases
      .getByRole("list", { name: "Streaming releases", exact: true })
      .getByRole("listitem", { name: release.title, exact: true })
      .first();
    await releaseCard.waitFor();
    assert.match(
      await releaseCard.textContent(),
      new RegExp(`${formatDate(release.releaseDate)} on ${release.sourceName}`),
    );

    // Add an upcoming movie with the usual defaults; it then shows as in the library.
    const pick = upcoming.results.find((m) => !m.inLibrary && m.tmdbId !== 603);
    const card = movies.getByRole("listitem", { name: pick.title, exact: true });
    await card.getByRole("button", { name: `Add ${pick.title} to library`, exact: true }).click();
    await expectSuccess(card.getByText("In library"), card);
    const { body: added } = await api(`/movie?tmdbId=${pick.tmdbId}`);
    assert.equal(added.length, 1);
    try {
      assert.equal(added[0].rootFolderPath, "/movies");
      await page.reload();
      await movies.getByRole("listitem", { name: pick.title, exact: true }).getByText("In library").waitFor();
    } finally {
      await api(`/movie/${added[0].id}`, { method: "DELETE" });
    }

    // Another region asks for its own list.
    const other = settings.region === "GB" ? "FR" : "GB";
    const elsewhere = await comingSoon(`region=${other}`);
    const request = page.waitForRequest((r) => r.url().includes(`/streaming/coming-soon?region=${other}`));
    await page.getByRole("combobox", { name: "Region", exact: true }).selectOption(other);
    await request;
    await movies.getByRole("listitem", { name: elsewhere.results[0].title, exact: true }).waitFor();

    // Paging through TMDb's upcoming list.
    if (elsewhere.totalPages > 1) {
      const second = await comingSoon(`region=${other}&page=2`);
      await page.getByRole("button", { name: "Next", exact: true }).click();
      await page.getByText(`Page 2 of ${elsewhere.totalPages}`).waitFor();
      await movies.getByRole("listitem", { name: second.results[0].title, exact: true }).waitFor();
    }

    const credits = page.getByRole("complementary", { name: "Data sources", exact: true });
    await credits.getByRole("img", { name: "TMDb logo", exact: true }).waitFor();
    for (const a of elsewhere.attribution) await credits.getByRole("link", { name: a.name, exact: true }).waitFor();
  });
});
