import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { api, countText, withPage } from "./harness.mjs";

// The Movies index (issue 15 item 1): views, column chooser, sortable headers, poster size, status
// colours, select mode with the mass editor, and the toolbar's commands with their progress.
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

const table = (page) => page.getByRole("table", { name: "Movies", exact: true });
const row = (page, index) => table(page).locator(`tr[data-index="${index}"]`);
const header = (page, name) => table(page).getByRole("columnheader", { name, exact: true });

async function total(query = "") {
  const { body } = await api(`/movie/paged?pageSize=1${query}`);
  return body.totalRecords;
}

async function shown(page, n) {
  await page
    .getByRole("status")
    .filter({ hasText: countText(n) })
    .first()
    .waitFor();
}

async function noSidewaysScroll(page) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `the page scrolls sideways (${scroll} > ${inner})`);
}

test("Table, Posters and Overview views; columns, sort and poster size are chosen and remembered", {
  timeout: 120_000,
}, async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.goto("/");
      await shown(page, await total());
      await row(page, 0).getByRole("link").waitFor();

      // The legend names each colour; each row says its state in words too.
      const legend = page.getByRole("list", { name: "Status colours", exact: true });
      assert.deepEqual(
        (await legend.getByRole("listitem").allTextContents()).map((s) => s.replace(/^\W+/, "").trim()),
        ["Downloaded", "Queued", "Missing", "Unmonitored"],
      );
      assert.match(await row(page, 0).textContent(), /Downloaded|Queued|Missing|Unmonitored/);

      // The column chooser: Added shown, Tags hidden; kept across a reload.
      assert.equal(await header(page, "Added").count(), 0);
      await page.getByText("Columns", { exact: true }).click();
      await page.getByRole("checkbox", { name: "Added", exact: true }).check();
      await page.getByRole("checkbox", { name: "Tags", exact: true }).uncheck();
      await header(page, "Added").waitFor();
      assert.equal(await header(page, "Tags").count(), 0);
      await page.reload();
      await header(page, "Added").waitFor();
      assert.equal(await header(page, "Tags").count(), 0, "the chosen columns are remembered");

      // Sortable header: Added, newest first on the second press, as the server orders them.
      await header(page, "Added").getByRole("button").click();
      await page.waitForFunction(
        (th) => th.getAttribute("aria-sort") === "ascending",
        await header(page, "Added").elementHandle(),
      );
      await header(page, "Added").getByRole("button").click();
      const { body: newest } = await api("/movie/paged?pageSize=1&sortKey=added&sortDirection=descending");
      await row(page, 0).getByRole("link", { name: newest.records[0].title, exact: true }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, "library-table-1440.png") });

      // Overview: poster, title, state and overview text per row.
      await page.getByRole("button", { name: "Overview", exact: true }).click();
      const overviews = page.getByRole("list", { name: "Movie overviews", exact: true });
      await overviews.locator('li[data-index="0"] a', { hasText: newest.records[0].title }).waitFor();
      assert.equal(new URL(page.url()).searchParams.get("view"), "overview");
      const rendered = await overviews.locator("li[data-index]").count();
      assert.ok(rendered > 3 && rendered < 40, `only the overview rows in view render (${rendered})`);
      await page.screenshot({ path: join(ARTIFACTS, "library-overview-1440.png") });

      // Posters, in three sizes; the size is remembered.
      await page.getByRole("button", { name: "Posters", exact: true }).click();
      const posters = page.getByRole("region", { name: "Movie posters", exact: true });
      await posters.locator(".card[data-movie-id] .poster").first().waitFor();
      const posterWidth = (expected) =>
        page.waitForFunction(
          (w) =>
            Math.round(document.querySelector(".card[data-movie-id] .poster")?.getBoundingClientRect().width) === w,
          expected,
        );
      await posterWidth(150);
      await page.getByLabel("Poster size").selectOption("large");
      await posterWidth(200);
      const largeCards = await posters.locator(".card[data-index]").count();
      await page.getByLabel("Poster size").selectOption("small");
      await posterWidth(112);
      assert.ok((await posters.locator(".card[data-index]").count()) > largeCards, "smaller posters fit more");
      assert.match(
        await posters.locator(".card[data-movie-id]").first().textContent(),
        /Downloaded|Queued|Missing|Unmonitored/,
      );
      await page.screenshot({ path: join(ARTIFACTS, "library-posters-1440.png") });
      await page.goto("/");
      await posters.locator(".card[data-movie-id]").first().waitFor();
      await posterWidth(112); // the poster size and the view are remembered
    },
    { viewport: DESKTOP },
  );
});

// Movies this file adds and deletes again (the simulator's catalogue), so the seeded library the
// other files count stays as it was: Blade Runner, Heat and Se7en.
const ADDED = [78, 949, 807];

/** The three movies, added under a tag of their own so a filter shows just them. */
async function addTaggedMovies() {
  const { body: tag } = await api("/tag", { method: "POST", body: { label: "mass-editor-test" } });
  const { body: profiles } = await api("/qualityprofile");
  const hd = profiles.find((p) => p.name === "HD-1080p");
  for (const tmdbId of ADDED) {
    const { status, body } = await api("/movie", {
      method: "POST",
      body: {
        tmdbId,
        qualityProfileId: hd.id,
        rootFolderPath: "/movies",
        monitored: true,
        minimumAvailability: "released",
        tags: [tag.id],
        addOptions: { searchForMovie: false },
      },
    });
    assert.equal(status, 201, JSON.stringify(body));
  }
  return tag;
}

test("select mode: select all that match, edit them all, then delete a shift-clicked range", {
  timeout: 120_000,
}, async (t) => {
  await withPage(
    t,
    async (page) => {
      const tag = await addTaggedMovies();
      const { body: profiles } = await api("/qualityprofile");
      const { body: tags } = await api("/tag");
      const profile = profiles.find((p) => p.name !== "HD-1080p");
      const kids = tags.find((x) => x.label === "kids");
      await page.goto(`/?tag=${tag.id}`);
      await shown(page, 3);
      await row(page, 0).getByRole("link").waitFor();

      await page.getByRole("button", { name: "Select", exact: true }).click();
      await page.getByRole("button", { name: "Select all 3", exact: true }).click();
      await page.getByText("3 selected", { exact: true }).waitFor();
      const editor = page.getByRole("region", { name: "Edit the selected movies", exact: true });
      await editor.getByRole("combobox", { name: "Monitor", exact: true }).selectOption("false");
      await editor.getByRole("combobox", { name: "Set quality profile", exact: true }).selectOption(String(profile.id));
      await editor.getByRole("combobox", { name: "Minimum availability", exact: true }).selectOption("inCinemas");
      await editor.getByRole("checkbox", { name: "kids", exact: true }).check();
      await editor.getByRole("button", { name: "Apply to 3 movies", exact: true }).click();
      await editor.getByText("Saved 3 movies").waitFor();

      const { body: edited } = await api(`/movie/paged?pageSize=10&tagId=${tag.id}`);
      assert.deepEqual(edited.records.map((m) => m.tmdbId).sort(), [...ADDED].sort());
      for (const movie of edited.records) {
        assert.equal(movie.monitored, false, `${movie.title} unmonitored`);
        assert.equal(movie.qualityProfileId, profile.id, `${movie.title} profile`);
        assert.equal(movie.minimumAvailability, "inCinemas", `${movie.title} availability`);
        assert.deepEqual(movie.tags.sort(), [tag.id, kids.id].sort(), `${movie.title} tags`);
      }
      await row(page, 0).getByText("Unmonitored").first().waitFor();
      await page.screenshot({ path: join(ARTIFACTS, "library-select-1440.png") });

      // A shift-click chooses the range; delete it with an import exclusion.
      await page.getByRole("button", { name: "Select none", exact: true }).click();
      await page.getByText("0 selected", { exact: true }).waitFor();
      await row(page, 0).getByRole("checkbox").click();
      await row(page, 2)
        .getByRole("checkbox")
        .click({ modifiers: ["Shift"] });
      await page.getByText("3 selected", { exact: true }).waitFor();
      await editor.getByRole("button", { name: "Delete…", exact: true }).click();
      await editor.getByRole("checkbox", { name: "Add import exclusion", exact: true }).check();
      await editor.getByRole("button", { name: "Yes, delete 3 movies", exact: true }).click();
      await editor.getByText("Deleted 3 movies").waitFor();
      await shown(page, 0);
      for (const movie of edited.records)
        assert.equal((await api(`/movie/${movie.id}`)).status, 404, `${movie.title} deleted`);
      const { body: exclusions } = await api("/exclusions");
      const excluded = exclusions.filter((e) => ADDED.includes(e.tmdbId));
      assert.equal(excluded.length, 3, "the deleted movies are excluded from list imports");
      // Leave the app as it was for the other files.
      for (const e of excluded) await api(`/exclusions/${e.id}`, { method: "DELETE" });
      await api(`/tag/${tag.id}`, { method: "DELETE" });
    },
    { viewport: DESKTOP },
  );
});

test("a toolbar command shows its progress until it ends", { timeout: 90_000 }, async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.goto("/");
      await row(page, 0).getByRole("link").waitFor();
      const { body: before } = await api("/command");
      await page.getByRole("button", { name: "RSS sync", exact: true }).click();
      const progress = page.getByRole("status", { name: "RSS sync progress", exact: true });
      await progress.waitFor();
      assert.match(await progress.textContent(), /Queued|Reading RSS feeds|Done|Failed/);
      await progress.filter({ hasText: /Done|Failed/ }).waitFor({ timeout: 60_000 });
      const { body: after } = await api("/command");
      const sync = after.find((c) => c.name === "RssSync" && !before.some((b) => b.id === c.id));
      assert.ok(sync, "the button posted an RssSync command");
      assert.match(await progress.textContent(), new RegExp(sync.status === "completed" ? "Done" : "Failed"));
    },
    { viewport: DESKTOP },
  );
});

test("at 390 px every view fits the phone's width", { timeout: 90_000 }, async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.goto("/");
      await row(page, 0).getByRole("link").waitFor();
      await noSidewaysScroll(page);
      // Title, year and library status share the width; the title gets the most of it.
      const widths = await table(page)
        .locator("thead th")
        .evaluateAll((ths) => ths.map((th) => [th.textContent, Math.round(th.getBoundingClientRect().width)]));
      assert.deepEqual(
        widths.map(([name]) => name),
        ["Title", "Year", "Library"],
      );
      assert.ok(widths[0][1] > 150, `the title column is ${widths[0][1]} px wide`);
      await page.screenshot({ path: join(ARTIFACTS, "library-table-390.png") });
      await page.getByRole("button", { name: "Overview", exact: true }).click();
      await page
        .getByRole("list", { name: "Movie overviews", exact: true })
        .locator("li[data-movie-id]")
        .first()
        .waitFor();
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, "library-overview-390.png") });
      await page.getByRole("button", { name: "Posters", exact: true }).click();
      await page
        .getByRole("region", { name: "Movie posters", exact: true })
        .locator(".card[data-movie-id]")
        .first()
        .waitFor();
      await noSidewaysScroll(page);
      await page.getByRole("button", { name: "Select", exact: true }).click();
      await page.getByRole("region", { name: "Edit the selected movies", exact: true }).waitFor();
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, "library-posters-390.png") });
    },
    { viewport: PHONE },
  );
});
