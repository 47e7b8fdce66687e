import assert from "node:assert/strict";
import { test } from "node:test";
import { api, expectSuccess, withPage } from "./harness.mjs";

test("a movie found through the TMDb lookup is added with a profile, folder and tag, then shows in the library", {
  timeout: 120_000,
}, async (t) => {
  await withPage(t, async (page) => {
    const { body: profiles } = await api("/qualityprofile");
    const profile = profiles.find((p) => p.name === "HD-1080p");
    const { body: tagList } = await api("/tag");
    const favourites = tagList.find((tag) => tag.label === "favourites");
    assert.ok(profile && favourites, "the seed has the HD-1080p profile and the favourites tag");

    await page.goto("/");
    await page.getByRole("link", { name: "Add movie", exact: true }).click();
    await page.getByLabel("Search for a movie").fill("matrix");
    await page.getByRole("button", { name: "Search", exact: true }).click();

    const results = page.getByRole("list", { name: "Search results", exact: true });
    const matrix = results
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "The Matrix (1999)", exact: true }) });
    await matrix.waitFor();
    assert.ok((await results.getByRole("listitem").count()) > 1, "the lookup returns several Matrix films");
    const poster = matrix.getByRole("img", { name: "Poster of The Matrix", exact: true });
    await poster.waitFor();
    assert.ok(await poster.evaluate((img) => img.complete && img.naturalWidth > 0), "the simulator's poster loads");

    await matrix.getByRole("button", { name: "Add…", exact: true }).click();
    const form = page.getByRole("form", { name: "Add The Matrix", exact: true });
    await form.getByLabel("Quality profile").selectOption({ label: "HD-1080p" });
    await form.getByLabel("Root folder").selectOption("/movies");
    await form.getByLabel("Minimum availability").selectOption({ label: "Released" });
    assert.ok(await form.getByLabel("Monitored").isChecked(), "monitored by default");
    await form.getByLabel("favourites").check();
    await form.getByRole("button", { name: "Add movie", exact: true }).click();
    await expectSuccess(matrix.getByText("Already in library"), matrix);

    const { body: added } = await api("/movie?tmdbId=603");
    assert.equal(added.length, 1);
    assert.equal(added[0].title, "The Matrix");
    assert.equal(added[0].qualityProfileId, profile.id);
    assert.equal(added[0].rootFolderPath, "/movies");
    assert.equal(added[0].monitored, true);
    assert.deepEqual(added[0].tags, [favourites.id]);

    // A second lookup knows it is in the library.
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await matrix.getByText("Already in library").waitFor();
    assert.equal(await matrix.getByRole("button", { name: "Add…", exact: true }).count(), 0);

    await page.getByRole("link", { name: "Library", exact: true }).click();
    await page.getByLabel("Search").fill("matrix");
    await page
      .getByRole("status")
      .filter({ hasText: /^1 movie$/ })
      .waitFor();
    await page
      .getByRole("table", { name: "Movies", exact: true })
      .getByRole("link", { name: "The Matrix", exact: true })
      .click();
    await page.waitForURL(`**/movie/${added[0].id}`);
    await page.getByRole("heading", { name: "The Matrix (1999)", exact: true }).waitFor();
    await page.getByText("favourites", { exact: true }).first().waitFor();
  });
});
