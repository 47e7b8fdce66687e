import type { Database } from "../client";
import type { ChunkMovie } from "./libraryChunks";
import { type RawMovieRow, rawMovie, SCALARS_JSON } from "./movieColumns";
import { EMBEDDED_FILE_JSON, embeddedFields } from "./movieFiles";
import { sourcesOf } from "./movieFilterLists";
import {
  type BoundSql,
  type FilterCounts,
  type MoviePageQuery,
  type PagePlan,
  type PageStart,
  pageIdsSql,
  pageOrder,
  sourceCountSql,
} from "./movieQuery";
import { CUTOFF_PROFILES_SQL, type CutoffProfileRow, cutoffProfiles } from "./qualityProfiles";

/** The paged library's reads: the counts a page's plan is chosen by, one page, its total. */
export class MoviePageReader {
  constructor(private readonly db: Database) {}

  /**
   * One page of raw rows, each with its tags and its file (read beside its movie by the unique
   * movie_id index), the quality profiles its files are judged by, the library version they were
   * read at and (when `total` is a statement: movieQuery.totalSql) the number of movies passing
   * the filters: everything the page's JSON needs in one D1 round trip. The page's ids come from
   * `plan` (movieQuery.pageIdsSql: a walk of the sort index or a build from a rare filter's own
   * list), from `start` when given; only those rows are read whole.
   */
  async pageRaw(
    query: MoviePageQuery,
    searchKey: string | undefined,
    { start, plan, total }: { start?: PageStart; plan?: PagePlan; total?: BoundSql },
  ): Promise<{ rows: ChunkMovie[]; profiles: CutoffProfileRow[]; version: number; totalRecords?: number }> {
    const d1 = this.db.$client;
    const ids = pageIdsSql(query, searchKey, start, plan);
    const statements = [
      d1.prepare("select version from library_state where key = 'movies'"),
      d1
        .prepare(
          `select ${SCALARS_JSON} as scalars, metadata,
             (select json_group_array(tag_id) from movie_tags where movie_id = movies.id) as tags,
             (select ${EMBEDDED_FILE_JSON} from movie_files where movie_id = movies.id) as file
           from movies where id in (${ids.text}) order by ${pageOrder(query)}`,
        )
        .bind(...ids.params),
      d1.prepare(CUTOFF_PROFILES_SQL),
    ];
    if (total) statements.push(d1.prepare(total.text).bind(...total.params));
    const [version, page, profiles, counted] = await d1.batch(statements);
    return {
      rows: (page.results as (RawMovieRow & { file: string | null })[]).map((r) => ({
        ...rawMovie(r),
        file: r.file === null ? undefined : embeddedFields(r.file),
      })),
      profiles: cutoffProfiles(profiles.results as Record<string, unknown>[]),
      version: (version.results[0] as { version: number } | undefined)?.version ?? 0,
      totalRecords: counted ? (counted.results[0] as { total: number }).total : undefined,
    };
  }

  /**
   * What a page's plan is chosen by (the library's size and each indexed filter's own count) and
   * the library version it was counted at, in one D1 round trip.
   */
  async filterCounts(
    filter: Partial<MoviePageQuery>,
    searchKey: string | undefined,
  ): Promise<{ version: number; counts: FilterCounts }> {
    const d1 = this.db.$client;
    const [version, library, ...sources] = await d1.batch([
      d1.prepare("select version from library_state where key = 'movies'"),
      ...sourceCountSql(filter, searchKey).map((s) => d1.prepare(s.text).bind(...s.params)),
    ]);
    const count = (r: D1Result) => (r.results[0] as { total: number }).total;
    const bySource: FilterCounts["sources"] = {};
    sourcesOf(filter, searchKey).forEach((source, i) => {
      bySource[source] = count(sources[i]);
    });
    return {
      version: (version.results[0] as { version: number } | undefined)?.version ?? 0,
      counts: { library: count(library), sources: bySource },
    };
  }

  /** A total movieQuery.totalSql gave: its number, or its statement's count. */
  async countTotal(total: BoundSql | number): Promise<number> {
    if (typeof total === "number") return total;
    const row = await this.db.$client
      .prepare(total.text)
      .bind(...total.params)
      .first<{ total: number }>();
    return row?.total ?? 0;
  }
}
