import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { importLists, listItems, listSyncRuns, movies } from "../schema";

type ListSyncRunRow = typeof listSyncRuns.$inferSelect;
type ListItemRow = typeof listItems.$inferSelect;

/** When a list synced and syncs next, and the budget wait its run left (null: none). */
interface ListSyncState {
  id: number;
  lastSyncAt: string;
  nextSyncAt: string;
  waiting: { until: string; reason: string } | null;
}

/** What a run of one import list reads and writes: its run record, its items, its content hash. */
export function listSyncRepository(db: Database) {
  return {
    /** Records a started run; returns its id. */
    startRun: async (run: Pick<ListSyncRunRow, "listId" | "trigger" | "startedAt">): Promise<number> =>
      (
        await db
          .insert(listSyncRuns)
          .values({ ...run, status: "started", errors: [] })
          .returning({ id: listSyncRuns.id })
      )[0].id,

    /**
     * Records how a run ended, when the list synced and syncs next, and whether it now waits for
     * the upstream's budget (null clears it), in one transaction.
     */
    finishRun: async (
      run: { id: number } & Omit<Partial<ListSyncRunRow>, "id">,
      list: ListSyncState,
    ): Promise<void> => {
      const { id: runId, ...values } = run;
      await db.batch([
        db.update(listSyncRuns).set(values).where(eq(listSyncRuns.id, runId)),
        db
          .update(importLists)
          .set({
            lastSyncAt: list.lastSyncAt,
            nextSyncAt: list.nextSyncAt,
            syncWaitingUntil: list.waiting?.until ?? null,
            syncWaitingReason: list.waiting?.reason ?? null,
          })
          .where(eq(importLists.id, list.id)),
      ]);
    },

    /** What the last complete sync read: its items' fingerprint and the upstream's summary version. */
    setContentHash: async (listId: number, hash: string, upstreamVersion: string | null): Promise<void> => {
      await db
        .update(importLists)
        .set({ lastContentHash: hash, lastUpstreamVersion: upstreamVersion })
        .where(eq(importLists.id, listId));
    },

    pendingItemCount: async (listId: number): Promise<number> =>
      (
        await db
          .select({ pending: sql<number>`count(*)` })
          .from(listItems)
          .where(and(eq(listItems.listId, listId), eq(listItems.status, "pending")))
      )[0].pending,

    /** How many items the list holds. */
    itemCount: async (listId: number): Promise<number> =>
      (await db.select({ items: sql<number>`count(*)` }).from(listItems).where(eq(listItems.listId, listId)))[0].items,

    /** Every item the list holds. */
    items: (listId: number): Promise<ListItemRow[]> => db.select().from(listItems).where(eq(listItems.listId, listId)),

    /** The list's pending items that have a TMDb id. */
    pendingItems: (listId: number): Promise<ListItemRow[]> =>
      db
        .select()
        .from(listItems)
        .where(and(eq(listItems.listId, listId), eq(listItems.status, "pending"), isNotNull(listItems.tmdbId))),

    /** Movies the list imported (at most `limit`). */
    importedMovieIds: (listId: number, limit: number): Promise<{ id: number }[]> =>
      db
        .select({ id: movies.id })
        .from(movies)
        .innerJoin(listItems, eq(listItems.movieId, movies.id))
        .where(and(eq(listItems.listId, listId), eq(listItems.status, "imported")))
        .limit(limit),

    /** When the movie's metadata was last refreshed, if ever. */
    lastInfoSync: async (movieId: number): Promise<string | null | undefined> =>
      (await db.select({ lastInfoSync: movies.lastInfoSync }).from(movies).where(eq(movies.id, movieId)))[0]
        ?.lastInfoSync,
  };
}

/** A list item as the bulk insert stores it (one element of the JSON parameter). */
export interface NewListItem {
  key: string | null;
  tmdbId: number | null;
  imdbId: string | null;
  title: string;
  year: number;
  metadata: Record<string, unknown>;
  status: "pending" | "unresolved";
}

/**
 * A sync's bulk reads and writes in raw SQL: the rows of one call travel as one JSON parameter
 * that SQLite unpacks with json_each (D1 binds at most 100 parameters), so callers pass lists of
 * at most a few hundred. Writes are statements for the caller to run together with `write`, as one
 * batch (one transaction).
 */
export function listSyncBulkRepository(db: Database) {
  const d1 = db.$client;
  return {
    /**
     * TMDb ids known for these lower-cased IMDb ids, from Watchmode's id map, the list's stored items
     * and the library's movies (later ones win where they disagree: the library is the most certain).
     */
    async tmdbIdsOfImdbIds(listId: number, imdbIds: readonly string[]) {
      const json = JSON.stringify(imdbIds);
      const [stored, library, watchmode] = await d1.batch<{ imdb_id: string; tmdb_id: number }>([
        d1
          .prepare(
            "select lower(imdb_id) as imdb_id, tmdb_id from list_items where list_id = ?1 and tmdb_id is not null and lower(imdb_id) in (select value from json_each(?2))",
          )
          .bind(listId, json),
        d1
          .prepare(
            "select lower(imdb_id) as imdb_id, tmdb_id from movies where lower(imdb_id) in (select value from json_each(?1))",
          )
          .bind(json),
        // Watchmode's id map (imported daily when Watchmode is configured) knows most titles; its
        // IMDb ids are lower case, so the imdb index serves the lookup.
        d1
          .prepare(
            "select imdb_id, tmdb_id from watchmode_id_map where imdb_id in (select value from json_each(?1)) and tmdb_type = 'movie' and tmdb_id is not null",
          )
          .bind(json),
      ]);
      return [...watchmode.results, ...stored.results, ...library.results];
    },

    /** Which of these TMDb ids are excluded, and which are in the library. */
    async excludedAndInLibrary(tmdbIds: readonly number[]): Promise<{ excluded: number[]; inLibrary: number[] }> {
      const json = JSON.stringify(tmdbIds);
      const [excluded, inLibrary] = await d1.batch<{ tmdb_id: number }>([
        d1
          .prepare("select tmdb_id from import_exclusions where tmdb_id in (select value from json_each(?1))")
          .bind(json),
        d1.prepare("select tmdb_id from movies where tmdb_id in (select value from json_each(?1))").bind(json),
      ]);
      return { excluded: excluded.results.map((r) => r.tmdb_id), inLibrary: inLibrary.results.map((r) => r.tmdb_id) };
    },

    /** The movies with these TMDb ids that the list brought in and that no list holds any more. */
    async orphans(listId: number, tmdbIds: readonly number[]): Promise<{ id: number; title: string }[]> {
      const { results } = await d1
        .prepare(
          `select m.id, m.title from movies m
         join movie_provenance p on p.movie_id = m.id and p.list_id = ?1
         where m.tmdb_id in (select value from json_each(?2))
           and not exists (select 1 from list_items li where li.tmdb_id = m.tmdb_id)`,
        )
        .bind(listId, JSON.stringify(tmdbIds))
        .all<{ id: number; title: string }>();
      return results;
    },

    ...listItemWrites(d1),
    ...libraryWrites(d1),

    /** Runs statements as one batch (one transaction); their results, for the rows they wrote. */
    write: (statements: D1PreparedStatement[]): Promise<D1Result[]> => d1.batch(statements),
  };
}

/** The statements writing a list's items: new ones (first seen at `firstSeenAt`), changed ones, removed ones. */
function listItemWrites(d1: D1Database) {
  return {
    insertItems: (listId: number, firstSeenAt: string, rows: readonly NewListItem[]) =>
      d1
        .prepare(
          `insert or ignore into list_items (list_id, item_key, tmdb_id, imdb_id, title, year, metadata, status, first_seen_at)
           select ?1, json_extract(value, '$.key'), json_extract(value, '$.tmdbId'), json_extract(value, '$.imdbId'),
                  json_extract(value, '$.title'), json_extract(value, '$.year'), json(json_extract(value, '$.metadata')),
                  json_extract(value, '$.status'), ?2
           from json_each(?3)`,
        )
        .bind(listId, firstSeenAt, JSON.stringify(rows)),

    updateItems: (rows: readonly { id: number; title: string; year: number; metadata: Record<string, unknown> }[]) =>
      d1
        .prepare(
          `update list_items set title = json_extract(j.value, '$.title'), year = json_extract(j.value, '$.year'),
                  metadata = json(json_extract(j.value, '$.metadata'))
           from json_each(?1) j where list_items.id = json_extract(j.value, '$.id')`,
        )
        .bind(JSON.stringify(rows)),

    deleteItems: (ids: readonly number[]) =>
      d1.prepare("delete from list_items where id in (select value from json_each(?1))").bind(JSON.stringify(ids)),

    /** Sets the status of the list's items with these TMDb ids, linking each to its movie. */
    setItemStatus: (listId: number, status: string, tmdbIds: readonly number[]) =>
      d1
        .prepare(
          `update list_items set status = ?2, movie_id = (select id from movies where tmdb_id = list_items.tmdb_id)
             where list_id = ?1 and tmdb_id in (select value from json_each(?3))`,
        )
        .bind(listId, status, JSON.stringify(tmdbIds)),
  };
}

/** The statements a sync writes to the library: provenance, and the clean-library treatment. */
function libraryWrites(d1: D1Database) {
  return {
    /** Records that the list `kind` (added or matched) the movies with these TMDb ids at `at`. */
    recordProvenance: (
      list: { id: number; name: string },
      kind: "added" | "matched",
      at: string,
      tmdbIds: readonly number[],
    ) =>
      d1
        .prepare(
          `insert or ignore into movie_provenance (movie_id, list_id, list_name, kind, at)
               select id, ?1, ?2, ?3, ?4 from movies where tmdb_id in (select value from json_each(?5))`,
        )
        .bind(list.id, list.name, kind, at, JSON.stringify(tmdbIds)),

    unmonitorMovies: (ids: readonly number[]) =>
      d1
        .prepare(
          "update movies set monitored = 0, streaming_unmonitored_service = null where id in (select value from json_each(?1))",
        )
        .bind(JSON.stringify(ids)),

    deleteMovies: (ids: readonly number[]) =>
      d1.prepare("delete from movies where id in (select value from json_each(?1))").bind(JSON.stringify(ids)),
  };
}
