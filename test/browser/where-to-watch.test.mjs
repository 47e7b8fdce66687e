import assert from "node:assert/strict";
import { test } from "node:test";
import { api, withPage } from "./harness.mjs";

const OFFER_LABELS = { flatrate: "Stream", free: "Free", ads: "Free with ads", rent: "Rent", buy: "Buy" };

/** A simulator movie that streams with a subscription in `region` and is not in the library. */
async function streamingMovie(region) {
  const { body: trending } = await api(`/streaming/trending/movie/week?region=${region}&source=tmdb`);
  for (const item of trending.results) {
    if (item.inLibrary || item.tmdbId === 603) continue;
    const { body: availability } = await api(
      `/streaming/availability/${item.tmdbId}?region=${region}&title=${encodeURIComponent(item.title)}`,
    );
    if (availability.offers.flatrate.length > 0) return { item, availability };
  }
  assert.fail("no trending movie streams with a subscription");
}

test("the movie page says where to watch and that downloads are skipped on a subscribed service", {
  timeout: 60_000,
}, async (t) => {
  const { body: before } = await api("/config/streaming");
  const { id: _id, ...original } = before;
  const { item, availability } = await streamingMovie(before.region);
  const service = availability.offers.flatrate[0];
  const { body: profiles } = await api("/qualityprofile");
  const added = await api("/movie", {
    method: "POST",
    body: {
      tmdbId: item.tmdbId,
      qualityProfileId: profiles.find((p) => p.name === "HD-1080p").id,
      rootFolderPath: "/movies",
      monitored: true,
      minimumAvailability: "released",
      addOptions: { searchForMovie: false },
    },
  });
  assert.equal(added.status, 201);
  const movie = added.body;
  try {
    await api("/config/streaming", { method: "PUT", body: { subscribedProviderIds: [] } });
    await withPage(t, async (page) => {
      await page.goto(`/movie/${movie.id}`);
      const section = page.getByRole("region", { name: /^Where to watch/ });
      await section.getByRole("heading", { name: /^Where to watch in / }).waitFor();

      // Every offer the API lists is a chip linking to that provider for the title (its watchUrl).
      const offers = section.getByRole("list", { name: `Where to watch ${movie.title}`, exact: true });
      for (const [type, providers] of Object.entries(availability.offers)) {
        for (const p of providers) {
          const chip = offers.getByRole("link", { name: `${OFFER_LABELS[type]}: ${p.name}`, exact: true });
          assert.equal(await chip.getAttribute("href"), p.watchUrl);
        }
      }
      // No services chosen: nothing is skipped, and the page says where to choose them.
      await section.getByRole("link", { name: "Settings › Streaming", exact: true }).waitFor();
      assert.equal(await section.getByText(/downloads of .* are skipped/).count(), 0);
      const credits = section.getByRole("complementary", { name: "Data sources", exact: true });
      await credits.getByRole("img", { name: "TMDb logo", exact: true }).waitFor();
      await credits.getByRole("link", { name: "JustWatch", exact: true }).waitFor();
      if (availability.watchmode) {
        // Watchmode's own sources, or why there are none (no id map imported here: notMapped).
        await section.getByRole("heading", { name: "Watchmode sources", exact: true }).waitFor();
        if (availability.watchmode.message) await section.getByText(availability.watchmode.message).waitFor();
        for (const source of availability.watchmode.sources) await section.getByText(source.name).first().waitFor();
      }

      // Subscribed to the service: the page names it and says downloads are skipped, as the decision engine does.
      await api("/config/streaming", { method: "PUT", body: { subscribedProviderIds: [service.providerId] } });
      await page.reload();
      await section
        .getByRole("note")
        .filter({ hasText: `Streams on ${service.name} with a subscription` })
        .filter({ hasText: `downloads of ${movie.title} are skipped` })
        .waitFor();
      await offers.getByRole("link", { name: `Stream: ${service.name} (subscribed)`, exact: true }).waitFor();
      const release = `${movie.title.replace(/[^A-Za-z0-9]+/g, ".")}.${movie.year}.1080p.BluRay.x264-GROUP`;
      const { body: parsed } = await api(`/parse?title=${encodeURIComponent(release)}&movieId=${movie.id}`);
      assert.equal(parsed.decision.accepted, false);
      assert.ok(
        parsed.decision.rejections.some((r) => r.message.includes(service.name)),
        `the decision names ${service.name}: ${JSON.stringify(parsed.decision.rejections)}`,
      );
    });
  } finally {
    await api("/config/streaming", { method: "PUT", body: original });
    await api(`/movie/${movie.id}`, { method: "DELETE" });
  }
});
