import { and, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { MovieFileFields } from "../../domain/library/movieFileResource";
import type { Database } from "../client";
import { movieFiles, movies } from "../schema";

export type MovieFileRow = typeof movieFiles.$inferSelect;
type NewMovieFileRow = typeof movieFiles.$inferInsert;
/** What an edit of a movie file may change (Radarr's MovieFileResource PUT). */
export type MovieFileChanges = Partial<
  Pick<MovieFileRow, "quality" | "languages" | "edition" | "releaseGroup" | "sceneName" | "indexerFlags" | "mediaInfo">
>;

// Ids in one IN list at most (D1 binds up to 100 parameters).
const IDS_PER_QUERY = 90;

const EMBEDDED_COLUMNS =
  "id, movie_id, relative_path, path, size, date_added, scene_name, release_group, edition, json(languages), json(quality), indexer_flags, json(media_info)";

/** A movie file's embedded fields as one JSON array (a correlated select reads it beside its movie). */
export const EMBEDDED_FILE_JSON = `json_array(${EMBEDDED_COLUMNS})`;

/** The fields from an EMBEDDED_FILE_JSON array. */
export function embeddedFields(json: string): MovieFileFields {
  const [id, movieId, relativePath, path, size, dateAdded, sceneName, releaseGroup, edition, ...rest] = JSON.parse(
    json,
  ) as unknown[];
  const [languages, quality, indexerFlags, mediaInfo] = rest;
  return {
    id,
    movieId,
    relativePath,
    path,
    size,
    dateAdded,
    sceneName,
    releaseGroup,
    edition,
    languages,
    quality,
    indexerFlags,
    mediaInfo,
  } as MovieFileFields;
}

/**
 * The fields a movie resource embeds, of every file (no ids: the whole library) or of these movies'
 * files: one JSON array per row crosses from D1, the JSON columns embedded as JSON.
 */
export async function embeddedMovieFiles(db: Database, movieIds?: readonly number[]): Promise<MovieFileFields[]> {
  const d1 = db.$client;
  const select = `select ${EMBEDDED_FILE_JSON} from movie_files`;
  // The ids travel as one JSON parameter: a chunk of a streamed list is one read, not one per 90 ids.
  const rows = movieIds
    ? await d1
        .prepare(`${select} where movie_id in (select value from json_each(?))`)
        .bind(JSON.stringify(movieIds))
        .raw<[string]>()
    : await d1.prepare(select).raw<[string]>();
  return rows.map(([json]) => embeddedFields(json));
}

/** The movies with a file or marked as having one, by id (a whole-library rescan walks them). */
export async function movieIdsToRescan(db: Database): Promise<number[]> {
  const rows = await db.$client
    .prepare("select id from movies where has_file = 1 union select movie_id from movie_files order by 1")
    .raw<[number]>();
  return rows.map(([id]) => id);
}

/** A movie's file: what an import reads and writes. Statements without `await` go into the caller's batch. */
export function movieFileRepository(db: Database) {
  const inChunks = async (ids: readonly number[], column: typeof movieFiles.id | typeof movieFiles.movieId) => {
    const out: MovieFileRow[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const chunk = ids.slice(i, i + IDS_PER_QUERY);
      out.push(...(await db.select().from(movieFiles).where(inArray(column, chunk)).orderBy(movieFiles.id)));
    }
    return out;
  };
  return {
    /** The movie's file, if it has one. */
    async ofMovie(movieId: number): Promise<MovieFileRow | undefined> {
      const [existing] = await db.select().from(movieFiles).where(eq(movieFiles.movieId, movieId));
      return existing;
    },

    async get(id: number): Promise<MovieFileRow | undefined> {
      const [row] = await db.select().from(movieFiles).where(eq(movieFiles.id, id));
      return row;
    },

    /** The files with these ids, by id. */
    byIds: (ids: readonly number[]) => inChunks(ids, movieFiles.id),

    /** The files of these movies, by id. */
    ofMovies: (movieIds: readonly number[]) => inChunks(movieIds, movieFiles.movieId),

    /** The write of an imported file: over `existingId`, or a new row. */
    write: (existingId: number | undefined, values: NewMovieFileRow) =>
      existingId !== undefined
        ? db.update(movieFiles).set(values).where(eq(movieFiles.id, existingId))
        : db.insert(movieFiles).values(values),

    /** The update of a file's edited fields, for the caller's batch. */
    update: (id: number, changes: MovieFileChanges) => db.update(movieFiles).set(changes).where(eq(movieFiles.id, id)),

    /** The update of what a rescan read again, for the caller's batch. */
    rescanned: (
      id: number,
      values: Pick<MovieFileRow, "size" | "mediaInfo" | "customFormatIds" | "customFormatScore">,
    ) => db.update(movieFiles).set(values).where(eq(movieFiles.id, id)),

    /** The update of a renamed file's paths, for the caller's batch. */
    renamed: (id: number, relativePath: string, path: string) =>
      db.update(movieFiles).set({ relativePath, path }).where(eq(movieFiles.id, id)),

    /** The delete of one file, for the caller's batch. */
    remove: (id: number, movieId: number) =>
      db.delete(movieFiles).where(and(eq(movieFiles.id, id), eq(movieFiles.movieId, movieId))),

    /** The update marking the movie as having its file of `sizeOnDisk` bytes. */
    markMovieHasFile: (movieId: number, sizeOnDisk: number, updatedAt: string) =>
      db.update(movies).set({ hasFile: true, sizeOnDisk, updatedAt }).where(eq(movies.id, movieId)),

    /** The update marking the movie as having no file (its file was deleted). */
    markMovieWithoutFile: (movieId: number, updatedAt: string) =>
      db.update(movies).set({ hasFile: false, sizeOnDisk: 0, updatedAt }).where(eq(movies.id, movieId)),

    /** Runs the statements as one batch. */
    async batch(statements: readonly BatchItem<"sqlite">[]) {
      if (statements.length) await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
    },
  };
}
