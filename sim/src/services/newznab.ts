import type { Context } from "hono";
import { z } from "zod";
import { type Movie, movieById, movieByImdbId } from "../data/catalogue";
import { Random } from "../data/prng";
import {
  type IndexerSite,
  inCategories,
  latestReleases,
  MAX_RELEASES_PER_MOVIE,
  movieOf,
  publishDate,
  type Release,
  releaseById,
  releaseInfoHash,
  releasesForMovie,
  releasesForQuery,
  resetReleaseCounts,
  setReleaseCount,
  torrentSource,
} from "../data/releases";
import { buildTorrent, magnetLink } from "../data/torrent";
import { createService, type SimulatedService } from "./service";
import { escapeXml, isRejectedSecret, readControlBody } from "./sim-controls";

/**
 * Newznab (usenet) and Torznab (torrents, as Prowlarr and Jackett serve it) indexers, one service
 * each from the same code: `GET /<name>/api?t=…&apikey=…`.
 *   t=caps                 capabilities: search (q), movie-search (q, imdbid, tmdbid), the Movies
 *                          category tree (2000; 2010 Foreign … 2030 SD, 2040 HD, 2045 UHD,
 *                          2050 BluRay, 2060 3D, 2070 DVD, 2080 WEB-DL), limits max 100 default 100
 *   t=movie                by tmdbid= or imdbid= (tt0133093 or 0133093), else by q= (title words,
 *                          a 4-digit word is the year); with none of them the RSS feed (the 500
 *                          newest releases of recently released movies)
 *   t=search               q= as above; without q the RSS feed
 *   cat=2040,2045          categories (a parent matches its subcategories); offset=, limit= page
 *                          (limit over 100 is cut to 100); results newest first
 *   t=get&id=603-17        (newznab) the .nzb; torznab serves GET /torznab/download/603-17.torrent,
 *                          a bencoded torrent whose info hash is the item's `infohash` attr
 * Items are RSS 2.0 with `<newznab:attr>` / `<torznab:attr>` (category, size, imdb, imdbid,
 * tmdbid; torznab: seeders, peers, infohash, magneturl, downloadvolumefactor, uploadvolumefactor,
 * tag=internal|freeleech; newznab: grabs, usenetdate, group, poster, files, guid), and the channel
 * has `<newznab:response offset total>` (`torznab:response` on torznab).
 * API key: any non-empty key not starting "invalid" or "wrong". A refused or missing key gets
 * `<error code="100" description="Incorrect user credentials"/>` — with HTTP 200 from newznab
 * (as Newznab does) and HTTP 401 from torznab (as Prowlarr does). Unknown t: code 202; t=tvsearch
 * and other non-movie functions: 203; a bad offset/limit/id: 201.
 * Simulator control: `POST /<name>/__results {"tmdbId": 603, "count": 1000}` makes an id search
 * for that movie find exactly `count` results (max 5,000; `"count": null` restores the default,
 * about 10–130 depending on popularity and age). Releases are the same on every run.
 */

const MAX_LIMIT = 100;

const CATEGORY_NAMES: Record<number, string> = {
  2000: "Movies",
  2010: "Movies/Foreign",
  2020: "Movies/Other",
  2030: "Movies/SD",
  2040: "Movies/HD",
  2045: "Movies/UHD",
  2050: "Movies/BluRay",
  2060: "Movies/3D",
  2070: "Movies/DVD",
  2080: "Movies/WEB-DL",
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  100: "Incorrect user credentials",
  200: "Missing parameter",
  201: "Incorrect parameter",
  202: "No such function",
  203: "Function not available",
  300: "No such item",
  500: "Request limit reached",
  900: "Unknown error",
};

function errorXml(code: number, description = ERROR_DESCRIPTIONS[code] ?? "Unknown error"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<error code="${code}" description="${escapeXml(description)}"/>`;
}

function xmlResponse(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "content-type": "application/xml; charset=utf-8" } });
}

/** An upstream failure (fault switches) in the indexer's own error format. */
function statusError(status: number): Response {
  const code = status === 429 ? 500 : status === 401 || status === 403 ? 100 : status === 404 ? 300 : 900;
  return xmlResponse(errorXml(code), status);
}

function capsXml(site: IndexerSite, title: string): string {
  const subcats = Object.entries(CATEGORY_NAMES)
    .filter(([id]) => id !== "2000")
    .map(([id, name]) => `      <subcat id="${id}" name="${name}"/>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<caps>
  <server version="1.0" title="${escapeXml(title)}" strapline="demo data" url="https://${site}.sim.invalid/"/>
  <limits max="${MAX_LIMIT}" default="${MAX_LIMIT}"/>
  <registration available="no" open="no"/>
  <searching>
    <search available="yes" supportedParams="q"/>
    <tv-search available="no" supportedParams="q"/>
    <movie-search available="yes" supportedParams="q,imdbid,tmdbid"/>
    <audio-search available="no" supportedParams="q"/>
    <book-search available="no" supportedParams="q"/>
  </searching>
  <categories>
    <category id="2000" name="Movies">
${subcats}
    </category>
  </categories>
</caps>`;
}

function imdbDigits(imdbId: string | null): string | null {
  return imdbId ? imdbId.replace(/^tt/, "") : null;
}

interface FeedContext {
  site: IndexerSite;
  origin: string;
  apiKey: string;
}

const attr = (prefix: string, name: string, value: string | number) =>
  `      <${prefix}:attr name="${name}" value="${escapeXml(String(value))}"/>`;

async function torznabItem(release: Release, context: FeedContext): Promise<string> {
  const movie = movieOf(release);
  const { origin } = context;
  const details = `${origin}/torznab/details/${release.id}`;
  const download = `${origin}/torznab/download/${release.id}.torrent?apikey=${encodeURIComponent(context.apiKey)}`;
  const infoHash = await releaseInfoHash(release);
  const magnet = magnetLink(infoHash, release.rootName, `${origin}/torznab/announce`);
  const lines = [
    "    <item>",
    `      <title>${escapeXml(release.title)}</title>`,
    `      <guid isPermaLink="true">${escapeXml(details)}</guid>`,
    `      <comments>${escapeXml(details)}#comments</comments>`,
    `      <pubDate>${publishDate(release)}</pubDate>`,
    `      <size>${release.size}</size>`,
    `      <grabs>${release.timesCompleted}</grabs>`,
    `      <description>${escapeXml(release.title)}</description>`,
    `      <link>${escapeXml(download)}</link>`,
    ...release.categories.map((category) => `      <category>${category}</category>`),
    `      <enclosure url="${escapeXml(download)}" length="${release.size}" type="application/x-bittorrent"/>`,
    ...release.categories.map((category) => attr("torznab", "category", category)),
  ];
  const imdb = imdbDigits(movie.imdbId);
  if (imdb) lines.push(attr("torznab", "imdb", imdb), attr("torznab", "imdbid", `tt${imdb}`));
  lines.push(
    attr("torznab", "tmdbid", movie.id),
    attr("torznab", "seeders", release.seeders),
    attr("torznab", "peers", release.seeders + release.leechers),
    attr("torznab", "infohash", infoHash),
    attr("torznab", "magneturl", magnet),
    attr("torznab", "downloadvolumefactor", release.downloadVolumeFactor),
    attr("torznab", "uploadvolumefactor", release.uploadVolumeFactor),
  );
  if (release.freeleech) lines.push(attr("torznab", "tag", "freeleech"));
  lines.push("    </item>");
  return lines.join("\n");
}

function newznabItem(release: Release, context: FeedContext): string {
  const movie = movieOf(release);
  const { origin } = context;
  const details = `${origin}/newznab/details/${release.id}`;
  const download = `${origin}/newznab/api?t=get&id=${release.id}&apikey=${encodeURIComponent(context.apiKey)}`;
  const subcategory = release.categories[1];
  const lines = [
    "    <item>",
    `      <title>${escapeXml(release.title)}</title>`,
    `      <guid isPermaLink="true">${escapeXml(details)}</guid>`,
    `      <link>${escapeXml(download)}</link>`,
    `      <comments>${escapeXml(details)}#comments</comments>`,
    `      <pubDate>${publishDate(release)}</pubDate>`,
    `      <category>${escapeXml(CATEGORY_NAMES[subcategory].replace("/", " > "))}</category>`,
    `      <description>${escapeXml(release.title)}</description>`,
    `      <enclosure url="${escapeXml(download)}" length="${release.size}" type="application/x-nzb"/>`,
    ...release.categories.map((category) => attr("newznab", "category", category)),
    attr("newznab", "size", release.size),
    attr("newznab", "guid", release.id),
    attr("newznab", "files", nzbFiles(release).length),
    attr("newznab", "poster", release.poster),
    attr("newznab", "group", release.newsgroup),
    attr("newznab", "grabs", release.grabs),
    attr("newznab", "comments", release.comments),
    attr("newznab", "usenetdate", usenetDate(release)),
  ];
  const imdb = imdbDigits(movie.imdbId);
  if (imdb) lines.push(attr("newznab", "imdb", imdb));
  lines.push(attr("newznab", "tmdbid", movie.id), "    </item>");
  return lines.join("\n");
}

/** Posted to usenet a little before the indexer listed it. */
function usenetDate(release: Release): string {
  const posted = release.publishedAt - new Random(`posted:${release.id}`).int(60, 5_400);
  return new Date(posted * 1000).toUTCString().replace("GMT", "+0000");
}

// --- NZB files -------------------------------------------------------------------------------

const ARTICLE_BYTES = 768_000;

interface NzbFile {
  name: string;
  size: number;
}

/** What the poster uploaded: RAR volumes of the release plus PAR2 recovery files. */
function nzbFiles(release: Release): NzbFile[] {
  const base = release.title.replace(/\s+/g, ".");
  const volume =
    release.size > 20 * 1024 ** 3
      ? 1_000 * 1024 ** 2
      : release.size > 4 * 1024 ** 3
        ? 500 * 1024 ** 2
        : 100 * 1024 ** 2;
  const count = Math.max(1, Math.ceil(release.size / volume));
  const digits = Math.max(2, String(count).length);
  const files: NzbFile[] = [];
  for (let part = 1; part <= count; part++) {
    const size = part < count ? volume : release.size - volume * (count - 1);
    files.push({ name: `${base}.part${String(part).padStart(digits, "0")}.rar`, size });
  }
  const recovery = Math.round(release.size * 0.08);
  files.push({ name: `${base}.par2`, size: 48_212 });
  files.push({ name: `${base}.vol00+${Math.max(1, Math.round(count / 2))}.par2`, size: Math.round(recovery / 2) });
  files.push({
    name: `${base}.vol${Math.max(1, Math.round(count / 2))}+${count}.par2`,
    size: recovery - Math.round(recovery / 2),
  });
  return files;
}

function nzbXml(release: Release): string {
  const random = new Random(`nzb:${release.id}`);
  const posted = Date.parse(usenetDate(release)) / 1000;
  const domain = release.poster.includes("@") ? release.poster.split("@")[1].replace(/[^\w.-].*$/, "") : "sim.invalid";
  const files = nzbFiles(release);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE nzb PUBLIC "-//newzBin//DTD NZB 1.1//EN" "http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd">',
    '<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">',
    "  <head>",
    `    <meta type="title">${escapeXml(release.title)}</meta>`,
    `    <meta type="category">${escapeXml(CATEGORY_NAMES[release.categories[1]].replace("/", " > "))}</meta>`,
    "  </head>",
  ];
  files.forEach((file, index) => {
    const articles = Math.max(1, Math.ceil(file.size / ARTICLE_BYTES));
    const subject = `${release.title} [${index + 1}/${files.length}] - "${file.name}" yEnc (1/${articles})`;
    out.push(
      `  <file poster="${escapeXml(release.poster)}" date="${posted}" subject="${escapeXml(subject)}">`,
      `    <groups><group>${release.newsgroup}</group></groups>`,
      "    <segments>",
    );
    for (let number = 1; number <= articles; number++) {
      const bytes = number < articles ? ARTICLE_BYTES : file.size - ARTICLE_BYTES * (articles - 1);
      out.push(`      <segment bytes="${bytes}" number="${number}">${random.hex(24)}@${domain}</segment>`);
    }
    out.push("    </segments>", "  </file>");
  });
  out.push("</nzb>");
  return out.join("\n");
}

// --- The API ---------------------------------------------------------------------------------

function movieFor(c: Context): Movie | null | undefined {
  const tmdbId = c.req.query("tmdbid");
  if (tmdbId) return movieById(Number(tmdbId)) ?? null;
  const imdbId = c.req.query("imdbid");
  if (imdbId) {
    const digits = imdbId.replace(/^tt/i, "");
    return movieByImdbId(`tt${digits.padStart(7, "0")}`) ?? null;
  }
  return undefined;
}

const NON_NEGATIVE = /^\d+$/;

function feedXml(site: IndexerSite, title: string, origin: string, items: string[], offset: number, total: number) {
  const prefix = site === "torznab" ? "torznab" : "newznab";
  const namespace =
    site === "torznab" ? "http://torznab.com/schemas/2015/feed" : "http://www.newznab.com/DTD/2010/feeds/attributes/";
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:${prefix}="${namespace}">
  <channel>
    <atom:link href="${escapeXml(`${origin}/${site}/api`)}" rel="self" type="application/rss+xml"/>
    <title>${escapeXml(title)}</title>
    <description>${escapeXml(title)}: demo data</description>
    <link>${escapeXml(`${origin}/${site}/`)}</link>
    <language>en-us</language>
    <${prefix}:response offset="${offset}" total="${total}"/>
${items.join("\n")}
  </channel>
</rss>`;
}

function createIndexer(site: "torznab" | "newznab", title: string, description: string): SimulatedService {
  const service = createService({ name: site, description, errorResponse: statusError });
  const app = service.app;

  const credentialsError = () => xmlResponse(errorXml(100), site === "torznab" ? 401 : 200);

  async function search(c: Context, kind: "movie" | "search"): Promise<Response> {
    const apiKey = c.req.query("apikey") ?? "";
    const offsetText = c.req.query("offset") ?? "0";
    const limitText = c.req.query("limit") ?? String(MAX_LIMIT);
    if (!NON_NEGATIVE.test(offsetText)) return xmlResponse(errorXml(201, "Incorrect parameter (offset)"));
    if (!NON_NEGATIVE.test(limitText)) return xmlResponse(errorXml(201, "Incorrect parameter (limit)"));
    const categories = (c.req.query("cat") ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)
      .map(Number);
    if (categories.some((category) => !Number.isInteger(category))) {
      return xmlResponse(errorXml(201, "Incorrect parameter (cat)"));
    }
    const query = c.req.query("q")?.trim() ?? "";
    let releases: Release[];
    const movie = kind === "movie" ? movieFor(c) : undefined;
    if (movie === null) releases = [];
    else if (movie) releases = releasesForMovie(site, movie);
    else if (query) releases = releasesForQuery(site, query);
    else releases = latestReleases(site);
    const matching = releases.filter((release) => inCategories(release, categories));
    const offset = Number(offsetText);
    const limit = Math.min(MAX_LIMIT, Number(limitText) || MAX_LIMIT);
    const page = matching.slice(offset, offset + limit);
    const context: FeedContext = { site, origin: new URL(c.req.url).origin, apiKey };
    const items =
      site === "torznab"
        ? await Promise.all(page.map((release) => torznabItem(release, context)))
        : page.map((release) => newznabItem(release, context));
    return xmlResponse(feedXml(site, title, context.origin, items, offset, matching.length));
  }

  app.get("/api", async (c) => {
    if (isRejectedSecret(c.req.query("apikey"))) return credentialsError();
    const t = c.req.query("t");
    switch (t) {
      case "caps":
        return xmlResponse(capsXml(site, title));
      case "movie":
        return search(c, "movie");
      case "search":
        return search(c, "search");
      case "get": {
        if (site !== "newznab") return xmlResponse(errorXml(203));
        const id = c.req.query("id");
        if (!id) return xmlResponse(errorXml(200, "Missing parameter (id)"));
        const release = releaseById(site, id);
        if (!release) return xmlResponse(errorXml(300));
        return new Response(nzbXml(release), {
          headers: {
            "content-type": "application/x-nzb",
            "content-disposition": `attachment; filename="${release.title.replace(/"/g, "")}.nzb"`,
            "X-DNZB-Name": release.title,
            "X-DNZB-Category": CATEGORY_NAMES[release.categories[1]].replace("/", " > "),
          },
        });
      }
      case undefined:
      case "":
        return xmlResponse(errorXml(200, "Missing parameter (t)"));
      case "tvsearch":
      case "tv-search":
      case "music":
      case "audio":
      case "book":
        return xmlResponse(errorXml(203));
      default:
        return xmlResponse(errorXml(202));
    }
  });

  app.get("/details/:id", (c) => {
    const release = releaseById(site, c.req.param("id"));
    if (!release) return c.html("<!doctype html><title>Not found</title><p>No such release.</p>", 404);
    const movie = movieOf(release);
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(release.title)}</title></head><body>` +
        `<h1>${escapeXml(release.title)}</h1><p>${escapeXml(movie.title)} — demo data from the Radarr Edge simulator.</p></body></html>`,
    );
  });

  if (site === "torznab") {
    app.get("/download/:file", async (c) => {
      if (isRejectedSecret(c.req.query("apikey"))) return credentialsError();
      const id = c.req.param("file").replace(/\.torrent$/, "");
      const release = releaseById(site, id);
      if (!release) return xmlResponse(errorXml(300), 404);
      const origin = new URL(c.req.url).origin;
      const bytes = buildTorrent(
        torrentSource(release, { announce: `${origin}/torznab/announce`, comment: `${origin}/torznab/details/${id}` }),
      );
      return new Response(bytes, {
        headers: {
          "content-type": "application/x-bittorrent",
          "content-disposition": `attachment; filename="${release.rootName.replace(/"/g, "")}.torrent"`,
        },
      });
    });
  }

  const resultsSchema = z
    .object({
      tmdbId: z.number().int().positive(),
      count: z.number().int().min(0).max(MAX_RELEASES_PER_MOVIE).nullable(),
    })
    .strict();

  app.post("/__results", async (c) => {
    const body = await readControlBody(c, resultsSchema, "Invalid results control");
    if (!body.ok) return body.response;
    const movie = movieById(body.data.tmdbId);
    if (!movie) {
      return c.json(
        { message: "Invalid results control", errors: [{ path: "tmdbId", message: "No such movie in the catalogue" }] },
        400,
      );
    }
    setReleaseCount(site, movie.id, body.data.count);
    return c.json({ tmdbId: movie.id, count: releasesForMovie(site, movie).length });
  });

  service.reset = () => resetReleaseCounts(site);
  return service;
}

export const torznab = createIndexer(
  "torznab",
  "Radarr Edge simulator (Torznab)",
  "Torznab indexer (as Prowlarr/Jackett serve it): t=caps, t=movie by tmdbid/imdbid/q, t=search, RSS, .torrent downloads",
);

export const newznab = createIndexer(
  "newznab",
  "Radarr Edge simulator (Newznab)",
  "Newznab usenet indexer: t=caps, t=movie by tmdbid/imdbid/q, t=search, RSS, t=get .nzb downloads",
);
