import { env } from "cloudflare:workers";
import { afterAll, describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { simFaults } from "./helpers";

/**
 * The simulator's indexers (sim/src/services/newznab.ts, hdbits.ts), spoken to directly as the
 * app's indexer clients will: Torznab/Newznab caps, id and text searches, paging, attributes,
 * .torrent files whose info hash is the advertised one, NZBs, HDBits' JSON API, and the faults.
 */

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
const KEY = "sim-indexer-test-key";
const THE_MATRIX = { tmdbId: 603, imdbId: "tt0133093" };
/** A generated movie no other test uses, for the large result sets. */
const BIG_MOVIE = { tmdbId: 2_000_017, imdbId: "tt90000018" };

const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

interface FeedItem {
  xml: string;
  title: string;
  guid: string;
  pubDate: string;
  enclosure: { url: string; length: number; type: string };
  attrs: Map<string, string[]>;
}

function parseItems(xml: string): FeedItem[] {
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, body]) => {
    const attrs = new Map<string, string[]>();
    for (const [, name, value] of body.matchAll(/<(?:torznab|newznab):attr name="([^"]+)" value="([^"]*)"\/>/g)) {
      attrs.set(name, [...(attrs.get(name) ?? []), decode(value)]);
    }
    const enclosure = /<enclosure url="([^"]+)" length="(\d+)" type="([^"]+)"\/>/.exec(body);
    return {
      xml: body,
      title: decode(/<title>([^<]*)<\/title>/.exec(body)?.[1] ?? ""),
      guid: decode(/<guid[^>]*>([^<]*)<\/guid>/.exec(body)?.[1] ?? ""),
      pubDate: /<pubDate>([^<]*)<\/pubDate>/.exec(body)?.[1] ?? "",
      enclosure: { url: decode(enclosure?.[1] ?? ""), length: Number(enclosure?.[2]), type: enclosure?.[3] ?? "" },
      attrs,
    };
  });
}

function total(xml: string): number {
  return Number(/<(?:torznab|newznab):response offset="\d+" total="(\d+)"\/>/.exec(xml)?.[1]);
}

const attr = (item: FeedItem, name: string) => item.attrs.get(name)?.[0];

async function api(service: "torznab" | "newznab", params: Record<string, string | number>, key = KEY) {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  query.set("apikey", key);
  return fetch(`${SIM}/${service}/api?${query}`);
}

async function feed(service: "torznab" | "newznab", params: Record<string, string | number>) {
  const res = await api(service, params);
  const xml = await res.text();
  expect(res.status, xml.slice(0, 300)).toBe(200);
  expect(xml).toMatch(/^<\?xml/);
  return { xml, items: parseItems(xml), total: total(xml) };
}

async function setResults(service: "torznab" | "newznab" | "hdbits", tmdbId: number, count: number | null) {
  const res = await fetch(`${SIM}/${service}/__results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tmdbId, count }),
  });
  expect(res.status).toBe(200);
  return res.json<{ tmdbId: number; count: number }>();
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The SHA-1 of a .torrent's info dictionary, found without the simulator's own parser: keys are
 * sorted, so `4:info` is the root dictionary's last key and its value runs to the final `e`.
 */
async function infoHashOf(torrent: Uint8Array): Promise<string> {
  const text = new TextDecoder("latin1").decode(torrent);
  expect(text.startsWith("d")).toBe(true);
  expect(text.endsWith("e")).toBe(true);
  const at = text.lastIndexOf("4:infod");
  expect(at).toBeGreaterThan(0);
  return hex(await crypto.subtle.digest("SHA-1", torrent.slice(at + "4:info".length, torrent.length - 1)));
}

afterAll(async () => {
  for (const service of ["torznab", "newznab", "hdbits"] as const) await setResults(service, BIG_MOVIE.tmdbId, null);
});

describe("Torznab/Newznab caps", () => {
  test.each(["torznab", "newznab"] as const)(
    "%s advertises movie search by q, imdbid and tmdbid, 100 per page and the Movies categories",
    async (service) => {
      const res = await api(service, { t: "caps" });
      expect(res.status).toBe(200);
      const xml = await res.text();
      expect(xml).toMatch(/<caps>/);
      expect(xml).toMatch(/<limits max="100" default="100"\/>/);
      expect(xml).toMatch(/<movie-search available="yes" supportedParams="q,imdbid,tmdbid"\/>/);
      expect(xml).toMatch(/<search available="yes" supportedParams="q"\/>/);
      expect(xml).toMatch(/<category id="2000" name="Movies">/);
      for (const [id, name] of [
        ["2030", "Movies/SD"],
        ["2040", "Movies/HD"],
        ["2045", "Movies/UHD"],
        ["2050", "Movies/BluRay"],
      ]) {
        expect(xml).toContain(`<subcat id="${id}" name="${name}"/>`);
      }
    },
  );

  test("a refused API key gets Newznab's error 100: HTTP 200 from newznab, 401 from torznab", async () => {
    for (const key of ["invalid-key", "wrong", ""]) {
      const newznab = await api("newznab", { t: "movie", tmdbid: 603 }, key);
      expect(newznab.status).toBe(200);
      expect(await newznab.text()).toContain('<error code="100" description="Incorrect user credentials"/>');
      const torznab = await api("torznab", { t: "caps" }, key);
      expect(torznab.status).toBe(401);
      expect(await torznab.text()).toContain('<error code="100"');
    }
  });

  test("unknown functions and bad parameters get Newznab's error codes", async () => {
    expect(await (await api("newznab", { t: "nonsense" })).text()).toContain('code="202"');
    expect(await (await api("newznab", { t: "tvsearch", q: "x" })).text()).toContain('code="203"');
    expect(await (await api("torznab", { t: "movie", tmdbid: 603, offset: "-5" })).text()).toContain('code="201"');
    expect(await (await api("torznab", { t: "movie", tmdbid: 603, cat: "HD" })).text()).toContain('code="201"');
  });
});

describe("Torznab movie search", () => {
  test("an id search finds the movie's releases with every attribute the app reads", async () => {
    const { items, total: count } = await feed("torznab", { t: "movie", tmdbid: THE_MATRIX.tmdbId });
    expect(count).toBeGreaterThanOrEqual(20);
    expect(items.length).toBe(Math.min(100, count));
    const own = items.filter((item) => attr(item, "tmdbid") === "603");
    expect(own.length).toBeGreaterThan(items.length * 0.9);
    for (const item of items) {
      expect(item.title).toMatch(/\b(19|20)\d\d\b/);
      expect(item.title).toMatch(/-[A-Za-z0-9.]+$|\[YTS\.MX\]$/);
      expect(item.guid).toMatch(/^http:\/\/.+\/torznab\/details\/\d+-\d+$/);
      expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
      expect(item.enclosure.type).toBe("application/x-bittorrent");
      expect(item.enclosure.url).toMatch(/\/torznab\/download\/\d+-\d+\.torrent\?apikey=/);
      const seeders = Number(attr(item, "seeders"));
      expect(Number(attr(item, "peers"))).toBeGreaterThanOrEqual(seeders);
      const infoHash = attr(item, "infohash") ?? "";
      expect(infoHash).toMatch(/^[0-9a-f]{40}$/);
      expect(attr(item, "magneturl")).toContain(`xt=urn:btih:${infoHash}`);
      expect(["0", "0.5", "1"]).toContain(attr(item, "downloadvolumefactor"));
      expect(["1", "2"]).toContain(attr(item, "uploadvolumefactor"));
      expect(item.attrs.get("category")?.[0]).toBe("2000");
      expect(item.enclosure.length).toBeGreaterThan(100 * 1024 * 1024);
    }
    for (const item of own) {
      expect(attr(item, "imdbid")).toBe(THE_MATRIX.imdbId);
      expect(attr(item, "imdb")).toBe("0133093");
      expect(item.title).toMatch(/^The[. ]Matrix[. (]+1999/);
    }
    // Newest first, as indexers list them.
    const dates = items.map((item) => Date.parse(item.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  test("tmdbid and imdbid (with or without tt) find the same releases, the same on every call", async () => {
    const byTmdb = await feed("torznab", { t: "movie", tmdbid: 603, limit: 50 });
    const byImdb = await feed("torznab", { t: "movie", imdbid: "0133093", limit: 50 });
    const byImdbTt = await feed("torznab", { t: "movie", imdbid: "tt0133093", limit: 50 });
    const titles = byTmdb.items.map((item) => `${item.title}|${attr(item, "infohash")}|${item.enclosure.length}`);
    expect(byImdb.items.map((item) => `${item.title}|${attr(item, "infohash")}|${item.enclosure.length}`)).toEqual(
      titles,
    );
    expect(byImdbTt.items.map((item) => item.title)).toEqual(byImdb.items.map((item) => item.title));
  });

  test("sizes follow quality and runtime; categories filter", async () => {
    await setResults("torznab", BIG_MOVIE.tmdbId, 300);
    const all: FeedItem[] = [];
    for (let offset = 0; offset < 300; offset += 100) {
      all.push(...(await feed("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, offset })).items);
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const sizeOf = (pattern: RegExp) =>
      median(all.filter((item) => pattern.test(item.title)).map((item) => item.enclosure.length));
    const remux2160 = sizeOf(/2160p.*REMUX/i);
    const encode1080 = sizeOf(/1080p[. ]BluRay[. ](?!REMUX)/i);
    const web720 = sizeOf(/720p.*WEB/i);
    expect(remux2160).toBeGreaterThan(encode1080 * 2);
    expect(encode1080).toBeGreaterThan(web720);
    expect(all.some((item) => /PROPER|REPACK/.test(item.title))).toBe(true);
    const groups = new Set(all.map((item) => /-([^-\s]+)$/.exec(item.title)?.[1] ?? "YTS"));
    expect(groups.size).toBeGreaterThanOrEqual(12);

    const uhd = await feed("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, cat: "2045" });
    expect(uhd.total).toBe(all.filter((item) => item.attrs.get("category")?.includes("2045")).length);
    expect(uhd.items.every((item) => item.attrs.get("category")?.includes("2045"))).toBe(true);
    const movies = await feed("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, cat: "2000", limit: 1 });
    expect(movies.total).toBe(300);
  });

  test("1,000 results for one movie page through offset/limit, 100 at most per page", async () => {
    expect((await setResults("torznab", BIG_MOVIE.tmdbId, 1_000)).count).toBe(1_000);
    const guids = new Set<string>();
    for (let offset = 0; offset < 1_000; offset += 100) {
      const page = await feed("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, offset, limit: 100 });
      expect(page.total).toBe(1_000);
      expect(page.items).toHaveLength(100);
      for (const item of page.items) guids.add(item.guid);
    }
    expect(guids.size).toBe(1_000);
    const clamped = await feed("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, limit: 500 });
    expect(clamped.items).toHaveLength(100);
    const past = await feed("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, offset: 1_000 });
    expect(past.items).toHaveLength(0);
    expect(past.total).toBe(1_000);
  });

  test("the .torrent's info hash is the item's infohash attr", async () => {
    const { items } = await feed("torznab", { t: "movie", tmdbid: 603, limit: 8 });
    for (const item of items) {
      const res = await fetch(item.enclosure.url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/x-bittorrent");
      const torrent = new Uint8Array(await res.arrayBuffer());
      expect(await infoHashOf(torrent)).toBe(attr(item, "infohash"));
      const text = new TextDecoder("latin1").decode(torrent);
      // Multi-file torrents list their files under the release's folder; single files carry a length.
      expect(text).toMatch(/12:piece lengthi\d+e/);
      expect(text.includes("5:filesl") || /6:lengthi\d+e/.test(text)).toBe(true);
    }
  });

  test("a text search finds the Matrix films; no query is the RSS feed, newest first", async () => {
    const search = await feed("torznab", { t: "search", q: "matrix", limit: 100 });
    const titles = search.items.map((item) => item.title);
    expect(titles.some((title) => /Matrix[. ]Reloaded/.test(title))).toBe(true);
    expect(titles.every((title) => /matrix/i.test(title))).toBe(true);
    const withYear = await feed("torznab", { t: "movie", q: "The Matrix 1999" });
    expect(withYear.items.length).toBeGreaterThan(0);
    expect(withYear.items.every((item) => attr(item, "tmdbid") === "603")).toBe(true);

    const rss = await feed("torznab", { t: "movie" });
    expect(rss.total).toBe(500);
    const dates = rss.items.map((item) => Date.parse(item.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(new Set(rss.items.map((item) => attr(item, "tmdbid"))).size).toBeGreaterThan(5);
  });

  test("an unknown movie finds nothing", async () => {
    const none = await feed("torznab", { t: "movie", tmdbid: 999_999_999 });
    expect(none.items).toHaveLength(0);
    expect(none.total).toBe(0);
  });
});

describe("Newznab", () => {
  test("items carry usenet attributes and t=get serves an NZB of the same release", async () => {
    const { items } = await feed("newznab", { t: "movie", imdbid: "0133093", limit: 5 });
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.enclosure.type).toBe("application/x-nzb");
      expect(Number(attr(item, "size"))).toBe(item.enclosure.length);
      expect(Number(attr(item, "grabs"))).toBeGreaterThanOrEqual(0);
      expect(Date.parse(attr(item, "usenetdate") ?? "")).toBeLessThan(Date.parse(item.pubDate));
      expect(item.attrs.has("infohash")).toBe(false);
    }
    const [item] = items;
    const res = await fetch(item.enclosure.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-nzb");
    const nzb = new TextDecoder().decode(await res.arrayBuffer());
    expect(nzb).toContain(`<meta type="title">${item.title.replace(/&/g, "&amp;")}</meta>`);
    let bytes = 0;
    for (const file of nzb.matchAll(/<file [^>]*subject="([^"]*)"[^>]*>([\s\S]*?)<\/file>/g)) {
      if (/\.par2&quot;/.test(file[1])) continue;
      for (const segment of file[2].matchAll(/<segment bytes="(\d+)"/g)) bytes += Number(segment[1]);
    }
    expect(bytes).toBe(item.enclosure.length);
    const missing = await api("newznab", { t: "get", id: "999999999-1" });
    expect(await missing.text()).toContain('code="300"');
  });
});

describe("indexer faults through /__sim/faults", () => {
  const fault = simFaults("torznab");

  test("429 with Retry-After in the indexer's error format", async () => {
    await fault({ match: `tmdbid=${BIG_MOVIE.tmdbId}&limit=7`, kind: "rateLimit", retryAfter: 7, times: 1 });
    const limited = await api("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, limit: 7 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("7");
    expect(await limited.text()).toContain('<error code="500" description="Request limit reached"/>');
    const next = await api("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, limit: 7 });
    expect(next.status).toBe(200);
  });

  test("a timeout holds the request, then answers 504", async () => {
    await fault({ match: `tmdbid=${BIG_MOVIE.tmdbId}&limit=9`, kind: "timeout", ms: 300, times: 1 });
    const started = clock.now();
    const res = await api("torznab", { t: "movie", tmdbid: BIG_MOVIE.tmdbId, limit: 9 });
    expect(res.status).toBe(504);
    expect(clock.now() - started).toBeGreaterThanOrEqual(250);
  });
});

describe("HDBits", () => {
  const hdbits = (body: unknown) =>
    fetch(`${SIM}/hdbits/api/torrents`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const auth = { username: "sim-test", passkey: "0123456789abcdef0123456789abcdef" };

  interface HdbTorrent {
    id: number;
    hash: string;
    name: string;
    seeders: number;
    leechers: number;
    size: number;
    utadded: number;
    added: string;
    times_completed: number;
    numfiles: number;
    filename: string;
    freeleech: string;
    type_category: number;
    type_codec: number;
    type_medium: number;
    type_origin: number;
    type_exclusive: number;
    imdb: { id: number; rating: number };
  }

  test("a movie search by IMDb id answers status 0 with HDBits' fields, newest first", async () => {
    const res = await hdbits({ ...auth, imdb: { id: 133093 }, category: [1], limit: 100, page: 0 });
    expect(res.status).toBe(200);
    const body = await res.json<{ status: number; data: HdbTorrent[] }>();
    expect(body.status).toBe(0);
    expect(body.data.length).toBeGreaterThan(10);
    for (const torrent of body.data) {
      expect(torrent.hash).toMatch(/^[0-9a-f]{40}$/);
      expect(torrent.type_category).toBe(1);
      expect([1, 2, 3, 4, 5]).toContain(torrent.type_codec);
      expect([1, 3, 4, 5, 6]).toContain(torrent.type_medium);
      expect([0, 1]).toContain(torrent.type_origin);
      expect(["yes", "no"]).toContain(torrent.freeleech);
      expect(torrent.added).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
      expect(Date.parse(torrent.added)).toBe(torrent.utadded * 1000);
      expect(torrent.filename).toMatch(/\.torrent$/);
      // HD only: no SD, cams or DVDs on HDBits.
      expect(torrent.name).toMatch(/720p|1080p|2160p/);
    }
    const own = body.data.filter((torrent) => torrent.imdb.id === 133093);
    expect(own.length).toBeGreaterThan(body.data.length * 0.9);
    expect(body.data.map((t) => t.utadded)).toEqual(body.data.map((t) => t.utadded).sort((a, b) => b - a));
  });

  test("download.php serves a private torrent whose info hash is the listed hash", async () => {
    const body = await (await hdbits({ ...auth, imdb: { id: 133093 }, limit: 3 })).json<{ data: HdbTorrent[] }>();
    for (const torrent of body.data) {
      const res = await fetch(`${SIM}/hdbits/download.php?id=${torrent.id}&passkey=${auth.passkey}`);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(await infoHashOf(bytes)).toBe(torrent.hash);
      expect(new TextDecoder("latin1").decode(bytes)).toContain("7:privatei1e");
    }
    expect((await fetch(`${SIM}/hdbits/download.php?id=${body.data[0].id}&passkey=invalid`)).status).toBe(403);
  });

  test("HDBits status codes: 4 missing auth, 5 bad passkey, 3 malformed JSON, 7 bad parameter, 9 TV", async () => {
    const status = async (body: unknown) =>
      (await (await hdbits(body)).json<{ status: number; message?: string }>()).status;
    expect(await status({ username: "sim-test" })).toBe(4);
    expect(await status({ username: "sim-test", passkey: "invalid-passkey" })).toBe(5);
    expect(await status('{"username": "sim-test", ')).toBe(3);
    expect(await status({ ...auth, limit: 101 })).toBe(7);
    expect(await status({ ...auth, tvdb: { id: 81189 } })).toBe(9);
  });

  test("pages don't overlap; filters by medium and origin; groups have distinct reputations", async () => {
    await setResults("hdbits", BIG_MOVIE.tmdbId, 600);
    const imdb = { id: Number(BIG_MOVIE.imdbId.slice(2)) };
    const all: HdbTorrent[] = [];
    for (let page = 0; page < 6; page++) {
      const body = await (await hdbits({ ...auth, imdb, limit: 100, page })).json<{ data: HdbTorrent[] }>();
      expect(body.data).toHaveLength(100);
      all.push(...body.data);
    }
    expect(new Set(all.map((t) => t.id)).size).toBe(600);
    const remuxes = await (await hdbits({ ...auth, imdb, medium: [5], limit: 100 })).json<{ data: HdbTorrent[] }>();
    expect(remuxes.data.length).toBeGreaterThan(0);
    expect(remuxes.data.every((t) => t.type_medium === 5 && /REMUX/i.test(t.name))).toBe(true);
    const internal = await (await hdbits({ ...auth, imdb, origin: [1], limit: 100 })).json<{ data: HdbTorrent[] }>();
    expect(internal.data.length).toBeGreaterThan(0);
    expect(internal.data.every((t) => t.type_origin === 1)).toBe(true);

    const group = (t: HdbTorrent) => /-([^-\s]+)$/.exec(t.name)?.[1] ?? "";
    const internals = all.filter((t) => t.type_origin === 1);
    const others = all.filter((t) => t.type_origin === 0);
    const internalGroups = new Set(["CtrlHD", "DON", "EbP", "TayTO", "decibeL", "HiDt"]);
    expect(internals.length).toBeGreaterThan(0);
    expect(internals.every((t) => internalGroups.has(group(t)))).toBe(true);
    expect(others.some((t) => internalGroups.has(group(t)))).toBe(false);
    const leechRatio = (list: HdbTorrent[]) =>
      list.reduce((sum, t) => sum + t.leechers, 0) /
      Math.max(
        1,
        list.reduce((sum, t) => sum + t.seeders, 0),
      );
    expect(leechRatio(internals)).toBeLessThan(leechRatio(others));
    const freeleechShare = (list: HdbTorrent[]) => list.filter((t) => t.freeleech === "yes").length / list.length;
    expect(freeleechShare(internals)).toBeGreaterThan(freeleechShare(others));
  });
});
