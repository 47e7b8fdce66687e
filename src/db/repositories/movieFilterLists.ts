/**
 * The /movie/paged filters that list their movies from an index of their own (search, tag, genre,
 * status, quality profile): which ones a filter uses, each one's list, and a build's list kept to
 * the ids the others list too. movieQuery.ts chooses between these lists and the sort index.
 */
import type { BoundSql, MovieFilter } from "./movieQuery";

/** Searches this short have no trigram in the search index: they are tested row by row. */
export const SHORTEST_INDEXED_SEARCH = 3;

/**
 * The filters with an index of their own that lists their movies: a page whose filters are rare
 * starts from the smallest of these lists (the build path) instead of walking the sort index.
 */
const MATCH_SOURCES = ["search", "tag", "genre", "status", "profile"] as const;
export type MatchSource = (typeof MATCH_SOURCES)[number];

/** The ids one indexed filter lists, from its own index (never the sort index), and the column they are in. */
export function sourceSet(
  source: MatchSource,
  filter: MovieFilter,
  searchKey: string | undefined,
): BoundSql & { id: string } {
  switch (source) {
    case "search":
      return {
        text: "select rowid from movie_search where movie_search match ?",
        params: [`"${searchKey}"`],
        id: "rowid",
      };
    case "tag":
      return {
        text: "select movie_id from movie_tags where tag_id = ?",
        params: [filter.tagId as number],
        id: "movie_id",
      };
    case "genre":
      return {
        text: "select movie_id from movie_genres where genre = ?",
        params: [filter.genre as string],
        id: "movie_id",
      };
    case "status":
      return {
        text: "select id from movies indexed by movies_status_idx where status = ?",
        params: [filter.status as string],
        id: "id",
      };
    case "profile":
      return {
        text: "select id from movies indexed by movies_quality_profile_idx where quality_profile_id = ?",
        params: [filter.qualityProfileId as number],
        id: "id",
      };
  }
}

/**
 * The filters a build intersects with its source's list before reading any movie row: the other
 * filters with a list of their own outside the movies table (search, tag, genre). Each is listed
 * once and probed per listed id, so only the ids passing all of them reach the wide rows.
 */
const INTERSECTED: readonly MatchSource[] = ["search", "tag", "genre"];

/**
 * A build's list: the source's ids that every other intersected filter lists too. The search
 * index is never probed by id (FTS5 would run its match once per id): as the source it is the
 * outer list, tested against the others' lists by an expression the virtual table is not given.
 */
export function buildList(source: MatchSource, filter: MovieFilter, searchKey: string | undefined): BoundSql {
  const outer = sourceSet(source, filter, searchKey);
  const inner = intersectedWith(source, filter, searchKey).map((o) => sourceSet(o, filter, searchKey));
  const column = source === "search" ? "+rowid" : outer.id;
  const where = inner.map((o) => `${column} in (${o.text})`);
  return {
    text: where.length ? `${outer.text} and ${where.join(" and ")}` : outer.text,
    params: [...outer.params, ...inner.flatMap((o) => o.params)],
  };
}

/** The intersected filters a build from `source` applies inside its list. */
export function intersectedWith(
  source: MatchSource,
  filter: MovieFilter,
  searchKey: string | undefined,
): MatchSource[] {
  return sourcesOf(filter, searchKey).filter((s) => s !== source && INTERSECTED.includes(s));
}

/** The indexed filters this filter uses, in MATCH_SOURCES order. */
export function sourcesOf(filter: MovieFilter, searchKey: string | undefined): MatchSource[] {
  const present: Record<MatchSource, boolean> = {
    search: !!searchKey && searchKey.length >= SHORTEST_INDEXED_SEARCH,
    tag: filter.tagId !== undefined,
    genre: !!filter.genre,
    status: !!filter.status,
    profile: filter.qualityProfileId !== undefined,
  };
  return MATCH_SOURCES.filter((s) => present[s]);
}
