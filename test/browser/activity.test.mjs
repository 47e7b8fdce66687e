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

const INTERSTELLAR = 157336;
const INDEXER = "Activity Torznab";
const CLIENT = "Activity qBittorrent";
/** This file's own qBittorrent on the simulator. */
const INSTANCE = "browser-activity";

/** Grabs the movie's `count` best-ranked releases through the API (as interactive grabs). */
async function grabReleases(movieId, count) {
  const { body: releases } = await api(`/release?movieId=${movieId}`);
  const grabbed = [];
  for (const release of releases.filter((r) => r.downloadAllowed).slice(0, count)) {
    const { status, body } = await api("/release", {
      method: "POST",
      body: { guid: release.guid, indexerId: release.indexerId, movieId },
    });
    assert.equal(status, 200, JSON.stringify(body));
    grabbed.push(body);
  }
  assert.equal(grabbed.length, count);
  return grabbed;
}

async function runCommand(name) {
  const { status, body } = await api("/command", { method: "POST", body: { name } });
  assert.equal(status, 201, JSON.stringify(body));
  for (let i = 0; i < 60; i++) {
    const { body: command } = await api(`/command/${body.id}`);
    if (command.status === "completed") return command;
    assert.notEqual(command.status, "failed", command.message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`${name} did not finish`);
}

/** Starts from this file's indexer and client, the movie, an empty queue and blocklist. */
async function arrange() {
  const movie = await libraryMovie(INTERSTELLAR);
  await clearQueue(movie.id);
  await clearBlocklist(movie.id);
  await simTorznab(INDEXER, "browser-activity-key");
  await simQbittorrent(CLIENT, INSTANCE);
  await simControl(`/qbittorrent/__faults?instance=${INSTANCE}`, { method: "DELETE" });
  return movie;
}

async function cleanUp(movie) {
  await clearQueue(movie.id);
  await clearBlocklist(movie.id);
  await simControl(`/qbittorrent/__faults?instance=${INSTANCE}`, { method: "DELETE" });
  await removeNamed("/downloadclient", CLIENT);
  await removeNamed("/indexer", INDEXER);
}

test("the queue shows each download's progress and refreshes itself; removing with blocklist fills the Blocklist, where releases are unblocked one at a time and together", {
  timeout: 90_000,
}, async (t) => {
  const movie = await arrange();
  // Ten minutes per download: the items stay in the queue, their progress visibly moving.
  await simControl("/qbittorrent/__speed", { body: { secondsToComplete: 600, instance: INSTANCE } });
  try {
    const grabbed = await grabReleases(movie.id, 3);
    await withPage(t, async (page) => {
      await page.goto("/");
      await page
        .getByRole("navigation", { name: "Main", exact: true })
        .getByRole("link", { name: "Activity", exact: true })
        .click();
      await page.waitForURL("**/activity");
      await page.getByRole("heading", { name: "Queue", level: 1 }).waitFor();
      await page.getByText("Releases and downloads come from the built-in simulator").waitFor();
      const queue = page.getByRole("table", { name: "Queue", exact: true });
      const rowOf = (title) => queue.getByRole("row").filter({ hasText: title });
      for (const g of grabbed) await rowOf(g.title).waitFor();
      assert.equal(await queue.locator("tbody tr").count(), 3);
      const first = rowOf(grabbed[0].title);
      const cells = await first.getByRole("cell").allTextContents();
      assert.equal(cells[0], "Interstellar (2014)");
      assert.equal(cells[2], grabbed[0].quality.quality.name);
      assert.match(cells[3], /^Downloading/);
      assert.doesNotMatch(cells[3], /Downloading\s*downloading/i, "the client's word is not the state again");
      assert.match(cells[7], new RegExp(CLIENT));

      // The client is polled (the cron's command); the open page picks the progress up by itself.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await runCommand("RefreshMonitoredDownloads");
      const progress = first.getByRole("progressbar", { name: `Progress of ${grabbed[0].title}`, exact: true });
      await page.waitForFunction((bar) => Number(bar.value) > 0, await progress.elementHandle(), { timeout: 10_000 });
      const { body: fromApi } = await api(`/queue?movieId=${movie.id}`);
      const item = fromApi.records.find((r) => r.id === grabbed[0].queueId);
      assert.ok(item.progress > 0 && item.progress < 1);
      await first
        .getByRole("cell")
        .nth(5)
        .filter({ hasText: /\d+m \d{2}s|\d+s/ })
        .waitFor();

      // Remove two with the blocklist (no replacement grabbed), one without.
      for (const [g, blocklist] of [
        [grabbed[0], true],
        [grabbed[1], true],
        [grabbed[2], false],
      ]) {
        const row = rowOf(g.title);
        await row.getByRole("button", { name: `Remove ${g.title}`, exact: true }).click();
        const options = queue.getByRole("group", { name: `Remove ${g.title} from the queue`, exact: true });
        assert.equal(await options.getByLabel("Remove from download client").isChecked(), true);
        if (blocklist) {
          await options.getByLabel("Add release to blocklist").check();
          await options.getByLabel("Don't grab another release").check();
        }
        await options.getByRole("button", { name: "Remove", exact: true }).click();
        await row.waitFor({ state: "detached" });
      }
      await page.getByText("Nothing is downloading.").waitFor();
      const onClient = await simControl(`/qbittorrent/__downloads?instance=${INSTANCE}`, { method: "GET" });
      for (const g of grabbed)
        assert.equal(JSON.stringify(onClient).includes(g.downloadId), false, "gone from qBittorrent");

      await page
        .getByRole("navigation", { name: "Activity", exact: true })
        .getByRole("link", { name: "Blocklist", exact: true })
        .click();
      await page.waitForURL("**/activity/blocklist");
      const blocked = page.getByRole("table", { name: "Blocked releases", exact: true });
      const blockedRow = (title) => blocked.getByRole("row").filter({ hasText: title });
      await blockedRow(grabbed[0].title).waitFor();
      assert.equal(await blocked.locator("tbody tr").count(), 2, "only the two removed with the blocklist");
      const entry = await blockedRow(grabbed[0].title).getByRole("cell").allTextContents();
      assert.equal(entry[1], "Interstellar (2014)");
      assert.equal(entry[4], INDEXER);
      assert.match(entry[5], /^Removed from the queue/);
      assert.equal(entry[7], "Never expires");

      await blockedRow(grabbed[0].title)
        .getByRole("button", { name: `Unblock ${grabbed[0].title}`, exact: true })
        .click();
      await expectSuccess(page.getByRole("status").filter({ hasText: `Unblocked ${grabbed[0].title}` }), page);
      await blockedRow(grabbed[0].title).waitFor({ state: "detached" });
      assert.deepEqual(
        (await api(`/blocklist/movie?movieId=${movie.id}`)).body.map((b) => b.sourceTitle),
        [grabbed[1].title],
      );

      // Add one more through the queue's API and unblock both together.
      const [another] = await grabReleases(movie.id, 1);
      await api(`/queue/${another.queueId}?removeFromClient=true&blocklist=true&skipRedownload=true`, {
        method: "DELETE",
      });
      await page.reload();
      await blockedRow(another.title).waitFor();
      await page.getByLabel("Select every release on this page").check();
      await page.getByRole("button", { name: "Unblock selected (2)", exact: true }).click();
      await expectSuccess(page.getByRole("status").filter({ hasText: "Unblocked 2 releases" }), page);
      await page.getByText("No releases are blocked.").waitFor();
      assert.deepEqual((await api(`/blocklist/movie?movieId=${movie.id}`)).body, []);
    });
  } finally {
    await simControl("/qbittorrent/__speed", { method: "DELETE" });
    await cleanUp(movie);
  }
});

test("a download that fails shows in the queue with its problem and in Failures by kind, with its retries", {
  timeout: 60_000,
}, async (t) => {
  const movie = await arrange();
  // The client's disk fills up as soon as the download starts.
  await simControl("/qbittorrent/__faults", { body: { kind: "diskFull", instance: INSTANCE } });
  try {
    const [grab] = await grabReleases(movie.id, 1);
    // Polled as the cron does until the client reports the error (the torrent starts queued).
    let failures;
    let failure;
    for (let poll = 0; poll < 20 && !failure; poll++) {
      if (poll) await new Promise((resolve) => setTimeout(resolve, 500));
      await runCommand("RefreshMonitoredDownloads");
      failures = (await api("/failures?kind=diskFull")).body;
      failure = failures.records.find((f) => f.id === grab.queueId);
    }
    assert.ok(
      failure,
      `the failure is recorded as diskFull; qBittorrent has ${JSON.stringify(await simControl(`/qbittorrent/__downloads?instance=${INSTANCE}`, { method: "GET" }))}`,
    );

    await withPage(t, async (page) => {
      await page.goto("/activity/queue");
      const row = page
        .getByRole("table", { name: "Queue", exact: true })
        .getByRole("row")
        .filter({ hasText: grab.title });
      await row.getByText(/Disk full/).waitFor();
      assert.match(await row.textContent(), /disk is full/);
      const problems = await row.locator("ul.problems li").allTextContents();
      assert.deepEqual(problems, [...new Set(problems)], "each problem is listed once");
      assert.doesNotMatch(await row.getByRole("cell").nth(3).textContent(), /\b(\w+)\s+\1\b/i, "no word twice");
      const { body: queueStatus } = await api("/queue/status");
      assert.ok(queueStatus.warnings || queueStatus.errors, "the failing item counts as a problem");
      await page
        .getByText(queueStatus.errors ? "Some downloads have errors" : "Some downloads have warnings")
        .waitFor();

      await page
        .getByRole("navigation", { name: "Activity", exact: true })
        .getByRole("link", { name: "Failures", exact: true })
        .click();
      await page.waitForURL("**/activity/failures");
      const kinds = page.getByRole("list", { name: "Failures per kind", exact: true });
      const diskFull = kinds.getByRole("button", { name: /^Disk full/ });
      assert.equal(await diskFull.textContent(), `Disk full ${failures.counts.diskFull}`);
      await diskFull.click();
      assert.equal(await diskFull.getAttribute("aria-pressed"), "true");
      const table = page.getByRole("table", { name: "Recent failures", exact: true });
      const failed = table.getByRole("row").filter({ hasText: grab.title });
      await failed.waitFor();
      const cells = await failed.getByRole("cell").allTextContents();
      assert.equal(cells[1], "Disk full");
      assert.equal(cells[2], "Interstellar (2014)");
      assert.equal(cells[4], failure.message);
      assert.match(cells[5], new RegExp(`^${failure.retryCount} of ${failure.maxRetries}`));
      assert.match(cells[6], /^Retrying/);
      // Still retrying: nothing is blocklisted yet, and the column says so.
      assert.equal(cells[7], "This server (retrying)");
      // Only disk-full failures are listed now.
      for (const kind of await table.locator("tbody tr td:nth-child(2)").allTextContents())
        assert.equal(kind, "Disk full");
    });
  } finally {
    await cleanUp(movie);
  }
});
