import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { test } from "node:test";
import { api, withPage } from "./harness.mjs";

const ARTIFACTS = new URL("./artifacts/", import.meta.url);
const card = (page, title) =>
  page.getByRole("list", { name: "Trending titles", exact: true }).getByRole("listitem", { name: title, exact: true });

/** The first enriched trending title offering Netflix by subscription in the region, and that offer. */
async function titleOnNetflix(region) {
  const { status, body } = await api(`/streaming/trending/movie/day?region=${region}`);
  assert.equal(status, 200);
  for (const item of body.results) {
    const netflix = item.availability?.offers.flatrate.find((p) => p.providerId === 8);
    if (netflix) return { item, netflix, body };
  }
  assert.fail("a trending title streams on Netflix");
}

/** Asserts that a source's logo is drawn (an inline image with a size), beside its credit. */
async function assertLogo(credits, name) {
  const logo = credits.getByRole("img", { name: `${name} logo`, exact: true });
  await logo.waitFor();
  const box = await logo.boundingBox();
  assert.ok(box && box.width > 20 && box.height > 8, `${name}'s logo is drawn`);
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width} px a trending chip opens the provider's search for the title, credited with TMDb's and JustWatch's logos`, {
    timeout: 60_000,
  }, async (t) => {
    await withPage(
      t,
      async (page) => {
        const { body: settings } = await api("/config/streaming");
        const { item, netflix, body } = await titleOnNetflix(settings.region);
        // Netflix's search for the title; Watchmode's deep link instead once the movie page has asked Watchmode.
        const expected = netflix.watchUrl;
        if (netflix.watchUrlSource === "watchmode") assert.match(expected, /^https:\/\/www\.netflix\.com\/title\//);
        else assert.equal(expected, `https://www.netflix.com/search?q=${encodeURIComponent(item.title)}`);
        await page.goto("/trending");
        const chip = card(page, item.title).getByRole("link", { name: /^Stream: Netflix/ });
        await chip.waitFor();
        assert.equal(await chip.getAttribute("href"), expected);
        assert.equal(await chip.getAttribute("target"), "_blank");
        // Every enriched chip opens its provider (search or deep link) or, for an unknown one, TMDb's page.
        for (const provider of Object.values(item.availability.offers).flat()) {
          const link = card(page, item.title).locator(`a.offer-chip[href="${provider.watchUrl}"]`);
          assert.ok((await link.count()) > 0, `${provider.name}'s chip links to ${provider.watchUrl}`);
        }

        const credits = page.getByRole("complementary", { name: "Data sources", exact: true });
        await credits.scrollIntoViewIfNeeded();
        await assertLogo(credits, "TMDb");
        await assertLogo(credits, "JustWatch");
        const text = await credits.textContent();
        assert.match(text, /This product uses the TMDB API but is not endorsed or certified by TMDB/);
        assert.ok(body.attribution.some((a) => a.name === "JustWatch"));
        assert.equal(
          await credits.getByRole("link", { name: "JustWatch", exact: true }).getAttribute("href"),
          "https://www.justwatch.com",
        );

        await mkdir(ARTIFACTS, { recursive: true });
        await card(page, item.title).scrollIntoViewIfNeeded();
        await page.screenshot({ path: new URL(`trending-links-${viewport.width}.png`, ARTIFACTS).pathname });
        await credits.scrollIntoViewIfNeeded();
        await page.screenshot({
          path: new URL(`trending-attribution-${viewport.width}.png`, ARTIFACTS).pathname,
        });
      },
      { viewport },
    );
  });
}
