import { IndexerFlags } from "../../../domain/customFormats/indexerFlags";
import { Failure, type UpstreamFailure } from "../../../domain/failures/failure";
import type { FailureKind } from "../../../domain/failures/kinds";
import {
  childElement,
  childElements,
  parseXml,
  textContent,
  type XmlElement,
} from "../../../domain/lists/sources/plex/xml";
import { type IndexerRelease, indexerRequestFailure } from "../../../integrations/indexers/types";

/**
 * A Newznab/Torznab result page: RSS 2.0 whose `<item>`s carry the release, with the extra facts
 * in `<newznab:attr name value>` / `<torznab:attr name value>` elements (size, seeders, peers,
 * infohash, magneturl, downloadvolumefactor, uploadvolumefactor, imdb/imdbid, tmdbid, usenetdate,
 * category, tag). `<newznab:response offset total>` says where the page sits in the whole result.
 * An API error is `<error code description>` with HTTP 200.
 */

export type FeedItem = Omit<IndexerRelease, "indexer" | "indexerId" | "indexerPriority" | "protocol">;

export interface FeedPage {
  items: FeedItem[];
  /** From `<newznab:response>`, when the indexer sent it. */
  offset?: number;
  total?: number;
}

/** Newznab's documented error codes and what each means here. */
const ERROR_CODES: Record<number, { kind: FailureKind; fields: string[] }> = {
  100: { kind: "authenticationFailed", fields: ["apiKey"] },
  101: { kind: "authenticationFailed", fields: ["apiKey"] },
  102: { kind: "authenticationFailed", fields: ["apiKey"] },
  103: { kind: "authenticationFailed", fields: ["apiKey"] },
  200: { kind: "upstreamError", fields: ["additionalParameters"] },
  201: { kind: "upstreamError", fields: ["additionalParameters"] },
  202: { kind: "upstreamError", fields: ["apiPath"] },
  203: { kind: "upstreamError", fields: ["apiPath"] },
  300: { kind: "notFound", fields: [] },
  500: { kind: "rateLimited", fields: [] },
  501: { kind: "rateLimited", fields: [] },
  900: { kind: "upstreamError", fields: [] },
  910: { kind: "upstreamError", fields: [] },
};

/** The failure a Newznab `<error>` document stands for; null for any other document. */
function newznabError(root: XmlElement): UpstreamFailure | null {
  if (root.name !== "error") return null;
  const code = Number(root.attributes.code);
  const description = root.attributes.description || textContent(root) || "Unknown error";
  const known = ERROR_CODES[code] ?? { kind: "upstreamError" as const, fields: [] };
  return indexerRequestFailure(known.kind, description, known.fields, Number.isFinite(code) ? code : undefined);
}

/** Throws the document's failure when it is a Newznab `<error>`. */
export function throwIfNewznabError(root: XmlElement): void {
  const failure = newznabError(root);
  if (failure) throw failure;
}

/** The Newznab error a response body carries, if it is one (Prowlarr sends it with HTTP 401). */
export function newznabErrorIn(xml: string): UpstreamFailure | null {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    return null;
  }
  return newznabError(root);
}

function readDocument(xml: string): XmlElement {
  try {
    return parseXml(xml);
  } catch (error) {
    if (error instanceof Failure)
      throw indexerRequestFailure("parseError", `The indexer's response is not well-formed XML: ${error.message}`);
    throw error;
  }
}

const isAttr = (element: XmlElement) => element.name === "attr" || element.name.endsWith(":attr");

/** An item's parts in one pass: its first child of each name, its `<category>` texts and its attrs by name (names that repeat, category and tag, keep every value). */
interface ItemParts {
  first: Map<string, XmlElement>;
  categories: string[];
  attrs: Map<string, string[]>;
}

function partsOf(item: XmlElement): ItemParts {
  const parts: ItemParts = { first: new Map(), categories: [], attrs: new Map() };
  for (const child of item.children) {
    if (typeof child === "string") continue;
    if (isAttr(child)) {
      const name = child.attributes.name?.toLowerCase();
      const value = child.attributes.value;
      if (!name || value === undefined) continue;
      const values = parts.attrs.get(name);
      if (values) values.push(value.trim());
      else parts.attrs.set(name, [value.trim()]);
      continue;
    }
    if (child.name === "category") parts.categories.push(textContent(child));
    if (!parts.first.has(child.name)) parts.first.set(child.name, child);
  }
  return parts;
}

const integer = (text: string | undefined): number | undefined => {
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : undefined;
};

const isoDate = (text: string | undefined): string | undefined => {
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

/** An IMDb id as attrs carry it ("0133093", "133093" or "tt0133093") in the tt + 7 digits form. */
export function normaliseImdbId(value: string | undefined): string | undefined {
  const digits = /^(?:tt)?(\d{1,10})$/i.exec(value?.trim() ?? "")?.[1];
  if (!digits || Number(digits) === 0) return undefined;
  return `tt${digits.padStart(7, "0")}`;
}

const infoHashFromMagnet = (magnet: string | undefined) =>
  magnet ? /[?&]xt=urn:btih:([0-9a-f]{40}|[a-z2-7]{32})/i.exec(magnet)?.[1] : undefined;

/** Radarr's Torznab flag mapping: volume factors and tags. */
function indexerFlagsFromAttrs(attrs: Map<string, string[]>): number {
  let flags = 0;
  const download = attrs.get("downloadvolumefactor")?.[0];
  const upload = attrs.get("uploadvolumefactor")?.[0];
  if (download !== undefined && download !== "") {
    const factor = Number(download);
    if (factor === 0) flags |= IndexerFlags.freeleech;
    else if (factor === 0.5) flags |= IndexerFlags.halfleech;
    else if (factor === 0.25) flags |= IndexerFlags.freeleech75;
    else if (factor === 0.75) flags |= IndexerFlags.freeleech25;
  }
  if (upload !== undefined && Number(upload) === 2) flags |= IndexerFlags.doubleUpload;
  for (const tag of attrs.get("tag") ?? []) {
    const name = tag.toLowerCase();
    if (name === "internal") flags |= IndexerFlags.internal;
    else if (name === "scene") flags |= IndexerFlags.scene;
    else if (name === "freeleech") flags |= IndexerFlags.freeleech;
    else if (name === "nuked") flags |= IndexerFlags.nuked;
  }
  return flags;
}

function itemOf(item: XmlElement, torrent: boolean): FeedItem | undefined {
  const { first, categories: categoryTexts, attrs } = partsOf(item);
  const text = (name: string) => textContent(first.get(name));
  const title = text("title");
  if (!title) return undefined;
  const attr = (name: string) => attrs.get(name)?.[0];
  const link = text("link");
  const enclosure = first.get("enclosure")?.attributes;
  const httpLink = [link, enclosure?.url].find((url) => url && /^https?:/i.test(url));
  const magnetUrl = [attr("magneturl"), link, enclosure?.url].find((url) => url?.startsWith("magnet:"));
  const size = integer(attr("size")) ?? integer(text("size")) ?? integer(enclosure?.length) ?? 0;
  const publishDate = (torrent ? undefined : isoDate(attr("usenetdate"))) ?? isoDate(text("pubDate"));
  const guid = text("guid") || httpLink || magnetUrl || title;
  const comments = text("comments");
  const categories = [...(attrs.get("category") ?? []), ...categoryTexts]
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
  const out: FeedItem = {
    guid,
    title,
    size,
    ...(publishDate ? { publishDate } : {}),
    ...(httpLink ? { downloadUrl: httpLink } : magnetUrl ? { downloadUrl: magnetUrl } : {}),
    ...(magnetUrl ? { magnetUrl } : {}),
    ...(comments ? { commentUrl: comments } : {}),
    ...(guid.startsWith("http") ? { infoUrl: guid } : {}),
    categories: [...new Set(categories)],
    indexerFlags: indexerFlagsFromAttrs(attrs),
  };
  const imdbId = normaliseImdbId(attr("imdbid") ?? attr("imdb"));
  if (imdbId) out.imdbId = imdbId;
  const tmdbId = integer(attr("tmdbid") ?? attr("tmdb"));
  if (tmdbId) out.tmdbId = tmdbId;
  if (torrent) {
    const seeders = integer(attr("seeders"));
    const peers = integer(attr("peers"));
    const leechers = integer(attr("leechers"));
    out.seeders = seeders ?? null;
    // Torznab's peers counts seeders too.
    out.leechers = leechers ?? (peers !== undefined ? Math.max(0, peers - (seeders ?? 0)) : null);
    const infoHash = (attr("infohash") || infoHashFromMagnet(magnetUrl))?.toLowerCase();
    if (infoHash) out.infoHash = infoHash;
  }
  return out;
}

/** Reads one result page. `torrent` selects Torznab's seeders/peers/infohash handling. */
export function parseFeed(xml: string, torrent: boolean): FeedPage {
  const root = readDocument(xml);
  throwIfNewznabError(root);
  const channel = root.name === "rss" ? childElement(root, "channel") : undefined;
  if (!channel) {
    throw indexerRequestFailure(
      "parseError",
      `The indexer answered with <${root.name}> instead of an RSS feed: is the URL a Newznab/Torznab API?`,
      ["baseUrl"],
    );
  }
  const response = childElements(channel).find((c) => c.name.endsWith(":response") || c.name === "response");
  const items: FeedItem[] = [];
  for (const item of childElements(channel, "item")) {
    const parsed = itemOf(item, torrent);
    if (parsed) items.push(parsed);
  }
  const offset = integer(response?.attributes.offset);
  const total = integer(response?.attributes.total);
  return { items, ...(offset !== undefined ? { offset } : {}), ...(total !== undefined ? { total } : {}) };
}
