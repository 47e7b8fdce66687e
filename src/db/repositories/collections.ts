import { asc, eq } from "drizzle-orm";
import * as clock from "../../clock";
import { type Database, inList } from "../client";
import { collections } from "../schema";

export type CollectionRow = typeof collections.$inferSelect;
export type CollectionPatch = Partial<
  Pick<
    CollectionRow,
    | "monitored"
    | "qualityProfileId"
    | "rootFolderPath"
    | "minimumAvailability"
    | "searchOnAdd"
    | "tags"
    | "title"
    | "sortTitle"
    | "overview"
    | "images"
    | "parts"
    | "lastInfoSync"
  >
>;

const COLLECTION_ID = "json_extract(metadata, '$.collection.tmdbId')";

// A collection row for every TMDb collection a library movie belongs to, its choices taken from the
// first movie of it added (as Radarr's first add of a collection's movie makes it): monitored when
// that movie was added with monitor "movieAndCollection" (an import list's too), searchOnAdd then
// its searchForMovie; otherwise unmonitored.
const WITH_COLLECTION = "json_extract(add_options, '$.monitor') = 'movieAndCollection'";
const ADD_NEW = `insert or ignore into collections
  (tmdb_id, title, sort_title, overview, images, monitored, quality_profile_id, root_folder_path,
   minimum_availability, search_on_add, tags, added)
  select ${COLLECTION_ID}, json_extract(metadata, '$.collection.title'), lower(json_extract(metadata, '$.collection.title')),
    '', '[]', coalesce(${WITH_COLLECTION}, 0), quality_profile_id, root_folder_path, minimum_availability,
    coalesce(${WITH_COLLECTION} and json_extract(add_options, '$.searchForMovie') in (1, 'true'), 0), '[]', ?1
  from movies where id in (select min(id) from movies where ${COLLECTION_ID} is not null group by ${COLLECTION_ID})`;
// A collection none of whose movies is in the library any more is gone, as in Radarr.
const DROP_ORPHANS = `delete from collections
  where tmdb_id not in (select ${COLLECTION_ID} from movies where ${COLLECTION_ID} is not null)`;

/** TMDb collections of the library's movies (Radarr's Collections). */
export function collectionRepository(db: Database) {
  return {
    /** Brings the collections in step with the library's movies (new ones added, orphans dropped). */
    async syncWithLibrary() {
      const d1 = db.$client;
      await d1.batch([d1.prepare(ADD_NEW).bind(clock.nowIso()), d1.prepare(DROP_ORPHANS)]);
    },

    list: (tmdbId?: number): Promise<CollectionRow[]> =>
      db
        .select()
        .from(collections)
        .where(tmdbId === undefined ? undefined : eq(collections.tmdbId, tmdbId))
        .orderBy(asc(collections.sortTitle), asc(collections.id)),

    get: async (id: number): Promise<CollectionRow | undefined> =>
      (await db.select().from(collections).where(eq(collections.id, id)))[0],

    byIds: (ids: number[]): Promise<CollectionRow[]> =>
      db.select().from(collections).where(inList(collections.id, ids)).orderBy(asc(collections.id)),

    async update(ids: number[], patch: CollectionPatch) {
      if (ids.length === 0 || Object.keys(patch).length === 0) return;
      await db.update(collections).set(patch).where(inList(collections.id, ids));
    },
  };
}
