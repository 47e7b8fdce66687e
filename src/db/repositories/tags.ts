import { sql } from "drizzle-orm";
import { type Database, inList } from "../client";
import { movieTags, tags } from "../schema";
import { crudRepository } from "./crud";

export type TagRow = typeof tags.$inferSelect;

const tagCrud = crudRepository(tags, [tags.label]);

export function tagRepository(db: Database) {
  const crud = tagCrud(db);
  return {
    ...crud,
    byLabel: (label: string) => crud.findBy(tags.label, label),

    /** Every tag with the ids of the movies carrying it, by label. */
    async listWithMovieIds(): Promise<(TagRow & { movieIds: number[] })[]> {
      const rows = await db
        .select({
          id: tags.id,
          label: tags.label,
          movieIds: sql<string>`coalesce((select json_group_array(${movieTags.movieId}) from ${movieTags} where ${movieTags.tagId} = ${tags.id}), '[]')`,
        })
        .from(tags)
        .orderBy(tags.label);
      return rows.map((r) => ({ ...r, movieIds: JSON.parse(r.movieIds) as number[] }));
    },

    /** Which of `ids` name an existing tag. */
    async existingIds(ids: number[]): Promise<Set<number>> {
      const found = await db.select({ id: tags.id }).from(tags).where(inList(tags.id, ids));
      return new Set(found.map((t) => t.id));
    },
  };
}
