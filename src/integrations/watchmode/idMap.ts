import { type Env, upstreamPolicy } from "../../config";
import { Failure, type UpstreamFailure } from "../../domain/failures/failure";
import type { TmdbType, WatchmodeIdMapRow, WatchmodeIdMapState } from "../../domain/streaming/watchmodeIdMap";
import type { Logger } from "../../observability/logger";
import { upstreamFetch } from "../http";
import { CsvRecordReader } from "./csv";

/**
 * Watchmode's daily title id map (`/datasets/title_id_map.csv`, hundreds of thousands of rows):
 * downloaded conditionally on the last import's ETag / Last-Modified (an unchanged file is a 304)
 * and parsed piece by piece as it streams in, checking that it is whole (header, byte count, no
 * sudden loss of rows). Storing it is the id map service's business.
 */

const SERVICE = "watchmode";
export const WATCHMODE_ID_MAP_PATH = "/datasets/title_id_map.csv";
const WATCHMODE_ID_MAP_HEADER = ["Watchmode ID", "IMDB ID", "TMDB ID", "TMDB Type", "Title", "Year"] as const;

/** The whole download may take minutes; the per-call timeout would abort the body mid-stream. */
const DOWNLOAD_DEADLINE_MS = 5 * 60_000;
/**
 * A daily file never loses half its titles overnight: a file that small is cut short at a line
 * break (where nothing else shows it) and would sweep half the map.
 */
const MIN_ROWS_KEPT_FRACTION = 0.5;

/** A changed id map: its validators, and its rows a piece at a time as they stream in. */
export interface WatchmodeIdMapFile {
  etag: string | null;
  lastModified: string | null;
  /** Throws the map's parse error when the file is malformed or cut short (after its last rows). */
  rows: AsyncGenerator<WatchmodeIdMapRow[]>;
  /** The file's size as announced (NaN when not), and the bytes read so far: how far a reader got. */
  expectedBytes: number;
  bytesRead(): number;
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
  const type: TmdbType | null = tmdbType === "movie" || tmdbType === "tv" ? tmdbType : null;
  return [id, type ? optionalInt(tmdbId) : null, type, imdbId.toLowerCase() || null, title, optionalInt(year)];
}

function checkHeader(record: string[]) {
  const names = record.map((name) => name.trim().toLowerCase());
  const expected = WATCHMODE_ID_MAP_HEADER.map((name) => name.toLowerCase());
  if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) {
    throw parseError(`has an unexpected header (${record.join(",").slice(0, 120)})`);
  }
}

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
 * Downloads the id map unless it is unchanged since `previous` (then null: a 304, no body read).
 * With `unconditional`, the file is downloaded whatever its validators (a chunked import reading
 * on where it stopped); `previous` still guards against a truncated file.
 */
export async function downloadWatchmodeIdMap(
  env: Env,
  previous: WatchmodeIdMapState | null,
  logger: Logger,
  { unconditional = false } = {},
): Promise<WatchmodeIdMapFile | null> {
  const response = await requestIdMap(env, unconditional ? null : previous, logger);
  if (response.status === 304) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) throw parseError("came without a body");
  const expectedBytes = Number(response.headers.get("content-length") ?? Number.NaN);
  const read = { bytes: 0 };
  return {
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
    rows: idMapRows(response.body, expectedBytes, previous, read),
    expectedBytes,
    bytesRead: () => read.bytes,
  };
}

/**
 * The rows of the CSV body, one piece at a time; after the last piece, checks the file is whole
 * (a header, every byte announced, not half the rows of the last import).
 */
async function* idMapRows(
  csv: ReadableStream<Uint8Array>,
  expectedBytes: number,
  previous: WatchmodeIdMapState | null,
  read: { bytes: number },
): AsyncGenerator<WatchmodeIdMapRow[]> {
  let rows = 0;
  let headerSeen = false;
  const reader = new CsvRecordReader();
  const take = (records: string[][]) => {
    const piece: WatchmodeIdMapRow[] = [];
    for (const record of records) {
      if (headerSeen) piece.push(idMapRow(record, reader.recordCount));
      else {
        checkHeader(record);
        headerSeen = true;
      }
    }
    rows += piece.length;
    return piece;
  };
  const decoder = new TextDecoder();
  const body = csv.getReader();
  try {
    for (;;) {
      const { done, value } = await readPiece(body);
      if (done) break;
      read.bytes += value.byteLength;
      yield take(csvStep(() => reader.push(decoder.decode(value, { stream: true }))));
    }
  } finally {
    // A reader that stops early (a chunk out of time) leaves the rest of the download unread.
    await body.cancel().catch(() => undefined);
  }
  yield take(csvStep(() => [...reader.push(decoder.decode()), ...reader.end()]));
  if (!headerSeen) throw parseError("is empty");
  if (Number.isFinite(expectedBytes) && read.bytes !== expectedBytes) {
    throw parseError(`ended after ${read.bytes} of ${expectedBytes} bytes`);
  }
  if (previous && rows < previous.rows * MIN_ROWS_KEPT_FRACTION) {
    throw parseError(`has ${rows} rows where the last import had ${previous.rows}; it looks truncated`);
  }
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
