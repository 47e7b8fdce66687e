import type { ImdbMarkupTitle, ImdbPageScan } from "../../domain/lists/sources/imdb/page";

/**
 * Scans an IMDb page with the Workers runtime's streaming HTML parser (HTMLRewriter, workerd only;
 * test it in worker integration tests): the `__NEXT_DATA__` JSON, the page's title and heading,
 * and every title entry of the visible list — IMDb's current markup (`li.ipc-metadata-list-summary-item`
 * with a title link, "N. Title" heading, metadata items and a type label) and its older lister
 * markup (`div.lister-item`). Title links outside any entry are kept as a last resort.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "–",
  mdash: "—",
  hellip: "…",
};

/** HTMLRewriter hands text over as written in the HTML; this decodes its character references. */
function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

type RewriterElement = Parameters<NonNullable<HTMLRewriterElementContentHandlers["element"]>>[0];
type RewriterText = Parameters<NonNullable<HTMLRewriterElementContentHandlers["text"]>>[0];

/** What a scan collects while HTMLRewriter streams the page. */
interface ScanState {
  nextData?: string[];
  documentTitle: string;
  heading: string;
  hasTitleList: boolean;
  hasNextLink: boolean;
  titles: ImdbMarkupTitle[];
  looseLinks: ImdbMarkupTitle[];
  /** The title entry being read. */
  current?: ImdbMarkupTitle;
  /** A title link outside any entry, being read. */
  looseLink?: ImdbMarkupTitle;
}

/** The handlers of one title entry: its opening element, heading, title link, metadata and type label. */
function entryHandlers(state: ScanState) {
  const openEntry = (element: RewriterElement) => {
    const entry: ImdbMarkupTitle = { href: "", text: "", metadata: [] };
    state.current = entry;
    state.titles.push(entry);
    element.onEndTag(() => {
      if (state.current === entry) state.current = undefined;
    });
  };
  const appendTitle = (chunk: RewriterText) => {
    if (state.current) state.current.text += chunk.text;
  };
  const metadataItem: HTMLRewriterElementContentHandlers = {
    element() {
      state.current?.metadata.push("");
    },
    text(chunk) {
      const metadata = state.current?.metadata;
      if (metadata?.length) metadata[metadata.length - 1] += chunk.text;
    },
  };
  const typeLabel: HTMLRewriterElementContentHandlers = {
    element() {
      if (state.current) state.current.typeLabel = "";
    },
    text(chunk) {
      if (state.current) state.current.typeLabel = (state.current.typeLabel ?? "") + chunk.text;
    },
  };
  const titleLink: HTMLRewriterElementContentHandlers = {
    element(element) {
      const href = element.getAttribute("href") ?? "";
      if (state.current) {
        if (!state.current.href) state.current.href = href;
        return;
      }
      const link: ImdbMarkupTitle = { href, text: "", metadata: [] };
      state.looseLink = link;
      state.looseLinks.push(link);
      element.onEndTag(() => {
        if (state.looseLink === link) state.looseLink = undefined;
      });
    },
    text(chunk) {
      if (!state.current && state.looseLink) state.looseLink.text += chunk.text;
    },
  };
  return { openEntry, appendTitle, metadataItem, typeLabel, titleLink };
}

/** The rewriter that fills `state`: page data, title and heading, list and next-page markers, title entries. */
function scanRewriter(state: ScanState): HTMLRewriter {
  const entry = entryHandlers(state);
  const markList = {
    element() {
      state.hasTitleList = true;
    },
  };
  const markNext = {
    element() {
      state.hasNextLink = true;
    },
  };
  return new HTMLRewriter()
    .on("script#__NEXT_DATA__", {
      element() {
        state.nextData = [];
      },
      text(chunk) {
        state.nextData?.push(chunk.text);
      },
    })
    .on("head > title", {
      text(chunk) {
        state.documentTitle += chunk.text;
      },
    })
    .on("h1", {
      text(chunk) {
        state.heading += chunk.text;
      },
    })
    .on("ul.ipc-metadata-list", markList)
    .on("div.lister-list", markList)
    .on("li.ipc-metadata-list-summary-item", { element: entry.openEntry })
    .on("div.lister-item", { element: entry.openEntry })
    .on('a[href^="/title/tt"]', entry.titleLink)
    .on("h3.ipc-title__text", { text: entry.appendTitle })
    .on("h3.lister-item-header a", { text: entry.appendTitle })
    .on(".dli-title-metadata-item", entry.metadataItem)
    .on(".cli-title-metadata-item", entry.metadataItem)
    .on(".lister-item-year", entry.metadataItem)
    .on(".dli-title-type-data", entry.typeLabel)
    .on(".cli-title-type-data", entry.typeLabel)
    .on('a[rel="next"]', markNext)
    .on("a.lister-page-next", markNext);
}

export async function scanImdbPage(html: string): Promise<ImdbPageScan> {
  const state: ScanState = {
    documentTitle: "",
    heading: "",
    hasTitleList: false,
    hasNextLink: false,
    titles: [],
    looseLinks: [],
  };
  await scanRewriter(state).transform(new Response(html)).arrayBuffer();

  const { titles } = state;
  const entries = titles.length > 0 ? titles : state.looseLinks;
  return {
    nextDataJson: state.nextData?.join(""),
    documentTitle: decodeHtmlEntities(state.documentTitle).trim(),
    heading: decodeHtmlEntities(state.heading).trim(),
    hasTitleList: state.hasTitleList || titles.length > 0,
    titles: entries.map(({ href, text, metadata, typeLabel: label }) => ({
      href: decodeHtmlEntities(href),
      text: decodeHtmlEntities(text).trim(),
      metadata: metadata.map((entry) => decodeHtmlEntities(entry).trim()),
      ...(label === undefined ? {} : { typeLabel: decodeHtmlEntities(label).trim() }),
    })),
    hasNextLink: state.hasNextLink,
  };
}
