import { eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { movieGenres, movies, movieTags } from "../schema";

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

export const SORT_COLUMNS = {
  title: movies.sortTitle,
  year: movies.year,
  added: movies.added,
  rating: movies.rating,
  size: movies.sizeOnDisk,
  popularity: movies.popularity,
} as const;

export function filterConditions(filter: MovieFilter, searchKey: string | undefined): SQL[] {
  const where: SQL[] = [];
  // instr, not LIKE: D1 refuses LIKE patterns over 50 bytes, and a long title is a fair search.
  // Both sides are clean titles (lower case, letters and digits), so the match is exact text.
  if (searchKey) where.push(sql`instr(${movies.cleanTitle}, ${searchKey}) > 0`);
  if (filter.monitored !== undefined) where.push(eq(movies.monitored, filter.monitored));
  if (filter.hasFile !== undefined) where.push(eq(movies.hasFile, filter.hasFile));
  if (filter.status) where.push(eq(movies.status, filter.status));
  if (filter.yearFrom !== undefined) where.push(gte(movies.year, filter.yearFrom));
  if (filter.yearTo !== undefined) where.push(lte(movies.year, filter.yearTo));
  if (filter.qualityProfileId !== undefined) where.push(eq(movies.qualityProfileId, filter.qualityProfileId));
  // IN over the (genre, movie_id) and (tag_id, movie_id) indexes: SQLite then starts from the
  // few rows of that genre or tag instead of testing every movie (measured 7x faster counts).
  if (filter.genre) {
    where.push(
      sql`${movies.id} in (select ${movieGenres.movieId} from ${movieGenres} where ${movieGenres.genre} = ${filter.genre})`,
    );
  }
  if (filter.tagId !== undefined) {
    where.push(
      sql`${movies.id} in (select ${movieTags.movieId} from ${movieTags} where ${movieTags.tagId} = ${filter.tagId})`,
    );
  }
  return where;
}
