/**
 * The library page's state: the query (search, sort, filters), the view, and the pages of rows
 * loaded so far for that query. Kept at module level so leaving for a movie and coming back
 * keeps the filters, the loaded rows and the scroll position.
 *
 * Rows are fetched a page at a time, only for what the list shows, so a 20,000-movie library
 * costs a few small requests instead of one huge one.
 */
import { computed, signal } from "@preact/signals";
import {
  api,
  type Movie,
  type MovieFilterQuery,
  type MoviePageQuery,
  type MovieStatus,
  type SortDirection,
  type SortKey,
} from "../api";

const PAGE_SIZE = 100;
/** Pages kept in memory; farther ones are dropped and fetched again if the user scrolls back. */
const MAX_CACHED_PAGES = 40;
const SEARCH_DELAY_MS = 300;
const VIEW_KEY = "radarr-edge.library.view";

export type LibraryView = "table" | "posters" | "overview";
const LIBRARY_VIEWS: readonly LibraryView[] = ["table", "posters", "overview"];
type TriState = "" | "true" | "false";

export interface LibraryFilters {
  monitored: TriState;
  hasFile: TriState;
  status: "" | Exclude<MovieStatus, "deleted">;
  yearFrom: string;
  yearTo: string;
  genre: string;
  tagId: string;
  qualityProfileId: string;
}

export const NO_FILTERS: LibraryFilters = {
  monitored: "",
  hasFile: "",
  status: "",
  yearFrom: "",
  yearTo: "",
  genre: "",
  tagId: "",
  qualityProfileId: "",
};

/** What the search box shows; `appliedSearch` follows it once typing pauses. */
export const searchText = signal("");
const appliedSearch = signal("");
export const sortKey = signal<SortKey>("title");
export const sortDirection = signal<SortDirection>("ascending");
export const filters = signal<LibraryFilters>(NO_FILTERS);
/** The view this browser last chose (localStorage, kept by libraryPrefs), else the table. */
export const view = signal<LibraryView>(storedView());
/** Where the list was scrolled to, restored when the page is shown again. */
export const savedScrollTop = signal(0);

function storedView(): LibraryView {
  try {
    const stored = localStorage.getItem(VIEW_KEY);
    return LIBRARY_VIEWS.find((v) => v === stored) ?? "table";
  } catch {
    return "table";
  }
}

/** Remembers the view in this browser, so the next visit opens in it. */
export function rememberView(chosen: LibraryView) {
  view.value = chosen;
  try {
    localStorage.setItem(VIEW_KEY, chosen);
  } catch {
    // Storage refused (private mode): the view still holds for this visit.
  }
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;

export function setSearch(text: string) {
  searchText.value = text;
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    appliedSearch.value = text.trim();
  }, SEARCH_DELAY_MS);
}

/** Sets the search at once (from the URL), without waiting for typing to pause. */
function searchNow(text: string) {
  clearTimeout(searchTimer);
  searchText.value = text;
  appliedSearch.value = text.trim();
}

/** The query-string names of the library's state, and which filter each names. */
const FILTER_PARAMS: Record<keyof LibraryFilters, string> = {
  monitored: "monitored",
  hasFile: "hasFile",
  status: "status",
  yearFrom: "yearFrom",
  yearTo: "yearTo",
  genre: "genre",
  tagId: "tag",
  qualityProfileId: "profile",
};
export const LIBRARY_URL_KEYS = ["search", "sort", "direction", "view", ...Object.values(FILTER_PARAMS)];

/** The library's state as query parameters, defaults left out. */
export function libraryToQuery(): Record<string, string | undefined> {
  const f = filters.value;
  return {
    search: appliedSearch.value,
    sort: sortKey.value === "title" ? undefined : sortKey.value,
    direction: sortDirection.value === "ascending" ? undefined : sortDirection.value,
    view: view.value === "table" ? undefined : view.value,
    ...Object.fromEntries(
      Object.entries(FILTER_PARAMS).map(([name, param]) => [param, f[name as keyof LibraryFilters]]),
    ),
  };
}

const TRI_STATES = ["", "true", "false"];

/** Sets the library's state from query parameters; a missing or unknown value is the default. */
export function libraryFromQuery(query: URLSearchParams, sortKeys: readonly SortKey[]) {
  const get = (name: string) => query.get(name) ?? "";
  searchNow(get("search"));
  const sort = get("sort");
  sortKey.value = sortKeys.find((k) => k === sort) ?? "title";
  sortDirection.value = get("direction") === "descending" ? "descending" : "ascending";
  view.value = LIBRARY_VIEWS.find((v) => v === get("view")) ?? storedView();
  const f = Object.fromEntries(
    Object.entries(FILTER_PARAMS).map(([name, param]) => [name, get(param)]),
  ) as unknown as LibraryFilters;
  if (!TRI_STATES.includes(f.monitored)) f.monitored = "";
  if (!TRI_STATES.includes(f.hasFile)) f.hasFile = "";
  filters.value = f;
}

export function setFilter<K extends keyof LibraryFilters>(name: K, value: LibraryFilters[K]) {
  filters.value = { ...filters.value, [name]: value };
}

export const activeFilterCount = computed(() => Object.values(filters.value).filter((v) => v !== "").length);

const asNumber = (text: string) => {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : undefined;
};
const asBoolean = (value: TriState) => (value === "" ? undefined : value === "true");

/** The server query for the current controls, without the page. */
const pageQuery = computed<Omit<MoviePageQuery, "page" | "pageSize">>(() => {
  const f = filters.value;
  const yearFrom = asNumber(f.yearFrom);
  const yearTo = asNumber(f.yearTo);
  return {
    sortKey: sortKey.value,
    sortDirection: sortDirection.value,
    search: appliedSearch.value || undefined,
    monitored: asBoolean(f.monitored),
    hasFile: asBoolean(f.hasFile),
    status: f.status || undefined,
    // Four-digit years only: a half-typed "19" would be rejected by the server's range check.
    yearFrom: yearFrom !== undefined && yearFrom >= 1800 ? yearFrom : undefined,
    yearTo: yearTo !== undefined && yearTo >= 1800 ? yearTo : undefined,
    genre: f.genre || undefined,
    tagId: asNumber(f.tagId),
    qualityProfileId: asNumber(f.qualityProfileId),
  };
});

export const queryKey = computed(() => JSON.stringify(pageQuery.value));

/** The current filters and search without the order: what "select all" selects (GET /movie/ids). */
export function filterQuery(): MovieFilterQuery {
  const { sortKey: _sort, sortDirection: _direction, ...rest } = pageQuery.peek();
  return rest;
}

interface LoadedRows {
  /** The query these rows belong to. */
  key: string;
  /** Known after the first page of this query arrives. */
  total: number | undefined;
  pages: Map<number, Movie[]>;
  /** The last fetch's failure, as ErrorMessage shows it (a refused filter names the field). */
  error: unknown;
}

const EMPTY: LoadedRows = { key: "", total: undefined, pages: new Map(), error: undefined };

export const loaded = signal<LoadedRows>(EMPTY);
export const totalRecords = computed(() => (loaded.value.key === queryKey.value ? loaded.value.total : undefined));

const inFlight = new Map<string, AbortController>();

/** The movie at a row index, or undefined while its page is still loading. */
export function movieAt(rows: LoadedRows, index: number): Movie | undefined {
  return rows.pages.get(Math.floor(index / PAGE_SIZE) + 1)?.[index % PAGE_SIZE];
}

/**
 * Makes sure the rows from `first` to `last` (exclusive) of the current query are loaded or on
 * their way. A changed query starts from scratch and cancels requests for the old one. Settles
 * when the pages this call asked for have arrived or failed.
 */
export function ensureRows(first: number, last: number): Promise<unknown> {
  const key = queryKey.peek();
  let rows = loaded.peek();
  if (rows.key !== key) {
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
    rows = { ...EMPTY, key, pages: new Map() };
    loaded.value = rows;
  }
  const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE) + 1;
  const lastPage = Math.floor(Math.max(first, last - 1) / PAGE_SIZE) + 1;
  const maxPage = rows.total === undefined ? firstPage : Math.max(1, Math.ceil(rows.total / PAGE_SIZE));
  const asked: Promise<void>[] = [];
  for (let page = firstPage; page <= Math.min(lastPage, maxPage); page++) {
    if (!rows.pages.has(page) && !inFlight.has(`${key}#${page}`)) asked.push(fetchPage(key, page, firstPage));
  }
  return Promise.all(asked);
}

async function fetchPage(key: string, page: number, nearPage: number) {
  const id = `${key}#${page}`;
  const controller = new AbortController();
  inFlight.set(id, controller);
  try {
    const result = await api.movies.paged({ ...pageQuery.peek(), page, pageSize: PAGE_SIZE }, controller.signal);
    const current = loaded.peek();
    if (current.key !== key) return;
    const pages = new Map(current.pages).set(page, result.records);
    if (pages.size > MAX_CACHED_PAGES) {
      const farthest = [...pages.keys()].sort((a, b) => Math.abs(b - nearPage) - Math.abs(a - nearPage));
      for (const p of farthest.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(p);
    }
    loaded.value = { key, total: result.totalRecords, pages, error: undefined };
  } catch (error) {
    if ((error as Error).name === "AbortError") return;
    if (loaded.peek().key === key) loaded.value = { ...loaded.peek(), error };
  } finally {
    if (inFlight.get(id) === controller) inFlight.delete(id);
  }
}

/** Drops every loaded row (after an add, edit or delete) so the list is fetched fresh. */
export function invalidateLibrary() {
  for (const controller of inFlight.values()) controller.abort();
  inFlight.clear();
  loaded.value = EMPTY;
}
