import { and, eq } from "drizzle-orm";
import * as clock from "../../clock";
import { type Env, upstreamPolicy } from "../../config";
import type { Database } from "../../db/client";
import { settings, watchmodeIdMap } from "../../db/schema";
import { Failure, type UpstreamFailure } from "../../domain/failures/failure";
import type { Logger } from "../../observability/logger";
import { upstreamFetch } from "../http";
import { CsvRecordReader } from "./csv";

/**
 * Watchmode's daily title id map (`/datasets/title_id_map.csv`, hundreds of thousands of rows),
 * streamed into D1. The file is read piece by piece into a staging table in bulk statements (D1
 * binds at most 100 parameters, so each statement carries its rows as one JSON parameter that
 * SQLite unpacks with json_each); only once the whole file has parsed is it merged into
 * watchmode_id_map, the rows it no longer lists swept and the new ETag/Last-Modified stored, all
 * in one batch (one transaction). A truncated or malformed file therefore leaves the previous map
 * as it was. A conditional request makes an unchanged file a 304 and no writes.
 */

const SERVICE = "watchmode";
export const WATCHMODE_ID_MAP_PATH = "/datasets/title_id_map.csv";
const WATCHMODE_ID_MAP_HEADER = ["Watchmode ID", "IMDB ID", "TMDB ID", "TMDB Type", "Title", "Year"] as const;
/** The settings row holding the imported file's validators and size. */
export const WATCHMODE_ID_MAP_STATE_KEY = "watchmodeIdMap";

/** Rows per statement (one JSON parameter) and statements per D1 batch. */
const ROWS_PER_STATEMENT = 1_000;
const STATEMENTS_PER_BATCH = 10;
/** The whole download may take minutes; the per-call timeout would abort the body mid-stream. */
const DOWNLOAD_DEADLINE_MS = 5 * 60_000;
/**
 * A daily file never loses half its titles overnight: a file that small is cut short at a line
 * break (where nothing else shows it) and would sweep half the map.
 */
const MIN_ROWS_KEPT_FRACTION = 0.5;

export type TmdbType = "movie" | "tv";

/** One row of the file: [watchmodeId, tmdbId, tmdbType, imdbId, title, year]. */
export type WatchmodeIdMapRow = [number, number | null, TmdbType | null, string | null, string, number | null];

export interface WatchmodeIdMapState {
  etag: string | null;
  lastModified: string | null;
  rows: number;
  importedAt: string;
}

export interface WatchmodeIdMapImport {
  status: "imported" | "unchanged";
  rows: number;
  /** D1 batches written while streaming (the final merge not counted). */
  batches: number;
  /** Rows of the map added or changed, and rows swept because the file no longer lists them. */
  written: number;
  removed: number;
  durationMs: number;
}

function parseError(message: string): UpstreamFailure {
  return new Failure("parseError", `Watchmode's title id map ${message}`, { service: SERVICE });
}

/** The records one step of the CSV reader completes; a malformed file fails as the map's parse error. */
function csvStep(step: () => string[][]): string[][] {
  try {
    return step();
  } catch (error) {
    if (error instanceof Failure) throw parseError(error.message.replace(/^the file /, ""));
    throw error;
  }
}

const optionalInt = (text: string): number | null => (/^\d+$/.test(text) ? Number(text) : null);

/** A record of the file as a row; throws on a record that cannot be one (short rows, bad ids). */
export function idMapRow(record: string[], recordNumber: number): WatchmodeIdMapRow {
  if (record.length !== WATCHMODE_ID_MAP_HEADER.length) {
    throw parseError(`has ${record.length} fields in record ${recordNumber} instead of 6; it looks truncated`);
  }
  const [watchmodeId, imdbId, tmdbId, tmdbType, title, year] = record.map((field) => field.trim());
  const id = optionalInt(watchmodeId);
  if (!id) throw parseError(`has an invalid Watchmode ID "${watchmodeId}" in record ${recordNumber}`);
  const type = tmdbType === "movie" || tmdbType === "tv" ? tmdbType : null;
  return [id, type ? optionalInt(tmdbId) : null, type, imdbId || null, title, optionalInt(year)];
}

function checkHeader(record: string[]) {
  const names = record.map((name) => name.trim().toLowerCase());
  const expected = WATCHMODE_ID_MAP_HEADER.map((name) => name.toLowerCase());
  if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) {
    throw parseError(`has an unexpected header (${record.join(",").slice(0, 120)})`);
  }
}

export async function readIdMapState(db: Database): Promise<WatchmodeIdMapState | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, WATCHMODE_ID_MAP_STATE_KEY));
  return row ? (row.value as unknown as WatchmodeIdMapState) : null;
}

const STAGE_ROWS = `insert into watchmode_id_map_staging (watchmode_id, tmdb_id, tmdb_type, imdb_id, title, year)
  select json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
         json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]')
  from json_each(?1) where true
  on conflict(watchmode_id) do update set tmdb_id = excluded.tmdb_id, tmdb_type = excluded.tmdb_type,
    imdb_id = excluded.imdb_id, title = excluded.title, year = excluded.year`;

// Only rows that differ are written, so a re-import of the same content changes nothing.
const MERGE_STAGED = `insert into watchmode_id_map (watchmode_id, tmdb_id, tmdb_type, imdb_id, title, year)
  select watchmode_id, tmdb_id, tmdb_type, imdb_id, title, year from watchmode_id_map_staging where true
  on conflict(watchmode_id) do update set tmdb_id = excluded.tmdb_id, tmdb_type = excluded.tmdb_type,
    imdb_id = excluded.imdb_id, title = excluded.title, year = excluded.year
  where watchmode_id_map.tmdb_id is not excluded.tmdb_id or watchmode_id_map.tmdb_type is not excluded.tmdb_type
     or watchmode_id_map.imdb_id is not excluded.imdb_id or watchmode_id_map.title is not excluded.title
     or watchmode_id_map.year is not excluded.year`;

const SWEEP_REMOVED = `delete from watchmode_id_map
  where not exists (select 1 from watchmode_id_map_staging s where s.watchmode_id = watchmode_id_map.watchmode_id)`;

const CLEAR_STAGING = "delete from watchmode_id_map_staging";

const SAVE_STATE = `insert into settings (key, value, updated_at) values (?1, ?2, ?3)
  on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at`;

/** Asks Watchmode for the id map, conditionally on the last import's ETag / Last-Modified. */
async function requestIdMap(env: Env, previous: WatchmodeIdMapState | null, logger: Logger): Promise<Response> {
  if (!env.WATCHMODE_API_KEY) {
    throw new Failure("authenticationFailed", "Watchmode is not configured: set WATCHMODE_API_KEY", {
      service: SERVICE,
    });
  }
  const url = new URL(`${env.WATCHMODE_API_URL.replace(/\/$/, "")}${WATCHMODE_ID_MAP_PATH}`);
  url.searchParams.set("apiKey", env.WATCHMODE_API_KEY);
  const headers: Record<string, string> = { accept: "text/csv" };
  if (previous?.etag) headers["if-none-match"] = previous.etag;
  if (previous?.lastModified) headers["if-modified-since"] = previous.lastModified;
  const policy = upstreamPolicy(env);
  return upstreamFetch({
    service: SERVICE,
    url: url.toString(),
    init: { headers },
    policy: { ...policy, timeoutMs: Math.max(policy.timeoutMs, DOWNLOAD_DEADLINE_MS) },
    logger,
    attempts: 2,
    budget: { env, service: SERVICE },
  });
}

/**
 * Streams the CSV body into the staging table in batches, checking it is whole (header, byte
 * count, no sudden loss of rows). Returns the rows and batches written; on failure the staging
 * table is cleared and the stored map is left as it was.
 */
async function stageIdMap(
  d1: D1Database,
  csv: ReadableStream<Uint8Array>,
  expectedBytes: number,
  previous: WatchmodeIdMapState | null,
): Promise<{ rows: number; batches: number }> {
  await d1.prepare(CLEAR_STAGING).run();
  let rows = 0;
  let batches = 0;
  try {
    const pending: WatchmodeIdMapRow[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const statements: D1PreparedStatement[] = [];
      for (let i = 0; i < pending.length; i += ROWS_PER_STATEMENT) {
        statements.push(d1.prepare(STAGE_ROWS).bind(JSON.stringify(pending.slice(i, i + ROWS_PER_STATEMENT))));
      }
      pending.length = 0;
      await d1.batch(statements);
      batches++;
    };
    let bytes = 0;
    let headerSeen = false;
    const reader = new CsvRecordReader();
    const take = async (records: string[][]) => {
      for (const record of records) {
        if (!headerSeen) {
          checkHeader(record);
          headerSeen = true;
          continue;
        }
        pending.push(idMapRow(record, reader.recordCount));
        rows++;
        if (pending.length >= ROWS_PER_STATEMENT * STATEMENTS_PER_BATCH) await flush();
      }
    };
    const decoder = new TextDecoder();
    const body = csv.getReader();
    for (;;) {
      const { done, value } = await readPiece(body);
      if (done) break;
      bytes += value.byteLength;
      await take(csvStep(() => reader.push(decoder.decode(value, { stream: true }))));
    }
    await take(csvStep(() => [...reader.push(decoder.decode()), ...reader.end()]));
    if (!headerSeen) throw parseError("is empty");
    if (Number.isFinite(expectedBytes) && bytes !== expectedBytes) {
      throw parseError(`ended after ${bytes} of ${expectedBytes} bytes`);
    }
    if (previous && rows < previous.rows * MIN_ROWS_KEPT_FRACTION) {
      throw parseError(`has ${rows} rows where the last import had ${previous.rows}; it looks truncated`);
    }
    await flush();
    return { rows, batches };
  } catch (error) {
    await d1
      .prepare(CLEAR_STAGING)
      .run()
      .catch(() => undefined);
    throw error;
  }
}

/** Downloads the id map if it changed since the last import and replaces the stored map with it. */
export async function importWatchmodeIdMap(env: Env, db: Database, logger: Logger): Promise<WatchmodeIdMapImport> {
  const started = clock.now();
  const previous = await readIdMapState(db);
  const response = await requestIdMap(env, previous, logger);
  if (response.status === 304) {
    await response.body?.cancel();
    const outcome = unchanged(previous, started);
    logger.info("watchmode id map unchanged", { rows: outcome.rows, durationMs: outcome.durationMs });
    return outcome;
  }
  if (!response.body) throw parseError("came without a body");

  const d1 = env.DB;
  const expectedBytes = Number(response.headers.get("content-length") ?? Number.NaN);
  const { rows, batches } = await stageIdMap(d1, response.body, expectedBytes, previous);
  const state: WatchmodeIdMapState = {
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
    rows,
    importedAt: clock.nowIso(),
  };
  const [merged, swept] = await d1.batch([
    d1.prepare(MERGE_STAGED),
    d1.prepare(SWEEP_REMOVED),
    d1.prepare(CLEAR_STAGING),
    d1.prepare(SAVE_STATE).bind(WATCHMODE_ID_MAP_STATE_KEY, JSON.stringify(state), state.importedAt),
  ]);
  const outcome: WatchmodeIdMapImport = {
    status: "imported",
    rows,
    batches,
    written: merged.meta.changes,
    removed: swept.meta.changes,
    durationMs: clock.now() - started,
  };
  logger.info("watchmode id map imported", { ...outcome });
  return outcome;
}

function unchanged(previous: WatchmodeIdMapState | null, started: number): WatchmodeIdMapImport {
  return {
    status: "unchanged",
    rows: previous?.rows ?? 0,
    batches: 0,
    written: 0,
    removed: 0,
    durationMs: clock.now() - started,
  };
}

async function readPiece(body: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    return await body.read();
  } catch (cause) {
    throw new Failure(
      "connectionFailed",
      `The connection to Watchmode dropped while downloading the title id map: ${(cause as Error).message}`,
      { service: SERVICE },
    );
  }
}

/** The Watchmode id of a TMDb title, from the imported map (no Watchmode call). */
export async function watchmodeIdForTmdb(db: Database, tmdbId: number, type: TmdbType = "movie") {
  const [row] = await db
    .select({ watchmodeId: watchmodeIdMap.watchmodeId })
    .from(watchmodeIdMap)
    .where(and(eq(watchmodeIdMap.tmdbType, type), eq(watchmodeIdMap.tmdbId, tmdbId)))
    .limit(1);
  return row?.watchmodeId ?? null;
}

/** The TMDb id and type of a Watchmode title, from the imported map. */
export async function tmdbIdForWatchmode(db: Database, watchmodeId: number) {
  const [row] = await db
    .select({ tmdbId: watchmodeIdMap.tmdbId, tmdbType: watchmodeIdMap.tmdbType })
    .from(watchmodeIdMap)
    .where(eq(watchmodeIdMap.watchmodeId, watchmodeId));
  return row?.tmdbId != null && row.tmdbType ? { tmdbId: row.tmdbId, tmdbType: row.tmdbType } : null;
}
