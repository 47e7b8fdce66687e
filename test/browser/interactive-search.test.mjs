import assert from "node:assert/strict";
import { test } from "node:test";
import {
  clearBlocklist,
  clearQueue,
  libraryMovie,
  removeNamed,
  simControl,
  simQbittorrent,
  simTorznab,
} from "./downloads.mjs";
import { api, expectSuccess, withPage } from "./harness.mjs";

const INCEPTION = 27205;
const INDEXER = "Search Torznab";
const CLIENT = "Search qBittorrent";
/** This file's own qBittorrent on the simulator. */
const INSTANCE = "browser-search";

test("interactive search lists every release in the server's order with its decision and rejections, and grabs one only once", {
  timeout: 90_000,
}, async (t) => {
  const movie = await libraryMovie(INCEPTION);
  await clearQueue(movie.id);
  await clearBlocklist(movie.id);
  await simTorznab(INDEXER, "browser-search-key");
  await simQbittorrent(CLIENT, INSTANCE);
  // Slow enough that the grab is still downloading when the test looks at it.
  await simControl("/qbittorrent/__speed", { body: { secondsToComplete: 3600, instance: INSTANCE } });
  try {
    await withPage(t, async (page) => {
      await page.goto(`/movie/${movie.id}`);
      await page.getByRole("heading", { name: /Inception/, level: 1 }).waitFor();
      const search = page.getByRole("region", { name: "Search", exact: true });
      await search.getByRole("button", { name: "Search indexers", exact: true }).click();
      const summary = search.getByRole("status").filter({ hasText: /found/ });
      await expectSuccess(summary, search);

      // The page shows what the API answers, in the same (ranked) order.
      const { status, body: releases } = await api(`/release?movieId=${movie.id}`);
      assert.equal(status, 200);
      assert.ok(releases.length > 5, "the simulator's indexer has several releases of Inception");
      const approved = releases.filter((r) => r.approved);
      const rejected = releases.filter((r) => !r.approved);
      assert.ok(approved.length > 0 && rejected.length > 0, "some releases pass the HD-1080p profile, some do not");
      assert.equal(await summary.textContent(), `${releases.length} releases found, ${approved.length} approved`);
      const table = search.getByRole("table", { name: "Releases", exact: true });
      const rows = table.locator("tbody tr");
      // A screenful is drawn first and the rest in the next frames.
      await page.waitForFunction(
        (count) => document.querySelectorAll("table[aria-label='Releases'] tbody tr").length === count,
        releases.length,
      );
      const shownTitles = await table.locator("tbody tr td.release-title > span:first-child").allTextContents();
      assert.deepEqual(
        shownTitles,
        releases.map((r) => r.title),
        "the releases are in the server's order",
      );
      assert.deepEqual(
        releases.slice(0, approved.length).map((r) => r.approved),
        approved.map(() => true),
        "approved releases come first",
      );

      // A row reads as the release: quality, indexer, peers, score, decision.
      const best = approved[0];
      const bestRow = rows.nth(0);
      const cells = await bestRow.getByRole("cell").allTextContents();
      assert.equal(cells[1], best.quality.quality.name);
      assert.equal(cells[4], `${best.seeders} / ${best.leechers}`);
      assert.equal(cells[5], INDEXER);
      assert.equal(Number(cells[6]), best.customFormatScore);
      assert.equal(cells[7], "Approved");

      // Rejected releases say every reason.
      const notWanted = rejected.find((r) =>
        r.rejectionDetails.some((x) => /is not wanted in profile/.test(x.message)),
      );
      assert.ok(notWanted, "a quality outside the profile is rejected");
      // Titles repeat across indexers' uploads: rows are found by their place in the ranking.
      const notWantedRow = rows.nth(releases.indexOf(notWanted));
      const reasons = notWantedRow.getByRole("list", { name: `Why ${notWanted.title} was rejected`, exact: true });
      assert.deepEqual(
        await reasons.getByRole("listitem").allTextContents(),
        notWanted.rejectionDetails.map((r) => r.message),
      );
      assert.match(await notWantedRow.getByRole("cell").nth(7).textContent(), /^Rejected/);

      // Grab the best: the button gives way to the result, so it cannot be sent twice.
      await bestRow.getByRole("button", { name: `Grab ${best.title}`, exact: true }).click();
      const grabbed = bestRow.getByRole("status").filter({ hasText: "Grabbed" });
      await expectSuccess(grabbed, bestRow);
      const queueId = Number((await grabbed.textContent()).match(/queue item (\d+)/)[1]);
      assert.equal(await bestRow.getByRole("button", { name: `Grab ${best.title}`, exact: true }).count(), 0);
      const { body: queue } = await api(`/queue?movieId=${movie.id}`);
      assert.deepEqual(
        queue.records.map((q) => [q.id, q.title, q.downloadClient]),
        [[queueId, best.title, CLIENT]],
        "exactly one queue item, on this file's client",
      );
      const onClient = await simControl(`/qbittorrent/__downloads?instance=${INSTANCE}`, { method: "GET" });
      assert.equal(JSON.stringify(onClient).includes(best.title), true, "qBittorrent has the torrent");

      // Searched again, the queued release is rejected for being in the queue; grabbing it anyway is refused.
      await search.getByRole("button", { name: "Search again", exact: true }).click();
      await summary.waitFor();
      const { body: ranked } = await api(`/release?movieId=${movie.id}`);
      const againRow = rows.nth(ranked.findIndex((r) => r.guid === best.guid));
      const again = againRow.getByRole("list", { name: `Why ${best.title} was rejected`, exact: true });
      await again
        .getByText(/in queue/i)
        .first()
        .waitFor();
      await againRow.getByRole("button", { name: `Grab ${best.title}`, exact: true }).click();
      await againRow.getByRole("alert").waitFor();
      assert.match(await againRow.getByRole("alert").textContent(), /already in the queue \(queue item \d+\)/);
      const { body: after } = await api(`/queue?movieId=${movie.id}`);
      assert.equal(after.totalRecords, 1, "nothing was grabbed twice");

      // Activity › History shows the grab, once, for this movie, as /history records it.
      const { body: history } = await api(`/history?movieIds=${movie.id}&eventType=grabbed`);
      assert.deepEqual(
        history.records.map((h) => h.sourceTitle),
        [best.title],
      );
      await page.goto("/activity/history");
      const events = page.getByRole("table", { name: "History events", exact: true });
      const grabRow = events.getByRole("row").filter({ hasText: best.title });
      await grabRow.first().waitFor();
      assert.equal(await grabRow.count(), 1);
      const grabCells = await grabRow.getByRole("cell").allTextContents();
      assert.equal(grabCells[1], "Grabbed");
      assert.equal(grabCells[2], `${movie.title} (${movie.year})`);
      assert.match(grabCells[6], new RegExp(`Indexer: ${INDEXER}`));
      // The client once, by its name (not "Client: QBittorrent · Client: Search qBittorrent").
      assert.equal(grabCells[6].match(/Client:/g)?.length ?? 0, 1, grabCells[6]);
      assert.match(grabCells[6], new RegExp(`Client: ${CLIENT}`));
    });
  } finally {
    await clearQueue(movie.id);
    await removeNamed("/downloadclient", CLIENT);
    await removeNamed("/indexer", INDEXER);
  }
});
