import { describe, expect, test } from "vitest";
import simulator from "../../sim/src/index";
import { Failure } from "../../src/domain/failures/failure";
import { imdbListSource } from "../../src/domain/lists/sources/imdb";
import type { ImdbPageScan } from "../../src/domain/lists/sources/imdb/page";
import { readImdbPage } from "../../src/domain/lists/sources/imdb/page";
import {
  imdbListSettingsSchema,
  imdbPageNumber,
  imdbPageRequest,
  normalizeImdbListId,
} from "../../src/domain/lists/sources/imdb/settings";
import { isMovieTitleType } from "../../src/domain/lists/sources/imdb/titleTypes";

// The pure half of the IMDb list source: settings, request generation and reading a page from
// what the HTMLRewriter page reader found (the reader itself runs in workerd: see
// test/integration/lists-imdb.test.ts).

const IMDB = "https://www.imdb.com";

function scan(partial: Partial<ImdbPageScan>): ImdbPageScan {
  return { documentTitle: "", heading: "", hasTitleList: true, titles: [], hasNextLink: false, ...partial };
}

/** The __NEXT_DATA__ JSON the simulated IMDb embeds in a page. */
async function simulatorNextData(path: string): Promise<string> {
  const html = await (await simulator.request(`/imdb${path}`)).text();
  const json = /<script id="__NEXT_DATA__" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error(`no __NEXT_DATA__ on ${path}`);
  return json;
}

function listJson(edges: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    props: {
      pageProps: {
        mainColumnData: {
          list: {
            id: "ls000000001",
            visibility: { id: "PUBLIC" },
            titleListItemSearch: { total: edges.length, pageInfo: { hasNextPage: false }, edges },
            ...extra,
          },
        },
      },
    },
  });
}

function edge(id: string, title: string, year: number | null, type = "movie", position = 1) {
  return {
    node: { absolutePosition: position },
    listItem: {
      id,
      titleText: { text: title },
      originalTitleText: { text: title },
      titleType: { id: type, text: type },
      releaseYear: year === null ? null : { year, endYear: null },
      ratingsSummary: { aggregateRating: 8.1, voteCount: 1000 },
    },
  };
}

describe("settings", () => {
  test.each([
    ["ls000024621", "ls000024621"],
    ["  ur12345678 ", "ur12345678"],
    ["top250", "top250"],
    ["moviemeter", "moviemeter"],
    ["popular", "moviemeter"],
    ["https://www.imdb.com/list/ls000024621/?ref_=tt_rls_1", "ls000024621"],
    ["https://www.imdb.com/user/ur12345678/watchlist", "ur12345678"],
    ["https://www.imdb.com/chart/top/", "top250"],
    ["https://m.imdb.com/chart/moviemeter/?ref_=nv_mv_mpm", "moviemeter"],
  ])("%s is read as %s", (input, listId) => {
    expect(normalizeImdbListId(input)).toBe(listId);
    expect(imdbListSettingsSchema.parse({ listId: input })).toEqual({ listId });
  });

  test.each(["", "ls12", "tt0111161", "top100", "constructor", "https://www.imdb.com/title/tt0111161/"])(
    "%j is refused with a message naming the accepted forms",
    (listId) => {
      const result = imdbListSettingsSchema.safeParse({ listId });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].path).toEqual(["listId"]);
      expect(result.error?.issues[0].message).toMatch(/IMDb list id|List ID/);
    },
  );

  test("the source describes itself as Radarr's IMDbListImport, two requests a second", () => {
    expect(imdbListSource).toMatchObject({
      implementation: "IMDbListImport",
      configContract: "IMDbListSettings",
      requestsPerSecond: 2,
    });
    expect(imdbListSource.fields.map((field) => field.name)).toEqual(["listId"]);
  });
});

describe("requests", () => {
  test("a list is read from /list/ls…/, later pages with ?page=N", () => {
    expect(imdbPageRequest("ls000024621", IMDB)).toMatchObject({
      service: "imdb",
      url: "https://www.imdb.com/list/ls000024621/",
      headers: { "Accept-Language": expect.stringContaining("en-US") },
    });
    expect(imdbPageRequest("ls000024621", IMDB, 3).url).toBe("https://www.imdb.com/list/ls000024621/?page=3");
  });

  test("a watchlist is read from /user/ur…/watchlist", () => {
    expect(imdbPageRequest("ur12345678", IMDB).url).toBe("https://www.imdb.com/user/ur12345678/watchlist");
    expect(imdbPageRequest("ur12345678", IMDB, 2).url).toBe("https://www.imdb.com/user/ur12345678/watchlist?page=2");
  });

  test("charts are one page each", () => {
    expect(imdbPageRequest("top250", IMDB).url).toBe("https://www.imdb.com/chart/top/");
    expect(imdbPageRequest("moviemeter", IMDB, 2).url).toBe("https://www.imdb.com/chart/moviemeter/");
  });

  test("the first request goes to the configured IMDb address", () => {
    const request = imdbListSource.firstRequest({ listId: "ls000000101" }, {
      imdbUrl: "http://127.0.0.1:9/imdb",
    } as Parameters<typeof imdbListSource.firstRequest>[1]);
    expect(request.url).toBe("http://127.0.0.1:9/imdb/list/ls000000101/");
  });

  test("the page number is read back from a request's address", () => {
    expect(imdbPageNumber("https://www.imdb.com/list/ls000024621/")).toBe(1);
    expect(imdbPageNumber("https://www.imdb.com/list/ls000024621/?page=7")).toBe(7);
    expect(imdbPageNumber("https://www.imdb.com/list/ls000024621/?page=zero")).toBe(1);
  });
});

describe("title types", () => {
  test.each(["movie", "Movie", "tvMovie", "TV Movie", "video", "Video", "Feature Film", "", undefined])(
    "%j is a movie",
    (type) => expect(isMovieTitleType(type)).toBe(true),
  );
  test.each([
    "tvSeries",
    "TV Series",
    "TV Mini Series",
    "tvEpisode",
    "Short",
    "TV Special",
    "Video Game",
    "podcastSeries",
  ])("%j is not", (type) => expect(isMovieTitleType(type)).toBe(false));
});

describe("reading a page from its embedded JSON", () => {
  test("list titles become items with id, title, year and position; series are skipped", () => {
    const page = readImdbPage(
      scan({
        nextDataJson: listJson([
          edge("tt0111161", "The Shawshank Redemption", 1994, "movie", 1),
          edge("tt0903747", "Breaking Bad", 2008, "tvSeries", 2),
          edge("tt0108778", "Friends: The Reunion", 2021, "tvMovie", 3),
        ]),
      }),
      "ls000000001",
    );
    expect(page.source).toBe("json");
    expect(page.titlesOnPage).toBe(3);
    expect(page.items).toEqual([
      {
        imdbId: "tt0111161",
        title: "The Shawshank Redemption",
        year: 1994,
        metadata: { position: 1, titleType: "movie", imdbRating: 8.1 },
      },
      {
        imdbId: "tt0108778",
        title: "Friends: The Reunion",
        year: 2021,
        metadata: { position: 3, titleType: "tvMovie", imdbRating: 8.1 },
      },
    ]);
    expect(page.hasNextPage).toBe(false);
  });

  test("a title without a release year gets year 0", () => {
    const page = readImdbPage(scan({ nextDataJson: listJson([edge("tt9000001", "Untitled Project", null)]) }), "ls1");
    expect(page.items[0]).toMatchObject({ imdbId: "tt9000001", year: 0 });
  });

  test("pageInfo.hasNextPage says whether another page follows", () => {
    const json = JSON.parse(listJson([edge("tt0111161", "The Shawshank Redemption", 1994)]));
    json.props.pageProps.mainColumnData.list.titleListItemSearch.pageInfo.hasNextPage = true;
    expect(readImdbPage(scan({ nextDataJson: JSON.stringify(json) }), "ls1").hasNextPage).toBe(true);
  });

  test("a list IMDb marks PRIVATE is a private-list error", () => {
    const json = listJson([], { visibility: { id: "PRIVATE" }, titleListItemSearch: null });
    const read = () => readImdbPage(scan({ nextDataJson: json }), "ur000000002");
    expect(read).toThrow(Failure);
    expect(read).toThrow(/watchlist of ur000000002 is private/);
  });

  test("the simulator's list page: 250 titles, more pages, TV series left out", async () => {
    const page = readImdbPage(scan({ nextDataJson: await simulatorNextData("/list/ls000000102/") }), "ls000000102");
    expect(page.titlesOnPage).toBe(250);
    expect(page.hasNextPage).toBe(true);
    expect(page.items.length).toBeGreaterThan(240);
    expect(page.items.length).toBeLessThan(250);
    for (const item of page.items) expect(item.imdbId).toMatch(/^tt\d{7,}$/);
    // "tt8" and seven digits is where the simulator keeps its TV series and shorts.
    expect(page.items.some((item) => /^tt8\d{7}$/.test(item.imdbId ?? ""))).toBe(false);
  });

  test("the simulator's last page of a list says no more pages follow", async () => {
    const page = readImdbPage(
      scan({ nextDataJson: await simulatorNextData("/list/ls000000102/?page=3") }),
      "ls000000102",
    );
    expect(page.titlesOnPage).toBe(100);
    expect(page.hasNextPage).toBe(false);
  });

  test("the simulator's watchlist and its private watchlist", async () => {
    const watchlist = readImdbPage(
      scan({ nextDataJson: await simulatorNextData("/user/ur000000001/watchlist") }),
      "ur1",
    );
    expect(watchlist.items.length).toBe(180);
    const privateJson = await simulatorNextData("/user/ur000000002/watchlist");
    expect(() => readImdbPage(scan({ nextDataJson: privateJson }), "ur000000002")).toThrow(/is private/);
  });

  test("the simulator's charts: Top 250 and Most Popular, one page each, ranked", async () => {
    const top = readImdbPage(scan({ nextDataJson: await simulatorNextData("/chart/top/") }), "top250");
    expect(top.items).toHaveLength(250);
    expect(top.items[0].metadata).toMatchObject({ position: 1 });
    expect(top.hasNextPage).toBe(false);
    const popular = readImdbPage(scan({ nextDataJson: await simulatorNextData("/chart/moviemeter/") }), "moviemeter");
    expect(popular.items).toHaveLength(100);
  });

  test("JSON that is broken or in an unknown shape falls back to the markup", () => {
    const titles = [{ href: "/title/tt0111161/", text: "1. The Shawshank Redemption", metadata: ["1994"] }];
    for (const nextDataJson of ["{not json", JSON.stringify({ props: { pageProps: { somethingNew: {} } } })]) {
      const page = readImdbPage(scan({ nextDataJson, titles }), "ls1");
      expect(page.source).toBe("markup");
      expect(page.items).toHaveLength(1);
    }
  });
});

describe("reading a page from its visible markup", () => {
  test("title links give id, title without the rank, year and position", () => {
    const page = readImdbPage(
      scan({
        titles: [
          {
            href: "/title/tt0111161/?ref_=ls_t_1",
            text: "1. The Shawshank Redemption",
            metadata: ["1994", "2h 22m", "R"],
          },
          { href: "/title/tt0062622/?ref_=ls_t_2", text: "2. 2001: A Space Odyssey", metadata: ["1968", "2h 29m"] },
          {
            href: "/title/tt0903747/?ref_=ls_t_3",
            text: "3. Breaking Bad",
            metadata: ["2008–2013"],
            typeLabel: "TV Series",
          },
          { href: "/title/tt0107290/", text: "Jurassic Park", metadata: ["(1993)"] },
        ],
        hasNextLink: true,
      }),
      "ls1",
    );
    expect(page.source).toBe("markup");
    expect(page.items).toEqual([
      { imdbId: "tt0111161", title: "The Shawshank Redemption", year: 1994, metadata: { position: 1 } },
      { imdbId: "tt0062622", title: "2001: A Space Odyssey", year: 1968, metadata: { position: 2 } },
      { imdbId: "tt0107290", title: "Jurassic Park", year: 1993, metadata: {} },
    ]);
    expect(page.titlesOnPage).toBe(4);
    expect(page.hasNextPage).toBe(true);
  });

  test("a title with no year shown gets year 0, and repeated links count once", () => {
    const page = readImdbPage(
      scan({
        titles: [
          { href: "/title/tt9000001/", text: "1. Untitled Project", metadata: ["TV-MA"] },
          { href: "/title/tt9000001/", text: "Untitled Project", metadata: [] },
        ],
      }),
      "ls1",
    );
    expect(page.items).toEqual([
      { imdbId: "tt9000001", title: "Untitled Project", year: 0, metadata: { position: 1 } },
    ]);
  });

  test("an empty list is an empty page, not an error", () => {
    expect(readImdbPage(scan({ heading: "Empty For Now" }), "ls1")).toMatchObject({ items: [], titlesOnPage: 0 });
  });

  test("a page saying the list is private is a private-list error", () => {
    const read = () => readImdbPage(scan({ heading: "This list is private", hasTitleList: false }), "ls000000403");
    expect(read).toThrow(
      expect.objectContaining({ kind: "forbidden", message: expect.stringContaining("ls000000403") }),
    );
  });

  test("a page with neither data nor a title list is a parse error", () => {
    const read = () => readImdbPage(scan({ heading: "Sign in", hasTitleList: false }), "ls1");
    expect(read).toThrow(expect.objectContaining({ kind: "parseError", message: expect.stringMatching(/no list/) }));
  });
});
