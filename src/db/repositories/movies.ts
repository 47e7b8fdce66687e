import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import * as clock from "../../clock";
import { chunk, D1_MAX_BOUND_PARAMETERS, type Database, inList } from "../client";
import { importExclusions, movieGenres, movies, movieTags } from "../schema";
import {
  columnsFromScalars,
  completeRow,
  INSERT_MANY_SQL,
  type MovieRow,
  type NewMovieRow,
  type RawMovie,
  SCALARS_JSON,
} from "./movieColumns";
import { MoviePageReader } from "./moviePages";
import { type MoviePageQuery, matchingIdsSql } from "./movieQuery";

export type { MovieColumns, MovieRow, NewMovieRow, RawMovie } from "./movieColumns";
export { MOVIE_SORT_KEYS, type MoviePageQuery } from "./movieQuery";

export interface MovieWithTags extends MovieRow {
  tags: number[];
}

const IDS_PER_STATEMENT = D1_MAX_BOUND_PARAMETERS - 10;

export class MovieRepository {
  /** The paged library's reads (moviePages.ts). */
  readonly pages: MoviePageReader;

  constructor(private readonly db: Database) {
    this.pages = new MoviePageReader(db);
  }

  private async attachTags(rows: MovieRow[]): Promise<MovieWithTags[]> {
    if (rows.length === 0) return [];
    const tagRows =
      rows.length > IDS_PER_STATEMENT
        ? await this.db.select().from(movieTags)
        : await this.db
            .select()
            .from(movieTags)
            .where(
              inArray(
                movieTags.movieId,
                rows.map((r) => r.id),
              ),
            );
    const byMovie = new Map<number, number[]>();
    for (const t of tagRows) {
      const list = byMovie.get(t.movieId);
      if (list) list.push(t.tagId);
      else byMovie.set(t.movieId, [t.tagId]);
    }
    return rows.map((r) => ({ ...r, tags: byMovie.get(r.id) ?? [] }));
  }

  /**
   * The whole library (or the movie with `tmdbId`) as raw rows, sorted by title: scalars travel as
   * one JSON array per row and metadata as its stored text, two values per row instead of one per
   * column, which is most of the cost of a 20k-row read.
   */
  async allRaw(tmdbId?: number): Promise<RawMovie[]> {
    const d1 = this.db.$client;
    const where = tmdbId !== undefined ? " where tmdb_id = ?" : "";
    const statement = d1.prepare(`select ${SCALARS_JSON}, metadata from movies${where} order by sort_title, id`);
    const [rows, tagRows] = await Promise.all([
      (tmdbId !== undefined ? statement.bind(tmdbId) : statement).raw<[string, string]>(),
      // One movie's tags, not every movie's: GET /movie?tmdbId= is a request manager's frequent call.
      (tmdbId !== undefined
        ? d1
            .prepare(
              "select movie_id, tag_id from movie_tags where movie_id in (select id from movies where tmdb_id = ?)",
            )
            .bind(tmdbId)
        : d1.prepare("select movie_id, tag_id from movie_tags")
      ).raw<[number, number]>(),
    ]);
    const tagsByMovie = new Map<number, number[]>();
    for (const [movieId, tagId] of tagRows) {
      const list = tagsByMovie.get(movieId);
      if (list) list.push(tagId);
      else tagsByMovie.set(movieId, [tagId]);
    }
    const out = new Array<RawMovie>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const columns = columnsFromScalars(rows[i][0]);
      out[i] = { columns, metadataJson: rows[i][1], tags: tagsByMovie.get(columns.id) ?? [] };
    }
    return out;
  }

  /** The ids of every movie a filter matches, in id order (the site's "select all" over a filtered library). */
  async idsMatching(filter: Partial<MoviePageQuery>, searchKey: string | undefined): Promise<number[]> {
    const ids = matchingIdsSql(filter, searchKey);
    const { results } = await this.db.$client
      .prepare(ids.text)
      .bind(...ids.params)
      .all<{ id: number }>();
    return results.map((r) => r.id);
  }

  /** Moves (by a random step, through triggers) whenever any movie or movie tag is written. */
  async libraryVersion(): Promise<number> {
    const row = await this.db.$client
      .prepare("select version from library_state where key = 'movies'")
      .first<{ version: number }>();
    return row?.version ?? 0;
  }

  /** The movie's row without its tags. */
  async row(id: number): Promise<MovieRow | undefined> {
    const [row] = await this.db.select().from(movies).where(eq(movies.id, id));
    return row;
  }

  /** The movie with this TMDb id, else (with no TMDb id given) the one with this IMDb id. */
  async byTmdbOrImdbId(tmdbId: number | undefined, imdbId: string | undefined): Promise<MovieRow | undefined> {
    if (!tmdbId && !imdbId) return undefined;
    const [row] = await this.db
      .select()
      .from(movies)
      .where(tmdbId ? eq(movies.tmdbId, tmdbId) : eq(movies.imdbId, imdbId as string));
    return row;
  }

  /** The first movie with either id (a release naming its movie). */
  async byEitherId(tmdbId: number | undefined, imdbId: string | undefined): Promise<MovieRow | undefined> {
    const byId = or(tmdbId ? eq(movies.tmdbId, tmdbId) : undefined, imdbId ? eq(movies.imdbId, imdbId) : undefined);
    const [row] = await this.db.select().from(movies).where(byId).limit(1);
    return row;
  }

  /** The movies whose clean title is one of `titles`. */
  byCleanTitles(titles: string[]): Promise<MovieRow[]> {
    return this.db.select().from(movies).where(inArray(movies.cleanTitle, titles));
  }

  async get(id: number): Promise<MovieWithTags | undefined> {
    const [row] = await this.db.select().from(movies).where(eq(movies.id, id));
    return row ? (await this.attachTags([row]))[0] : undefined;
  }

  async byIds(ids: number[]): Promise<MovieWithTags[]> {
    const rows: MovieRow[] = [];
    for (const part of chunk(ids, IDS_PER_STATEMENT))
      rows.push(...(await this.db.select().from(movies).where(inArray(movies.id, part))));
    return this.attachTags(rows);
  }

  /** Every library movie's id by its TMDb id. */
  async allIdsByTmdbId(): Promise<Map<number, number>> {
    const { results } = await this.db.$client
      .prepare("select id, tmdb_id as tmdbId from movies")
      .all<{ id: number; tmdbId: number }>();
    return new Map(results.map((r) => [r.tmdbId, r.id]));
  }

  async idsByTmdbIds(tmdbIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const part of chunk(tmdbIds, IDS_PER_STATEMENT)) {
      const rows = await this.db
        .select({ id: movies.id, tmdbId: movies.tmdbId })
        .from(movies)
        .where(inArray(movies.tmdbId, part));
      for (const r of rows) out.set(r.tmdbId, r.id);
    }
    return out;
  }

  /**
   * Inserts a movie with its tags and genres in one transaction; null when a movie with the same
   * TMDb id got in first (two adds racing past the caller's duplicate check): nothing is written.
   * Batch items are query builders, never `db.run(sql)`: drizzle's D1 batch cannot bind a raw
   * statement's parameters (drizzle-orm#2277, "Cannot read properties of undefined (reading 'bind')").
   */
  async insert(row: NewMovieRow, tagIds: number[]): Promise<number | null> {
    const byTmdbId = sql<number>`(select ${movies.id} from ${movies} where ${movies.tmdbId} = ${row.tmdbId})`;
    try {
      const [inserted] = await this.db.batch([
        this.db.insert(movies).values(completeRow(row)).returning({ id: movies.id }),
        ...tagIds.map((tagId) => this.db.insert(movieTags).values({ movieId: byTmdbId, tagId })),
        ...[...new Set(row.genres)].map((genre) => this.db.insert(movieGenres).values({ movieId: byTmdbId, genre })),
      ]);
      return inserted[0].id;
    } catch (error) {
      // D1 reports constraint failures only in the message; the unique index on tmdb_id is the one.
      if (String(error).includes("UNIQUE constraint failed: movies.tmdb_id")) return null;
      throw error;
    }
  }

  /**
   * The statements that insert many movies with their genres and `tagIds` (a movie whose TMDb id
   * is already in the library is skipped), for the caller to run in its own batch. The rows travel
   * as one JSON parameter per statement.
   */
  insertManyStatements(rows: NewMovieRow[], tagIds: number[]): D1PreparedStatement[] {
    const d1 = this.db.$client;
    const json = JSON.stringify(rows.map(completeRow));
    return [
      d1.prepare(INSERT_MANY_SQL).bind(json),
      d1
        .prepare(
          `insert or ignore into movie_genres (movie_id, genre)
           select m.id, g.value from json_each(?1) j
           join movies m on m.tmdb_id = json_extract(j.value, '$.tmdbId')
           join json_each(json_extract(j.value, '$.genres')) g`,
        )
        .bind(json),
      ...tagIds.map((tagId) =>
        d1
          .prepare(
            `insert or ignore into movie_tags (movie_id, tag_id)
             select m.id, ?2 from movies m where m.tmdb_id in (select json_extract(value, '$.tmdbId') from json_each(?1))`,
          )
          .bind(json, tagId),
      ),
    ];
  }

  /**
   * Applies one change to many movies (and optionally their tags) in one transaction. The ids and
   * tag ids travel as one JSON parameter each (inList), so lists of any length fit one statement.
   */
  async update(
    ids: number[],
    patch: Partial<NewMovieRow>,
    tags?: { mode: "add" | "remove" | "replace"; tagIds: number[] },
  ) {
    if (ids.length === 0) return;
    const changes = { ...patch, updatedAt: clock.nowIso() };
    const statements: BatchItem<"sqlite">[] = [this.db.update(movies).set(changes).where(inList(movies.id, ids))];
    if (tags && (tags.mode === "replace" || (tags.mode === "remove" && tags.tagIds.length))) {
      const tagScope =
        tags.mode === "remove"
          ? and(inList(movieTags.movieId, ids), inList(movieTags.tagId, tags.tagIds))
          : inList(movieTags.movieId, ids);
      statements.push(this.db.delete(movieTags).where(tagScope));
    }
    if (tags && tags.mode !== "remove" && tags.tagIds.length) {
      const tagIds = JSON.stringify(tags.tagIds);
      statements.push(
        this.db
          .insert(movieTags)
          .select(
            sql`select ${movies.id}, t.value from ${movies}, json_each(${tagIds}) t where ${inList(movies.id, ids)}`,
          )
          .onConflictDoNothing(),
      );
    }
    await this.db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  }

  /** Deletes movies (tags and genres cascade), optionally excluding them from future imports. */
  async delete(rows: { id: number; tmdbId: number; title: string; year: number }[], addImportExclusion: boolean) {
    const statements = [];
    for (const part of chunk(rows, IDS_PER_STATEMENT)) {
      statements.push(
        this.db.delete(movies).where(
          inArray(
            movies.id,
            part.map((r) => r.id),
          ),
        ),
      );
    }
    if (addImportExclusion) {
      for (const r of rows) {
        statements.push(
          this.db
            .insert(importExclusions)
            .values({ tmdbId: r.tmdbId, movieTitle: r.title, movieYear: r.year })
            .onConflictDoNothing({ target: importExclusions.tmdbId }),
        );
      }
    }
    if (statements.length)
      await this.db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  }

  /** Replaces a movie's TMDb-derived columns and genres in one transaction. */
  async refreshMetadata(id: number, columns: Partial<NewMovieRow> & { genres: string[] }) {
    await this.db.batch([
      this.db
        .update(movies)
        .set({ ...columns, updatedAt: clock.nowIso() })
        .where(eq(movies.id, id)),
      this.db.delete(movieGenres).where(eq(movieGenres.movieId, id)),
      ...[...new Set(columns.genres)].map((genre) => this.db.insert(movieGenres).values({ movieId: id, genre })),
    ]);
  }

  /** Records that the movie was searched for now (Radarr's lastSearchTime). */
  async setLastSearchTime(id: number, at: string) {
    await this.db.update(movies).set({ lastSearchTime: at }).where(eq(movies.id, id));
  }

  /** Moves the movies' folders under a new root folder, keeping each folder's own name. */
  async rebaseFolders(ids: number[], rootFolderPath: string) {
    const root = rootFolderPath.replace(/[\\/]+$/, "");
    const statements = chunk(ids, IDS_PER_STATEMENT).map((part) =>
      this.db
        .update(movies)
        .set({
          path: sql`${root} || '/' || replace(path, rtrim(path, replace(path, '/', '')), '')`,
          rootFolderPath: root,
        })
        .where(inArray(movies.id, part)),
    );
    if (statements.length)
      await this.db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  }

  /** Which of `ids` are library movies. */
  async existingIds(ids: number[]): Promise<Set<number>> {
    const rows = await this.db.select({ id: movies.id }).from(movies).where(inList(movies.id, ids));
    return new Set(rows.map((r) => r.id));
  }

  async count(): Promise<number> {
    const [{ total }] = await this.db.select({ total: sql<number>`count(*)` }).from(movies);
    return total;
  }

  /** How many movies use the quality profile. */
  async countWithQualityProfile(qualityProfileId: number): Promise<number> {
    const [{ total }] = await this.db
      .select({ total: sql<number>`count(*)` })
      .from(movies)
      .where(eq(movies.qualityProfileId, qualityProfileId));
    return total;
  }
}
