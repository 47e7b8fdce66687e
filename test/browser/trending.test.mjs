import assert from "node:assert/strict";
import { test } from "node:test";
import { api, environment, expectSuccess, withPage } from "./harness.mjs";

const OFFER_LABELS = { flatrate: "Stream", free: "Free", ads: "Free with ads", rent: "Rent", buy: "Buy" };
const OFFER_TYPES = Object.keys(OFFER_LABELS);

/** The trending list and its cards (the list's own items, not the offer lists inside them). */
const cards = (page) => page.getByRole("list", { name: "Trending titles", exact: true }).locator(":scope > li");
const card = (page, title) =>
  page.getByRole("list", { name: "Trending titles", exact: true }).getByRole("listitem", { name: title, exact: true });

async function streamingRegion() {
  const { status, body } = await api("/config/streaming");
  assert.equal(status, 200);
  return body.region;
}

async function trending(mediaType, window, region) {
  const { status, body } = await api(`/streaming/trending/${mediaType}/${window}?region=${region}`);
  assert.equal(status, 200, `GET trending ${mediaType}/${window}`);
  assert.ok(body.results.length > 5, "the simulator trends enough titles");
  return body;
}

/** A title's offers as the page shows them: the trending response's, else the availability endpoint's. */
async function availabilityOf(item, mediaType, region) {
  if (item.availability) return item.availability;
  const query = `region=${region}&type=${mediaType}&title=${encodeURIComponent(item.title)}`;
  const { status, body } = await api(`/streaming/availability/${item.tmdbId}?${query}`);
  assert.equal(status, 200);
  return body;
}

const rankText = (item) => `TMDb #${item.ranks?.tmdb ?? item.rank}`;

test("trending credits its sources and says when one failed", { timeout: 60_000 }, async (t) => {
  const { simUrl } = await environment();
  await withPage(t, async (page) => {
    const region = await streamingRegion();
    const day = await trending("movie", "day", region);
    await page.goto("/trending");
    await card(page, day.results[0].title).waitFor();
    const credits = page.getByRole("complementary", { name: "Data sources", exact: true });
    await credits.getByRole("img", { name: "TMDb logo", exact: true }).waitFor();
    for (const a of day.attribution) {
      assert.equal(await credits.getByRole("link", { name: a.name, exact: true }).getAttribute("href"), a.url);
      assert.ok((await credits.textContent()).includes(a.notice));
    }
    assert.match(await credits.textContent(), /Demo data/);

    // Trakt's trending shows fail, and none are cached yet (this test runs before any other asks for
    // TV): the page says Trakt is missing while TMDb's list still shows.
    const res = await fetch(`${simUrl}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ service: "trakt", kind: "status", status: 500, match: "/shows/trending" }),
    });
    assert.ok(res.ok, "the simulator takes the fault");
    const { id } = await res.json();
    try {
      await page.getByRole("button", { name: "TV shows", exact: true }).click();
      await page.getByRole("button", { name: "This week", exact: true }).click();
      await page.getByRole("combobox", { name: "Region", exact: true }).selectOption("FR");
      await page
        .getByRole("status")
        .filter({ hasText: /Trakt could not be reached/ })
        .waitFor();
      const { body } = await api(`/streaming/trending/tv/week?region=FR`);
      assert.equal(body.sources.trakt.ok, false);
      assert.ok(body.results.length > 0, "TMDb alone still ranks the titles");
      await card(page, body.results[0].title).waitFor();
    } finally {
      await fetch(`${simUrl}/__sim/faults/${id}`, { method: "DELETE" });
    }
  });
});

test("trending shows ranked titles with provider chips that deep-link, and follows the toggles", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    const region = await streamingRegion();
    const day = await trending("movie", "day", region);
    await page.goto("/");
    await page.getByRole("link", { name: "Trending", exact: true }).click();
    await page.waitForURL("**/trending");

    const first = day.results[0];
    await card(page, first.title).waitFor();
    assert.equal(await cards(page).count(), day.results.length, "one card per trending title");
    const firstText = await card(page, first.title).textContent();
    if (first.ranks?.tmdb !== null) assert.ok(firstText.includes(rankText(first)), `the card shows ${rankText(first)}`);
    if (first.ranks?.trakt) assert.ok(firstText.includes(`Trakt #${first.ranks.trakt}`), "and its Trakt rank");
    if (typeof first.score === "number") assert.ok(firstText.includes(`Score ${first.score.toFixed(2)}`));
    assert.equal(
      await page.getByRole("combobox", { name: "Region", exact: true }).inputValue(),
      region,
      "the region comes from the streaming settings",
    );

    // A title with offers: each chip names the provider and opens that provider for the title.
    let checked = 0;
    for (const item of day.results.slice(0, 8)) {
      const availability = await availabilityOf(item, "movie", region);
      const type = OFFER_TYPES.find((kind) => availability.offers[kind].length > 0);
      if (!type) continue;
      const provider = availability.offers[type][0];
      const chip = card(page, item.title).getByRole("link", {
        name: `${OFFER_LABELS[type]}: ${provider.name}`,
        exact: true,
      });
      await chip.waitFor();
      assert.equal(await chip.getAttribute("href"), provider.watchUrl, "the chip deep-links");
      assert.equal(await chip.getAttribute("target"), "_blank");
      const logo = chip.locator("img.provider-logo");
      await logo.waitFor();
      await page.waitForFunction((img) => img.complete, await logo.elementHandle());
      assert.ok(await logo.evaluate((img) => img.naturalWidth > 0), "the provider logo loads");
      checked++;
      if (checked === 2) break;
    }
    assert.ok(checked > 0, "some trending titles have offers");

    // The window toggle asks for this week's list.
    const week = await trending("movie", "week", region);
    const weekRequest = page.waitForRequest((r) => r.url().includes("/api/v3/streaming/trending/movie/week"));
    await page.getByRole("button", { name: "This week", exact: true }).click();
    assert.match((await weekRequest).url(), new RegExp(`region=${region}`));
    await card(page, week.results[0].title).waitFor();
    assert.equal(
      await page.getByRole("button", { name: "This week", exact: true }).getAttribute("aria-pressed"),
      "true",
    );

    // TV shows: another list, and no add-to-library (the library holds movies).
    const tv = await trending("tv", "week", region);
    const tvRequest = page.waitForRequest((r) => r.url().includes("/api/v3/streaming/trending/tv/week"));
    await page.getByRole("button", { name: "TV shows", exact: true }).click();
    await tvRequest;
    await card(page, tv.results[0].title).waitFor();
    assert.equal(await cards(page).count(), tv.results.length);
    assert.equal(await page.getByRole("button", { name: /to library$/ }).count(), 0, "no add button for TV");

    // One source's ranking alone.
    const { body: traktOnly } = await api(`/streaming/trending/tv/week?region=${region}&source=trakt`);
    const sourceRequest = page.waitForRequest((r) => r.url().includes("source=trakt"));
    await page.getByRole("combobox", { name: "Ranking", exact: true }).selectOption({ label: "Trakt only" });
    await sourceRequest;
    await card(page, traktOnly.results[0].title).waitFor();
    assert.ok((await card(page, traktOnly.results[0].title).textContent()).includes("Trakt #1"));
    await page.getByRole("combobox", { name: "Ranking", exact: true }).selectOption({ label: "TMDb + Trakt" });

    // Another region: the list and the chips are that region's.
    await page.getByRole("button", { name: "Movies", exact: true }).click();
    await page.getByRole("button", { name: "Today", exact: true }).click();
    await card(page, first.title).waitFor();
    const other = region === "GB" ? "DE" : "GB";
    const regionRequest = page.waitForRequest(
      (r) => r.url().includes("/api/v3/streaming/trending/movie/day") && r.url().includes(`region=${other}`),
    );
    await page.getByRole("combobox", { name: "Region", exact: true }).selectOption(other);
    await regionRequest;
    const there = await trending("movie", "day", other);
    for (const item of there.results.slice(0, 6)) {
      const availability = await availabilityOf(item, "movie", other);
      const type = OFFER_TYPES.find((kind) => availability.offers[kind].length > 0);
      if (!type) continue;
      const provider = availability.offers[type][0];
      await card(page, item.title)
        .getByRole("link", { name: `${OFFER_LABELS[type]}: ${provider.name}`, exact: true })
        .waitFor();
      break;
    }
  });
});

test("the service filter keeps only titles on the chosen services", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    const region = await streamingRegion();
    const day = await trending("movie", "day", region);
    const { body: catalogue } = await api(`/streaming/providers?region=${region}&type=movie`);
    const netflix = catalogue.providers.find((p) => p.name === "Netflix");
    assert.ok(netflix, "Netflix is in the region's catalogue");
    const onNetflix = [];
    for (const item of day.results) {
      const availability = await availabilityOf(item, "movie", region);
      if (OFFER_TYPES.some((type) => availability.offers[type].some((p) => p.providerId === netflix.providerId)))
        onNetflix.push(item.title);
    }
    assert.ok(onNetflix.length > 0 && onNetflix.length < day.results.length, "Netflix has some but not all titles");

    await page.goto("/trending");
    await card(page, day.results[0].title).waitFor();
    await page.getByText("Services: all").click();
    const filter = page.getByRole("group", { name: "Show only titles on these services", exact: true });
    await filter.getByLabel("Netflix", { exact: true }).check();
    await page
      .getByRole("status")
      .filter({ hasText: `${onNetflix.length} of ${day.results.length} titles on Netflix` })
      .waitFor();
    assert.equal(await cards(page).count(), onNetflix.length);
    for (const title of onNetflix) {
      await card(page, title)
        .getByRole("link", { name: /: Netflix/ })
        .first()
        .waitFor();
    }

    await filter.getByRole("button", { name: "All services", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${day.results.length} titles` })
      .waitFor();
    assert.equal(await cards(page).count(), day.results.length);
  });
});

test("a trending movie is added to the library with the Add movie defaults", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    const region = await streamingRegion();
    const day = await trending("movie", "day", region);
    // The Matrix (603) is the add-movie test's; leave it alone.
    const pick = day.results.find((item) => !item.inLibrary && item.tmdbId !== 603);
    assert.ok(pick, "a trending movie not in the library");
    const { body: profiles } = await api("/qualityprofile");
    const hd = profiles.find((p) => p.name === "HD-1080p");

    await page.goto("/trending");
    const target = card(page, pick.title);
    await target.getByRole("button", { name: `Add ${pick.title} to library`, exact: true }).click();
    await expectSuccess(target.getByText("In library"), target);

    const { body: added } = await api(`/movie?tmdbId=${pick.tmdbId}`);
    assert.equal(added.length, 1);
    try {
      assert.equal(added[0].qualityProfileId, hd.id, "the HD-1080p profile, as Add movie defaults to");
      assert.equal(added[0].rootFolderPath, "/movies");
      assert.equal(added[0].monitored, true);
      await target.getByRole("link", { name: "Open", exact: true }).click();
      await page.waitForURL(`**/movie/${added[0].id}`);
      await page.getByRole("heading", { name: pick.title }).first().waitFor();

      // Back on Trending the server says it is in the library.
      await page.goto("/trending");
      await card(page, pick.title).getByText("In library").waitFor();
      assert.equal(
        await card(page, pick.title)
          .getByRole("button", { name: /to library$/ })
          .count(),
        0,
      );
    } finally {
      await api(`/movie/${added[0].id}`, { method: "DELETE" });
    }
  });
});
