import { z } from "zod";
import { Failure } from "../../../failures/failure";
import { httpUrlSetting } from "../../../validation/addresses";
import type { ImportListSource, ListItem, ListRequest } from "../../source";
import { externalIds } from "./guids";
import { childElement, childElements, parseXml, textContent, type XmlElement } from "./xml";

/**
 * Plex Watchlist RSS (Radarr's PlexRssImport): the public RSS feed Plex publishes for a watchlist
 * (rss.plex.tv/{feedId}). Each `<item>` has a `<title>`, a `<category>` ("movie" or "show") and a
 * `<guid>` naming the title as imdb://tt…, tmdb://… or tvdb://…; other elements (Media RSS
 * `media:*`) are searched for such ids too. The feed has no year element, so the year comes from a
 * trailing "(1999)" in the title when there is one, else 0. A longer feed links its next page
 * with `<atom:link rel="next">`.
 */

const plexRssSettingsSchema = z.object({
  url: httpUrlSetting({ allowQuery: true }),
});
export type PlexRssSettings = z.infer<typeof plexRssSettingsSchema>;

const FEED_HEADERS = { Accept: "application/rss+xml, application/xml;q=0.9, text/xml;q=0.8" };

function feedRequest(url: string): ListRequest {
  return { service: "plex", url, headers: FEED_HEADERS };
}

export interface PlexRssPage {
  items: ListItem[];
  /** The next page's address, from `<atom:link rel="next">`. */
  nextUrl?: string;
}

/** Every imdb:// or tmdb:// id in an item: its guid first, then any other element or attribute. */
function guidsOf(item: XmlElement): string[] {
  const guids = childElements(item, "guid").map((guid) => textContent(guid));
  for (const child of childElements(item)) {
    if (child.name === "guid") continue;
    for (const value of [textContent(child), ...Object.values(child.attributes)]) {
      if (/^(imdb|tmdb):\/\//i.test(value.trim())) guids.push(value);
    }
  }
  return guids;
}

function splitYear(title: string): { title: string; year: number } {
  const match = /^(.*\S)\s*\((\d{4})\)$/.exec(title);
  const year = match ? Number(match[2]) : 0;
  return match && year >= 1870 && year <= 2200 ? { title: match[1], year } : { title, year: 0 };
}

/** Reads one page of a Plex watchlist RSS feed. `feedUrl` resolves a relative next link. */
export function parsePlexRss(xml: string, feedUrl: string): PlexRssPage {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof Failure) {
      throw new Failure("parseError", `The Plex RSS feed is not well-formed XML: ${error.message}`);
    }
    throw error;
  }
  const channel = root.name === "rss" ? childElement(root, "channel") : undefined;
  if (!channel) {
    throw new Failure(
      "parseError",
      `The address did not return an RSS feed (its document is <${root.name}>): copy the RSS link from Plex's watchlist settings`,
    );
  }
  const items: ListItem[] = [];
  let moviesWithoutIds = 0;
  for (const item of childElements(channel, "item")) {
    if (textContent(childElement(item, "category")).toLowerCase() !== "movie") continue;
    const ids = externalIds(guidsOf(item));
    if (!ids.imdbId && !ids.tmdbId) {
      moviesWithoutIds++;
      continue;
    }
    const link = textContent(childElement(item, "link"));
    items.push({ ...ids, ...splitYear(textContent(childElement(item, "title"))), metadata: link ? { link } : {} });
  }
  if (items.length === 0 && moviesWithoutIds > 0) {
    throw new Failure(
      "parseError",
      "The feed's movies carry no IMDb or TMDb id (a <guid> like imdb://tt0133093): is this a Plex watchlist feed?",
    );
  }
  const next = childElements(channel).find(
    (element) => element.name.endsWith("link") && element.attributes.rel === "next" && element.attributes.href,
  );
  const nextUrl = next ? new URL(next.attributes.href, feedUrl).href : undefined;
  return { items, nextUrl: nextUrl && nextUrl !== feedUrl ? nextUrl : undefined };
}

export const plexRssSource: ImportListSource<PlexRssSettings> = {
  implementation: "PlexRssImport",
  implementationName: "Plex Watchlist RSS",
  configContract: "PlexRssImportSettings",
  minRefreshIntervalMinutes: 6 * 60,
  requestsPerSecond: 2,
  settings: plexRssSettingsSchema,
  fields: [
    {
      name: "url",
      label: "Url",
      type: "textbox",
      helpText:
        "The RSS feed of your Plex watchlist (Plex: Settings → Watchlist → RSS feed), e.g. https://rss.plex.tv/…",
    },
  ],

  firstRequest: (settings) => feedRequest(settings.url),

  parse(response) {
    const page = parsePlexRss(response.text, response.url);
    return { items: page.items, next: page.nextUrl ? feedRequest(page.nextUrl) : undefined };
  },
};
