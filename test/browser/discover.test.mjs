import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, expectSuccess, withPage } from "./harness.mjs";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

async function noSidewaysScroll(page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `the page scrolls sideways (${widths[0]} > ${widths[1]})`);
}

/** A popular movie the library does not hold yet: the one the journey adds. */
async function popularMovieNotInLibrary() {
  const { body } = await api("/discover/popular");
  const movie = body.results.find((m) => !m.inLibrary);
  assert.ok(movie, "the popular row has a movie the demo library lacks");
  return movie;
}

test("Discover: rows load as they scroll in, a TV title says movies only, a movie is added from its page with chosen options", {
  timeout: 240_000,
}, async (t) => {
  const movie = await popularMovieNotInLibrary();
  const { body: profiles } = await api("/qualityprofile");
  const profile = profiles.find((p) => p.name !== "HD-1080p");
  assert.ok(profile, "the seed has a profile other than the default");

  await withPage(
    t,
    async (page) => {
      const rowRequests = [];
      page.on("request", (request) => {
        const match = /\/api\/v3\/discover\/(trending|popular|topRated|upcoming)\b/.exec(request.url());
        if (match) rowRequests.push(match[1]);
      });
      await page.goto("/");
      await page.getByRole("link", { name: "Discover", exact: true }).click();
      const trending = page.getByRole("region", { name: "Trending this week", exact: true });
      await trending.getByRole("link").first().waitFor();
      assert.ok(!rowRequests.includes("upcoming"), `rows below the fold wait to be scrolled to (${rowRequests})`);

      // A TV series is shown, plainly not addable.
      const series = trending.getByRole("listitem").filter({ hasText: "Movies only" }).first();
      await series.waitFor();
      assert.match((await series.getAttribute("aria-label")) ?? "", /\(TV series\)$/);
      assert.equal(await series.getByRole("link").count(), 0, "a TV card opens nothing");
      assert.equal(await series.getByRole("button").count(), 0, "a TV card offers no add");

      const upcoming = page.getByRole("region", { name: "Upcoming", exact: true });
      await upcoming.scrollIntoViewIfNeeded();
      await upcoming.getByRole("link").first().waitFor();
      assert.ok(rowRequests.includes("upcoming"), "the row loads once scrolled to");

      // A genre chip shows that genre's row.
      await page.getByRole("button", { name: "Science Fiction", exact: true }).click();
      await page.getByRole("region", { name: "Science Fiction", exact: true }).getByRole("link").first().waitFor();
      // The demo library's movies are made up, unknown to TMDb: they bring no recommendations, and no error.
      const recommended = page.getByRole("region", { name: "Because it's in your library", exact: true });
      await recommended
        .getByText(/^No recommendations yet|^For people who liked/)
        .first()
        .waitFor();
      assert.equal(await recommended.getByRole("alert").count(), 0, "the recommendations row shows no error");
      await page.screenshot({ path: join(ARTIFACTS, "discover-1440.png"), fullPage: true });

      const popular = page.getByRole("region", { name: "Popular", exact: true });
      await popular.scrollIntoViewIfNeeded();
      await popular.getByRole("link", { name: `${movie.title} (${movie.year ?? "—"})`, exact: true }).click();
      await page.waitForURL(`**/discover/movie/${movie.tmdbId}`);
      await page.getByRole("heading", { name: movie.title, exact: true }).waitFor();
      await page.getByRole("region", { name: "Cast", exact: true }).waitFor();
      await page.getByRole("link", { name: "▶ Watch the trailer" }).waitFor();

      await page.getByRole("button", { name: "Add…", exact: true }).click();
      const form = page.getByRole("form", { name: `Add ${movie.title}`, exact: true });
      assert.equal(
        await form.getByLabel("Quality profile").inputValue(),
        String(profiles.find((p) => p.name === "HD-1080p")?.id ?? profiles[0].id),
        "the default profile is shown",
      );
      await form.getByLabel("Quality profile").selectOption({ label: profile.name });
      await form.getByLabel("Minimum availability").selectOption({ label: "Announced" });
      await form.getByLabel("Monitored").uncheck();
      const folder = await form.getByLabel("Root folder").inputValue();
      assert.ok(folder, "a root folder is chosen by default");
      await page.screenshot({ path: join(ARTIFACTS, "discover-movie-1440.png"), fullPage: true });
      await form.getByRole("button", { name: "Add movie", exact: true }).click();
      await expectSuccess(page.getByRole("link", { name: `Open ${movie.title}`, exact: true }), page);

      const { body: added } = await api(`/movie?tmdbId=${movie.tmdbId}`);
      assert.equal(added.length, 1);
      assert.equal(added[0].qualityProfileId, profile.id);
      assert.equal(added[0].minimumAvailability, "announced");
      assert.equal(added[0].monitored, false);
      assert.equal(added[0].rootFolderPath, folder);
      await page.getByRole("link", { name: `Open ${movie.title}`, exact: true }).click();
      await page.waitForURL(`**/movie/${added[0].id}`);
    },
    { viewport: DESKTOP },
  );

  await withPage(
    t,
    async (page) => {
      await page.goto("/discover");
      const trending = page.getByRole("region", { name: "Trending this week", exact: true });
      await trending.getByRole("link").nth(3).waitFor();
      const strip = await trending.getByRole("list").evaluate((list) => [list.scrollWidth, list.clientWidth]);
      assert.ok(strip[0] > strip[1], "a row scrolls sideways inside itself");
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, "discover-390.png"), fullPage: true });

      await page.goto(`/discover/movie/${movie.tmdbId}`);
      await page.getByText("In library", { exact: true }).waitFor();
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, "discover-movie-390.png"), fullPage: true });
    },
    { viewport: PHONE },
  );
});
