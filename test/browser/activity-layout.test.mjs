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
import { api, withPage } from "./harness.mjs";

const DESKTOP = { width: 1440, height: 900 };
const RETURN_OF_THE_JEDI = 1892;
const INDEXER = "Wide Torznab";
const CLIENT = "Wide qBittorrent";
const INSTANCE = "browser-activity-wide";

async function grab(movieId, release) {
  const { status, body } = await api("/release", {
    method: "POST",
    body: { guid: release.guid, indexerId: release.indexerId, movieId },
  });
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

async function refreshDownloads() {
  const { body } = await api("/command", { method: "POST", body: { name: "RefreshMonitoredDownloads" } });
  for (let i = 0; i < 60; i++) {
    const { body: command } = await api(`/command/${body.id}`);
    if (command.status === "completed" || command.status === "failed") return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Fills every Activity table with long release names: two slow downloads in the queue, one
 * removed onto the blocklist, and one whose client's disk is full (a failure with its problem).
 */
async function arrange() {
  const movie = await libraryMovie(RETURN_OF_THE_JEDI);
  await clearQueue(movie.id);
  await clearBlocklist(movie.id);
  await simTorznab(INDEXER, "browser-wide-key");
  await simQbittorrent(CLIENT, INSTANCE);
  await simControl(`/qbittorrent/__faults?instance=${INSTANCE}`, { method: "DELETE" });
  await simControl("/qbittorrent/__speed", { body: { secondsToComplete: 600, instance: INSTANCE } });
  const { body: releases } = await api(`/release?movieId=${movie.id}`);
  const allowed = releases.filter((r) => r.downloadAllowed);
  const [kept, blocked] = [await grab(movie.id, allowed[0]), await grab(movie.id, allowed[1])];
  await api(`/queue/${blocked.queueId}?removeFromClient=true&blocklist=true&skipRedownload=true`, {
    method: "DELETE",
  });
  await simControl("/qbittorrent/__faults", { body: { kind: "diskFull", instance: INSTANCE } });
  const failing = await grab(movie.id, allowed[2]);
  for (let poll = 0; poll < 20; poll++) {
    await refreshDownloads();
    const { body } = await api("/failures?kind=diskFull");
    if (body.records.some((f) => f.id === failing.queueId)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { movie, kept };
}

async function cleanUp(movie) {
  await clearQueue(movie.id);
  await clearBlocklist(movie.id);
  await simControl(`/qbittorrent/__faults?instance=${INSTANCE}`, { method: "DELETE" });
  await simControl("/qbittorrent/__speed", { method: "DELETE" });
  await removeNamed("/downloadclient", CLIENT);
  await removeNamed("/indexer", INDEXER);
}

/** How far a table sticks out of the page's box, and whether its wrapper scrolls sideways. */
function overflowOf(table) {
  return table.evaluate((el) => {
    const page = el.closest(".page").getBoundingClientRect();
    const wrapper = el.parentElement;
    return {
      past: Math.round(el.getBoundingClientRect().right - page.right),
      scrolls: wrapper.scrollWidth > wrapper.clientWidth + 1,
    };
  });
}

test("at 1440 px the Queue, Blocklist and Failures tables fit the page, and Remove's confirmation opens in view", {
  timeout: 300_000,
}, async (t) => {
  const { movie, kept } = await arrange();
  try {
    await withPage(
      t,
      async (page) => {
        for (const [tab, name] of [
          ["queue", "Queue"],
          ["blocklist", "Blocked releases"],
          ["failures", "Recent failures"],
        ]) {
          await page.goto(`/activity/${tab}`);
          const table = page.getByRole("table", { name, exact: true });
          await table.locator("tbody tr").first().waitFor();
          const { past, scrolls } = await overflowOf(table);
          assert.ok(past <= 0, `the ${name} table ends inside the page (${past}px past it)`);
          assert.equal(scrolls, false, `the ${name} table does not scroll sideways`);
        }

        await page.goto("/activity/queue");
        const row = page
          .getByRole("table", { name: "Queue", exact: true })
          .getByRole("row")
          .filter({ hasText: kept.title });
        await row.getByRole("button", { name: `Remove ${kept.title}`, exact: true }).click();
        const confirm = page.getByRole("group", { name: `Remove ${kept.title} from the queue`, exact: true });
        for (const part of [confirm, confirm.getByRole("button", { name: "Remove", exact: true })]) {
          await part.waitFor();
          const box = await part.boundingBox();
          assert.ok(
            box.x >= 0 && box.y >= 0 && box.x + box.width <= DESKTOP.width && box.y + box.height <= DESKTOP.height,
            `in view: ${JSON.stringify(box)}`,
          );
        }
      },
      { viewport: DESKTOP },
    );
  } finally {
    await cleanUp(movie);
  }
});
