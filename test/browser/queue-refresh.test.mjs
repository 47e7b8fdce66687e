import assert from "node:assert/strict";
import { test } from "node:test";
import { clearQueue, libraryMovie, removeNamed, simControl, simQbittorrent, simTorznab } from "./downloads.mjs";
import { api, withPage } from "./harness.mjs";

const EMPIRE = 1891;
const INDEXER = "Refresh Torznab";
const CLIENT = "Refresh qBittorrent";
const INSTANCE = "browser-queue-refresh";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function arrange() {
  const movie = await libraryMovie(EMPIRE);
  await clearQueue(movie.id);
  await simTorznab(INDEXER, "browser-refresh-key");
  await simQbittorrent(CLIENT, INSTANCE);
  // Two minutes per download: progress moves visibly within seconds.
  await simControl("/qbittorrent/__speed", { body: { secondsToComplete: 120, instance: INSTANCE } });
  const { body: releases } = await api(`/release?movieId=${movie.id}`);
  const release = releases.find((r) => r.downloadAllowed);
  const { status, body } = await api("/release", {
    method: "POST",
    body: { guid: release.guid, indexerId: release.indexerId, movieId: movie.id },
  });
  assert.equal(status, 200, JSON.stringify(body));
  return { movie, grabbed: body };
}

async function cleanUp(movie) {
  await clearQueue(movie.id);
  await simControl("/qbittorrent/__speed", { method: "DELETE" });
  await removeNamed("/downloadclient", CLIENT);
  await removeNamed("/indexer", INDEXER);
}

const isClientPoll = (request) =>
  request.method() === "POST" &&
  request.url().endsWith("/api/v3/command") &&
  request.postDataJSON()?.name === "RefreshMonitoredDownloads";

/** Counts the page's requests to poll the download clients. */
function countClientPolls(page) {
  const polls = { count: 0 };
  page.on("request", (request) => {
    if (isClientPoll(request)) polls.count++;
  });
  return polls;
}

test("the open queue polls the download clients by itself and on Refresh, and stops when hidden or left", {
  timeout: 120_000,
}, async (t) => {
  const { movie, grabbed } = await arrange();
  try {
    await withPage(t, async (page) => {
      const polls = countClientPolls(page);
      await page.goto("/activity/queue");
      const row = page
        .getByRole("table", { name: "Queue", exact: true })
        .getByRole("row")
        .filter({ hasText: grabbed.title });
      const progress = row.getByRole("progressbar", { name: `Progress of ${grabbed.title}`, exact: true });
      await progress.waitFor();
      // Nothing but the page asks the client: progress moves without the 5-minute cron.
      await page.waitForFunction((bar) => Number(bar.value) > 0, await progress.elementHandle(), { timeout: 30_000 });
      const first = Number(await progress.getAttribute("value"));
      await page.waitForFunction((args) => Number(args[0].value) > args[1], [await progress.elementHandle(), first], {
        timeout: 30_000,
      });
      assert.ok(polls.count >= 2, `the page polled the clients (${polls.count} times)`);

      const refresh = page.getByRole("button", { name: "Refresh", exact: true });
      await page.waitForFunction((button) => !button.disabled, await refresh.elementHandle());
      const before = polls.count;
      await Promise.all([page.waitForRequest(isClientPoll, { timeout: 2000 }), refresh.click()]);
      assert.equal(polls.count, before + 1, "Refresh polls the clients at once");

      // Hidden: no more polls.
      await page.evaluate(() => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
        document.dispatchEvent(new Event("visibilitychange"));
      });
      await sleep(1000);
      const hidden = polls.count;
      await sleep(12_000);
      assert.equal(polls.count, hidden, "no polls while the tab is hidden");
      const again = page.waitForRequest(isClientPoll, { timeout: 2000 });
      await page.evaluate(() => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
        document.dispatchEvent(new Event("visibilitychange"));
      });
      await again;
      assert.ok(polls.count > hidden, "visible again: polled at once");

      // Left: no more polls.
      await page
        .getByRole("navigation", { name: "Main", exact: true })
        .getByRole("link", { name: "Lists", exact: true })
        .click();
      await page.waitForURL("**/lists");
      await sleep(1000);
      const left = polls.count;
      await sleep(12_000);
      assert.equal(polls.count, left, "no polls once the queue is left");
    });
  } finally {
    await cleanUp(movie);
  }
});
