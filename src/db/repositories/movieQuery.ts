export const MOVIE_SORT_KEYS = ["title", "year", "added", "rating", "size", "popularity"] as const;
type MovieSortKey = (typeof MOVIE_SORT_KEYS)[number];

interface MovieFilter {
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

/** Searches this short have no trigram in the search index: they are tested row by row. */
const SHORTEST_INDEXED_SEARCH = 3;

/**
 * The filters as SQL conditions. Search (a clean title: lower case letters and digits) matches
 * the clean title, original title or any alternate title through the movie_search FTS5 trigram
 * index; a 1–2 character search has no trigram, so it reads each walked movie's titles instead:
 * `walk` (a page, which stops after pageSize matches) probes them one movie at a time, a count
 * scans the search table once.
 */
function filterWhere(filter: MovieFilter, searchKey: string | undefined, walk: boolean): BoundSql {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const add = (condition: string, value: string | number) => {
    conditions.push(condition);
    params.push(value);
  };
  if (searchKey && searchKey.length >= SHORTEST_INDEXED_SEARCH)
    add("id in (select rowid from movie_search where movie_search match ?)", `"${searchKey}"`);
  else if (searchKey && walk) add("instr((select titles from movie_search where rowid = movies.id), ?) > 0", searchKey);
  else if (searchKey) add("id in (select rowid from movie_search where instr(titles, ?) > 0)", searchKey);
  if (filter.monitored !== undefined) add("monitored = ?", filter.monitored ? 1 : 0);
  if (filter.hasFile !== undefined) add("has_file = ?", filter.hasFile ? 1 : 0);
  if (filter.status) add("status = ?", filter.status);
  if (filter.yearFrom !== undefined) add("year >= ?", filter.yearFrom);
  if (filter.yearTo !== undefined) add("year <= ?", filter.yearTo);
  if (filter.qualityProfileId !== undefined) add("quality_profile_id = ?", filter.qualityProfileId);
  // A page probes each walked movie's genres by key (measured 10x faster than building the set
  // of a common genre's movies); a count starts from the genre's index entries instead. Tags stay
  // a set: a rare tag would make a page probe the whole library.
  if (filter.genre && walk)
    add("exists (select 1 from movie_genres where movie_id = movies.id and genre = ?)", filter.genre);
  else if (filter.genre) add("id in (select movie_id from movie_genres where genre = ?)", filter.genre);
  if (filter.tagId !== undefined) add("id in (select movie_id from movie_tags where tag_id = ?)", filter.tagId);
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
 * The ids of one page, walking the sort key's index (named, so the planner never trades it for
 * a scan of the table and a sort): the walk stops once the page is filled. With a PageStart the
 * walk seeks to it; otherwise an offset skips index entries only, never table rows.
 */
export function pageIdsSql(query: MoviePageQuery, searchKey: string | undefined, start?: PageStart): BoundSql {
  const where = filterWhere(query, searchKey, true);
  const seek = start ? seekCondition(query, start) : undefined;
  const conditions = seek ? `${where.text ? `${where.text} and` : " where"} ${seek.text}` : where.text;
  return {
    text: `select id from movies indexed by ${SORTS[query.sortKey].index}${conditions} order by ${pageOrder(query)} limit ? offset ?`,
    params: [...where.params, ...(seek?.params ?? []), query.pageSize, start ? 0 : (query.page - 1) * query.pageSize],
  };
}

/** How many movies pass the filters: an index-only count over the title index. */
export function pageCountSql(filter: MovieFilter, searchKey: string | undefined): BoundSql {
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
