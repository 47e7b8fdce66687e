import type { Database } from "../db/client";
import {
  type HistoryEventType,
  type HistoryPageQuery,
  type HistoryRow,
  historyRepository,
} from "../db/repositories/history";
import { MovieRepository, type MovieWithTags } from "../db/repositories/movies";
import { type PreparedDecisionContext, prepareDecisionContext } from "../domain/decisions";
import { resourceNotFound } from "../domain/failures/failure";
import { customFormatNames } from "./customFormats";
import { loadDecisionContext } from "./decisionContext";

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
  const [{ rows, totalRecords }, formatNames] = await Promise.all([
    historyRepository(db).page(query),
    customFormatNames(db),
  ]);
  const pageMovies = await new MovieRepository(db).byIds([...new Set(rows.map((r) => r.movieId))]);
  const contexts = new Map(
    await Promise.all(
      pageMovies.map(
        async (movie) => [movie.id, prepareDecisionContext(await loadDecisionContext(db, movie))] as const,
      ),
    ),
  );
  return { rows, totalRecords, formatNames, movies: new Map(pageMovies.map((m) => [m.id, m])), contexts };
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
