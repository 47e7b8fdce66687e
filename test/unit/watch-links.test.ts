import { describe, expect, test } from "vitest";
import { chooseWatchLink, tmdbWatchPage, type WatchmodeTitleSource } from "../../src/domain/streaming/watchLinks";

const TMDB_LINK = "https://www.themoviedb.org/movie/155-the-dark-knight/watch?locale=US";
const netflix = { providerId: 8, name: "Netflix" };

const source = (overrides: Partial<WatchmodeTitleSource>): WatchmodeTitleSource => ({
  source_id: 203,
  name: "Netflix",
  type: "sub",
  region: "US",
  web_url: "https://www.netflix.com/title/70079583",
  ...overrides,
});

const link = (input: Partial<Parameters<typeof chooseWatchLink>[0]>) =>
  chooseWatchLink({
    provider: netflix,
    offerType: "flatrate",
    title: "The Dark Knight",
    region: "US",
    tmdbLink: TMDB_LINK,
    ...input,
  });

describe("where a provider chip links", () => {
  test("Watchmode's deep link for the same service in the region, when its sources are known", () => {
    expect(link({ watchmodeSources: [source({})] })).toEqual({
      url: "https://www.netflix.com/title/70079583",
      source: "watchmode",
    });
  });

  test("matches Watchmode's services by id or by name written alike, and prefers the offer's type", () => {
    const peacock = { providerId: 386, name: "Peacock" };
    const sources = [
      source({ source_id: 389, name: "Peacock Premium", web_url: "https://www.peacocktv.com/watch/a" }),
      source({ source_id: 999, name: "Disney+", web_url: "https://www.disneyplus.com/video/b" }),
      source({ source_id: 998, name: "Apple TV", type: "purchase", web_url: "https://tv.apple.com/movie/buy" }),
      source({ source_id: 998, name: "Apple TV", type: "rent", web_url: "https://tv.apple.com/movie/rent" }),
    ];
    expect(link({ provider: peacock, watchmodeSources: sources }).url).toBe("https://www.peacocktv.com/watch/a");
    // "Disney Plus" at TMDb is "Disney+" at Watchmode.
    expect(link({ provider: { providerId: 337, name: "Disney Plus" }, watchmodeSources: sources }).url).toBe(
      "https://www.disneyplus.com/video/b",
    );
    const appleTv = { providerId: 2, name: "Apple TV" };
    expect(link({ provider: appleTv, offerType: "rent", watchmodeSources: sources }).url).toBe(
      "https://tv.apple.com/movie/rent",
    );
    expect(link({ provider: appleTv, offerType: "buy", watchmodeSources: sources }).url).toBe(
      "https://tv.apple.com/movie/buy",
    );
  });

  test("ignores Watchmode's sources in other regions and those without a web link", () => {
    const sources = [source({ region: "GB" }), source({ web_url: null }), source({ web_url: "netflix://title/1" })];
    expect(link({ watchmodeSources: sources }).source).toBe("search");
  });

  test("else the provider's own search for the title, for the common services", () => {
    const cases: [number, string, string][] = [
      [8, "Netflix", "https://www.netflix.com/search?q=The%20Dark%20Knight"],
      [9, "Amazon Prime Video", "https://www.primevideo.com/search/ref=atv_nb_sr?phrase=The%20Dark%20Knight"],
      [337, "Disney Plus", "https://www.disneyplus.com/search?q=The%20Dark%20Knight"],
      [350, "Apple TV+", "https://tv.apple.com/search?term=The%20Dark%20Knight"],
      [1899, "Max", "https://play.max.com/search?q=The%20Dark%20Knight"],
      [15, "Hulu", "https://www.hulu.com/search?q=The%20Dark%20Knight"],
      [531, "Paramount Plus", "https://www.paramountplus.com/search/?q=The%20Dark%20Knight"],
      [386, "Peacock", "https://www.peacocktv.com/watch/search?q=The%20Dark%20Knight"],
      [192, "YouTube", "https://www.youtube.com/results?search_query=The%20Dark%20Knight"],
    ];
    for (const [providerId, name, url] of cases) {
      expect(link({ provider: { providerId, name } }), name).toEqual({ url, source: "search" });
    }
  });

  test("encodes the title for the URL", () => {
    expect(link({ title: "Tom & Jerry: 100% #1?" }).url).toBe(
      "https://www.netflix.com/search?q=Tom%20%26%20Jerry%3A%20100%25%20%231%3F",
    );
  });

  test("else TMDb's watch page: an unknown provider, or no title to search for", () => {
    expect(link({ provider: { providerId: 4242, name: "Local Cinema Club" } })).toEqual({
      url: TMDB_LINK,
      source: "tmdb",
    });
    expect(link({ title: "  " })).toEqual({ url: TMDB_LINK, source: "tmdb" });
  });

  test("TMDb's watch page by id when TMDb's answer carried none", () => {
    expect(tmdbWatchPage("tv", 1399, "GB")).toBe("https://www.themoviedb.org/tv/1399/watch?locale=GB");
  });
});
