import type { Context } from "hono";
import {
  PLEX_RSS_FEEDS,
  PLEX_SIM_TOKEN,
  type PlexWatchlistEntry,
  plexRssFeed,
  plexWatchlist,
} from "../data/lists-plex";
import { createService } from "./service";

/**
 * Plex's discover provider (discover.provider.plex.tv): the account watchlist
 * (`GET /library/sections/watchlist/all`, token in `X-Plex-Token`, paged with
 * `X-Plex-Container-Start`/`-Size`, JSON with `Accept: application/json`, XML otherwise) and the
 * public watchlist RSS feeds Plex publishes (rss.plex.tv/{feedId}, served here at /rss/{feedId}).
 */

const PLEX_DEFAULT_CONTAINER_SIZE = 50;

function plexError(status: number): Response {
  const message =
    status === 401
      ? "User could not be authenticated"
      : status === 404
        ? "Not found"
        : status === 429
          ? "Too many requests"
          : "Internal server error";
  return new Response(JSON.stringify({ errors: [{ code: status === 401 ? 1001 : status, message, status }] }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

export const plex = createService({
  name: "plex",
  description: `Plex discover watchlist (token ${PLEX_SIM_TOKEN}) and watchlist RSS feeds /rss/{${PLEX_RSS_FEEDS.map((feed) => feed.id).join("|")}}`,
  errorResponse: plexError,
});

const app = plex.app;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Plex reads its X-Plex-* parameters from headers or from the query string alike. */
function plexParam(c: Context, name: string): string | undefined {
  return c.req.header(name) ?? c.req.query(name);
}

function nonNegativeInt(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value !== undefined && Number.isInteger(number) && number >= 0 ? number : fallback;
}

const PLEX_TYPES: Record<string, PlexWatchlistEntry["type"]> = { "1": "movie", "2": "show" };

function metadataOf(entry: PlexWatchlistEntry, fields: Set<string> | null, withGuids: boolean) {
  const all: Record<string, unknown> = {
    ratingKey: entry.ratingKey,
    key: `/library/metadata/${entry.ratingKey}${entry.type === "show" ? "/children" : ""}`,
    guid: `plex://${entry.type}/${entry.ratingKey}`,
    type: entry.type,
    title: entry.title,
    year: entry.year ?? undefined,
    originallyAvailableAt: entry.originallyAvailableAt ?? undefined,
    contentRating: entry.contentRating ?? undefined,
    summary: entry.summary,
    watchlistedAt: entry.watchlistedAt,
  };
  const kept = fields ? Object.fromEntries(Object.entries(all).filter(([name]) => fields.has(name))) : all;
  return withGuids ? { ...kept, Guid: entry.guids.map((id) => ({ id })) } : kept;
}

function xmlAttributes(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([name, value]) => value !== undefined && name !== "Guid")
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");
}

app.get("/library/sections/watchlist/all", (c) => {
  const entries = plexWatchlist(plexParam(c, "X-Plex-Token") ?? "");
  if (!entries) return plexError(401);
  const type = PLEX_TYPES[c.req.query("type") ?? ""];
  const matching = type ? entries.filter((entry) => entry.type === type) : entries;
  const start = nonNegativeInt(plexParam(c, "X-Plex-Container-Start"), 0);
  const size = nonNegativeInt(plexParam(c, "X-Plex-Container-Size"), PLEX_DEFAULT_CONTAINER_SIZE);
  const page = matching.slice(start, start + size);
  const includeFields = c.req.query("includeFields");
  const fields = includeFields ? new Set(includeFields.split(",")) : null;
  const withGuids = c.req.query("includeGuids") === "1" || (c.req.query("includeElements") ?? "").includes("Guid");
  const metadata = page.map((entry) => metadataOf(entry, fields, withGuids));
  const container = {
    librarySectionID: "watchlist",
    librarySectionTitle: "Watchlist",
    offset: start,
    totalSize: matching.length,
    identifier: "tv.plex.provider.discover",
    size: metadata.length,
  };
  if ((c.req.header("Accept") ?? "").includes("application/json")) {
    return c.json({ MediaContainer: metadata.length ? { ...container, Metadata: metadata } : container });
  }
  const children = metadata
    .map((item) => {
      const element = item.type === "show" ? "Directory" : "Video";
      const guids = ((item as { Guid?: { id: string }[] }).Guid ?? [])
        .map((guid) => `<Guid id="${escapeXml(guid.id)}"/>`)
        .join("");
      return `<${element}${xmlAttributes(item)}>${guids}</${element}>`;
    })
    .join("");
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer${xmlAttributes(container)}>${children}</MediaContainer>\n`,
    { headers: { "content-type": "application/xml; charset=utf-8" } },
  );
});

/** RSS's date format (RFC 822), e.g. "Sat, 31 Oct 2026 09:12:00 GMT". */
function rfc822(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toUTCString();
}

function rssItem(entry: PlexWatchlistEntry): string {
  // The one guid an item carries: imdb:// when Plex knows the IMDb id, else tmdb:// or tvdb://.
  const guid =
    entry.guids.find((id) => id.startsWith("imdb://")) ??
    entry.guids.find((id) => id.startsWith(entry.type === "movie" ? "tmdb://" : "tvdb://")) ??
    entry.guids[0];
  return (
    `<item><title>${escapeXml(entry.title)}</title>` +
    `<link>https://watch.plex.tv/${entry.slug}</link>` +
    `<description><![CDATA[${entry.summary}]]></description>` +
    `<category>${entry.type}</category>` +
    `<pubDate>${rfc822(entry.watchlistedAt)}</pubDate>` +
    `<guid isPermaLink="false">${escapeXml(guid)}</guid>` +
    `<media:thumbnail url="https://metadata-static.plex.tv/sim/${entry.ratingKey}/thumb.jpg"/>` +
    (entry.contentRating ? `<media:rating scheme="urn:mpaa">${escapeXml(entry.contentRating)}</media:rating>` : "") +
    `</item>`
  );
}

app.get("/rss/:feedId", (c) => {
  const feed = plexRssFeed(c.req.param("feedId"));
  const entries = feed && plexWatchlist(feed.token);
  if (!feed || !entries) return plexError(404);
  const page = Math.max(1, nonNegativeInt(c.req.query("page"), 1));
  const items = entries.slice((page - 1) * feed.pageSize, page * feed.pageSize);
  const self = new URL(c.req.url);
  const link = (rel: string, pageNumber: number) => {
    const url = new URL(self.pathname, self.origin);
    if (pageNumber > 1) url.searchParams.set("page", String(pageNumber));
    return `<atom:link href="${escapeXml(url.href)}" rel="${rel}" type="application/rss+xml"/>`;
  };
  const hasNext = page * feed.pageSize < entries.length;
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">` +
    `<channel><title>${escapeXml(feed.title)}</title><link>https://watch.plex.tv/watchlist</link>` +
    `<description>Plex watchlist (simulator demo data)</description><language>en-us</language>` +
    link("self", page) +
    (hasNext ? link("next", page + 1) : "") +
    items.map(rssItem).join("") +
    `</channel></rss>\n`;
  return new Response(body, { headers: { "content-type": "application/rss+xml; charset=utf-8" } });
});
