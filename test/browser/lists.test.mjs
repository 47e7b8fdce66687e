import assert from "node:assert/strict";
import { test } from "node:test";
import { api, expectSuccess, withPage } from "./harness.mjs";

/** The simulator's Matrix collection (TMDb collection 2344) and its four films. */
const MATRIX_COLLECTION = "2344";
const MATRIX_FILMS = [603, 604, 605, 624860];
const SOURCE = "TMDbCollectionImport";

/** Sources are still being added by other work; wait for this one to be offered rather than fail at once. */
async function waitForSource(implementation, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api("/importlist/schema");
    const template = body.find((t) => t.implementation === implementation);
    if (template) return template;
    if (Date.now() > deadline) assert.fail(`the list schema never offered ${implementation}`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

async function listNamed(name) {
  const { body } = await api("/importlist");
  return body.find((l) => l.name === name);
}

async function removeList(name) {
  const list = await listNamed(name);
  if (list) await api(`/importlist/${list.id}`, { method: "DELETE" });
}

/** Starts from a library without the collection's films, so the list is the one that adds them. */
async function removeMatrixFilms() {
  for (const tmdbId of MATRIX_FILMS) {
    const { body } = await api(`/movie?tmdbId=${tmdbId}`);
    for (const movie of body ?? [])
      await api(`/movie/${movie.id}?deleteFiles=false&addImportExclusion=false`, { method: "DELETE" });
  }
}

async function openNewListForm(page, sourceName, formName = `New ${sourceName} list`) {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main", exact: true })
    .getByRole("link", { name: "Lists", exact: true })
    .click();
  await page.waitForURL("**/lists");
  await page.getByRole("button", { name: "Add list", exact: true }).click();
  await page.getByRole("region", { name: "TMDb", exact: true }).getByRole("button", { name: sourceName }).click();
  return page.getByRole("form", { name: formName, exact: true });
}

test("a TMDb collection list is added through the form, tested, synced, and its movies say which list added them", {
  timeout: 240_000,
}, async (t) => {
  const template = await waitForSource(SOURCE);
  await removeList("Matrix films");
  await removeMatrixFilms();
  const { body: profiles } = await api("/qualityprofile");
  const profile = profiles.find((p) => p.name === "HD-1080p");
  assert.ok(profile, "the seed has the HD-1080p profile");

  await withPage(t, async (page) => {
    const form = await openNewListForm(page, template.implementationName);
    await form.getByLabel("Name", { exact: true }).fill("Matrix films");
    await form.getByLabel("Collection Id").fill(MATRIX_COLLECTION);
    await form.getByLabel("Quality profile").selectOption({ label: "HD-1080p" });
    await form.getByLabel("Root folder").selectOption("/movies");
    await form.getByLabel("Minimum availability").selectOption({ label: "Released" });
    assert.equal(
      Number(await form.getByLabel("Sync interval (minutes)").inputValue()),
      template.syncIntervalMinutes,
      "the interval starts at the source's default",
    );

    await form.getByRole("button", { name: "Test", exact: true }).click();
    await expectSuccess(form.getByRole("status").filter({ hasText: "Test passed" }), form);
    assert.match(await form.getByRole("status").textContent(), /The list has 4 movies/);
    assert.equal(await listNamed("Matrix films"), undefined, "testing saves nothing");

    await form.getByRole("button", { name: "Save list", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Added list Matrix films" }), page);
    const saved = await listNamed("Matrix films");
    assert.equal(saved.implementation, SOURCE);
    assert.equal(saved.fields.find((f) => f.name === "collectionId").value, MATRIX_COLLECTION);
    assert.equal(saved.qualityProfileId, profile.id);
    assert.equal(saved.rootFolderPath, "/movies");

    const table = page.getByRole("table", { name: "Import lists", exact: true });
    const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Matrix films", exact: true }) });
    await row.getByText("Never synced").waitFor();
    await row.getByRole("button", { name: "Sync Matrix films now", exact: true }).click();
    const progress = row.getByRole("status", { name: "Sync of Matrix films", exact: true });
    await progress.filter({ hasText: /Synced: found 4, added 4|Sync failed/ }).waitFor({ timeout: 30_000 });
    assert.match(await progress.textContent(), /Synced: found 4, added 4, removed 0/);
    // The row is fetched again once the sync ends.
    await row.getByText("4 found, 4 added").waitFor();
    assert.notEqual(await row.getByRole("cell").nth(4).textContent(), "—", "the last sync time shows");

    await row.getByRole("link", { name: "Matrix films", exact: true }).click();
    await page.waitForURL(`**/lists/${saved.id}`);
    await page.getByRole("heading", { name: "Matrix films", level: 1 }).waitFor();
    const history = page.getByRole("table", { name: "Sync history", exact: true });
    const run = history.getByRole("row").nth(1);
    await run.waitFor();
    const cells = await run.getByRole("cell").allTextContents();
    assert.equal(cells[1], "manual");
    assert.match(cells[2], /Success/);
    assert.deepEqual(
      cells.slice(3, 9),
      ["4", "4", "0", "0", "0", "0"],
      "found, added, updated, removed, excluded, existing",
    );
    assert.equal(cells[11], "None", "no errors");

    const items = page.getByRole("table", { name: "List items", exact: true });
    await items.getByRole("row").nth(4).waitFor();
    const statuses = await items.locator("tbody tr td:nth-child(4)").allTextContents();
    assert.deepEqual(statuses, ["Imported", "Imported", "Imported", "Imported"]);
    const itemsRegion = page.getByRole("region", { name: "Items", exact: true });
    await itemsRegion.getByLabel("Item status").selectOption({ label: "Excluded" });
    await itemsRegion.getByText("No items with this status.").waitFor();
    await itemsRegion.getByLabel("Item status").selectOption({ label: "Imported" });
    await itemsRegion.getByRole("status").filter({ hasText: "4 items" }).waitFor();

    const { body: library } = await api("/movie?tmdbId=603");
    assert.equal(library.length, 1, "the library now has The Matrix");
    assert.equal(library[0].qualityProfileId, profile.id);
    await items.getByRole("link", { name: "The Matrix", exact: true }).click();
    await page.waitForURL(`**/movie/${library[0].id}`);
    await page.getByRole("heading", { name: "The Matrix (1999)", exact: true }).waitFor();
    const provenance = page.getByRole("list", { name: "Import lists", exact: true });
    await provenance.getByText(/Added by list Matrix films on/).waitFor();
    await provenance.getByRole("link", { name: "Matrix films", exact: true }).click();
    await page.waitForURL(`**/lists/${saved.id}`);
  });
});

test("a bad collection id and a too-short interval show the server's errors at their fields", {
  timeout: 240_000,
}, async (t) => {
  const template = await waitForSource(SOURCE);
  await removeList("Broken collection");
  await withPage(t, async (page) => {
    const form = await openNewListForm(page, template.implementationName);
    await form.getByLabel("Name", { exact: true }).fill("Broken collection");
    const collection = form.getByLabel("Collection Id");
    await collection.fill("the-matrix");
    await form.getByRole("button", { name: "Save list", exact: true }).click();
    // The complaint arrives with the answer: wait for the field to be marked, then read it.
    const markedInvalid = (locator) => locator.and(page.locator('[aria-invalid="true"]')).waitFor();
    await markedInvalid(collection);
    const describedBy = (locator) =>
      locator.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")).textContent);
    assert.match(await describedBy(collection), /positive number/);

    // Test asks the same checks without saving.
    await collection.fill("");
    await form.getByRole("button", { name: "Test", exact: true }).click();
    await form.getByRole("button", { name: "Test", exact: true }).and(page.locator(":enabled")).waitFor();
    await markedInvalid(collection);
    assert.match(await describedBy(collection), /collection id/);

    await collection.fill(MATRIX_COLLECTION);
    const interval = form.getByLabel("Sync interval (minutes)");
    await interval.fill("60");
    await form.getByRole("button", { name: "Save list", exact: true }).click();
    await markedInvalid(interval);
    assert.match(await describedBy(interval), /at most every/);
    assert.equal(await collection.getAttribute("aria-invalid"), null, "the id is fine now");
    assert.equal(await listNamed("Broken collection"), undefined, "nothing was saved");
  });
});

test("the clean-library level is chosen with its explanation and saved", { timeout: 60_000 }, async (t) => {
  await api("/config/importlist", { method: "PUT", body: { listSyncLevel: "disabled" } });
  await withPage(t, async (page) => {
    await page.goto("/lists");
    const section = page.getByRole("region", { name: "Clean library", exact: true });
    const level = section.getByRole("combobox", { name: "Clean library level", exact: true });
    await section.getByRole("button", { name: "Save level", exact: true }).waitFor();
    assert.equal(await level.inputValue(), "disabled");
    await level.selectOption({ label: "Keep and unmonitor" });
    await section.getByText("is unmonitored, so nothing more is searched for it").first().waitFor();
    await section.getByRole("button", { name: "Save level", exact: true }).click();
    await expectSuccess(section.getByRole("status").filter({ hasText: "Saved" }), section);
    assert.equal((await api("/config/importlist")).body.listSyncLevel, "keepAndUnmonitor");

    await page.reload();
    await page
      .getByRole("region", { name: "Clean library", exact: true })
      .getByRole("button", { name: "Save level", exact: true })
      .waitFor();
    await page.waitForFunction(
      () => document.querySelector(".clean-library select")?.value === "keepAndUnmonitor",
      undefined,
      { timeout: 5000 },
    );
  });
  await api("/config/importlist", { method: "PUT", body: { listSyncLevel: "disabled" } });
});

const IMDB_EXPORT = [
  "Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors",
  "1,tt0133093,2024-01-01,2024-01-01,,The Matrix,https://www.imdb.com/title/tt0133093/,movie,8.7,136,1999,Action,2000000,1999-03-31,Lana Wachowski",
  "2,tt0903747,2024-01-01,2024-01-01,,Breaking Bad,https://www.imdb.com/title/tt0903747/,tvSeries,9.5,49,2008,Drama,2000000,2008-01-20,",
].join("\n");

test("an IMDb CSV export uploaded to a CSV list syncs it, and the movie shows it is also on that list", {
  timeout: 90_000,
}, async (t) => {
  await waitForSource("IMDbCsvImport");
  await removeList("IMDb export");
  const { body: profiles } = await api("/qualityprofile");
  // The Matrix is in the library already (added by hand or by another list): the CSV list matches it.
  let [matrix] = (await api("/movie?tmdbId=603")).body;
  matrix ??= (
    await api("/movie", {
      method: "POST",
      body: {
        tmdbId: 603,
        qualityProfileId: profiles[0].id,
        rootFolderPath: "/movies",
        monitored: true,
        minimumAvailability: "released",
        tags: [],
        addOptions: { searchForMovie: false, monitor: "movieOnly", addMethod: "manual" },
      },
    })
  ).body;
  const { status, body: list } = await api("/importlist", {
    method: "POST",
    body: {
      name: "IMDb export",
      implementation: "IMDbCsvImport",
      fields: [{ name: "csvUrl", value: "https://www.imdb.com/list/ls000000001/export" }],
      qualityProfileId: profiles[0].id,
      rootFolderPath: "/movies",
    },
  });
  assert.equal(status, 201);

  await withPage(t, async (page) => {
    await page.goto(`/lists/${list.id}`);
    const upload = page.getByRole("region", { name: "Upload an IMDb export", exact: true });
    await upload.getByLabel("IMDb CSV export").setInputFiles({
      name: "watchlist.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(IMDB_EXPORT),
    });
    await upload.getByRole("button", { name: "Upload and sync", exact: true }).click();
    const outcome = upload.getByRole("status");
    await expectSuccess(outcome, upload);
    assert.match(await outcome.textContent(), /Found 1, added 0, already in library 1, removed 0, 1 row skipped/);

    const items = page.getByRole("table", { name: "List items", exact: true });
    const row = items.getByRole("row").filter({ has: page.getByRole("link", { name: "The Matrix", exact: true }) });
    await row.getByText("Already in library").waitFor();
    const history = page.getByRole("table", { name: "Sync history", exact: true });
    assert.deepEqual((await history.getByRole("row").nth(1).getByRole("cell").allTextContents()).slice(3, 9), [
      "1",
      "0",
      "0",
      "0",
      "0",
      "1",
    ]);

    await row.getByRole("link", { name: "The Matrix", exact: true }).click();
    await page.waitForURL(`**/movie/${matrix.id}`);
    await page
      .getByRole("list", { name: "Import lists", exact: true })
      .getByText(/On list IMDb export|Also on list IMDb export/)
      .waitFor();
  });
  await api(`/importlist/${list.id}`, { method: "DELETE" });
});

test("a new list starts on Add movie's quality profile (not Any), and a saved list's Test passes", {
  timeout: 120_000,
}, async (t) => {
  const template = await waitForSource(SOURCE);
  await removeList("Matrix retest");
  await withPage(t, async (page) => {
    const form = await openNewListForm(page, template.implementationName);
    const profile = form.getByLabel("Quality profile");
    await profile.locator("option", { hasText: "HD-1080p" }).waitFor({ state: "attached" });
    await page.waitForFunction(
      (select) => select.selectedOptions[0]?.textContent === "HD-1080p",
      await profile.elementHandle(),
      { timeout: 5000 },
    );
    await form.getByLabel("Name", { exact: true }).fill("Matrix retest");
    await form.getByLabel("Collection Id").fill(MATRIX_COLLECTION);
    await form.getByRole("button", { name: "Save list", exact: true }).click();
    await expectSuccess(page.getByRole("status").filter({ hasText: "Added list Matrix retest" }), page);
    const saved = await listNamed("Matrix retest");
    const { body: profiles } = await api("/qualityprofile");
    assert.equal(profiles.find((p) => p.id === saved.qualityProfileId)?.name, "HD-1080p");

    // Testing the saved list sends its id: its own name is no clash.
    await page.goto(`/lists/${saved.id}`);
    const edit = page.getByRole("form", { name: "Edit Matrix retest", exact: true });
    await edit.getByRole("button", { name: "Test", exact: true }).click();
    await expectSuccess(edit.getByRole("status").filter({ hasText: "Test passed" }), edit);
  });
  await removeList("Matrix retest");
});

test("a source whose name ends in List is not called a 'List list'", { timeout: 60_000 }, async (t) => {
  await waitForSource("TMDbListImport");
  await withPage(t, async (page) => {
    const form = await openNewListForm(page, "TMDb List", "New TMDb List");
    await form.getByRole("heading", { name: "New TMDb List", exact: true }).waitFor();
  });
});

test("a Trakt list's page forces a full sync: every page is read though the list did not change", {
  timeout: 180_000,
}, async (t) => {
  const name = "Edited on Trakt";
  await removeList(name);
  const { body: profiles } = await api("/qualityprofile");
  const { status, body: list } = await api("/importlist", {
    method: "POST",
    body: {
      name,
      implementation: "TraktListImport",
      fields: [
        { name: "username", value: "sim" },
        { name: "listname", value: "demo-edited" },
      ],
      qualityProfileId: profiles[0].id,
      rootFolderPath: "/movies",
      enableAuto: false,
    },
  });
  assert.equal(status, 201, JSON.stringify(list));
  assert.equal(list.syncSkipsUnchanged, true, "a Trakt list is asked whether it changed first");
  try {
    await withPage(t, async (page) => {
      await page.goto(`/lists/${list.id}`);
      await page.getByRole("heading", { name, level: 1 }).waitFor();
      const history = page.getByRole("table", { name: "Sync history", exact: true });
      /** Runs one sync by its button and returns the newest run's cells once the history shows it. */
      const syncBy = async (button, runs) => {
        await page.getByRole("button", { name: button, exact: true }).click();
        await history.getByRole("row").nth(runs).waitFor({ timeout: 90_000 });
        return history.getByRole("row").nth(1).getByRole("cell").allTextContents();
      };
      const first = await syncBy(`Sync ${name} now`, 1);
      assert.match(first[2], /Success/);
      const pages = Math.ceil(Number(first[3].replace(/\D/g, "")) / 250);
      assert.ok(pages >= 2, `the list takes ${pages} pages`);
      // Synced again as it is: the summary says nothing changed, one request.
      const plain = await syncBy(`Sync ${name} now`, 2);
      assert.match(plain[2], /unchanged/);
      assert.equal(plain[9], "1");
      // Forced: every page is read again (the summary plus each page).
      const forced = await syncBy(`Force a full sync of ${name}`, 3);
      assert.equal(forced[9], String(pages + 1));
      assert.match(
        await page.getByRole("status", { name: `Sync of ${name}`, exact: true }).textContent(),
        /Synced: found/,
      );
    });
  } finally {
    const { body: items } = await api(`/importlist/${list.id}/items?pageSize=1000`);
    const movieIds = (items.records ?? []).filter((i) => i.status === "imported" && i.movieId).map((i) => i.movieId);
    if (movieIds.length)
      await api("/movie/editor", {
        method: "DELETE",
        body: { movieIds, deleteFiles: false, addImportExclusion: false },
      });
    await removeList(name);
  }
});
