import { Failure } from "../../../failures/failure";
import type { ListItem } from "../../source";
import { type ImdbTitle, imdbNextDataSchema } from "./nextData";
import { isMovieTitleType } from "./titleTypes";

/**
 * Reads one IMDb list, watchlist or chart page from what the page reader found in it
 * (src/integrations/imdb/pageReader.ts): the embedded `__NEXT_DATA__` JSON first, and the
 * visible markup (title links with their title, year and type label) when the JSON is missing or
 * not in a shape we know.
 */

/** One title as the page draws it. Text is already decoded from HTML. */
export interface ImdbMarkupTitle {
  /** The title link, e.g. "/title/tt0111161/?ref_=ls_t_1". */
  href: string;
  /** The link's text, e.g. "1. The Shawshank Redemption". */
  text: string;
  /** The small facts under the title, e.g. ["1994", "2h 22m", "R"]. */
  metadata: string[];
  /** The type label IMDb shows for anything but a movie, e.g. "TV Series". */
  typeLabel?: string;
}

/** Everything the page reader takes from a page. */
export interface ImdbPageScan {
  /** The raw text of `<script id="__NEXT_DATA__">`, when the page has one. */
  nextDataJson?: string;
  documentTitle: string;
  /** The page's `<h1>`. */
  heading: string;
  /** Whether the page has a title list at all (possibly empty). */
  hasTitleList: boolean;
  titles: ImdbMarkupTitle[];
  /** Whether the page links to a next page. */
  hasNextLink: boolean;
}

export interface ImdbPageContent {
  items: ListItem[];
  /** Titles on the page, movies or not: a page with none ends the list. */
  titlesOnPage: number;
  hasNextPage: boolean;
  /** Where the titles came from. */
  source: "json" | "markup";
}

const IMDB_ID = /^tt\d{7,}$/;
/** How IMDb headlines a private list: "This list is private", "Private list", "… is not public". */
const PRIVATE_PAGE = /^(?:this list is private|private list)\b|\bis not public\b/i;

function privateListError(listId: string): Failure {
  return new Failure(
    "forbidden",
    listId.startsWith("ur")
      ? `The IMDb watchlist of ${listId} is private: its owner must make it public on IMDb before it can be imported`
      : `The IMDb list ${listId} is private: its owner must make it public on IMDb before it can be imported`,
  );
}

function itemFromTitle(title: ImdbTitle, position: number | null | undefined): ListItem | undefined {
  if (!IMDB_ID.test(title.id) || !isMovieTitleType(title.titleType?.id)) return undefined;
  const name = title.titleText?.text ?? title.originalTitleText?.text;
  if (!name) return undefined;
  const metadata: Record<string, unknown> = {};
  if (position) metadata.position = position;
  if (title.titleType?.id) metadata.titleType = title.titleType.id;
  if (title.originalTitleText?.text && title.originalTitleText.text !== name) {
    metadata.originalTitle = title.originalTitleText.text;
  }
  if (typeof title.ratingsSummary?.aggregateRating === "number") {
    metadata.imdbRating = title.ratingsSummary.aggregateRating;
  }
  return { imdbId: title.id, title: name, year: title.releaseYear?.year ?? 0, metadata };
}

function fromJson(json: string, listId: string): ImdbPageContent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = imdbNextDataSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { mainColumnData, pageData } = parsed.data.props.pageProps;
  const list = mainColumnData?.list ?? mainColumnData?.predefinedList;
  if (list?.visibility?.id === "PRIVATE") throw privateListError(listId);
  const search = list?.titleListItemSearch;
  if (search) {
    const items = search.edges.flatMap((edge) => {
      const item = edge.listItem && itemFromTitle(edge.listItem, edge.node?.absolutePosition);
      return item ? [item] : [];
    });
    return {
      items,
      titlesOnPage: search.edges.length,
      hasNextPage: search.pageInfo?.hasNextPage === true,
      source: "json",
    };
  }
  const chart = pageData?.chartTitles;
  if (chart) {
    const items = chart.edges.flatMap((edge) => {
      const item = itemFromTitle(edge.node, edge.currentRank);
      return item ? [item] : [];
    });
    // A chart is one page; it has no ?page=N.
    return { items, titlesOnPage: chart.edges.length, hasNextPage: false, source: "json" };
  }
  return undefined;
}

function fromMarkup(scan: ImdbPageScan, listId: string): ImdbPageContent {
  const seen = new Set<string>();
  const items: ListItem[] = [];
  let titlesOnPage = 0;
  for (const title of scan.titles) {
    const imdbId = /\/title\/(tt\d{7,})/.exec(title.href)?.[1];
    const text = title.text.replace(/\s+/g, " ").trim();
    if (!imdbId || !text || seen.has(imdbId)) continue;
    seen.add(imdbId);
    titlesOnPage++;
    if (!isMovieTitleType(title.typeLabel)) continue;
    // List and chart entries are numbered: "12. Heat".
    const rank = /^(\d+)\.\s+(.+)$/.exec(text);
    const yearText = title.metadata.map((entry) => entry.trim()).find((entry) => /^\(?\d{4}/.test(entry));
    items.push({
      imdbId,
      title: rank ? rank[2] : text,
      year: yearText ? Number(/\d{4}/.exec(yearText)?.[0]) : 0,
      metadata: rank ? { position: Number(rank[1]) } : {},
    });
  }
  if (titlesOnPage === 0 && (PRIVATE_PAGE.test(scan.heading.trim()) || PRIVATE_PAGE.test(scan.documentTitle.trim()))) {
    throw privateListError(listId);
  }
  if (titlesOnPage === 0 && !scan.hasTitleList) {
    throw new Failure(
      "parseError",
      `IMDb sent a page for ${listId} with no list on it (no embedded data and no titles): the page layout may have changed`,
    );
  }
  return { items, titlesOnPage, hasNextPage: scan.hasNextLink, source: "markup" };
}

export function readImdbPage(scan: ImdbPageScan, listId: string): ImdbPageContent {
  return (scan.nextDataJson && fromJson(scan.nextDataJson, listId)) || fromMarkup(scan, listId);
}
