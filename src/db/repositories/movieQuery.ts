import {
  buildList,
  intersectedWith,
  type MatchSource,
  SHORTEST_INDEXED_SEARCH,
  sourceSet,
  sourcesOf,
} from "./movieFilterLists";

export const MOVIE_SORT_KEYS = ["title", "year", "added", "rating", "size", "popularity"] as const;
type MovieSortKey = (typeof MOVIE_SORT_KEYS)[number];

export interface MovieFilter {
  search?: string;
  monitored?: boolean;
  hasFile?: boolean;
  status?: string;
  yearFrom?: number;
  yearTo?: number;
  genre?: string;
  tagId?: number;
  qualityProfileId?: number;
}

export interface MoviePageQuery extends MovieFilter {
  page: number;
  pageSize: number;
  sortKey: MovieSortKey;
  sortDirection: "ascending" | "descending";
}

/** SQL text with its `?` parameters in order. */
export interface BoundSql {
  text: string;
  params: (string | number)[];
}

/**
 * Each sort key's column and its index. Every one of these indexes also holds the columns the
 * filters test (monitored, has_file, status, quality_profile_id, year), so a page's ids and a
 * count are index-only walks that never read the wide movie rows (their metadata JSON).
 */
const SORTS: Record<MovieSortKey, { column: string; field: string; index: string }> = {
  title: { column: "sort_title", field: "sortTitle", index: "movies_sort_title_idx" },
  year: { column: "year", field: "year", index: "movies_year_idx" },
  added: { column: "added", field: "added", index: "movies_added_idx" },
  rating: { column: "rating", field: "rating", index: "movies_rating_idx" },
  size: { column: "size_on_disk", field: "sizeOnDisk", index: "movies_size_idx" },
  popularity: { column: "popularity", field: "popularity", index: "movies_popularity_idx" },
};

/**
 * What a page's plan is chosen by, counted once per filter and library version: how big the
 * library is, how many movies each indexed filter lists alone, and (once counted) how many pass
 * all the filters.
 */
export interface FilterCounts {
  total?: number;
  library: number;
  sources: Partial<Record<MatchSource, number>>;
}

/**
 * How a page is read. `walk`: along the sort index, testing each movie against the filters and
 * stopping once the page is filled (cheap when the filters are common). `build`: the movies the
 * `source` filter lists, each tested against the other filters, sorted and cut to the page (cheap
 * when that list is short). Both give the same page.
 */
export type PagePlan = { kind: "walk" } | { kind: "build"; source: MatchSource };

// Relative costs, in sort-index entries walked (measured on a 100,000-movie library): probing a
// movie's tags, genres or search titles by its id, reading a movie row by id (a random page of the
// wide table), listing one id from a filter's index or from the FTS index, and testing a listed id
// against another filter's list (built once).
const COST = {
  tagProbe: 1,
  genreProbe: 5,
  titlesProbe: 14,
  rowLookup: 20,
  listEntry: 0.15,
  searchEntry: 0.7,
  listProbe: 1,
};

/**
 * The cheapest way to find `wanted` movies (Infinity: all of them, a count). A walk passes about
 * library/total index entries per movie it keeps (all of the index when fewer match), builds the
 * search match list whole, and probes tags, genres and short searches (in that order) only for the
 * entries the index-only conditions let through. A build lists the source filter's movies, keeps
 * those the other listed filters (search, tag, genre) list too, reads only those rows and probes
 * them for a short search. An unknown total is estimated from the filters' shares as if
 * independent. Counts only steer the speed: every plan reads the same movies.
 */
function cheapest(filter: MovieFilter, searchKey: string | undefined, counts: FilterCounts, wanted: number): PagePlan {
  const sources = sourcesOf(filter, searchKey);
  if (sources.length === 0) return { kind: "walk" };
  const library = Math.max(counts.library, 1);
  const share = (s: MatchSource) => Math.min(1, (counts.sources[s] ?? library) / library);
  const listCost = (s: MatchSource) => share(s) * library * (s === "search" ? COST.searchEntry : COST.listEntry);
  const shortSearch = !!searchKey && searchKey.length < SHORTEST_INDEXED_SEARCH;
  /** Probing one movie that reaches the probes, the index-only filters (but those `applied` already) before. */
  const probeCost = (applied: readonly MatchSource[]) => {
    let reach = 1;
    for (const s of ["search", "status", "profile"] as const)
      if (sources.includes(s) && !applied.includes(s)) reach *= share(s);
    let cost = 0;
    if (filter.tagId !== undefined && !applied.includes("tag")) {
      cost += reach * COST.tagProbe;
      reach *= share("tag");
    }
    if (filter.genre && !applied.includes("genre")) {
      cost += reach * COST.genreProbe;
      reach *= share("genre");
    }
    if (shortSearch) cost += reach * COST.titlesProbe;
    return cost;
  };
  const total = counts.total ?? sources.reduce((n, s) => n * share(s), library);
  const steps = Math.min(library, (wanted * library) / Math.max(total, 1));
  let best: PagePlan = { kind: "walk" };
  let bestCost = steps * (1 + probeCost([])) + (sources.includes("search") ? listCost("search") : 0);
  for (const source of sources) {
    let kept = share(source) * library;
    let cost = listCost(source);
    const intersected = intersectedWith(source, filter, searchKey);
    for (const other of intersected) {
      cost += listCost(other) + kept * COST.listProbe;
      kept *= share(other);
    }
    cost += kept * (COST.rowLookup + probeCost([source, ...intersected]));
    if (cost < bestCost) [best, bestCost] = [{ kind: "build", source }, cost];
  }
  return best;
}

/** The cheaper plan for this page (its offset counts unless it seeks to a kept start). */
export function choosePlan(
  query: MoviePageQuery,
  searchKey: string | undefined,
  counts: FilterCounts,
  start?: PageStart,
): PagePlan {
  return cheapest(query, searchKey, counts, query.pageSize + (start ? 0 : (query.page - 1) * query.pageSize));
}

/**
 * The filters as SQL conditions. Search (a clean title: lower case letters and digits) matches
 * the clean title, original title or any alternate title through the movie_search FTS5 trigram
 * index; a 1–2 character search has no trigram, so it reads each walked movie's titles instead:
 * `walk` (a page, which stops after pageSize matches) probes them one movie at a time in the
 * index's content table (a plain table by id, the same text as movie_search.titles, without the
 * virtual table's per-lookup cost), a count scans the search table once. `except` leaves out the
 * filters a build path's list already applies (its source and those intersected with it).
 */
function filterWhere(
  filter: MovieFilter,
  searchKey: string | undefined,
  walk: boolean,
  except: readonly MatchSource[] = [],
): BoundSql {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const add = (condition: string, value: string | number) => {
    conditions.push(condition);
    params.push(value);
  };
  const indexed = !!searchKey && searchKey.length >= SHORTEST_INDEXED_SEARCH;
  if (indexed && !except.includes("search"))
    add("id in (select rowid from movie_search where movie_search match ?)", `"${searchKey}"`);
  else if (searchKey && !indexed && !walk)
    add("id in (select rowid from movie_search where instr(titles, ?) > 0)", searchKey);
  if (filter.monitored !== undefined) add("monitored = ?", filter.monitored ? 1 : 0);
  if (filter.hasFile !== undefined) add("has_file = ?", filter.hasFile ? 1 : 0);
  if (filter.status && !except.includes("status")) add("status = ?", filter.status);
  if (filter.yearFrom !== undefined) add("year >= ?", filter.yearFrom);
  if (filter.yearTo !== undefined) add("year <= ?", filter.yearTo);
  if (filter.qualityProfileId !== undefined && !except.includes("profile"))
    add("quality_profile_id = ?", filter.qualityProfileId);
  // A page probes each movie it reaches for its tags, then its genres, then (a short search) its
  // titles, cheapest first (SQLite tests index-only conditions and lists before correlated
  // probes); a count starts from the tag's and genre's index entries instead.
  if (filter.tagId !== undefined && walk && !except.includes("tag"))
    add("exists (select 1 from movie_tags where movie_id = movies.id and tag_id = ?)", filter.tagId);
  else if (filter.tagId !== undefined && !except.includes("tag"))
    add("id in (select movie_id from movie_tags where tag_id = ?)", filter.tagId);
  if (filter.genre && walk && !except.includes("genre"))
    add("exists (select 1 from movie_genres where movie_id = movies.id and genre = ?)", filter.genre);
  else if (filter.genre && !except.includes("genre"))
    add("id in (select movie_id from movie_genres where genre = ?)", filter.genre);
  if (searchKey && !indexed && walk)
    add("instr((select c0 from movie_search_content where id = movies.id), ?) > 0", searchKey);
  return { text: conditions.length ? ` where ${conditions.join(" and ")}` : "", params };
}

/** The page order: the sort key, then (for keys other than title) title ascending, then id. */
export function pageOrder(query: MoviePageQuery): string {
  const direction = query.sortDirection === "descending" ? "desc" : "asc";
  if (query.sortKey === "title") return `sort_title ${direction}, id ${direction}`;
  return `${SORTS[query.sortKey].column} ${direction}, sort_title, id`;
}

/**
 * Where a page starts in its order, from a page read before at the same library version: the
 * sort value, title and id of its first row (`inclusive`) or of the previous page's last row.
 */
export interface PageStart {
  key: [string | number, string, number];
  inclusive: boolean;
}

/** The row's position in the page order, as a PageStart key. */
export function pageKey(query: MoviePageQuery, row: Record<string, unknown>): PageStart["key"] {
  const value = row[SORTS[query.sortKey].field] as string | number;
  return [value, row.sortTitle as string, row.id as number];
}

/**
 * The rows at or after a PageStart (keyset paging): a seek in the sort index instead of an offset.
 * Title: (sort_title, id) against the key. Other keys: the key's column bounds the walk, and the
 * title and id decide inside the key's own value (they run ascending in both directions).
 */
function seekCondition(query: MoviePageQuery, start: PageStart): BoundSql {
  const [value, title, id] = start.key;
  const descending = query.sortDirection === "descending";
  const after = start.inclusive ? ">=" : ">";
  if (query.sortKey === "title") {
    const op = descending ? (start.inclusive ? "<=" : "<") : after;
    return { text: `(sort_title, id) ${op} (?, ?)`, params: [title, id] };
  }
  const column = SORTS[query.sortKey].column;
  const bound = descending ? "<=" : ">=";
  const beyond = descending ? "<" : ">";
  return {
    text: `${column} ${bound} ? and (${column} ${beyond} ? or (sort_title, id) ${after} (?, ?))`,
    params: [value, value, title, id],
  };
}

/**
 * The ids of one page. A walk goes along the sort key's index (named, so the planner never trades
 * it for a scan of the table and a sort) and stops once the page is filled. A build takes the
 * source filter's list kept to the ids the other listed filters list too (buildList), reads those
 * movies by id (`not indexed`: never a sort index) and sorts
 * them. With a PageStart either seeks to it; otherwise an offset skips index entries (a walk) or
 * sorted ids (a build), never table rows.
 */
export function pageIdsSql(
  query: MoviePageQuery,
  searchKey: string | undefined,
  start?: PageStart,
  plan: PagePlan = { kind: "walk" },
): BoundSql {
  const from = planFrom(query, searchKey, plan, start ? seekCondition(query, start) : undefined);
  return {
    text: `select id ${from.text} order by ${pageOrder(query)} limit ? offset ?`,
    params: [...from.params, query.pageSize, start ? 0 : (query.page - 1) * query.pageSize],
  };
}

/** `from movies ... where ...` for a plan (a walk names the sort index, a build the source's list). */
function planFrom(
  query: MovieFilter & { sortKey?: MovieSortKey },
  searchKey: string | undefined,
  plan: PagePlan,
  seek?: BoundSql,
): BoundSql {
  const source = plan.kind === "build" ? plan.source : undefined;
  const where = filterWhere(
    query,
    searchKey,
    true,
    source ? [source, ...intersectedWith(source, query, searchKey)] : [],
  );
  const list = source ? buildList(source, query, searchKey) : undefined;
  const conditions = [
    ...(list ? [{ text: `id in (${list.text})`, params: list.params }] : []),
    ...(where.text ? [{ text: where.text.slice(" where ".length), params: where.params }] : []),
    ...(seek ? [seek] : []),
  ];
  const access = list ? "not indexed" : `indexed by ${SORTS[query.sortKey ?? "title"].index}`;
  return {
    text: `from movies ${access}${conditions.length ? ` where ${conditions.map((c) => c.text).join(" and ")}` : ""}`,
    params: conditions.flatMap((c) => c.params),
  };
}

/**
 * How many movies pass the filters, counted the cheapest way the counts allow: a filter that is
 * one indexed filter alone is that filter's own count (no statement: the number), a rare filter
 * counts its source's list, a common one walks the title index (pageCountSql).
 */
export function totalSql(filter: MovieFilter, searchKey: string | undefined, counts: FilterCounts): BoundSql | number {
  const sources = sourcesOf(filter, searchKey);
  const [only] = sources;
  if (sources.length === 1 && filterWhere(filter, searchKey, false, [only]).params.length === 0)
    return counts.sources[only] ?? 0;
  const plan = cheapest(filter, searchKey, counts, Number.POSITIVE_INFINITY);
  if (plan.kind === "walk") return pageCountSql(filter, searchKey);
  const from = planFrom(filter, searchKey, plan);
  return { text: `select count(*) as total ${from.text}`, params: from.params };
}

/**
 * Counts a plan is chosen by: the library's size, then how many movies each indexed filter lists
 * (in sourcesOf order).
 */
export function sourceCountSql(filter: MovieFilter, searchKey: string | undefined): BoundSql[] {
  return [
    // The highest id: the library's size without counting it (deleted movies only overestimate it).
    { text: "select coalesce(max(id), 0) as total from movies", params: [] },
    ...sourcesOf(filter, searchKey).map((source) => {
      const list = sourceSet(source, filter, searchKey);
      return { text: `select count(*) as total from (${list.text})`, params: list.params };
    }),
  ];
}

/** How many movies pass the filters: an index-only count over the title index. */
function pageCountSql(filter: MovieFilter, searchKey: string | undefined): BoundSql {
  const onlySearch =
    searchKey &&
    searchKey.length >= SHORTEST_INDEXED_SEARCH &&
    filterWhere(filter, undefined, false).params.length === 0;
  if (onlySearch)
    return {
      text: "select count(*) as total from movie_search where movie_search match ?",
      params: [`"${searchKey}"`],
    };
  const where = filterWhere(filter, searchKey, false);
  return {
    text: `select count(*) as total from movies indexed by movies_sort_title_idx${where.text}`,
    params: where.params,
  };
}

/** Every id that passes the filters, in id order (the site's "select all"): an index-only walk like the count's. */
export function matchingIdsSql(filter: MovieFilter, searchKey: string | undefined): BoundSql {
  const where = filterWhere(filter, searchKey, false);
  return {
    text: `select id from movies indexed by movies_sort_title_idx${where.text} order by id`,
    params: where.params,
  };
}

/** What decides a page's total (everything but the sort and the page): a cache key for it. */
export function filterSignature(filter: MovieFilter, searchKey: string | undefined): string {
  const { monitored, hasFile, status, yearFrom, yearTo, genre, tagId, qualityProfileId } = filter;
  return JSON.stringify([searchKey, monitored, hasFile, status, yearFrom, yearTo, genre, tagId, qualityProfileId]);
}
