import type { Database } from "../db/client";
import { blocklistRepository } from "../db/repositories/blocklist";
import { downloadOfGrab, downloadRepository } from "../db/repositories/downloads";
import {
  type HistoryEventType,
  type HistoryPageQuery,
  type HistoryRow,
  historyRepository,
} from "../db/repositories/history";
import { MovieRepository, type MovieWithTags } from "../db/repositories/movies";
import { type PreparedDecisionContext, prepareDecisionContext } from "../domain/decisions";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import type { ServiceContext } from "./context";
import { customFormatNames } from "./customFormats";
import { loadDecisionContext } from "./decisionContext";
import { blocklistInsert, redownloadIfWanted } from "./downloads/failureHandling";
import { downloadWork, historyOf, iso } from "./downloads/work";
import { searchAndGrab } from "./releaseSearch/movieSearch";
import { readSettings } from "./settings";

export interface HistoryPage {
  rows: HistoryRow[];
  totalRecords: number;
  formatNames: Map<number, string>;
  /** The page's movies by id. */
  movies: Map<number, MovieWithTags>;
  /** Each page movie's decision context: whether a row's quality meets its cutoff needs its profile. */
  contexts: Map<number, PreparedDecisionContext>;
}

/** One page of history with what its records are judged and shaped with. */
export async function historyPage(db: Database, query: HistoryPageQuery): Promise<HistoryPage> {
  const { rows, totalRecords } = await historyRepository(db).page(query);
  return { ...(await shapingOf(db, rows)), rows, totalRecords };
}

/** Every event since `date` (Radarr's /history/since), oldest first, with what it is shaped with. */
export async function historySince(db: Database, date: string, eventType?: HistoryEventType): Promise<HistoryPage> {
  const rows = await historyRepository(db).since(date, eventType);
  return { ...(await shapingOf(db, rows)), rows, totalRecords: rows.length };
}

/** The format names, movies and decision contexts the rows' records are shaped with. */
async function shapingOf(db: Database, rows: readonly HistoryRow[]) {
  const formatNames = await customFormatNames(db);
  const pageMovies = await new MovieRepository(db).byIds([...new Set(rows.map((r) => r.movieId))]);
  const contexts = new Map(
    await Promise.all(
      pageMovies.map(
        async (movie) => [movie.id, prepareDecisionContext(await loadDecisionContext(db, movie))] as const,
      ),
    ),
  );
  return { formatNames, movies: new Map(pageMovies.map((m) => [m.id, m])), contexts };
}

/** A movie's history, newest first, with its decision context and the format names. */
export async function movieHistory(db: Database, movieId: number, eventType?: HistoryEventType) {
  const movie = await new MovieRepository(db).get(movieId);
  if (!movie) throw resourceNotFound(`Movie ${movieId}`);
  const [rows, context, formatNames] = await Promise.all([
    historyRepository(db).forMovie(movieId, eventType),
    loadDecisionContext(db, movie).then(prepareDecisionContext),
    customFormatNames(db),
  ]);
  return { rows, context, formatNames };
}

const MARKED_FAILED = "Manually marked as failed";

/**
 * Marks a grab failed (Radarr's POST /history/failed/{id}): the failure pipeline as for a failed
 * download — its queue item failed, the release blocklisted, a "downloadFailed" event — then the
 * next-best release searched for and grabbed when the download client settings ask for it.
 */
export async function markHistoryFailed(ctx: ServiceContext, historyId: number): Promise<void> {
  const { db } = ctx;
  const history = await historyRepository(db).get(historyId);
  if (!history) throw resourceNotFound(`History item ${historyId}`);
  if (history.eventType !== "grabbed") throw invalidInput("id", "Only a grab can be marked as failed");
  const work = downloadWork(ctx);
  const row = history.downloadId ? await downloadOfGrab(db, history.movieId, history.downloadId) : undefined;
  const failed = { ...history, id: undefined, eventType: "downloadFailed" as const, date: iso(work.now) };
  const data = { reason: "manual", message: MARKED_FAILED, indexer: history.data.indexer ?? "" };
  if (!row) {
    await downloadRepository(db).batch([
      blocklistRepository(db).insert(blocklistEntryOf(history, work.now)),
      historyRepository(db).insert({ ...failed, data }),
    ]);
    const settings = await readSettings(db, "downloadclient");
    const interactive = history.data.releaseSource === "interactive";
    if (!settings.autoRedownloadFailed || (interactive && !settings.autoRedownloadFailedFromInteractiveSearch)) return;
    await searchAndGrab(work, history.movieId).catch((error) =>
      ctx.logger?.warn("re-search after a failure failed", {
        movieId: history.movieId,
        error: (error as Error).message,
      }),
    );
    return;
  }
  const downloads = downloadRepository(db);
  await downloads.batch([
    downloads.update(row.id, {
      status: "failed",
      trackedDownloadState: "failed",
      trackedDownloadStatus: "error",
      nextRetryAt: null,
      statusMessages: [{ title: row.title, messages: [MARKED_FAILED, "Release blocklisted"] }],
      updatedAt: iso(work.now),
    }),
    blocklistInsert(db, row, "manual", MARKED_FAILED, work.now),
    historyRepository(db).insert({ ...historyOf(row), eventType: "downloadFailed", data, date: iso(work.now) }),
  ]);
  await redownloadIfWanted(work, row);
}

/** A blocklist entry from a grab's history alone (its download is no longer known). */
function blocklistEntryOf(history: HistoryRow, now: number) {
  const protocol = history.data.protocol === "usenet" ? "usenet" : "torrent";
  return {
    movieId: history.movieId,
    sourceTitle: history.sourceTitle,
    indexer: history.data.indexer || null,
    protocol,
    infoHash: history.data.torrentInfoHash || null,
    downloadId: history.downloadId,
    quality: history.toQuality,
    customFormatIds: history.customFormatIds,
    languages: history.languages,
    size: Number(history.data.size) || 0,
    reason: "manual",
    message: MARKED_FAILED,
    date: iso(now),
    blockedUntil: null,
    retryCount: 0,
  } as const;
}
