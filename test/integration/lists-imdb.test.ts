import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import type { ListItem } from "../../src/domain/lists/source";
import { imdbCsvSource, imdbListSource, parseImdbCsv } from "../../src/domain/lists/sources/imdb";
import { readImdbPage } from "../../src/domain/lists/sources/imdb/page";
import { scanImdbPage } from "../../src/integrations/imdb/pageReader";
import { fetchList } from "../../src/integrations/lists/fetchList";
import { callsDuring as callsDuringFor, listError, simFaults } from "./helpers";

// The IMDb list sources run through the real fetcher (upstream layer, 2 requests a second)
// against the simulated IMDb, with the page reader on workerd's HTMLRewriter. The simulator is
// shared with every other test file: only IMDb ids used here are faulted, and call counts are
// compared before and after rather than reset.

const callsDuring = <T>(path: string, action: () => Promise<T>) => callsDuringFor("imdb", path, action);
const addImdbFault = simFaults("imdb");

/** Upstream calls to one path while `action` runs. */
function readList(listId: string) {
  return fetchList(imdbListSource, imdbListSource.settings.parse({ listId }), env);
}

function readCsv(path: string) {
  return fetchList(imdbCsvSource, imdbCsvSource.settings.parse({ csvUrl: `${env.IMDB_URL}${path}` }), env);
}

function expectMovieItems(items: ListItem[]) {
  for (const item of items) {
    expect(item.imdbId).toMatch(/^tt\d{7,}$/);
    // "tt8" and seven digits is where the simulator keeps its TV series and shorts.
    expect(item.imdbId).not.toMatch(/^tt8\d{7}$/);
    expect(item.title.length).toBeGreaterThan(0);
  }
}

beforeAll(async () => {
  // Build the simulator's catalogue and its big list once, outside the app's 500 ms timeout.
  await fetch(`${env.IMDB_URL}/list/ls000010000/`);
  await fetch(`${env.IMDB_URL}/list/ls000010000/export`);
}, 60_000);

describe("IMDb lists", () => {
  test("a small public list is one page of movies with id, title and year", async () => {
    const { result, calls } = await callsDuring("/list/ls000000101/", () => readList("ls000000101"));
    expect(result.items).toHaveLength(42);
    expect(result.pages).toBe(1);
    expect(calls).toBe(1);
    expectMovieItems(result.items);
    expect(result.items.every((item) => item.year >= 1900)).toBe(true);
    expect(result.items[0].metadata).toMatchObject({ position: 1, titleType: "movie" });
  });

  test("a 600-title list is three pages of 250, and its TV shows are left out", async () => {
    const { result, calls } = await callsDuring("/list/ls000000102/", () => readList("ls000000102"));
    expect(result.pages).toBe(3);
    expect(calls).toBe(3);
    expect(result.items).toHaveLength(588);
    expectMovieItems(result.items);
    const positions = result.items.map((item) => item.metadata?.position as number);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.at(-1)).toBeLessThanOrEqual(600);
  });

  test("a page without the embedded JSON is read from its markup, and agrees with the list's export", async () => {
    const { result, calls } = await callsDuring("/list/ls000000103/", () => readList("ls000000103"));
    expect(calls).toBe(2);
    expect(result.items).toHaveLength(296);
    expectMovieItems(result.items);
    const exported = parseImdbCsv(await (await fetch(`${env.IMDB_URL}/list/ls000000103/export`)).text()).items;
    expect(result.items.map(({ imdbId, title, year }) => ({ imdbId, title, year }))).toEqual(
      exported.map(({ imdbId, title, year }) => ({ imdbId, title, year })),
    );
  });

  test("an empty list is read as empty", async () => {
    const result = await readList("ls000000104");
    expect(result).toMatchObject({ items: [], pages: 1 });
  });

  test("a public watchlist, by user id", async () => {
    const { result, calls } = await callsDuring("/user/ur000000001/watchlist", () => readList("ur000000001"));
    expect(result.items).toHaveLength(180);
    expect(calls).toBe(1);
    expectMovieItems(result.items);
  });

  test("the Top 250 and Most Popular charts", async () => {
    const top = await readList("top250");
    expect(top.items).toHaveLength(250);
    expect(top.pages).toBe(1);
    expectMovieItems(top.items);
    expect(top.items.map((item) => item.metadata?.position)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    const popular = await readList("popular");
    expect(popular.items).toHaveLength(100);
    expectMovieItems(popular.items);
  });

  test("a private list (IMDb answers 403) is a private-list error", async () => {
    const error = await listError(readList("ls000000403"));
    expect(error.kind).toBe("forbidden");
    expect(error.message).toMatch(/private/);
  });

  test("a private watchlist (IMDb shows a page saying so) is a private-list error naming the user", async () => {
    const error = await listError(readList("ur000000002"));
    expect(error.kind).toBe("forbidden");
    expect(error.message).toMatch(/watchlist of ur000000002 is private/);
  });

  test("a list that does not exist is a not-found error, asked once", async () => {
    const { result: error, calls } = await callsDuring("/list/ls000000999/", () => listError(readList("ls000000999")));
    expect(error.kind).toBe("notFound");
    expect(calls).toBe(1);
  });

  test("a 503 from IMDb is retried and the list still arrives whole", async () => {
    await addImdbFault({ match: "/list/ls000000101/", kind: "status", status: 503, times: 1 });
    const { result, calls } = await callsDuring("/list/ls000000101/", () => readList("ls000000101"));
    expect(result.items).toHaveLength(42);
    expect(calls).toBe(2);
  });

  test("a 503 on a later page is retried without reading the earlier pages again", async () => {
    await addImdbFault({ match: "/list/ls000000102/?page=2", kind: "status", status: 503, times: 1 });
    const { result, calls } = await callsDuring("/list/ls000000102/", () => readList("ls000000102"));
    expect(result.items).toHaveLength(588);
    expect(calls).toBe(4);
  });
});

describe("the page reader (HTMLRewriter)", () => {
  test("reads IMDb's current markup: entries, rank, year, type label, next link", async () => {
    const scan = await scanImdbPage(
      `<html><head><title>My &amp; Your List - IMDb</title></head><body><h1 class="ipc-title__text">My &amp; Your List</h1>` +
        `<ul class="ipc-metadata-list"><li class="ipc-metadata-list-summary-item"><a class="ipc-lockup-overlay" href="/title/tt0111161/?ref_=ls_i_1"></a>` +
        `<a href="/title/tt0111161/?ref_=ls_t_1" class="ipc-title-link-wrapper"><h3 class="ipc-title__text">1. The Shawshank Redemption</h3></a>` +
        `<div class="dli-title-metadata"><span class="dli-title-metadata-item">1994</span><span class="dli-title-metadata-item">2h 22m</span></div></li>` +
        `<li class="ipc-metadata-list-summary-item"><a href="/title/tt0903747/" class="ipc-title-link-wrapper"><h3 class="ipc-title__text">2. Breaking Bad</h3></a>` +
        `<div class="dli-title-metadata"><span class="dli-title-metadata-item">2008–2013</span></div><span class="dli-title-type-data">TV Series</span></li>` +
        `<li class="ipc-metadata-list-summary-item"><a href="/title/tt0070735/" class="ipc-title-link-wrapper"><h3 class="ipc-title__text">3. Am&#233;lie &#38; the &quot;Sting&quot;</h3></a></li></ul>` +
        `<a rel="next" href="/list/ls1/?page=2">Next</a></body></html>`,
    );
    expect(scan).toMatchObject({
      documentTitle: "My & Your List - IMDb",
      heading: "My & Your List",
      hasTitleList: true,
      hasNextLink: true,
    });
    expect(scan.nextDataJson).toBeUndefined();
    expect(scan.titles).toEqual([
      { href: "/title/tt0111161/?ref_=ls_i_1", text: "1. The Shawshank Redemption", metadata: ["1994", "2h 22m"] },
      { href: "/title/tt0903747/", text: "2. Breaking Bad", metadata: ["2008–2013"], typeLabel: "TV Series" },
      { href: "/title/tt0070735/", text: '3. Amélie & the "Sting"', metadata: [] },
    ]);
    expect(readImdbPage(scan, "ls1").items.map((item) => [item.imdbId, item.title, item.year])).toEqual([
      ["tt0111161", "The Shawshank Redemption", 1994],
      ["tt0070735", 'Amélie & the "Sting"', 0],
    ]);
  });

  test("reads IMDb's older lister markup", async () => {
    const scan = await scanImdbPage(
      `<div class="lister-list"><div class="lister-item mode-detail"><div class="lister-item-content"><h3 class="lister-item-header">` +
        `<span class="lister-item-index">1.</span><a href="/title/tt0068646/">The Godfather</a><span class="lister-item-year text-muted">(1972)</span></h3></div></div></div>` +
        `<a class="flat-button lister-page-next next-page" href="/list/ls1/?page=2">Next »</a>`,
    );
    expect(readImdbPage(scan, "ls1")).toMatchObject({
      items: [{ imdbId: "tt0068646", title: "The Godfather", year: 1972 }],
      hasNextPage: true,
      source: "markup",
    });
  });

  test("falls back to bare title links when a page has no list entries", async () => {
    const scan = await scanImdbPage(
      `<h1>Picks</h1><p>See <a href="/title/tt0133093/">The Matrix</a> and <a href="/title/tt0062622/">2001: A Space Odyssey</a>.</p>`,
    );
    expect(readImdbPage(scan, "ls1").items.map((item) => item.title)).toEqual(["The Matrix", "2001: A Space Odyssey"]);
  });

  test("takes the embedded JSON whole, however the HTML splits it", async () => {
    const json = JSON.stringify({
      props: { pageProps: { pageData: { chartTitles: { edges: [] } } } },
      pad: "x".repeat(100_000),
    });
    const scan = await scanImdbPage(`<script id="__NEXT_DATA__" type="application/json">${json}</script>`);
    expect(scan.nextDataJson).toBe(json);
  });
});

describe("IMDb CSV exports", () => {
  test("a list's export: one request, the movies in it", async () => {
    const { result, calls } = await callsDuring("/list/ls000000102/export", () => readCsv("/list/ls000000102/export"));
    expect(result).toMatchObject({ pages: 1 });
    expect(calls).toBe(1);
    expect(result.items).toHaveLength(588);
    expectMovieItems(result.items);
  });

  test("the 10,000-row export", async () => {
    const result = await readCsv("/list/ls000010000/export");
    expect(result.items).toHaveLength(10_000);
    expect(result.pages).toBe(1);
  });

  test("the export and the pages of one list name the same movies", async () => {
    const [pages, csv] = [await readList("ls000000101"), await readCsv("/list/ls000000101/export")];
    expect(csv.items.map((item) => item.imdbId)).toEqual(pages.items.map((item) => item.imdbId));
  });

  test("a truncated export is a parse error, not a partial list", async () => {
    const error = await listError(readCsv("/list/ls000000105/export"));
    expect(error.kind).toBe("parseError");
    expect(error.message).toMatch(/ends inside a quoted field.*truncated/);
  });

  test("an export cut off in transit is reported the same way", async () => {
    await addImdbFault({ match: "/list/ls000000101/export", kind: "truncate", times: 1 });
    const error = await listError(readCsv("/list/ls000000101/export"));
    expect(error.kind).toBe("parseError");
    expect(error.message).toMatch(/truncated/);
  });

  test("the export of a private list is refused, of a missing one not found", async () => {
    expect((await listError(readCsv("/list/ls000000403/export"))).kind).toBe("forbidden");
    expect((await listError(readCsv("/list/ls000000999/export"))).kind).toBe("notFound");
  });
});

// Last in the file: it takes 20 seconds, and a test that runs after one this long fails in the
// shared setup (reset() leaves D1's tables behind, so the migrations meet existing tables).
describe("a 10,000-title list", () => {
  test("40 pages, at most two requests a second", async () => {
    const started = clock.now();
    const { result, calls } = await callsDuring("/list/ls000010000/", () => readList("ls000010000"));
    expect(result.items).toHaveLength(10_000);
    expect(new Set(result.items.map((item) => item.imdbId)).size).toBe(10_000);
    expect(result.pages).toBe(40);
    expect(calls).toBe(40);
    // 40 requests spaced 500 ms apart take at least 39 intervals.
    expect(clock.now() - started).toBeGreaterThanOrEqual(39 * 500 - 50);
  }, 90_000);
});
