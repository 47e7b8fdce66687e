import { describe, expect, test } from "vitest";
import simulator from "../../sim/src/index";
import { Failure } from "../../src/domain/failures/failure";
import type { ListSourceEnvironment } from "../../src/domain/lists/source";
import {
  parsePlexRss,
  parsePlexWatchlist,
  plexRssSource,
  plexWatchlistSource,
} from "../../src/domain/lists/sources/plex";
import { externalIds } from "../../src/domain/lists/sources/plex/guids";
import { PLEX_WATCHLIST_PAGE_SIZE, plexWatchlistRequest } from "../../src/domain/lists/sources/plex/watchlistSource";
import { childElements, parseXml, textContent } from "../../src/domain/lists/sources/plex/xml";

// Plex's list sources, pure parts: the discover watchlist JSON, the watchlist RSS feed and the
// small XML reader under it.

const ENV = { plexDiscoverUrl: "https://discover.provider.plex.tv" } as ListSourceEnvironment;

function parseError(read: () => unknown): Failure {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(Failure);
    expect((error as Failure).kind).toBe("parseError");
    return error as Failure;
  }
  throw new Error("expected a Failure");
}

function watchlistJson(metadata: unknown[] | undefined, container: Record<string, unknown> = {}): string {
  return JSON.stringify({
    MediaContainer: {
      librarySectionID: "watchlist",
      offset: 0,
      size: metadata?.length ?? 0,
      ...container,
      ...(metadata ? { Metadata: metadata } : {}),
    },
  });
}

describe("guids", () => {
  test("imdb:// and tmdb:// guids give the ids; tvdb:// and plex:// are ignored", () => {
    expect(
      externalIds(["plex://movie/5d776825880197001ec967c3", "imdb://tt0133093", "tmdb://603", "tvdb://169"]),
    ).toEqual({
      imdbId: "tt0133093",
      tmdbId: 603,
    });
    expect(externalIds(["tvdb://81189"])).toEqual({});
    expect(externalIds(["tmdb://0", "tmdb://abc", "imdb://nm0000206"])).toEqual({});
  });
});

describe("watchlist API", () => {
  test("the request asks for one page with guids, newest first, token in a header", () => {
    const request = plexWatchlistRequest(ENV.plexDiscoverUrl, "secret-token", 200);
    const url = new URL(request.url);
    expect(`${url.origin}${url.pathname}`).toBe("https://discover.provider.plex.tv/library/sections/watchlist/all");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      includeGuids: "1",
      sort: "watchlistedAt:desc",
      "X-Plex-Container-Start": "200",
      "X-Plex-Container-Size": String(PLEX_WATCHLIST_PAGE_SIZE),
    });
    expect(request.url).not.toContain("secret-token");
    expect(request.headers).toMatchObject({ "X-Plex-Token": "secret-token", Accept: "application/json" });
    expect(request.service).toBe("plex");
  });

  test("movies become items with their ids; shows and movies without ids are left out", () => {
    const page = parsePlexWatchlist(
      watchlistJson(
        [
          {
            ratingKey: "5d776825880197001ec967c3",
            type: "movie",
            title: "The Matrix",
            year: 1999,
            Guid: [{ id: "imdb://tt0133093" }, { id: "tmdb://603" }],
          },
          {
            ratingKey: "5d9c086c46115600200aa2fe",
            type: "show",
            title: "The Bear",
            year: 2022,
            Guid: [{ id: "tvdb://390545" }],
          },
          {
            ratingKey: "5f40c0e4b4b4e9003fb2b0c8",
            type: "movie",
            title: "Dune: Part Three",
            Guid: [{ id: "tmdb://1170608" }],
          },
          { ratingKey: "5d776", type: "movie", title: "Local Only", year: 2001 },
        ],
        { totalSize: 4 },
      ),
      0,
    );
    expect(page.items).toEqual([
      {
        imdbId: "tt0133093",
        tmdbId: 603,
        title: "The Matrix",
        year: 1999,
        metadata: { plexRatingKey: "5d776825880197001ec967c3" },
      },
      { tmdbId: 1170608, title: "Dune: Part Three", year: 0, metadata: { plexRatingKey: "5f40c0e4b4b4e9003fb2b0c8" } },
    ]);
    expect(page.nextStart).toBeUndefined();
  });

  test("pages follow each other until totalSize", () => {
    const movies = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: "movie", title: `M${i}`, Guid: [{ id: `tmdb://${i + 1}` }] }));
    expect(parsePlexWatchlist(watchlistJson(movies(100), { offset: 0, totalSize: 230 }), 0).nextStart).toBe(100);
    expect(parsePlexWatchlist(watchlistJson(movies(100), { offset: 100, totalSize: 230 }), 100).nextStart).toBe(200);
    expect(
      parsePlexWatchlist(watchlistJson(movies(30), { offset: 200, totalSize: 230 }), 200).nextStart,
    ).toBeUndefined();
  });

  test("without totalSize, a full page means another may follow", () => {
    const full = Array.from({ length: PLEX_WATCHLIST_PAGE_SIZE }, (_, i) => ({
      type: "movie",
      title: `M${i}`,
      Guid: [],
    }));
    expect(parsePlexWatchlist(watchlistJson(full, { offset: undefined }), 0).nextStart).toBe(PLEX_WATCHLIST_PAGE_SIZE);
    expect(parsePlexWatchlist(watchlistJson(full.slice(1), { offset: undefined }), 0).nextStart).toBeUndefined();
  });

  test("an empty watchlist has no Metadata at all", () => {
    expect(parsePlexWatchlist(watchlistJson(undefined, { totalSize: 0 }), 0)).toEqual({
      items: [],
      nextStart: undefined,
    });
  });

  test("a body that is not JSON, or not a watchlist, is a parse error", () => {
    expect(parseError(() => parsePlexWatchlist("<html>Sign in</html>", 0)).message).toMatch(/not valid JSON/);
    expect(parseError(() => parsePlexWatchlist('{"errors":[{"code":1001}]}', 0)).message).toMatch(
      /unexpected watchlist \(MediaContainer/,
    );
  });

  test("the source reads the next page from where the last one started", async () => {
    const settings = plexWatchlistSource.settings.parse({ accessToken: "plex-sim-token" });
    const first = plexWatchlistSource.firstRequest(settings, ENV);
    const body = watchlistJson(
      Array.from({ length: 100 }, (_, i) => ({ type: "movie", title: `M${i}`, Guid: [{ id: `tmdb://${i + 1}` }] })),
      { totalSize: 150 },
    );
    const page = await plexWatchlistSource.parse(
      { url: first.url, status: 200, headers: new Headers(), text: body },
      settings,
      ENV,
    );
    expect(page.items).toHaveLength(100);
    expect(new URL(page.next?.url ?? "").searchParams.get("X-Plex-Container-Start")).toBe("100");
    expect(page.next?.headers?.["X-Plex-Token"]).toBe("plex-sim-token");
  });

  test("PlexImport needs a token, kept private in the schema", () => {
    expect(plexWatchlistSource).toMatchObject({ implementation: "PlexImport", configContract: "PlexListSettings" });
    expect(plexWatchlistSource.fields).toEqual([expect.objectContaining({ name: "accessToken", privacy: "apiKey" })]);
    expect(plexWatchlistSource.settings.safeParse({ accessToken: "  " }).success).toBe(false);
  });

  test("the simulator's watchlist JSON reads back as movies", async () => {
    const request = plexWatchlistRequest("http://sim/plex", "plex-sim-token", 0);
    const response = await simulator.request(request.url.replace("http://sim", ""), { headers: request.headers });
    const page = parsePlexWatchlist(await response.text(), 0);
    expect(page.items.length).toBeGreaterThan(90);
    expect(page.items.length).toBeLessThan(100);
    expect(page.nextStart).toBe(100);
  });
});

describe("XML reader", () => {
  test("elements, attributes, text, entities, CDATA, comments and a declaration", () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- feed -->\n<rss version='2.0' xmlns:media="http://search.yahoo.com/mrss/">` +
        `<channel><title>Tom &amp; Jerry &#8211; &#x2014; &lt;3</title><description><![CDATA[<b>bold</b> & raw]]></description>` +
        `<media:thumbnail url="https://x/a.jpg?w=1&amp;h=2"/><empty></empty></channel></rss>`,
    );
    expect(root.name).toBe("rss");
    expect(root.attributes).toEqual({ version: "2.0", "xmlns:media": "http://search.yahoo.com/mrss/" });
    const [channel] = childElements(root, "channel");
    expect(textContent(childElements(channel, "title")[0])).toBe("Tom & Jerry – — <3");
    expect(textContent(childElements(channel, "description")[0])).toBe("<b>bold</b> & raw");
    expect(childElements(channel, "media:thumbnail")[0].attributes.url).toBe("https://x/a.jpg?w=1&h=2");
    expect(childElements(channel).map((element) => element.name)).toEqual([
      "title",
      "description",
      "media:thumbnail",
      "empty",
    ]);
  });

  test.each([
    ["<rss><channel><item><title>Cut", /ends inside <title>: it looks truncated \(line 1\)/],
    ["<rss>\n<channel>\n<item></channel></rss>", /Expected <\/item> but found <\/channel> \(line 3\)/],
    ["<rss><channel><item><title>A</tit", /malformed closing tag|ends inside/],
    ["<rss></rss><rss></rss>", /second root element/],
    ["just text", /outside the root element/],
    ["", /no root element/],
    ["<rss><a href=x></a></rss>", /malformed tag <a/],
    ["<rss><!-- never closed </rss>", /ends inside a comment/],
  ])("%j is not well formed", (xml, message) => {
    expect(() => parseXml(xml)).toThrow(Failure);
    expect(() => parseXml(xml)).toThrow(message);
  });
});

const FEED_URL = "https://rss.plex.tv/7e2ad8c4-5f1b-4a3e-9d6c-0b1a2c3d4e5f";

function feed(items: string, channelExtra = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Watchlist</title>${channelExtra}${items}</channel></rss>`;
}

describe("watchlist RSS", () => {
  test("movie items become items with the guid's id; shows are skipped", () => {
    const page = parsePlexRss(
      feed(
        `<item><title>Dune: Part Two</title><link>https://watch.plex.tv/movie/dune-part-two</link><category>movie</category><guid isPermaLink="false">imdb://tt15239678</guid></item>` +
          `<item><title>The Bear</title><category>show</category><guid isPermaLink="false">tvdb://390545</guid></item>` +
          `<item><title>Tom &amp; Jerry (2021)</title><category>movie</category><guid isPermaLink="false">tmdb://587807</guid></item>`,
      ),
      FEED_URL,
    );
    expect(page.items).toEqual([
      {
        imdbId: "tt15239678",
        title: "Dune: Part Two",
        year: 0,
        metadata: { link: "https://watch.plex.tv/movie/dune-part-two" },
      },
      { tmdbId: 587807, title: "Tom & Jerry", year: 2021, metadata: {} },
    ]);
    expect(page.nextUrl).toBeUndefined();
  });

  test("ids in other elements (Media RSS) are read too", () => {
    const page = parsePlexRss(
      feed(
        `<item><title>The Matrix</title><category>movie</category><guid isPermaLink="false">plex://movie/5d776825880197001ec967c3</guid><media:guid>imdb://tt0133093</media:guid><media:content url="tmdb://603"/></item>`,
      ),
      FEED_URL,
    );
    expect(page.items).toEqual([{ imdbId: "tt0133093", tmdbId: 603, title: "The Matrix", year: 0, metadata: {} }]);
  });

  test("a next link is followed, resolved against the feed's address", () => {
    const page = parsePlexRss(
      feed("", `<atom:link href="${FEED_URL}" rel="self"/><atom:link href="?page=2" rel="next"/>`),
      FEED_URL,
    );
    expect(page.nextUrl).toBe(`${FEED_URL}?page=2`);
    const self = parsePlexRss(feed("", `<atom:link href="${FEED_URL}" rel="next"/>`), FEED_URL);
    expect(self.nextUrl).toBeUndefined();
  });

  test("an empty feed is an empty list", () => {
    expect(parsePlexRss(feed(""), FEED_URL)).toEqual({ items: [], nextUrl: undefined });
  });

  test("a page that is not an RSS feed says so", () => {
    expect(
      parseError(() => parsePlexRss("<html><head><title>Sign in</title></head><body></body></html>", FEED_URL)).message,
    ).toMatch(/did not return an RSS feed \(its document is <html>\)/);
    expect(
      parseError(() => parsePlexRss("<!DOCTYPE html><html><body><p>Hi<br></p></body></html>", FEED_URL)).message,
    ).toMatch(/not well-formed XML/);
  });

  test("a feed cut off half way is a parse error naming where", () => {
    const text = feed(`<item><title>The Matrix</title><category>movie</category><guid>imdb://tt0133093</guid></item>`);
    const error = parseError(() => parsePlexRss(text.slice(0, text.indexOf("</guid>") + 3), FEED_URL));
    expect(error.message).toMatch(/not well-formed XML: .*(ends inside|malformed)/);
  });

  test("a feed whose movies carry no ids at all is not a Plex feed", () => {
    const text = feed(
      `<item><title>Some Film</title><category>movie</category><guid>https://blog.example/1</guid></item>`,
    );
    expect(parseError(() => parsePlexRss(text, FEED_URL)).message).toMatch(/no IMDb or TMDb id/);
  });

  test("PlexRssImport reads a feed URL", () => {
    expect(plexRssSource).toMatchObject({ implementation: "PlexRssImport", configContract: "PlexRssImportSettings" });
    expect(plexRssSource.settings.safeParse({ url: "rss.plex.tv/abc" }).success).toBe(false);
    const request = plexRssSource.firstRequest(plexRssSource.settings.parse({ url: FEED_URL }), ENV);
    expect(request).toMatchObject({ service: "plex", url: FEED_URL });
  });

  test("the simulator's feed reads back page by page", async () => {
    let url: string | undefined = `http://sim/plex/rss/7e2ad8c4-5f1b-4a3e-9d6c-0b1a2c3d4e5f`;
    const items = [];
    let pages = 0;
    while (url) {
      const response = await simulator.request(url);
      const page = parsePlexRss(await response.text(), url);
      items.push(...page.items);
      pages++;
      url = page.nextUrl;
    }
    expect(pages).toBe(5);
    expect(items).toHaveLength(218);
    expect(items.every((item) => item.imdbId || item.tmdbId)).toBe(true);
  });
});
