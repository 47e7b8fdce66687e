import type { MovieFileFields } from "../../domain/library/movieFileResource";
import type { Database } from "../client";
import { columnsFromScalars, SCALARS_JSON } from "./movieColumns";
import { EMBEDDED_FILE_JSON, embeddedFields } from "./movieFiles";
import type { RawMovie } from "./movies";

/** A library movie as the streamed whole-library list reads it: with its file's embedded fields. */
export type ChunkMovie = RawMovie & { file: MovieFileFields | undefined };

/**
 * Up to `limit` movies in title order after `after` (a keyset walk of the title index, for
 * streaming the whole library in chunks), each with its tags and its file, and the library
 * version they were read at: one D1 round trip per chunk, the file read beside its movie by the
 * unique movie_id index rather than by a second statement over the chunk's ids.
 */
export async function libraryChunk(
  db: Database,
  after: { sortTitle: string; id: number } | undefined,
  limit: number,
): Promise<{ rows: ChunkMovie[]; version: number }> {
  const d1 = db.$client;
  const seek = after ? "where (sort_title, id) > (?, ?) " : "";
  const statement = d1.prepare(
    `select ${SCALARS_JSON} as scalars, metadata,
       (select json_group_array(tag_id) from movie_tags where movie_id = movies.id) as tags,
       (select ${EMBEDDED_FILE_JSON} from movie_files where movie_id = movies.id) as file
     from movies ${seek}order by sort_title, id limit ?`,
  );
  const [version, chunk] = await d1.batch([
    d1.prepare("select version from library_state where key = 'movies'"),
    after ? statement.bind(after.sortTitle, after.id, limit) : statement.bind(limit),
  ]);
  const rows = (chunk.results as { scalars: string; metadata: string; tags: string; file: string | null }[]).map(
    (r): ChunkMovie => ({
      columns: columnsFromScalars(r.scalars),
      metadataJson: r.metadata,
      tags: JSON.parse(r.tags) as number[],
      file: r.file === null ? undefined : embeddedFields(r.file),
    }),
  );
  return { rows, version: (version.results[0] as { version: number } | undefined)?.version ?? 0 };
}

/**
 * What the whole list shows besides the movies' own rows and the clock, read in one round trip:
 * the library version (bumped by every movie, movie tag and movie file write) and the quality
 * profiles' cutoffs, under which each embedded file is judged (qualityCutoffNotMet).
 */
export async function libraryListInputs(db: Database): Promise<{ version: number; profiles: string }> {
  const d1 = db.$client;
  const [version, profiles] = await d1.batch([
    d1.prepare("select version from library_state where key = 'movies'"),
    d1.prepare(
      `select json_group_array(json_array(id, upgrade_allowed, cutoff, json(items))) as profiles
       from (select * from quality_profiles order by id)`,
    ),
  ]);
  return {
    version: (version.results[0] as { version: number } | undefined)?.version ?? 0,
    profiles: (profiles.results[0] as { profiles: string }).profiles,
  };
}
