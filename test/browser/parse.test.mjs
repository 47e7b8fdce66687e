import assert from "node:assert/strict";
import { test } from "node:test";
import { api, expectSuccess, withPage } from "./harness.mjs";

/** The value the page shows for a term of a facts list. */
const fact = (region, term) =>
  region
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");

test("a release name is parsed into its quality, group and matching custom formats", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    const name = "The.Hidden.Orchard.2014.1080p.BluRay.REPACK.x265.10bit.DTS-HD.MA.5.1-FRAMESTOR";
    const { body: expected } = await api(`/parse?title=${encodeURIComponent(name)}`);

    await page.goto("/");
    await page
      .getByRole("navigation", { name: "Main", exact: true })
      .getByRole("link", { name: "Parse", exact: true })
      .click();
    await page.waitForURL("**/parse");
    await page.getByLabel("Release name").fill(name);
    await page.getByRole("button", { name: "Parse", exact: true }).click();

    const parsed = page.getByRole("region", { name: "Parsed", exact: true });
    await expectSuccess(parsed.getByRole("term").first(), page);
    assert.equal(await fact(parsed, "Title").textContent(), "The Hidden Orchard");
    assert.equal(await fact(parsed, "Year").textContent(), "2014");
    assert.equal(await fact(parsed, "Quality").textContent(), "Bluray-1080p v2 repack");
    assert.equal(await fact(parsed, "Release group").textContent(), "FRAMESTOR");
    assert.equal(await fact(parsed, "Video codec").textContent(), expected.parsedMovieInfo.videoCodec || "—");

    const formats = page.getByRole("region", { name: "Custom formats", exact: true });
    const matched = formats.getByRole("list", { name: "Matched custom formats", exact: true });
    await matched.getByText("x265", { exact: true }).waitFor();
    assert.deepEqual(
      (await matched.getByRole("listitem").allTextContents()).sort(),
      expected.customFormats.map((f) => f.name).sort(),
    );
    await page
      .getByRole("region", { name: "Decision", exact: true })
      .getByText(/Choose a movie/)
      .waitFor();
  });
});

test("a release is judged for a movie chosen from the library, with every rejection's message", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    const { body: profiles } = await api("/qualityprofile");
    const hd = profiles.find((p) => p.name === "HD-1080p");
    const {
      body: {
        records: [movie],
      },
    } = await api(`/movie/paged?qualityProfileId=${hd.id}&pageSize=1&sortKey=title`);
    // HD-1080p does not allow CAM, so the release is rejected for its quality at least.
    const name = `${movie.title.replaceAll(" ", ".")}.${movie.year}.CAM.x265-NOGRP`;
    const { body: expected } = await api(`/parse?title=${encodeURIComponent(name)}&movieId=${movie.id}&seeders=3`);
    assert.ok(expected.decision, "the API judges the release for the movie");

    await page.goto("/parse");
    await page.getByLabel("Release name").fill(name);
    await page.getByLabel("Judge for movie (optional)").fill(movie.title);
    await page
      .getByRole("list", { name: "Matching movies", exact: true })
      .getByRole("button", { name: `${movie.title} (${movie.year})`, exact: true })
      .click();
    await page.getByText(`${movie.title} (${movie.year})`, { exact: true }).waitFor();
    await page.getByText("Release details (optional)").click();
    await page.getByLabel("Seeders").fill("3");
    await page.getByRole("button", { name: "Parse", exact: true }).click();

    const decision = page.getByRole("region", { name: "Decision", exact: true });
    await expectSuccess(
      decision.getByText(expected.decision.accepted ? "Accepted" : "Rejected", { exact: true }),
      page,
    );
    const shown = await decision
      .getByRole("list", { name: "Rejections", exact: true })
      .getByRole("listitem")
      .allTextContents();
    assert.equal(shown.length, expected.decision.rejections.length);
    for (const rejection of expected.decision.rejections) {
      assert.ok(
        shown.some((text) => text.includes(rejection.message)),
        `the page shows “${rejection.message}”`,
      );
    }
    assert.ok(
      expected.decision.rejections.some((r) => r.specification === "qualityAllowedByProfile"),
      "a CAM release is rejected for its quality",
    );
    await page
      .getByRole("region", { name: "Movie", exact: true })
      .getByRole("link", { name: `${movie.title} (${movie.year})`, exact: true })
      .waitFor();
    assert.match(
      await page.getByRole("region", { name: "Custom formats", exact: true }).textContent(),
      new RegExp(`Custom format score: ${expected.customFormatScore}`),
    );
  });
});
