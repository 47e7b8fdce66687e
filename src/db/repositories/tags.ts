import { eq, sql } from "drizzle-orm";
import { type Database, inList } from "../client";
import { movieTags, tags } from "../schema";
import { crudRepository } from "./crud";

export type TagRow = typeof tags.$inferSelect;

export type TagDetail = TagRow & {
  delayProfileIds: number[];
  importListIds: number[];
  notificationIds: number[];
  releaseProfileIds: number[];
  indexerIds: number[];
  downloadClientIds: number[];
  autoTagIds: number[];
  movieIds: number[];
};

/** The tables whose rows carry tags (a JSON `tags` column), by the detail's id list. */
const CARRIERS = {
  delayProfileIds: "delay_profiles",
  importListIds: "import_lists",
  notificationIds: "notifications",
  releaseProfileIds: "release_profiles",
  indexerIds: "indexers",
  downloadClientIds: "download_clients",
  autoTagIds: "auto_tags",
} as const;
type CarrierList = keyof typeof CARRIERS;

const tagCrud = crudRepository(tags, [tags.label]);

/**
 * The ids (a JSON array) of the rows of a provider table whose `tags` hold the tag in hand. Names
 * written out qualified: drizzle leaves a one-table select's columns bare, and a bare "id" here
 * would be the provider's.
 */
const carrying = (table: (typeof CARRIERS)[CarrierList]) =>
  sql<string>`coalesce((select json_group_array(${sql.raw(`p.id) from ${table} as p, json_each(p.tags) as carried where carried.value = "tags"."id"`)}), '[]')`;

export function tagRepository(db: Database) {
  const crud = tagCrud(db);
  return {
    ...crud,
    byLabel: (label: string) => crud.findBy(tags.label, label),

    /**
     * Every tag (or the one with id `only`) with the ids of the movies, profiles, providers,
     * notification targets and auto-tagging rules carrying it, by label.
     */
    async listWithMovieIds(only?: number): Promise<TagDetail[]> {
      const lists = Object.fromEntries(
        Object.entries(CARRIERS).map(([name, table]) => [name, carrying(table)]),
      ) as Record<CarrierList, ReturnType<typeof carrying>>;
      const rows = await db
        .select({
          id: tags.id,
          label: tags.label,
          ...lists,
          movieIds: sql<string>`coalesce((select json_group_array(${movieTags.movieId}) from ${movieTags} where ${movieTags.tagId} = ${tags.id}), '[]')`,
        })
        .from(tags)
        .where(only === undefined ? undefined : eq(tags.id, only))
        .orderBy(tags.label);
      const ids = (json: string) => (JSON.parse(json) as number[]).sort((a, b) => a - b);
      return rows.map((r) => ({
        id: r.id,
        label: r.label,
        delayProfileIds: ids(r.delayProfileIds),
        importListIds: ids(r.importListIds),
        notificationIds: ids(r.notificationIds),
        releaseProfileIds: ids(r.releaseProfileIds),
        indexerIds: ids(r.indexerIds),
        downloadClientIds: ids(r.downloadClientIds),
        autoTagIds: ids(r.autoTagIds),
        movieIds: ids(r.movieIds),
      }));
    },

    /** Which of `ids` name an existing tag. */
    async existingIds(ids: number[]): Promise<Set<number>> {
      const found = await db.select({ id: tags.id }).from(tags).where(inList(tags.id, ids));
      return new Set(found.map((t) => t.id));
    },
  };
}
