import * as clock from "../clock";
import type { Database } from "../db/client";
import { type ChunkMovie, libraryChunk, libraryListInputs } from "../db/repositories/libraryChunks";
import {
  choosePlan,
  type FilterCounts,
  filterSignature,
  type MoviePageQuery,
  type PageStart,
  pageKey,
  totalSql,
} from "../db/repositories/movieQuery";
import type { MovieColumns, MovieRepository, RawMovie } from "../db/repositories/movies";
import type { CutoffProfileRow } from "../db/repositories/qualityProfiles";
import { availableFrom, type MinimumAvailability } from "../domain/library/movieStatus";
import type { ServiceContext } from "./context";
import { type EmbeddedFileJudge, embeddedFileJudge } from "./embeddedMovieFiles";
import { type StoredList, storedList, storedListParts, storeList } from "./libraryListStore";
import { libraryChunkJson } from "./movieResource";

// Movies per D1 read while streaming the whole list: about 1 MB of rows, well under D1's limits.
const CHUNK_ROWS = 1000;
// The first chunk is smaller, so the first byte leaves sooner.
const FIRST_CHUNK_ROWS = 100;
// The list is kept in memory only below this many bytes (its UTF-8 body, as sent): an isolate has
// 128 MB, and a 100,000-movie list is bigger than that would allow. Bigger lists are streamed
// every time. Kept as the encoded chunks it was sent in, it costs its bytes and no more (a string
// of it would cost twice that once one title is outside Latin-1) and is sent again without
// encoding it again. A list kept here is also stored in KV (libraryListStore).
const CACHE_LIMIT_BYTES = 40_000_000;
// How long after a build its list is stored in KV (well inside the 30 s waitUntil allows).
const STORE_DELAY_MS = 2_000;
// A built list is answered again for a day at most, even when no movie's availability changes.
const MAX_AGE_MS = 86_400_000;
// Page totals and page starts kept (per library version): enough for every filter and page a
// few users click through.
const KEPT = 500;

interface BuiltList {
  stamp: string;
  builtAt: number;
  validUntil: number;
  chunks: Uint8Array[];
}

let cached: BuiltList | undefined;
const totals = new Map<string, { version: number; counts: FilterCounts }>();
const starts = new Map<string, { version: number; pages: Map<number, PageStart> }>();

/**
 * The whole library as JSON. A list is answered again while its stamp (the library version and
 * the quality profiles) is unchanged and until the first instant a movie's isAvailable turns:
 * from this isolate's memory when it fits CACHE_LIMIT_BYTES, else from KV when another isolate
 * stored it; otherwise it is streamed from D1 in keyset chunks (first byte after one small
 * chunk, memory flat), then kept and stored for next time if it fits.
 */
export async function wholeLibraryBody(ctx: ServiceContext): Promise<ReadableStream> {
  const { stamp, version } = await listStamp(ctx.db);
  const now = clock.now();
  if (cached && cached.stamp === stamp && cached.builtAt <= now && now < cached.validUntil)
    return replay(cached.chunks);
  // Stale (another stamp, or past its validity): let it go before its successor is kept, so the
  // isolate holds one list at most, not the old one beside the one being built.
  cached = undefined;
  const stored = await storedList(ctx, stamp, now);
  if (stored) return storedStream(ctx, stamp, stored);
  return libraryStream(ctx, { stamp, version }, now);
}

/** The list's stamp: its library version and a digest of the quality profiles' cutoffs. */
export async function listStamp(db: Database): Promise<{ stamp: string; version: number }> {
  const { version, profiles } = await libraryListInputs(db);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(profiles)));
  const hex = [...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return { stamp: `${version}-${hex}`, version };
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

/** A list another isolate stored, sent part by part and kept here as it goes. */
function storedStream(ctx: ServiceContext, stamp: string, stored: StoredList): ReadableStream {
  const nextPart = storedListParts(ctx, stamp, stored);
  const kept: Uint8Array[] = [];
  return new ReadableStream({
    async pull(controller) {
      const part = await nextPart();
      if (part) {
        kept.push(part);
        controller.enqueue(part);
        return;
      }
      cached = { stamp, builtAt: stored.builtAt, validUntil: stored.validUntil, chunks: kept };
      controller.close();
    },
  });
}

function libraryStream(
  ctx: ServiceContext,
  { stamp, version }: { stamp: string; version: number },
  now: number,
): ReadableStream {
  const { db } = ctx;
  const encoder = new TextEncoder();
  let after: RawMovie["columns"] | undefined;
  let kept: Uint8Array[] | undefined = [];
  let keptBytes = 0;
  let validUntil = now + MAX_AGE_MS;
  let judging: Promise<EmbeddedFileJudge> | undefined;
  let reading: ReturnType<typeof libraryChunk> | undefined;
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
      const limit = after ? CHUNK_ROWS : FIRST_CHUNK_ROWS;
      const [judge, chunk] = await Promise.all([judging, reading ?? libraryChunk(db, after, limit)]);
      const { rows } = chunk;
      const first = !after;
      const last = rows.length < limit;
      after = rows.at(-1)?.columns ?? after;
      // The next chunk is read while this one is written: D1's round trip overlaps the writing.
      reading = last ? undefined : libraryChunk(db, after, CHUNK_ROWS);
      // Not awaited if the client goes away first; its failure is then nobody's to report.
      reading?.catch(() => undefined);
      // Kept only when no write landed while the chunks were read (they would disagree).
      if (chunk.version !== version) kept = undefined;
      const json = libraryChunkJson(rows, now, judge);
      validUntil = Math.min(validUntil, nextAvailabilityChange(rows, now));
      send(controller, `${first ? "[" : json ? "," : ""}${json}${last ? "]" : ""}`);
      if (!last) return;
      controller.close();
      // A stamp check and a few KV writes, bounded (at most CACHE_LIMIT_BYTES), done beside the
      // response's end rather than delaying it.
      if (kept) ctx.background.waitUntil(keepBuilt(ctx, { stamp, builtAt: now, validUntil, chunks: kept }));
    },
  });
}

/**
 * Keeps and stores a built list if its stamp still holds: the chunks check the library version
 * as they are read, but the profiles were read once, apart from the stamp.
 */
async function keepBuilt(ctx: ServiceContext, list: BuiltList): Promise<void> {
  if ((await listStamp(ctx.db)).stamp !== list.stamp) return;
  cached = list;
  // Stored a little later, once the response's bytes are out (KV's writes then do not compete
  // with them), and not at all when the library changed meanwhile (a list sync writing).
  await new Promise((resolve) => setTimeout(resolve, STORE_DELAY_MS));
  if ((await listStamp(ctx.db)).stamp !== list.stamp) return;
  await storeList(ctx, list.stamp, list.chunks, { builtAt: list.builtAt, validUntil: list.validUntil });
}

/** The first instant after `now` at which one of these movies' isAvailable turns true. */
function nextAvailabilityChange(rows: { columns: MovieColumns }[], now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const { columns } of rows) {
    const from = availableFrom(columns as MovieColumns & { minimumAvailability: MinimumAvailability });
    if (from > now && from < next) next = from;
  }
  return next;
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
): Promise<{ rows: ChunkMovie[]; profiles: CutoffProfileRow[]; totalRecords: number }> {
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
  return { rows: page.rows, profiles: page.profiles, totalRecords: known.counts.total };
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
