import * as clock from "../clock";
import type { Database } from "../db/client";
import { libraryChunk } from "../db/repositories/libraryChunks";
import {
  choosePlan,
  type FilterCounts,
  filterSignature,
  type MoviePageQuery,
  type PageStart,
  pageKey,
  totalSql,
} from "../db/repositories/movieQuery";
import type { MovieRepository, RawMovie } from "../db/repositories/movies";
import { type EmbeddedFileJudge, embeddedFileJudge } from "./embeddedMovieFiles";
import { libraryChunkJson } from "./movieResource";

// isAvailable depends on the clock, so even an unchanged library is rebuilt now and then.
const MAX_AGE_MS = 60_000;
// Movies per D1 read while streaming the whole list: about 1 MB of rows, well under D1's limits.
const CHUNK_ROWS = 1000;
// The list is kept in memory only below this many bytes (its UTF-8 body, as sent): an isolate has
// 128 MB, and a 100,000-movie list is bigger than that would allow. Bigger lists are streamed
// every time. Kept as the encoded chunks it was sent in, it costs its bytes and no more (a string
// of it would cost twice that once one title is outside Latin-1) and is sent again without
// encoding it again.
const CACHE_LIMIT_BYTES = 40_000_000;
// Page totals and page starts kept (per library version): enough for every filter and page a
// few users click through.
const KEPT = 500;

let cached: { version: number; builtAt: number; chunks: Uint8Array[] } | undefined;
const totals = new Map<string, { version: number; counts: FilterCounts }>();
const starts = new Map<string, { version: number; pages: Map<number, PageStart> }>();

/**
 * The whole library as JSON. While the library version (bumped by triggers on every movie,
 * movie tag or movie file write) is unchanged, a list that fits CACHE_LIMIT_BYTES is answered
 * from this isolate's memory; otherwise it is streamed from D1 in keyset chunks of CHUNK_ROWS
 * movies (first byte after one chunk, memory flat) and kept for next time if it fits.
 */
export async function wholeLibraryBody(db: Database, movies: MovieRepository): Promise<ReadableStream> {
  const version = await movies.libraryVersion();
  const now = clock.now();
  if (cached && cached.version === version && now - cached.builtAt < MAX_AGE_MS) return replay(cached.chunks);
  // Stale (another library version, or too old): let it go before its successor is kept, so the
  // isolate holds one list at most, not the old one beside the one being built.
  cached = undefined;
  return libraryStream(db, version, now);
}

function replay(chunks: Uint8Array[]): ReadableStream {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next < chunks.length) controller.enqueue(chunks[next++]);
      else controller.close();
    },
  });
}

function libraryStream(db: Database, version: number, now: number): ReadableStream {
  const encoder = new TextEncoder();
  let after: RawMovie["columns"] | undefined;
  let kept: Uint8Array[] | undefined = [];
  let keptBytes = 0;
  let judging: Promise<EmbeddedFileJudge> | undefined;
  const send = (controller: ReadableStreamDefaultController, text: string) => {
    const bytes = encoder.encode(text);
    controller.enqueue(bytes);
    if (!kept) return;
    keptBytes += bytes.byteLength;
    if (keptBytes > CACHE_LIMIT_BYTES) kept = undefined;
    else kept.push(bytes);
  };
  return new ReadableStream({
    async pull(controller) {
      judging ??= embeddedFileJudge(db);
      const [judge, chunk] = await Promise.all([judging, libraryChunk(db, after, CHUNK_ROWS)]);
      const { rows } = chunk;
      // Kept only when no write landed while the chunks were read (they would disagree).
      if (chunk.version !== version) kept = undefined;
      const json = libraryChunkJson(rows, now, judge);
      const last = rows.length < CHUNK_ROWS;
      send(controller, `${after ? (json ? "," : "") : "["}${json}${last ? "]" : ""}`);
      after = rows.at(-1)?.columns ?? after;
      if (!last) return;
      if (kept) cached = { version, builtAt: now, chunks: kept };
      controller.close();
    },
  });
}

/**
 * One page of the library with its total. The total (a count over the whole library) is kept
 * per filter while the library version is unchanged, with the counts that choose how a page is
 * read (movieQuery.choosePlan: walk the sort index when the filters are common, build from a
 * rare filter's own list otherwise), so paging, re-sorting and re-reading the same filter read
 * only the page's rows; a changed library counts again. Where each page served starts is kept
 * too (keyset paging): the next page, or the same page again, seeks instead of skipping an offset.
 */
export async function libraryPage(
  movies: MovieRepository,
  query: MoviePageQuery,
  searchKey: string | undefined,
): Promise<{ rows: RawMovie[]; totalRecords: number }> {
  const key = filterSignature(query, searchKey);
  let known = totals.get(key) ?? (await movies.pages.filterCounts(query, searchKey));
  const order = `${key}|${query.sortKey}|${query.sortDirection}|${query.pageSize}`;
  const cursor = starts.get(order);
  const start = cursor?.pages.get(query.page);
  const read = (from?: PageStart) => {
    const counted = known.counts.total === undefined ? totalSql(query, searchKey, known.counts) : undefined;
    return movies.pages.pageRaw(query, searchKey, {
      start: from,
      plan: choosePlan(query, searchKey, known.counts, from),
      total: typeof counted === "object" ? counted : undefined,
    });
  };
  let page = await read(start);
  // A start from another library version may point elsewhere now: read by offset instead.
  if (start && cursor?.version !== page.version) page = await read();
  if (known.version !== page.version) {
    // The counts steered the plan only: a changed library counts its total again.
    known = await movies.pages.filterCounts(query, searchKey);
    known.counts.total = await movies.pages.countTotal(totalSql(query, searchKey, known.counts));
  } else known.counts.total ??= page.totalRecords ?? (totalSql(query, searchKey, known.counts) as number);
  remember(totals, key, known);
  rememberStarts(order, query, page);
  return { rows: page.rows, totalRecords: known.counts.total };
}

function remember<T>(map: Map<string, T>, key: string, value: T) {
  if (!map.has(key) && map.size >= KEPT) map.clear();
  map.set(key, value);
}

/** Records where this page and the next start, for a library at `page.version`. */
function rememberStarts(order: string, query: MoviePageQuery, page: { rows: RawMovie[]; version: number }) {
  const [first, last] = [page.rows.at(0), page.rows.at(-1)];
  if (!first || !last) return;
  let cursor = starts.get(order);
  if (cursor?.version !== page.version || cursor.pages.size > KEPT) {
    cursor = { version: page.version, pages: new Map() };
    remember(starts, order, cursor);
  }
  cursor.pages.set(query.page, { key: pageKey(query, first.columns), inclusive: true });
  if (page.rows.length === query.pageSize)
    cursor.pages.set(query.page + 1, { key: pageKey(query, last.columns), inclusive: false });
}
