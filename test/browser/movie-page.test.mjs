import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { libraryMovie, removeNamed, simControl, simQbittorrent } from "./downloads.mjs";
import { api, expectSuccess, withPage } from "./harness.mjs";

/** The movie page's journeys: actions with progress, rename preview, the tabs, trailer, related titles. */

const ARTIFACTS = join(ROOT, "test/browser/artifacts");
const PHANTOM_MENACE = 1893;
const CLIENT = "Movie page qBittorrent";
/** This file's own qBittorrent on the simulator. */
const INSTANCE = "browser-movie-page";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const TABS = ["Files", "History", "Titles", "Cast & crew"];

async function runCommand(name, body) {
  const { status, body: started } = await api("/command", { method: "POST", body: { name, ...body } });
  assert.equal(status, 201, JSON.stringify(started));
  for (let i = 0; i < 80; i++) {
    const { body: command } = await api(`/command/${started.id}`);
    if (command.status === "completed") return command;
    assert.notEqual(command.status, "failed", command.message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`${name} did not finish`);
}

/** The movie with one imported file (a finished download on this file's qBittorrent, imported by hand). */
async function movieWithFile() {
  const movie = await libraryMovie(PHANTOM_MENACE);
  const { body: existing } = await api(`/moviefile?movieId=${movie.id}`);
  if (existing.length) return movie;
  await simQbittorrent(CLIENT, INSTANCE);
  await simControl("/qbittorrent/__seed", { body: { count: 1, instance: INSTANCE, secondsToComplete: 0 } });
  const { downloads } = await simControl(`/qbittorrent/__downloads?instance=${INSTANCE}`, { method: "GET" });
  const downloadId = downloads[0].id;
  const { body: items } = await api(`/manualimport?downloadId=${downloadId}&movieId=${movie.id}`);
  const video = items.find((i) => !i.rejections.some((r) => r.reason === "Sample"));
  assert.ok(video, `an importable file in ${JSON.stringify(items)}`);
  await runCommand("ManualImport", {
    files: [{ path: video.path, movieId: movie.id, downloadId: video.downloadId, quality: video.quality }],
    importMode: "auto",
  });
  return movie;
}

async function openMovie(page, movie) {
  await page.goto(`/movie/${movie.id}`);
  await page.getByRole("heading", { name: movie.title, level: 1 }).waitFor();
}

/** A screenshot of the tab as shown: the tab list scrolled to the top of the page's scrolling shell. */
async function tabShot(page, name) {
  await page.getByRole("tablist").evaluate((tabs) => tabs.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function showTab(page, name) {
  await page.getByRole("tab", { name, exact: true }).click();
  assert.equal(await page.getByRole("tab", { name, exact: true }).getAttribute("aria-selected"), "true");
}

test("each tab of the movie page shows its records, at 1440 and 390 px", { timeout: 180_000 }, async (t) => {
  const movie = await movieWithFile();
  const { body: files } = await api(`/moviefile?movieId=${movie.id}`);
  const { body: titles } = await api(`/alttitle?movieId=${movie.id}`);
  const { body: credits } = await api(`/credit?movieId=${movie.id}`);
  for (const [size, viewport] of [
    ["1440", DESKTOP],
    ["390", PHONE],
  ]) {
    await withPage(
      t,
      async (page) => {
        await openMovie(page, movie);
        const panel = page.getByRole("tabpanel");
        await showTab(page, "Files");
        const fileTable = panel.getByRole("table", { name: "Movie files" });
        await fileTable.getByText(files[0].quality.quality.name, { exact: false }).first().waitFor();
        await tabShot(page, `movie-page-files-${size}`);
        await showTab(page, "History");
        await panel.getByRole("table", { name: "Movie history" }).getByText("Imported").first().waitFor();
        await tabShot(page, `movie-page-history-${size}`);
        await showTab(page, "Titles");
        // By text: on a phone a stacked cell's name also carries its column label.
        await panel.getByText(titles[0].title, { exact: true }).first().waitFor();
        await tabShot(page, `movie-page-titles-${size}`);
        await showTab(page, "Cast & crew");
        const cast = credits.find((c) => c.type === "cast");
        await panel.getByRole("list", { name: "Cast" }).getByText(cast.personName, { exact: true }).first().waitFor();
        await tabShot(page, `movie-page-cast-${size}`);
        if (viewport === PHONE) {
          // Nothing scrolls sideways, and the files table stacks as label: value cards.
          await showTab(page, "Files");
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
          const label = await panel.locator("td[data-label]").first().getAttribute("data-label");
          assert.equal(label, "Name");
        }
        // The tab list answers the arrow keys.
        await page.getByRole("tab", { name: "Cast & crew" }).press("ArrowRight");
        assert.equal(await page.getByRole("tab", { name: TABS[0] }).getAttribute("aria-selected"), "true");
      },
      { viewport },
    );
  }
});

test("search and refresh show their command's progress; rename preview lists the file's new name", {
  timeout: 120_000,
}, async (t) => {
  const movie = await movieWithFile();
  const { body: previews } = await api(`/rename?movieId=${movie.id}`);
  await withPage(t, async (page) => {
    await openMovie(page, movie);
    const actions = page.getByRole("region", { name: "Movie actions" });
    await actions.getByRole("button", { name: `Search for ${movie.title} automatically` }).click();
    await actions
      .getByRole("status", { name: "Search progress" })
      .filter({ hasText: /completed|failed/ })
      .waitFor();
    const { body: commands } = await api("/command");
    assert.ok(commands.some((c) => c.commandName === "MoviesSearch" || c.name === "MoviesSearch"));

    await actions.getByRole("button", { name: `Refresh ${movie.title} from TMDb` }).click();
    await actions.getByRole("status", { name: "Refresh progress" }).filter({ hasText: "completed" }).waitFor();

    await actions.getByRole("button", { name: "Rename preview" }).click();
    const rename = page.getByRole("region", { name: "Rename preview" });
    if (previews.length) {
      await rename.getByRole("cell", { name: previews[0].newPath, exact: true }).waitFor();
      await rename.getByRole("button", { name: "Rename files" }).waitFor();
    } else {
      await rename.getByText("Every file is already named by the naming settings.").waitFor();
    }
  });
});

test("the trailer is asked of YouTube only when opened, from the no-cookie host", { timeout: 60_000 }, async (t) => {
  const movie = await libraryMovie(PHANTOM_MENACE);
  assert.ok(movie.youTubeTrailerId, "the movie has a trailer");
  await withPage(t, async (page) => {
    const asked = [];
    // Answered here: nothing leaves the machine.
    await page.route("https://www.youtube-nocookie.com/**", (route) => {
      asked.push(route.request().url());
      return route.fulfill({ contentType: "text/html", body: "<p>player</p>" });
    });
    await openMovie(page, movie);
    await page.getByRole("region", { name: "Similar titles" }).waitFor();
    assert.deepEqual(asked, [], "nothing was asked of YouTube at page load");
    await page.getByRole("button", { name: "Play trailer" }).click();
    const frame = page.getByTitle(`Trailer: ${movie.title}`);
    await frame.waitFor();
    assert.equal(
      await frame.getAttribute("src"),
      `https://www.youtube-nocookie.com/embed/${movie.youTubeTrailerId}?autoplay=1&rel=0`,
    );
    await page.frameLocator("iframe").getByText("player").waitFor();
    assert.equal(asked.length, 1);
    await page.getByRole("button", { name: "Close trailer" }).click();
    await page.getByRole("button", { name: "Play trailer" }).waitFor();
  });
});

test("a similar title is added in one confirmed click with the add form's defaults", { timeout: 90_000 }, async (t) => {
  const movie = await libraryMovie(PHANTOM_MENACE);
  const { body: similar } = await api(`/movie/${movie.id}/similar`);
  const candidate = similar.find((m) => m.movieId === null && !m.isExcluded);
  assert.ok(candidate, "a similar title not in the library");
  await withPage(
    t,
    async (page) => {
      await openMovie(page, movie);
      const row = page.getByRole("list", { name: "Similar titles" });
      const label = `${candidate.title}${candidate.year ? ` (${candidate.year})` : ""}`;
      const add = row.getByRole("button", { name: `Add ${label}`, exact: true });
      assert.match(await add.getAttribute("title"), /Adds with HD-1080p · \/movies · monitored/);
      await add.click();
      const confirm = row.getByRole("group", { name: `Add ${label}` });
      await confirm.getByText(/Add with HD-1080p/).waitFor();
      await confirm.getByRole("button", { name: "Yes, add" }).click();
      await expectSuccess(row.getByRole("link", { name: "In library: open" }), row);
      const { body: found } = await api(`/movie?tmdbId=${candidate.tmdbId}`);
      assert.equal(found.length, 1);
      assert.equal(found[0].rootFolderPath, "/movies");
      assert.equal(found[0].monitored, true);
      await page.getByRole("region", { name: "Recommended" }).waitFor();
      await page
        .getByRole("region", { name: "Similar titles" })
        .evaluate((region) => region.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: join(ARTIFACTS, "movie-page-related-1440.png") });
      // Clean up: the title leaves the library again.
      await api(`/movie/${found[0].id}`, { method: "DELETE" });
    },
    { viewport: DESKTOP },
  );
});

test("deleting a file asks first, then its download client deletes it", { timeout: 90_000 }, async (t) => {
  const movie = await movieWithFile();
  const { body: files } = await api(`/moviefile?movieId=${movie.id}`);
  const name = files[0].relativePath.split("/").pop();
  await withPage(t, async (page) => {
    await openMovie(page, movie);
    const panel = page.getByRole("tabpanel");
    await panel.getByRole("button", { name: `Delete file ${name}`, exact: true }).click();
    await panel.getByText(`Delete file ${name}?`).waitFor();
    await panel.getByRole("button", { name: "Yes, delete" }).click();
    await expectSuccess(panel.getByRole("status").filter({ hasText: "File deleted" }), panel);
    await panel.getByText("No file yet.").waitFor();
    const { body: after } = await api(`/moviefile?movieId=${movie.id}`);
    assert.deepEqual(after, []);
    await showTab(page, "History");
    await panel.getByText("File deleted").first().waitFor();
  });
  await removeNamed("/downloadclient", CLIENT);
});
