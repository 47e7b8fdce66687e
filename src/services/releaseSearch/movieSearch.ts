import * as clock from "../../clock";
import type { Database } from "../../db/client";
import { MovieRepository, type MovieRow } from "../../db/repositories/movies";
import { searchTargetRepository } from "../../db/repositories/searchTargets";
import type { RankedDecision } from "../../domain/decisions";
import { resourceNotFound } from "../../domain/failures/failure";
import type { MovieSearchCriteria } from "../../integrations/indexers";
import type { ServiceContext } from "../context";
import { recordHdbitsObservations } from "../groupAnalysis";
import { loadIndexers, runIndexer } from "../indexers";
import { decideReleases, grabBest, type IndexerSearchReport, report } from "./decide";
import { sealAndCache } from "./releaseCache";

export interface MovieSearch {
  movie: MovieRow;
  decisions: RankedDecision[];
  indexers: IndexerSearchReport[];
}

async function getMovie(db: Database, movieId: number): Promise<MovieRow> {
  const movie = await searchTargetRepository(db).byId(movieId);
  if (!movie) throw resourceNotFound(`Movie ${movieId}`);
  return movie;
}

function criteriaOf(movie: MovieRow): MovieSearchCriteria {
  return { title: movie.title, year: movie.year, tmdbId: movie.tmdbId, imdbId: movie.imdbId ?? null };
}

/** Searches every enabled indexer for a movie and judges every result (with per-indexer reports). */
export async function searchMovie(
  ctx: ServiceContext,
  movieId: number,
  { interactive }: { interactive: boolean },
): Promise<MovieSearch> {
  const { env, db, logger } = ctx;
  const movie = await getMovie(db, movieId);
  const all = await loadIndexers(db);
  const enabled = all.filter((i) => (interactive ? i.enableInteractiveSearch : i.enableAutomaticSearch));
  const criteria = criteriaOf(movie);
  const runs = await Promise.all(
    enabled.map((indexer) => runIndexer(ctx, indexer, (client) => client.search(criteria))),
  );
  // Every search of the movie, automatic or interactive, is its lastSearchTime (as in Radarr).
  await new MovieRepository(db).setLastSearchTime(movie.id, clock.nowIso());
  const releases = runs.flatMap((run) => (run.ok ? run.result.releases : []));
  await recordHdbitsObservations(env, releases, movie.runtime).catch((error) =>
    logger?.warn("could not record HDBits observations", { error: (error as Error).message }),
  );
  const decisions = await decideReleases(ctx, movie, releases, { checkMovie: true, indexers: all });
  const reports = runs.map(report);
  logger?.info("release search", {
    movieId,
    interactive,
    releases: releases.length,
    accepted: decisions.filter((d) => d.accepted).length,
    indexers: reports.map((r) => `${r.indexer}:${r.status}`).join(","),
  });
  // Interactive results are shown and cached: their download URLs lose the indexers' secrets.
  if (interactive) await sealAndCache(env, movie.id, releases, all);
  return { movie, decisions, indexers: reports };
}

/**
 * Every enabled indexer's results for a movie, each with its decision, accepted ones first and
 * best first (rank 1 is the one to grab). Interactive searches use the indexers enabled for
 * interactive search and are cached for grabbing by guid.
 */
async function searchMovieReleases(
  ctx: ServiceContext,
  movieId: number,
  options: { interactive: boolean },
): Promise<RankedDecision[]> {
  return (await searchMovie(ctx, movieId, options)).decisions;
}

/**
 * Automatic search for one movie, then a grab of the best accepted release (Radarr's
 * MoviesSearch); a search the user started is not held back by the movie's delay profile.
 */
export async function searchAndGrab(
  ctx: ServiceContext,
  movieId: number,
  options: { userInvoked?: boolean } = {},
): Promise<{ grabbed: RankedDecision | null; decisions: RankedDecision[] }> {
  const decisions = await searchMovieReleases(ctx, movieId, { interactive: false });
  const grabbed = await grabBest(ctx, movieId, decisions, "automatic", options);
  return { grabbed, decisions };
}
