import assert from "node:assert/strict";
import { test } from "node:test";
import { api, expectSuccess, withPage } from "./harness.mjs";

/** A seeded movie with a unique title, found by its number (titles end in their id). */
async function seededMovie(id) {
  const { status, body } = await api(`/movie/${id}`);
  assert.equal(status, 200);
  return body;
}

async function openFromLibrary(page, movie) {
  await page.goto("/");
  await page.getByLabel("Search").fill(movie.title);
  const link = page
    .getByRole("table", { name: "Movies", exact: true })
    .getByRole("link", { name: movie.title, exact: true });
  await link.click();
  await page.waitForURL(`**/movie/${movie.id}`);
  await page.getByRole("heading", { name: movie.title }).waitFor();
}

test("a movie opened from the library shows its metadata and saves edits", { timeout: 90_000 }, async (t) => {
  await withPage(t, async (page) => {
    const movie = await seededMovie(42);
    const { body: tagList } = await api("/tag");
    const kids = tagList.find((tag) => tag.label === "kids");
    await openFromLibrary(page, movie);

    const details = page.getByRole("region", { name: "Details", exact: true });
    await details.getByText(movie.genres[0]).first().waitFor();
    assert.match(await details.textContent(), new RegExp(`Runtime.*${Math.floor(movie.runtime / 60)}h`));
    assert.match(await details.textContent(), /Generated Pictures/);
    await page.getByRole("img", { name: `No poster for ${movie.title}`, exact: true }).waitFor();

    const monitored = page.getByLabel("Monitored", { exact: true });
    assert.equal(await monitored.isChecked(), movie.monitored);
    await monitored.setChecked(!movie.monitored);
    await page.getByLabel("kids").setChecked(true);
    await page.getByLabel("Minimum availability").selectOption({ label: "In cinemas" });
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expectSuccess(
      page.getByRole("status").filter({ hasText: "Saved" }),
      page.getByRole("region", { name: "Edit", exact: true }),
    );

    const after = await seededMovie(42);
    assert.equal(after.monitored, !movie.monitored);
    assert.ok(after.tags.includes(kids.id));
    assert.equal(after.minimumAvailability, "inCinemas");

    await page.reload();
    await page.getByRole("heading", { name: movie.title }).waitFor();
    assert.equal(await page.getByLabel("Monitored", { exact: true }).isChecked(), !movie.monitored);
    assert.ok(await page.getByLabel("kids").isChecked());
  });
});

test("deleting a movie with an import exclusion removes it and lists the exclusion", { timeout: 90_000 }, async (t) => {
  await withPage(t, async (page) => {
    const movie = await seededMovie(77);
    await openFromLibrary(page, movie);
    await page.getByRole("button", { name: "Delete movie", exact: true }).click();
    const confirm = page.getByRole("group", { name: "Confirm delete", exact: true });
    await confirm.getByLabel(/Add import exclusion/).check();
    await confirm.getByRole("button", { name: "Yes, delete", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");

    assert.equal((await api(`/movie/${movie.id}`)).status, 404);
    const { body: exclusions } = await api("/exclusions");
    assert.ok(
      exclusions.some((x) => x.tmdbId === movie.tmdbId),
      "the exclusion was recorded",
    );

    // The library no longer lists it (the list was refetched, not served from memory).
    await page.getByLabel("Search").fill(movie.title);
    await page.getByRole("status").filter({ hasText: "0 movies" }).waitFor();

    await page.getByRole("link", { name: "Settings", exact: true }).click();
    const section = page.getByRole("region", { name: "Import exclusions", exact: true });
    const excluded = section.getByRole("cell", { name: movie.title, exact: true });
    await excluded.waitFor();
    await excluded.scrollIntoViewIfNeeded();
  });
});
