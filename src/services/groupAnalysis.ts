import { inArray } from "drizzle-orm";
import * as clock from "../clock";
import type { Env } from "../config";
import type { Database } from "../db/client";
import { hdbitsObservations, qualityDefinitions } from "../db/schema";
import {
  GROUP_TIER_BONUS,
  type GroupObservation,
  type GroupReputation,
  type SizeLimits,
  scoreGroups,
} from "../domain/analysis/releaseGroups";
import { parseMovieTitle } from "../domain/parser";
import type { IndexerRelease } from "../integrations/indexers";

/**
 * The scene-group analysis fed by HDBits: every HDBits torrent a search or RSS fetch returns is
 * kept as an observation (one row per info hash, refreshed when seen again), and group
 * reputations are scored from them on demand (src/domain/analysis/releaseGroups.ts).
 */

// Rows per statement: they travel as one JSON parameter and SQLite unpacks them with json_each.
const BULK_ROWS = 500;

/** Records the HDBits torrents among `releases`; `runtime` is the searched movie's, when known. */
export async function recordHdbitsObservations(
  env: Env,
  releases: readonly IndexerRelease[],
  runtime = 0,
): Promise<number> {
  const observedAt = clock.nowIso();
  const rows = releases
    .filter((r) => r.hdbits && r.infoHash)
    .map((r) => {
      const parsed = r.parsed ?? parseMovieTitle(r.title);
      const facts = r.hdbits as NonNullable<IndexerRelease["hdbits"]>;
      return {
        infoHash: r.infoHash,
        indexerId: r.indexerId,
        torrentId: facts.torrentId,
        name: r.title,
        releaseGroup: (parsed?.releaseGroup ?? "").toUpperCase(),
        qualityId: parsed?.quality.quality.id ?? 0,
        size: r.size,
        seeders: r.seeders ?? 0,
        leechers: r.leechers ?? 0,
        timesCompleted: facts.timesCompleted,
        internal: facts.internal ? 1 : 0,
        exclusive: facts.exclusive ? 1 : 0,
        freeleech: facts.freeleech ? 1 : 0,
        imdbId: r.imdbId ?? null,
        runtime,
        uploadedAt: facts.uploadedAt,
      };
    });
  if (rows.length === 0) return 0;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += BULK_ROWS) {
    statements.push(
      env.DB.prepare(
        `insert into hdbits_observations (info_hash, indexer_id, torrent_id, name, release_group, quality_id, size,
           seeders, leechers, times_completed, internal, exclusive, freeleech, imdb_id, runtime, uploaded_at, observed_at)
         select json_extract(value, '$.infoHash'), json_extract(value, '$.indexerId'), json_extract(value, '$.torrentId'),
                json_extract(value, '$.name'), json_extract(value, '$.releaseGroup'), json_extract(value, '$.qualityId'),
                json_extract(value, '$.size'), json_extract(value, '$.seeders'), json_extract(value, '$.leechers'),
                json_extract(value, '$.timesCompleted'), json_extract(value, '$.internal'), json_extract(value, '$.exclusive'),
                json_extract(value, '$.freeleech'), json_extract(value, '$.imdbId'), json_extract(value, '$.runtime'),
                json_extract(value, '$.uploadedAt'), ?1
         from json_each(?2) where true
         on conflict (info_hash) do update set
           seeders = excluded.seeders, leechers = excluded.leechers, times_completed = excluded.times_completed,
           internal = excluded.internal, exclusive = excluded.exclusive, freeleech = excluded.freeleech,
           runtime = case when excluded.runtime > 0 then excluded.runtime else hdbits_observations.runtime end,
           observed_at = excluded.observed_at`,
      ).bind(observedAt, JSON.stringify(rows.slice(i, i + BULK_ROWS))),
    );
  }
  await env.DB.batch(statements);
  return rows.length;
}

type ObservationRow = typeof hdbitsObservations.$inferSelect;

const toObservation = (row: ObservationRow): GroupObservation => ({
  releaseGroup: row.releaseGroup,
  qualityId: row.qualityId,
  size: row.size,
  seeders: row.seeders,
  leechers: row.leechers,
  timesCompleted: row.timesCompleted,
  internal: row.internal,
  exclusive: row.exclusive,
  uploadedAt: row.uploadedAt,
  runtime: row.runtime,
});

async function sizeLimits(db: Database): Promise<(qualityId: number) => SizeLimits | undefined> {
  const definitions = new Map((await db.select().from(qualityDefinitions)).map((d) => [d.qualityId, d]));
  return (qualityId) => definitions.get(qualityId);
}

/** Reputations of the given groups (upper-cased names), or of every group seen. */
export async function groupReputations(db: Database, groups?: readonly string[]): Promise<GroupReputation[]> {
  let rows: ObservationRow[];
  if (groups) {
    const names = [...new Set(groups.map((g) => g.toUpperCase()).filter(Boolean))];
    if (names.length === 0) return [];
    rows = [];
    for (let i = 0; i < names.length; i += 90) {
      rows.push(
        ...(await db
          .select()
          .from(hdbitsObservations)
          .where(inArray(hdbitsObservations.releaseGroup, names.slice(i, i + 90)))),
      );
    }
  } else {
    rows = await db.select().from(hdbitsObservations);
  }
  return scoreGroups(rows.map(toObservation), { now: clock.now(), sizeLimits: await sizeLimits(db) });
}

/** The ranking bonus hook for the decision context, for the groups among `releases`. */
export async function releaseGroupBonus(
  db: Database,
  releases: readonly { title: string; parsed?: { releaseGroup: string } | null }[],
): Promise<((group: string) => number) | undefined> {
  const groups = releases
    .map((r) => (r.parsed ?? parseMovieTitle(r.title))?.releaseGroup ?? "")
    .filter((g) => g.length > 0);
  if (groups.length === 0) return undefined;
  const reputations = await groupReputations(db, groups);
  if (reputations.length === 0) return undefined;
  const bonus = new Map(reputations.map((r) => [r.group, GROUP_TIER_BONUS[r.tier]]));
  return (group) => bonus.get(group.toUpperCase()) ?? 0;
}
