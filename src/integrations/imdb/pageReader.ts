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

export async function scanImdbPage(html: string): Promise<ImdbPageScan> {
  let nextData: string[] | undefined;
  let documentTitle = "";
  let heading = "";
  let hasTitleList = false;
  let hasNextLink = false;
  const titles: ImdbMarkupTitle[] = [];
  const looseLinks: ImdbMarkupTitle[] = [];
  let current: ImdbMarkupTitle | undefined;
  let looseLink: ImdbMarkupTitle | undefined;

  const openEntry = (element: RewriterElement) => {
    const entry: ImdbMarkupTitle = { href: "", text: "", metadata: [] };
    current = entry;
    titles.push(entry);
    element.onEndTag(() => {
      if (current === entry) current = undefined;
    });
  };
  const appendTitle = (chunk: RewriterText) => {
    if (current) current.text += chunk.text;
  };
  const metadataItem: HTMLRewriterElementContentHandlers = {
    element() {
      current?.metadata.push("");
    },
    text(chunk) {
      if (current?.metadata.length) current.metadata[current.metadata.length - 1] += chunk.text;
    },
  };
  const typeLabel: HTMLRewriterElementContentHandlers = {
    element() {
      if (current) current.typeLabel = "";
    },
    text(chunk) {
      if (current) current.typeLabel = (current.typeLabel ?? "") + chunk.text;
    },
  };
  const markList = {
    element() {
      hasTitleList = true;
    },
  };
  const markNext = {
    element() {
      hasNextLink = true;
    },
  };

  const rewriter = new HTMLRewriter()
    .on("script#__NEXT_DATA__", {
      element() {
        nextData = [];
      },
      text(chunk) {
        nextData?.push(chunk.text);
      },
    })
    .on("head > title", {
      text(chunk) {
        documentTitle += chunk.text;
      },
    })
    .on("h1", {
      text(chunk) {
        heading += chunk.text;
      },
    })
    .on("ul.ipc-metadata-list", markList)
    .on("div.lister-list", markList)
    .on("li.ipc-metadata-list-summary-item", { element: openEntry })
    .on("div.lister-item", { element: openEntry })
    .on('a[href^="/title/tt"]', {
      element(element) {
        const href = element.getAttribute("href") ?? "";
        if (current) {
          if (!current.href) current.href = href;
          return;
        }
        looseLink = { href, text: "", metadata: [] };
        looseLinks.push(looseLink);
        const link = looseLink;
        element.onEndTag(() => {
          if (looseLink === link) looseLink = undefined;
        });
      },
      text(chunk) {
        if (!current && looseLink) looseLink.text += chunk.text;
      },
    })
    .on("h3.ipc-title__text", { text: appendTitle })
    .on("h3.lister-item-header a", { text: appendTitle })
    .on(".dli-title-metadata-item", metadataItem)
    .on(".cli-title-metadata-item", metadataItem)
    .on(".lister-item-year", metadataItem)
    .on(".dli-title-type-data", typeLabel)
    .on(".cli-title-type-data", typeLabel)
    .on('a[rel="next"]', markNext)
    .on("a.lister-page-next", markNext);

  await rewriter.transform(new Response(html)).arrayBuffer();

  const entries = titles.length > 0 ? titles : looseLinks;
  return {
    nextDataJson: nextData?.join(""),
    documentTitle: decodeHtmlEntities(documentTitle).trim(),
    heading: decodeHtmlEntities(heading).trim(),
    hasTitleList: hasTitleList || titles.length > 0,
    titles: entries.map(({ href, text, metadata, typeLabel: label }) => ({
      href: decodeHtmlEntities(href),
      text: decodeHtmlEntities(text).trim(),
      metadata: metadata.map((entry) => decodeHtmlEntities(entry).trim()),
      ...(label === undefined ? {} : { typeLabel: decodeHtmlEntities(label).trim() }),
    })),
    hasNextLink,
  };
}
