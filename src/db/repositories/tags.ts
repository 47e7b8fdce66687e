import { eq, sql } from "drizzle-orm";
import { type Database, inList } from "../client";
import { movieTags, tags } from "../schema";
import { crudRepository } from "./crud";

export type TagRow = typeof tags.$inferSelect;

export type TagDetail = TagRow & {
  movieIds: number[];
  importListIds: number[];
  indexerIds: number[];
  downloadClientIds: number[];
};

const tagCrud = crudRepository(tags, [tags.label]);

/**
 * The ids (a JSON array) of the rows of a provider table whose `tags` hold the tag in hand. Names
 * written out qualified: drizzle leaves a one-table select's columns bare, and a bare "id" here
 * would be the provider's.
 */
const carrying = (table: "import_lists" | "indexers" | "download_clients") =>
  sql<string>`coalesce((select json_group_array(${sql.raw(`p.id) from ${table} as p, json_each(p.tags) as carried where carried.value = "tags"."id"`)}), '[]')`;

export function tagRepository(db: Database) {
  const crud = tagCrud(db);
  return {
    ...crud,
    byLabel: (label: string) => crud.findBy(tags.label, label),

    /** Every tag (or the one with id `only`) with the ids of the movies and providers carrying it, by label. */
    async listWithMovieIds(only?: number): Promise<TagDetail[]> {
      const rows = await db
        .select({
          id: tags.id,
          label: tags.label,
          movieIds: sql<string>`coalesce((select json_group_array(${movieTags.movieId}) from ${movieTags} where ${movieTags.tagId} = ${tags.id}), '[]')`,
          importListIds: carrying("import_lists"),
          indexerIds: carrying("indexers"),
          downloadClientIds: carrying("download_clients"),
        })
        .from(tags)
        .where(only === undefined ? undefined : eq(tags.id, only))
        .orderBy(tags.label);
      return rows.map((r) => ({
        ...r,
        movieIds: JSON.parse(r.movieIds) as number[],
        importListIds: JSON.parse(r.importListIds) as number[],
        indexerIds: JSON.parse(r.indexerIds) as number[],
        downloadClientIds: JSON.parse(r.downloadClientIds) as number[],
      }));
    },

    /** Which of `ids` name an existing tag. */
    async existingIds(ids: number[]): Promise<Set<number>> {
      const found = await db.select({ id: tags.id }).from(tags).where(inList(tags.id, ids));
      return new Set(found.map((t) => t.id));
    },
  };
}
