import { and, asc, desc, eq, gt, inArray, or } from "drizzle-orm";
import { chunk, type Database } from "../client";
import { hdbitsAnalyzerCollections, hdbitsAnalyzerGroups, hdbitsAnalyzerReleases } from "../schema";

export type AnalyzerCollectionRow = typeof hdbitsAnalyzerCollections.$inferSelect;
type AnalyzerReleaseRow = typeof hdbitsAnalyzerReleases.$inferSelect;
type AnalyzerGroupRow = typeof hdbitsAnalyzerGroups.$inferSelect;
/** A collected torrent before it is stored (flags as 0/1). */
export type CollectedTorrent = Omit<AnalyzerReleaseRow, "freeleech" | "internal" | "exclusive" | "collectedAt"> & {
  freeleech: 0 | 1;
  internal: 0 | 1;
  exclusive: 0 | 1;
};

// Rows per statement: they travel as one JSON parameter and SQLite unpacks them with json_each.
const BULK_ROWS = 200;
const GROUPS_PER_QUERY = 90;
const COLUMNS = [
  "indexer_id:indexerId",
  "torrent_id:torrentId",
  "info_hash:infoHash",
  "name:name",
  "release_group:releaseGroup",
  "quality_id:qualityId",
  "resolution:resolution",
  "source:source",
  "codec:codec",
  "size:size",
  "seeders:seeders",
  "leechers:leechers",
  "times_completed:timesCompleted",
  "freeleech:freeleech",
  "internal:internal",
  "exclusive:exclusive",
  "origin:origin",
  "imdb_id:imdbId",
  "uploaded_at:uploadedAt",
].map((pair) => pair.split(":") as [string, string]);

// A torrent collected again refreshes its counts and flags (they change as it ages).
const UPSERT_RELEASES = `insert into hdbits_analyzer_releases (${COLUMNS.map(([c]) => c).join(", ")}, collected_at)
  select ${COLUMNS.map(([, k]) => `json_extract(value, '$.${k}')`).join(", ")}, ?1 from json_each(?2) where true
  on conflict (indexer_id, torrent_id) do update set
    seeders = excluded.seeders, leechers = excluded.leechers, times_completed = excluded.times_completed,
    freeleech = excluded.freeleech, internal = excluded.internal, exclusive = excluded.exclusive,
    origin = excluded.origin, collected_at = excluded.collected_at`;

/** The HDBits analyzer's tables: the collection's cursor, the collected torrents, the scored groups. */
export function hdbitsAnalyzerRepository(db: Database) {
  return { ...collectionQueries(db), ...collectedQueries(db) };
}

/** The collection's row and the page writes that move it. */
function collectionQueries(db: Database) {
  const d1 = db.$client;
  const collections = hdbitsAnalyzerCollections;
  return {
    async collection(indexerId: number): Promise<AnalyzerCollectionRow | undefined> {
      return (await db.select().from(collections).where(eq(collections.indexerId, indexerId)).limit(1))[0];
    },

    /** The most recently touched collection, whatever its indexer. */
    async latestCollection(): Promise<AnalyzerCollectionRow | undefined> {
      return (await db.select().from(collections).orderBy(desc(collections.updatedAt)).limit(1))[0];
    },

    /** Starts (or restarts from page 0) the indexer's collection. */
    async start(values: typeof collections.$inferInsert): Promise<AnalyzerCollectionRow> {
      const { indexerId: _, ...rest } = values;
      const [row] = await db
        .insert(collections)
        .values(values)
        .onConflictDoUpdate({ target: collections.indexerId, set: rest })
        .returning();
      return row;
    },

    async update(indexerId: number, values: Partial<AnalyzerCollectionRow>): Promise<void> {
      await db.update(collections).set(values).where(eq(collections.indexerId, indexerId));
    },

    /**
     * Stores one page's torrents and moves the cursor past it in one batch: a restart after it
     * resumes at the next page, a restart before it fetches the same page again.
     */
    async savePage(
      indexerId: number,
      collectedAt: string,
      rows: readonly CollectedTorrent[],
      cursor: Partial<AnalyzerCollectionRow>,
    ): Promise<void> {
      const writes = chunk(rows, BULK_ROWS).map((part) =>
        d1.prepare(UPSERT_RELEASES).bind(collectedAt, JSON.stringify(part)),
      );
      const update = db.update(collections).set(cursor).where(eq(collections.indexerId, indexerId));
      const { sql, params } = update.toSQL();
      await d1.batch([...writes, d1.prepare(sql).bind(...params)]);
    },
  };
}

/** The collected torrents and the scored groups. */
function collectedQueries(db: Database) {
  const d1 = db.$client;
  return {
    /** Collected torrents after the key (indexer, torrent), in key order: the recompute's pages. */
    async releasesAfter(after: { indexerId: number; torrentId: number }, limit: number): Promise<AnalyzerReleaseRow[]> {
      const r = hdbitsAnalyzerReleases;
      return db
        .select()
        .from(r)
        .where(
          or(gt(r.indexerId, after.indexerId), and(eq(r.indexerId, after.indexerId), gt(r.torrentId, after.torrentId))),
        )
        .orderBy(asc(r.indexerId), asc(r.torrentId))
        .limit(limit);
    },

    /** One group's collected torrents, newest upload first. */
    releasesOfGroup(group: string, limit: number): Promise<AnalyzerReleaseRow[]> {
      const r = hdbitsAnalyzerReleases;
      return db.select().from(r).where(eq(r.releaseGroup, group)).orderBy(desc(r.uploadedAt)).limit(limit);
    },

    /** Replaces the scored groups with `rows` in one batch. */
    async replaceGroups(rows: readonly (typeof hdbitsAnalyzerGroups.$inferInsert)[]): Promise<void> {
      const statements = [d1.prepare("delete from hdbits_analyzer_groups")];
      for (const part of chunk(rows, BULK_ROWS)) {
        statements.push(
          d1
            .prepare(
              `insert into hdbits_analyzer_groups (release_group, score, reputation, computed_at)
               select json_extract(value, '$.releaseGroup'), json_extract(value, '$.score'),
                      json(json_extract(value, '$.reputation')), json_extract(value, '$.computedAt')
               from json_each(?1) where true`,
            )
            .bind(JSON.stringify(part.map((p) => ({ ...p, reputation: JSON.stringify(p.reputation) })))),
        );
      }
      await d1.batch(statements);
    },

    /** The scored groups (all, or these upper-cased names). */
    async groups(names?: readonly string[]): Promise<AnalyzerGroupRow[]> {
      const g = hdbitsAnalyzerGroups;
      if (!names) return db.select().from(g).orderBy(desc(g.score), asc(g.releaseGroup));
      const rows: AnalyzerGroupRow[] = [];
      for (const part of chunk(names, GROUPS_PER_QUERY)) {
        rows.push(...(await db.select().from(g).where(inArray(g.releaseGroup, part))));
      }
      return rows;
    },
  };
}
