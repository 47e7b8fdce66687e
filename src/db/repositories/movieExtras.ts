import { asc, eq, max } from "drizzle-orm";
import type { Database } from "../client";
import { alternativeTitles, movieCredits } from "../schema";

export type AlternativeTitleRow = typeof alternativeTitles.$inferSelect;
export type CreditRow = typeof movieCredits.$inferSelect;
export type NewCredit = Omit<CreditRow, "id" | "movieId" | "syncedAt">;

// Every title of the stored metadata gets a row (an existing one keeps its id), for one movie (?1)
// or the whole library (?1 null); titles no longer in the metadata are dropped.
const INSERT_TITLES = `insert or ignore into alternative_titles (movie_id, title, source_type)
  select m.id, json_extract(t.value, '$.title'), coalesce(json_extract(t.value, '$.sourceType'), 'tmdb')
  from movies m, json_each(m.metadata, '$.alternateTitles') t
  where (?1 is null or m.id = ?1) and json_extract(t.value, '$.title') is not null`;
const DROP_STALE_TITLES = `delete from alternative_titles
  where (?1 is null or movie_id = ?1) and not exists (
    select 1 from movies m, json_each(m.metadata, '$.alternateTitles') t
    where m.id = alternative_titles.movie_id and json_extract(t.value, '$.title') = alternative_titles.title)`;

const UPSERT_CREDITS = `insert into movie_credits
  (movie_id, credit_tmdb_id, person_tmdb_id, person_name, type, department, job, character, sort_order, profile_path, synced_at)
  select ?1, json_extract(value, '$.creditTmdbId'), json_extract(value, '$.personTmdbId'), json_extract(value, '$.personName'),
    json_extract(value, '$.type'), json_extract(value, '$.department'), json_extract(value, '$.job'),
    json_extract(value, '$.character'), json_extract(value, '$.order'), json_extract(value, '$.profilePath'), ?2
  from json_each(?3) where true
  on conflict (movie_id, credit_tmdb_id) do update set person_tmdb_id = excluded.person_tmdb_id,
    person_name = excluded.person_name, type = excluded.type, department = excluded.department, job = excluded.job,
    character = excluded.character, sort_order = excluded.sort_order, profile_path = excluded.profile_path,
    synced_at = excluded.synced_at`;

/** Alternative titles and credits of library movies, with ids that stay while the entry does. */
export function movieExtrasRepository(db: Database) {
  const d1 = db.$client;
  return {
    /** Brings the titles of one movie (or all) in step with the stored metadata. */
    async syncTitles(movieId: number | null) {
      await d1.batch([d1.prepare(INSERT_TITLES).bind(movieId), d1.prepare(DROP_STALE_TITLES).bind(movieId)]);
    },

    titles: (movieId?: number): Promise<AlternativeTitleRow[]> => {
      const query = db.select().from(alternativeTitles);
      return (movieId === undefined ? query : query.where(eq(alternativeTitles.movieId, movieId))).orderBy(
        asc(alternativeTitles.id),
      );
    },

    title: async (id: number): Promise<AlternativeTitleRow | undefined> =>
      (await db.select().from(alternativeTitles).where(eq(alternativeTitles.id, id)))[0],

    /** When the movie's credits were last synced from TMDb; undefined if never (or it has none). */
    async creditsSyncedAt(movieId: number): Promise<string | undefined> {
      const [row] = await db
        .select({ at: max(movieCredits.syncedAt) })
        .from(movieCredits)
        .where(eq(movieCredits.movieId, movieId));
      return row?.at ?? undefined;
    },

    /** Replaces a movie's credits by TMDb's list: a credit already stored keeps its id. */
    async replaceCredits(movieId: number, credits: NewCredit[], syncedAt: string) {
      await d1.batch([
        d1.prepare(UPSERT_CREDITS).bind(movieId, syncedAt, JSON.stringify(credits)),
        d1.prepare("delete from movie_credits where movie_id = ?1 and synced_at <> ?2").bind(movieId, syncedAt),
      ]);
    },

    credits: (movieId?: number): Promise<CreditRow[]> => {
      const query = db.select().from(movieCredits);
      return (movieId === undefined ? query : query.where(eq(movieCredits.movieId, movieId))).orderBy(
        asc(movieCredits.movieId),
        asc(movieCredits.type),
        asc(movieCredits.order),
        asc(movieCredits.id),
      );
    },

    credit: async (id: number): Promise<CreditRow | undefined> =>
      (await db.select().from(movieCredits).where(eq(movieCredits.id, id)))[0],
  };
}
