import type { Database } from "../../db/client";
import type { MovieRow } from "../../db/repositories/movies";
import { searchTargetRepository } from "../../db/repositories/searchTargets";
import { parseMovieTitle } from "../../domain/parser";
import type { IndexerRelease } from "../../integrations/indexers";
import type { ServiceContext } from "../context";
import { findMovieForRelease } from "../decisionContext";
import { recordHdbitsObservations } from "../groupAnalysis";
import { loadIndexers, runIndexer } from "../indexers";
import { decideReleases, grabBest, type IndexerSearchReport, report } from "./decide";
import { type PendingOutcome, processPendingReleases } from "./pending";
import { isAvailable } from "./wanted";

export interface RssSyncOutcome {
  releases: number;
  unparsable: number;
  unmatched: number;
  /** Matched to a movie that is unmonitored or not yet available. */
  skipped: number;
  movies: number;
  grabbed: { movieId: number; title: string; release: string; indexer: string }[];
  failures: { movieId: number; error: string }[];
  indexers: IndexerSearchReport[];
  /** The pending (delayed) releases judged again after the new ones. */
  pending?: PendingOutcome;
}

/**
 * RSS sync: the newest releases of every RSS-enabled indexer, each matched to a library movie,
 * judged for it, and the best accepted release of each monitored, available movie grabbed.
 */
export async function rssSync(ctx: ServiceContext): Promise<RssSyncOutcome> {
  const { env, db, logger } = ctx;
  const all = await loadIndexers(db);
  const runs = await Promise.all(
    all.filter((i) => i.enableRss).map((indexer) => runIndexer(ctx, indexer, (client) => client.rss())),
  );
  const releases = runs.flatMap((run) => (run.ok ? run.result.releases : []));
  await recordHdbitsObservations(env, releases).catch((error) =>
    logger?.warn("could not record HDBits observations", { error: (error as Error).message }),
  );
  const outcome: RssSyncOutcome = {
    releases: releases.length,
    unparsable: 0,
    unmatched: 0,
    skipped: 0,
    movies: 0,
    grabbed: [],
    failures: [],
    indexers: runs.map(report),
  };
  const byMovie = await releasesByMovie(db, releases, outcome);
  outcome.movies = byMovie.size;
  for (const { movie, releases: candidates } of byMovie.values()) {
    try {
      const decisions = await decideReleases(ctx, movie, candidates, { indexers: all });
      const grabbed = await grabBest(ctx, movie.id, decisions, "rss");
      if (grabbed) {
        outcome.grabbed.push({
          movieId: movie.id,
          title: movie.title,
          release: grabbed.release.title,
          indexer: grabbed.release.indexer,
        });
      }
    } catch (error) {
      outcome.failures.push({ movieId: movie.id, error: (error as Error).message });
    }
  }
  outcome.pending = await processPendingReleases(ctx);
  logger?.info("rss sync", {
    releases: outcome.releases,
    movies: outcome.movies,
    grabbed: outcome.grabbed.length,
    failures: outcome.failures.length,
  });
  return outcome;
}

/**
 * The releases grouped by the library movie each is for (by TMDb id, else by parsed title), with
 * unparsable, unmatched and skipped (unmonitored or unavailable) ones counted on the outcome.
 */
async function releasesByMovie(db: Database, releases: IndexerRelease[], outcome: RssSyncOutcome) {
  const found = new Map<string, Promise<MovieRow | undefined>>();
  const lookup = (key: string, find: () => Promise<MovieRow | undefined>) => {
    let movie = found.get(key);
    if (!movie) {
      movie = find();
      found.set(key, movie);
    }
    return movie;
  };
  const byMovie = new Map<number, { movie: MovieRow; releases: IndexerRelease[] }>();
  for (const release of releases) {
    release.parsed ??= parseMovieTitle(release.title);
    const parsed = release.parsed;
    if (!parsed) {
      outcome.unparsable++;
      continue;
    }
    const tmdbId = release.tmdbId;
    const movie =
      (tmdbId ? await lookup(`tmdb:${tmdbId}`, () => searchTargetRepository(db).byTmdbId(tmdbId)) : undefined) ??
      (await lookup(`title:${parsed.movieTitles.join("|")}:${parsed.year}:${parsed.tmdbId}:${parsed.imdbId}`, () =>
        findMovieForRelease(db, parsed),
      ));
    if (!movie) {
      outcome.unmatched++;
      continue;
    }
    if (!movie.monitored || !isAvailable(movie)) {
      outcome.skipped++;
      continue;
    }
    const entry = byMovie.get(movie.id) ?? { movie, releases: [] };
    entry.releases.push(release);
    byMovie.set(movie.id, entry);
  }
  return byMovie;
}
