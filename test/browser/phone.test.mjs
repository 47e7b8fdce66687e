import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { clearQueue, libraryMovie, removeNamed, simControl, simQbittorrent, simTorznab } from "./downloads.mjs";
import { api, withPage } from "./harness.mjs";

const PHONE = { width: 390, height: 844 };
const STAR_WARS = 11;
const INDEXER = "Phone Torznab";
const CLIENT = "Phone qBittorrent";
const INSTANCE = "browser-phone";
const LIST = "Phone list";

/** Every path in the site's route table (site/src/routes.tsx), so a page added there is checked too. */
function routePaths() {
  const source = readFileSync(`${ROOT}site/src/routes.tsx`, "utf8");
  return [...source.matchAll(/path: "([^"]+)"/g)].map((m) => m[1]);
}

/** The route table's paths with their parameters filled: a movie, a list, each Activity tab. */
function concretePaths(movieId, listId) {
  return routePaths().flatMap((path) => {
    if (path === "/movie/:id") return [`/movie/${movieId}`];
    if (path === "/lists/:id") return [`/lists/${listId}`];
    if (path === "/groups/:name") return ["/groups/CTRLHD"];
    if (path === "/discover/movie/:tmdbId") return ["/discover/movie/603"];
    if (path === "/activity/:tab") return ["queue", "history", "blocklist", "failures"].map((t) => `/activity/${t}`);
    assert.doesNotMatch(path, /:/, `a parameter of ${path} this test does not fill`);
    return [path];
  });
}

/** A queue row (a slow download) and a list, so the Activity and list pages have tables to stack. */
async function arrange() {
  const movie = await libraryMovie(STAR_WARS);
  await clearQueue(movie.id);
  await simTorznab(INDEXER, "browser-phone-key");
  await simQbittorrent(CLIENT, INSTANCE);
  await simControl("/qbittorrent/__speed", { body: { secondsToComplete: 600, instance: INSTANCE } });
  const { body: releases } = await api(`/release?movieId=${movie.id}`);
  const release = releases.find((r) => r.downloadAllowed);
  const grab = await api("/release", {
    method: "POST",
    body: { guid: release.guid, indexerId: release.indexerId, movieId: movie.id },
  });
  assert.equal(grab.status, 200, JSON.stringify(grab.body));
  await removeNamed("/importlist", LIST);
  const { body: profiles } = await api("/qualityprofile");
  const list = await api("/importlist", {
    method: "POST",
    body: {
      name: LIST,
      implementation: "IMDbCsvImport",
      fields: [{ name: "csvUrl", value: "https://www.imdb.com/list/ls000000002/export" }],
      qualityProfileId: profiles[0].id,
      rootFolderPath: "/movies",
    },
  });
  assert.equal(list.status, 201, JSON.stringify(list.body));
  return { movie, list: list.body };
}

async function cleanUp(movie) {
  await clearQueue(movie.id);
  await removeNamed("/importlist", LIST);
  await removeNamed("/downloadclient", CLIENT);
  await removeNamed("/indexer", INDEXER);
}

/** Whatever is wider than the screen: the document itself or any box that scrolls sideways. */
function sidewaysScrollers(page) {
  return page.evaluate(() => {
    const found = [];
    const doc = document.scrollingElement;
    if (doc.scrollWidth > window.innerWidth) found.push(`the document (${doc.scrollWidth}px)`);
    for (const el of document.querySelectorAll("body *")) {
      // A strip meant to scroll sideways inside itself (Discover's rows) says so; the page still may not.
      if (el.hasAttribute("data-scroll-x")) continue;
      const { overflowX } = getComputedStyle(el);
      if ((overflowX === "auto" || overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1)
        found.push(
          `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${el.scrollWidth}px in ${el.clientWidth}px)`,
        );
    }
    if (found.length) {
      // Name the outermost boxes that stick out, to say what to fix.
      const out = (el) => el.getBoundingClientRect().right > window.innerWidth + 1;
      const culprits = [...document.querySelectorAll("main *")].filter((el) => out(el) && !out(el.parentElement));
      const name = (el) =>
        `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""}`;
      found.push(`sticking out: ${culprits.slice(0, 4).map(name).join(", ")}`);
    }
    return found;
  });
}

test("on a 390 px phone no page of the route table scrolls sideways or shows an ISO date, and tables stack each row as label: value", {
  timeout: 240_000,
}, async (t) => {
  const { movie, list } = await arrange();
  try {
    await withPage(
      t,
      async (page) => {
        const wide = [];
        const isoDates = [];
        for (const path of concretePaths(movie.id, list.id)) {
          await page.goto(path);
          await page
            .waitForFunction(() => (document.querySelector("main")?.textContent ?? "").trim().length > 0)
            .catch(() => assert.fail(`${path} showed nothing`));
          await page.waitForLoadState("networkidle");
          const found = await sidewaysScrollers(page);
          if (found.length) wide.push(`${path}: ${found.join(", ")}`);
          // Dates read one way everywhere (Settings › UI's formats), never as ISO text.
          const iso = (await page.locator("main").textContent()).match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^\s]*/g);
          if (iso) isoDates.push(`${path}: ${iso.join(", ")}`);
        }
        assert.deepEqual(wide, [], "pages wider than the phone");
        assert.deepEqual(isoDates, [], "ISO timestamps shown to people");

        // The queue's row reads as label: value lines, not as columns off the screen.
        await page.goto("/activity/queue");
        const row = page.getByRole("table", { name: "Queue", exact: true }).locator("tbody tr").first();
        await row.waitFor();
        const cells = await row
          .locator("td")
          .evaluateAll((tds) =>
            tds.map((td) => ({ label: td.dataset.label, width: td.getBoundingClientRect().width })),
          );
        assert.equal(cells[0].label, "Movie");
        assert.equal(cells[1].label, "Release");
        for (const cell of cells)
          assert.ok(cell.width > 300, `each cell takes the row's width: ${JSON.stringify(cells)}`);
      },
      { viewport: PHONE },
    );
  } finally {
    await cleanUp(movie);
  }
});

test("on a phone the top bar folds into a menu that opens and navigates", { timeout: 60_000 }, async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main", exact: true });
      const menu = page.getByRole("button", { name: "Menu", exact: true });
      await menu.waitFor();
      assert.equal(await nav.isVisible(), false, "the navigation is folded away");
      assert.equal(await menu.getAttribute("aria-expanded"), "false");
      await menu.click();
      assert.equal(await menu.getAttribute("aria-expanded"), "true");
      await nav.getByRole("link", { name: "Activity", exact: true }).click();
      await page.waitForURL("**/activity");
      await page.getByRole("heading", { name: "Queue", level: 1 }).waitFor();
      assert.equal(await nav.isVisible(), false, "following a link folds the menu again");
      assert.equal(await menu.getAttribute("aria-expanded"), "false");
      // The menu also holds Log out.
      await menu.click();
      await page.getByRole("button", { name: "Log out", exact: true }).waitFor();
    },
    { viewport: PHONE },
  );
});

test("on a desktop window the navigation shows without a menu button", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Library" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Menu", exact: true }).isVisible(), false);
  });
});
