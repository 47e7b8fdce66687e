import { describe, expect, test } from "vitest";
import { IndexerFlags } from "../../src/domain/customFormats/indexerFlags";
import { Failure } from "../../src/domain/failures/failure";
import { backoffMinutes, disabledUntil } from "../../src/domain/indexers/backoff";
import { categoryIds, parseCapabilities } from "../../src/providers/indexers/newznab/caps";
import { searchText } from "../../src/providers/indexers/newznab/client";
import { normaliseImdbId, parseFeed } from "../../src/providers/indexers/newznab/feed";

const CAPS = `<?xml version="1.0" encoding="UTF-8"?>
<caps>
  <server version="1.0" title="Prowlarr"/>
  <limits max="100" default="50"/>
  <searching>
    <search available="yes" supportedParams="q"/>
    <tv-search available="yes" supportedParams="q,season,ep"/>
    <movie-search available="yes" supportedParams="q,imdbid,tmdbid"/>
  </searching>
  <categories>
    <category id="2000" name="Movies">
      <subcat id="2040" name="Movies/HD"/>
      <subcat id="2045" name="Movies/UHD"/>
    </category>
    <category id="5000" name="TV"/>
  </categories>
</caps>`;

const TORZNAB_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:torznab="http://torznab.com/schemas/2015/feed">
  <channel>
    <title>Indexer</title>
    <torznab:response offset="100" total="1234"/>
    <item>
      <title>The.Matrix.1999.1080p.BluRay.x264-GROUP</title>
      <guid isPermaLink="true">https://indexer.example/details/1</guid>
      <comments>https://indexer.example/details/1#comments</comments>
      <pubDate>Tue, 01 Jan 2019 10:00:00 +0000</pubDate>
      <size>8589934592</size>
      <link>https://indexer.example/dl/1.torrent?apikey=secret</link>
      <category>2000</category>
      <enclosure url="https://indexer.example/dl/1.torrent?apikey=secret" length="8589934592" type="application/x-bittorrent"/>
      <torznab:attr name="category" value="2040"/>
      <torznab:attr name="seeders" value="25"/>
      <torznab:attr name="peers" value="31"/>
      <torznab:attr name="infohash" value="0123456789ABCDEF0123456789ABCDEF01234567"/>
      <torznab:attr name="magneturl" value="magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&amp;dn=x"/>
      <torznab:attr name="downloadvolumefactor" value="0"/>
      <torznab:attr name="uploadvolumefactor" value="2"/>
      <torznab:attr name="imdb" value="0133093"/>
      <torznab:attr name="tmdbid" value="603"/>
      <torznab:attr name="tag" value="internal"/>
    </item>
    <item>
      <title>The Matrix 1999 720p WEB-DL</title>
      <link>magnet:?xt=urn:btih:ABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD&amp;dn=y</link>
      <torznab:attr name="seeders" value="3"/>
      <torznab:attr name="downloadvolumefactor" value="0.5"/>
    </item>
  </channel>
</rss>`;

describe("t=caps", () => {
  test("reads limits, search parameters and the category tree", () => {
    const caps = parseCapabilities(CAPS);
    expect(caps).toMatchObject({
      limitMax: 100,
      limitDefault: 50,
      searchParams: ["q"],
      movieSearchAvailable: true,
      movieSearchParams: ["q", "imdbid", "tmdbid"],
    });
    expect(caps.categories[0]).toEqual({
      id: 2000,
      name: "Movies",
      subcategories: [
        { id: 2040, name: "Movies/HD" },
        { id: 2045, name: "Movies/UHD" },
      ],
    });
    expect([...categoryIds(caps)].sort()).toEqual([2000, 2040, 2045, 5000]);
  });

  test("missing parts get the spec's defaults; an unavailable movie search has no parameters", () => {
    const caps = parseCapabilities(
      `<caps><searching><movie-search available="no" supportedParams="q,imdbid"/></searching></caps>`,
    );
    expect(caps).toMatchObject({
      limitMax: 100,
      limitDefault: 100,
      searchParams: ["q"],
      movieSearchAvailable: false,
      movieSearchParams: [],
      categories: [],
    });
  });

  test("a Newznab error document is an error naming the field to fix", () => {
    const error = (() => {
      try {
        parseCapabilities(`<?xml version="1.0"?><error code="100" description="Incorrect user credentials"/>`);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Failure);
    expect(error).toMatchObject({
      kind: "authenticationFailed",
      fields: [{ path: "apiKey", message: "Incorrect user credentials" }],
      code: 100,
    });
    expect((error as Error).message).toBe("Incorrect user credentials");
  });

  test("something that is not caps is a parse error pointing at the URL", () => {
    expect(() => parseCapabilities("<html><body>login</body></html>")).toThrow(/instead of <caps>/);
    expect(() => parseCapabilities("<caps><limits")).toThrow(Failure);
  });
});

describe("result feeds", () => {
  test("Torznab attributes become the release's facts", () => {
    const page = parseFeed(TORZNAB_FEED, true);
    expect(page).toMatchObject({ offset: 100, total: 1234 });
    expect(page.items).toHaveLength(2);
    const [first, second] = page.items;
    expect(first).toMatchObject({
      guid: "https://indexer.example/details/1",
      title: "The.Matrix.1999.1080p.BluRay.x264-GROUP",
      size: 8589934592,
      publishDate: "2019-01-01T10:00:00.000Z",
      downloadUrl: "https://indexer.example/dl/1.torrent?apikey=secret",
      magnetUrl: "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=x",
      commentUrl: "https://indexer.example/details/1#comments",
      seeders: 25,
      leechers: 6,
      infoHash: "0123456789abcdef0123456789abcdef01234567",
      imdbId: "tt0133093",
      tmdbId: 603,
      categories: [2040, 2000],
    });
    expect(first.indexerFlags).toBe(IndexerFlags.freeleech | IndexerFlags.doubleUpload | IndexerFlags.internal);
    // A magnet-only item: the hash comes from the magnet link, halfleech from the volume factor.
    expect(second).toMatchObject({
      downloadUrl: expect.stringMatching(/^magnet:/),
      infoHash: "abcdefabcdefabcdefabcdefabcdefabcdefabcd",
      seeders: 3,
      leechers: null,
      indexerFlags: IndexerFlags.halfleech,
      size: 0,
    });
  });

  test("Newznab items use the usenet date and carry no torrent facts", () => {
    const page = parseFeed(
      `<rss><channel><newznab:response offset="0" total="1"/>
        <item><title>Movie.2020.1080p.WEB-DL-X</title><guid>abc</guid>
          <pubDate>Sun, 06 Jan 2019 16:11:45 +0000</pubDate>
          <enclosure url="https://nzb.example/get/abc.nzb" length="100" type="application/x-nzb"/>
          <category>Movies &gt; HD</category>
          <newznab:attr name="size" value="2147483648"/>
          <newznab:attr name="usenetdate" value="Sun, 06 Jan 2019 15:00:00 +0000"/>
          <newznab:attr name="seeders" value="9"/>
        </item></channel></rss>`,
      false,
    );
    expect(page.items[0]).toMatchObject({
      guid: "abc",
      size: 2147483648,
      publishDate: "2019-01-06T15:00:00.000Z",
      downloadUrl: "https://nzb.example/get/abc.nzb",
      categories: [],
    });
    expect(page.items[0]).not.toHaveProperty("seeders");
  });

  test("an error answer throws with its code's kind", () => {
    expect(() => parseFeed(`<error code="500" description="Request limit reached"/>`, true)).toThrow(
      expect.objectContaining({ kind: "rateLimited", message: "Request limit reached" }),
    );
    expect(() => parseFeed(`<error code="201" description="Incorrect parameter"/>`, true)).toThrow(
      expect.objectContaining({
        kind: "upstreamError",
        fields: [{ path: "additionalParameters", message: "Incorrect parameter" }],
      }),
    );
  });

  test("a truncated feed is a parse error", () => {
    expect(() => parseFeed(TORZNAB_FEED.slice(0, 900), true)).toThrow(
      expect.objectContaining({ kind: "parseError", message: expect.stringMatching(/not well-formed/) }),
    );
  });
});

describe("helpers", () => {
  test("IMDb ids are normalised to tt + 7 digits", () => {
    expect(normaliseImdbId("0133093")).toBe("tt0133093");
    expect(normaliseImdbId("133093")).toBe("tt0133093");
    expect(normaliseImdbId("tt10872600")).toBe("tt10872600");
    expect(normaliseImdbId("0")).toBeUndefined();
    expect(normaliseImdbId("abc")).toBeUndefined();
  });

  test("search text is the title without punctuation, then the year", () => {
    expect(searchText({ title: "Mission: Impossible – Fallout", year: 2018 })).toBe("Mission Impossible Fallout 2018");
    expect(searchText({ title: "Schindler's List", year: 1993 })).toBe("Schindlers List 1993");
    expect(searchText({ title: "Fast & Furious", year: 0 })).toBe("Fast and Furious");
  });

  test("back-off climbs Radarr's ladder and honours a longer Retry-After", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map(backoffMinutes)).toEqual([
      5, 15, 30, 60, 180, 360, 720, 1440, 1440, 1440,
    ]);
    expect(backoffMinutes(0)).toBe(0);
    expect(disabledUntil(1, 0)).toBe(5 * 60_000);
    expect(disabledUntil(1, 0, 3600)).toBe(3600_000);
  });
});
