import { IMDB_LIST_PAGE_SIZE, IMDB_TITLE_TYPES, type ImdbListEntry, type ImdbTitle } from "./lists-imdb";

/**
 * IMDb's list, watchlist and chart pages as its Next.js front end serves them: the visible markup
 * (ipc-metadata-list items with their title link, rank, year and type) plus the page's data in
 * `<script id="__NEXT_DATA__" type="application/json">`, in the shapes IMDb uses:
 *   lists      props.pageProps.mainColumnData.list.titleListItemSearch {total, pageInfo, edges[{node, listItem}]}
 *   watchlists props.pageProps.mainColumnData.predefinedList.titleListItemSearch (same shape)
 *   charts     props.pageProps.pageData.chartTitles {total, pageInfo, edges[{currentRank, node}]}
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element, escaped the way Next.js escapes it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function titleNode(title: ImdbTitle) {
  const [year, month, day] = title.releaseDate ? title.releaseDate.split("-").map(Number) : [];
  return {
    __typename: "Title",
    id: title.imdbId,
    titleText: { text: title.title },
    originalTitleText: { text: title.originalTitle },
    titleType: {
      id: title.titleType,
      text: IMDB_TITLE_TYPES[title.titleType],
      canHaveEpisodes: title.titleType === "tvSeries" || title.titleType === "tvMiniSeries",
    },
    releaseYear: title.year === null ? null : { year: title.year, endYear: title.endYear },
    releaseDate: year ? { day, month, year } : null,
    runtime: title.runtimeMinutes ? { seconds: title.runtimeMinutes * 60 } : null,
    ratingsSummary: { aggregateRating: title.rating, voteCount: title.votes },
    certificate: title.certificate ? { rating: title.certificate } : null,
    titleGenres: { genres: title.genres.map((text) => ({ genre: { text } })) },
  };
}

function yearLabel(title: ImdbTitle): string {
  if (title.year === null) return "";
  if (title.titleType === "tvSeries" || title.titleType === "tvMiniSeries") {
    return `${title.year}–${title.endYear ?? " "}`;
  }
  return String(title.year);
}

function runtimeLabel(minutes: number | null): string {
  if (!minutes) return "";
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours}h ${minutes % 60}m` : `${minutes}m`;
}

/** One title as IMDb draws it; `prefix` is "dli" on lists and watchlists, "cli" on charts. */
function titleItemHtml(title: ImdbTitle, rank: number, prefix: "dli" | "cli", ref: string): string {
  const metadata = [yearLabel(title), runtimeLabel(title.runtimeMinutes), title.certificate]
    .filter(Boolean)
    .map((item) => `<span class="sc-5179a348-7 ${prefix}-title-metadata-item">${escapeHtml(item)}</span>`)
    .join("");
  const type =
    title.titleType === "movie"
      ? ""
      : `<span class="sc-5179a348-3 ${prefix}-title-type-data">${escapeHtml(IMDB_TITLE_TYPES[title.titleType])}</span>`;
  const rating =
    title.rating === null
      ? ""
      : `<span class="ipc-rating-star--rating">${title.rating.toFixed(1)}</span><span class="ipc-rating-star--voteCount">&nbsp;(${title.votes})</span>`;
  const href = `/title/${title.imdbId}/?ref_=${ref}_t_${rank}`;
  return (
    `<li class="ipc-metadata-list-summary-item sc-4929eaf6-0 ${prefix}-parent"${prefix === "dli" ? ' data-testid="list-page-mc-list-item"' : ""}>` +
    `<div class="ipc-metadata-list-summary-item__c"><div class="ipc-metadata-list-summary-item__tc">` +
    `<div class="ipc-poster"><a class="ipc-lockup-overlay ipc-focusable" href="${href}" aria-label="View title page for ${escapeHtml(title.title)}"></a></div>` +
    `<div class="ipc-title ipc-title--base ipc-title--title ipc-title-link-no-icon ipc-title--on-textPrimary ${prefix}-title">` +
    `<a href="${href}" class="ipc-title-link-wrapper" tabindex="0"><h3 class="ipc-title__text">${rank}. ${escapeHtml(title.title)}</h3></a></div>` +
    `<div class="sc-5179a348-6 ${prefix}-title-metadata">${metadata}</div>${type}` +
    `<span class="ipc-rating-star ipc-rating-star--base ipc-rating-star--imdb ratingGroup--imdb-rating">${rating}</span>` +
    `</div></div></li>`
  );
}

interface PageFrame {
  documentTitle: string;
  heading: string;
  intro: string;
  items: string;
  pagination: string;
  nextData: unknown | null;
}

function pageHtml(frame: PageFrame): string {
  const script =
    frame.nextData === null
      ? ""
      : `<script id="__NEXT_DATA__" type="application/json">${scriptJson(frame.nextData)}</script>`;
  return (
    `<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>${escapeHtml(frame.documentTitle)}</title>` +
    `<meta name="robots" content="noindex"><meta name="description" content="Radarr Edge simulator: demo data"></head>` +
    `<body id="styleguide-v2"><div id="__next"><main role="main" class="ipc-page-wrapper">` +
    `<section class="ipc-page-section"><div class="ipc-page-content-container">` +
    `<h1 class="ipc-title__text" data-testid="list-page-title">${escapeHtml(frame.heading)}</h1>${frame.intro}` +
    `<ul class="ipc-metadata-list ipc-metadata-list--dividers-between detailed-list-view ipc-metadata-list--base" role="presentation">${frame.items}</ul>` +
    `${frame.pagination}</div></section></main></div>${script}</body></html>`
  );
}

function paginationHtml(basePath: string, page: number, total: number): string {
  const first = (page - 1) * IMDB_LIST_PAGE_SIZE + 1;
  const last = Math.min(total, page * IMDB_LIST_PAGE_SIZE);
  const label = total === 0 ? "0 titles" : `${first} - ${last} of ${total}`;
  const prev =
    page > 1 ? `<a class="ipc-pagination__prev" rel="prev" href="${basePath}?page=${page - 1}">Previous</a>` : "";
  const next =
    last < total ? `<a class="ipc-pagination__next" rel="next" href="${basePath}?page=${page + 1}">Next</a>` : "";
  return `<div class="ipc-pagination" data-testid="index-pagination">${prev}<span class="ipc-pagination__label">${label}</span>${next}</div>`;
}

function edge(entry: ImdbListEntry) {
  return {
    node: {
      absolutePosition: entry.position,
      itemId: entry.title.imdbId,
      createdDate: `${entry.added}T12:00:00.000Z`,
      description: entry.description ? { originalText: { plainText: entry.description } } : null,
    },
    listItem: titleNode(entry.title),
  };
}

export interface ListPageInput {
  kind: "list" | "watchlist";
  /** ls… for lists; the watchlist's owner ur… for watchlists. */
  id: string;
  name: string;
  authorId: string;
  authorName: string;
  description: string;
  entries: readonly ImdbListEntry[];
  page: number;
  embedsJson: boolean;
}

/** One page (250 titles) of a public list or watchlist. */
export function listPageHtml(input: ListPageInput): string {
  const total = input.entries.length;
  const lastPage = Math.max(1, Math.ceil(total / IMDB_LIST_PAGE_SIZE));
  const slice = input.entries.slice((input.page - 1) * IMDB_LIST_PAGE_SIZE, input.page * IMDB_LIST_PAGE_SIZE);
  const basePath = input.kind === "list" ? `/list/${input.id}/` : `/user/${input.id}/watchlist`;
  const list = {
    id: input.kind === "list" ? input.id : `ls${input.id.slice(2)}9`,
    name: { originalText: input.name },
    author: { userId: input.authorId, username: { text: input.authorName } },
    description: { originalText: { plainText: input.description } },
    visibility: { id: "PUBLIC" },
    listType: { id: "TITLES" },
    titleListItemSearch: {
      total,
      pageInfo: {
        hasNextPage: input.page < lastPage,
        hasPreviousPage: input.page > 1,
        endCursor: slice.length ? btoa(`${input.id}:${slice[slice.length - 1].position}`) : null,
      },
      edges: slice.map(edge),
    },
  };
  const nextData = {
    props: {
      pageProps: {
        mainColumnData: input.kind === "list" ? { list } : { predefinedList: list },
        totalItems: total,
      },
      __N_SSP: true,
    },
    page: input.kind === "list" ? "/list/[lsconst]" : "/user/[userconst]/watchlist",
    query: input.kind === "list" ? { lsconst: input.id, page: String(input.page) } : { userconst: input.id },
    buildId: "radarr-edge-sim",
    isFallback: false,
    gssp: true,
    locale: "en-US",
  };
  const ref = input.kind === "list" ? "ls" : "wl";
  return pageHtml({
    documentTitle: `${input.name} - IMDb`,
    heading: input.name,
    intro:
      `<div class="list-meta"><span data-testid="list-author">by <a href="/user/${input.authorId}/">${escapeHtml(input.authorName)}</a></span>` +
      `<span data-testid="list-page-mc-total-items">${total} titles</span></div>` +
      `<div data-testid="list-description" class="ipc-html-content-inner-div">${escapeHtml(input.description)}</div>`,
    items: slice.map((entry) => titleItemHtml(entry.title, entry.position, "dli", ref)).join(""),
    pagination: paginationHtml(basePath, input.page, total),
    nextData: input.embedsJson ? nextData : null,
  });
}

/** What IMDb shows for a watchlist its owner keeps private: a page saying so, and no titles. */
export function privateWatchlistHtml(userId: string): string {
  return pageHtml({
    documentTitle: "Private list - IMDb",
    heading: "This list is private",
    intro: `<p data-testid="private-list-message">The owner of this watchlist has not made it public.</p>`,
    items: "",
    pagination: "",
    nextData: {
      props: {
        pageProps: {
          mainColumnData: {
            predefinedList: { id: `ls${userId.slice(2)}9`, visibility: { id: "PRIVATE" }, titleListItemSearch: null },
          },
        },
        __N_SSP: true,
      },
      page: "/user/[userconst]/watchlist",
      query: { userconst: userId },
      buildId: "radarr-edge-sim",
      isFallback: false,
      gssp: true,
      locale: "en-US",
    },
  });
}

export interface ChartPageInput {
  chart: "top" | "moviemeter";
  name: string;
  titles: readonly ImdbTitle[];
}

/** A chart page: every title on one page, ranked. */
export function chartPageHtml(input: ChartPageInput): string {
  const edges = input.titles.map((title, index) => ({
    currentRank: index + 1,
    node: {
      ...titleNode(title),
      ...(input.chart === "moviemeter"
        ? { meterRanking: { currentRank: index + 1, rankChange: { changeDirection: "FLAT", difference: 0 } } }
        : {}),
    },
  }));
  const nextData = {
    props: {
      pageProps: {
        pageData: {
          chartTitles: {
            total: edges.length,
            pageInfo: { hasNextPage: false, endCursor: null },
            edges,
          },
        },
      },
      __N_SSP: true,
    },
    page: `/chart/${input.chart}`,
    query: {},
    buildId: "radarr-edge-sim",
    isFallback: false,
    gssp: true,
    locale: "en-US",
  };
  const ref = input.chart === "top" ? "chttp" : "chtmvm";
  return pageHtml({
    documentTitle: `${input.name} - IMDb`,
    heading: input.name,
    intro: `<p class="chart-description">As rated by the simulator's demo users.</p>`,
    items: input.titles.map((title, index) => titleItemHtml(title, index + 1, "cli", ref)).join(""),
    pagination: "",
    nextData,
  });
}

/** IMDb's error page for a status (404 for a list that does not exist, 403 for a private one). */
export function errorPageHtml(status: number): string {
  const message =
    status === 404
      ? "The requested URL was not found on our server."
      : status === 403
        ? "This list is private. Only its owner can see it."
        : status === 429 || status === 503
          ? "We are experiencing heavy load. Please try again later."
          : "Something went wrong on our end.";
  return (
    `<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>${status} Error - IMDb</title></head>` +
    `<body><div class="error-page"><h1>Error ${status}</h1><p>${escapeHtml(message)}</p></div></body></html>`
  );
}
