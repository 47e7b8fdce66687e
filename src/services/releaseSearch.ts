import { and, asc, eq } from "drizzle-orm";
import { ApiError, notFound } from "../api/middleware/errors";
import * as clock from "../clock";
import type { Env } from "../config";
import type { Database } from "../db/client";
import type { MovieRow } from "../db/movies";
import { movieFiles, movies } from "../db/schema";
import {
  cutoffNotMet,
  type DecisionContext,
  evaluateReleases,
  type IndexerDecisionSettings,
  prepareDecisionContext,
  type RankedDecision,
  type Rejection,
  type ReleaseDecision,
  rankReleases,
  toComparableQuality,
} from "../domain/decisions";
import { isMovieAvailable, type MinimumAvailability, type MovieStatus } from "../domain/library/movieStatus";
import { cleanTitle } from "../domain/library/titles";
import { parseMovieTitle } from "../domain/parser";
import type { IndexerRelease, MovieSearchCriteria } from "../integrations/indexers";
import type { Logger } from "../observability/logger";
import { findMovieForRelease, loadDecisionContext } from "./decisionContext";
import { grabRelease } from "./grab";
import { recordHdbitsObservations, releaseGroupBonus } from "./groupAnalysis";
import {
  type IndexerRun,
  type IndexerWithStatus,
  indexerSecrets,
  loadIndexers,
  runIndexer,
  sealUrl,
  unsealUrl,
} from "./indexers";
import { detachedWork, StreamingAvailabilityLookup } from "./streamingAvailability";

/**
 * Release search: every enabled indexer asked in parallel, every result judged by the decision
 * engine against the movie and ranked (accepted first, best first). Interactive searches are
 * kept in KV for 30 minutes (Radarr's release cache) so one of them can be grabbed by guid.
 */

/** How long an interactive search's releases can be grabbed by guid. */
const RELEASE_CACHE_TTL_SECONDS = 30 * 60;
const RECENT_SEARCHES_KEY = "releases:recent";
const RECENT_SEARCHES_KEPT = 20;
const releaseCacheKey = (movieId: number) => `releases:movie:${movieId}`;

/** How one indexer's part of a search went. */
interface IndexerSearchReport {
  indexerId: number;
  indexer: string;
  status: "ok" | "failed" | "skipped";
  releases: number;
  requests: number;
  searchedBy?: string;
  error?: string;
  kind?: string;
  ms?: number;
}

export interface MovieSearch {
  movie: MovieRow;
  decisions: RankedDecision[];
  indexers: IndexerSearchReport[];
}

function report(run: IndexerRun): IndexerSearchReport {
  const base = { indexerId: run.indexer.id, indexer: run.indexer.name };
  if (run.ok)
    return {
      ...base,
      status: "ok",
      releases: run.result.releases.length,
      requests: run.result.requests,
      searchedBy: run.result.searchedBy,
      ms: run.ms,
    };
  if (run.skipped) return { ...base, status: "skipped", releases: 0, requests: 0, error: run.reason };
  return {
    ...base,
    status: "failed",
    releases: 0,
    requests: 0,
    error: run.failure.message,
    kind: run.failure.kind,
    ms: run.ms,
  };
}

async function getMovie(db: Database, movieId: number): Promise<MovieRow> {
  const [movie] = await db.select().from(movies).where(eq(movies.id, movieId));
  if (!movie) throw notFound(`Movie ${movieId}`);
  return movie;
}

/** Per-indexer decision settings (minimum seeders, required flags) from the indexers' settings. */
function indexerDecisionSettings(list: readonly IndexerWithStatus[]): Record<number, IndexerDecisionSettings> {
  const out: Record<number, IndexerDecisionSettings> = {};
  for (const indexer of list) {
    const s = indexer.settings as { minimumSeeders?: number; requiredFlags?: number[] };
    out[indexer.id] = {
      ...(typeof s.minimumSeeders === "number" ? { minimumSeeders: s.minimumSeeders } : {}),
      ...(Array.isArray(s.requiredFlags) && s.requiredFlags.length ? { requiredFlags: s.requiredFlags } : {}),
    };
  }
  return out;
}

/** The decision context for a movie, with indexer settings and the scene-group ranking bonus. */
async function releaseDecisionContext(
  env: Env,
  db: Database,
  logger: Logger | undefined,
  movie: MovieRow,
  releases: readonly IndexerRelease[],
  indexerList?: readonly IndexerWithStatus[],
): Promise<DecisionContext> {
  const [context, bonus, list] = await Promise.all([
    loadDecisionContext(db, movie, await StreamingAvailabilityLookup.open(env, db, detachedWork, logger)),
    releaseGroupBonus(db, releases),
    indexerList ?? loadIndexers(db),
  ]);
  return {
    ...context,
    settings: { ...context.settings, indexers: indexerDecisionSettings(list) },
    ...(bonus ? { releaseGroupBonus: bonus } : {}),
  };
}

const WRONG_MOVIE: Omit<Rejection, "message"> = {
  specification: "movieMatch",
  reason: "wrongMovie",
  type: "permanent",
};

/**
 * Radarr maps each search result back to a movie and rejects results for another one: a result
 * is for this movie when the indexer tagged it with the movie's TMDb/IMDb id, or its parsed title
 * is one of the movie's titles and its year (when it has one) is within a year of the movie's.
 */
function wrongMovieRejection(movie: MovieRow, release: IndexerRelease, decision: ReleaseDecision): Rejection | null {
  if (!decision.parsed) return null;
  if (release.tmdbId === movie.tmdbId || (release.imdbId && release.imdbId === movie.imdbId)) return null;
  if (decision.parsed.tmdbId === movie.tmdbId || (movie.imdbId && decision.parsed.imdbId === movie.imdbId)) return null;
  const titles = new Set(
    [movie.title, movie.originalTitle, ...movie.metadata.alternateTitles.map((t) => t.title)].map(cleanTitle),
  );
  const titleMatches = decision.parsed.movieTitles.some((t) => titles.has(cleanTitle(t)));
  const year = decision.parsed.year;
  const yearMatches = !year || !movie.year || Math.abs(year - movie.year) <= 1;
  if (titleMatches && yearMatches) return null;
  const what = `${decision.parsed.primaryMovieTitle}${year ? ` (${year})` : ""}`;
  return { ...WRONG_MOVIE, message: `Release is for ${what}, not ${movie.title} (${movie.year})` };
}

/** Judges releases for one movie: decisions for all of them, accepted first and best first. */
export async function decideReleases(
  env: Env,
  db: Database,
  logger: Logger | undefined,
  movie: MovieRow,
  releases: IndexerRelease[],
  options: { checkMovie?: boolean; indexers?: readonly IndexerWithStatus[] } = {},
): Promise<RankedDecision[]> {
  for (const release of releases) release.parsed ??= parseMovieTitle(release.title);
  const context = await releaseDecisionContext(env, db, logger, movie, releases, options.indexers);
  const decisions = evaluateReleases(releases, context);
  if (options.checkMovie) {
    decisions.forEach((decision, i) => {
      const rejection = wrongMovieRejection(movie, releases[i], decision);
      if (rejection) {
        decision.rejections.push(rejection);
        decision.accepted = false;
      }
    });
  }
  return rankReleases(decisions, context, { includeRejected: true });
}

function criteriaOf(movie: MovieRow): MovieSearchCriteria {
  return { title: movie.title, year: movie.year, tmdbId: movie.tmdbId, imdbId: movie.imdbId ?? null };
}

/** Searches every enabled indexer for a movie and judges every result (with per-indexer reports). */
export async function searchMovie(
  env: Env,
  db: Database,
  logger: Logger | undefined,
  movieId: number,
  { interactive }: { interactive: boolean },
): Promise<MovieSearch> {
  const movie = await getMovie(db, movieId);
  const all = await loadIndexers(db);
  const enabled = all.filter((i) => (interactive ? i.enableInteractiveSearch : i.enableAutomaticSearch));
  const criteria = criteriaOf(movie);
  const runs = await Promise.all(
    enabled.map((indexer) => runIndexer(env, db, logger, indexer, (client) => client.search(criteria))),
  );
  const releases = runs.flatMap((run) => (run.ok ? run.result.releases : []));
  await recordHdbitsObservations(env, releases, movie.runtime).catch((error) =>
    logger?.warn("could not record HDBits observations", { error: (error as Error).message }),
  );
  const decisions = await decideReleases(env, db, logger, movie, releases, { checkMovie: true, indexers: all });
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
  env: Env,
  db: Database,
  logger: Logger | undefined,
  movieId: number,
  options: { interactive: boolean },
): Promise<RankedDecision[]> {
  return (await searchMovie(env, db, logger, movieId, options)).decisions;
}

/** Whether a grab refusal is about this release (try the next one) rather than about grabbing at all. */
function isReleaseRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && !/download client/i.test(error.message);
}

/**
 * Grabs the best accepted release among `decisions` (ranked), going down the list while a
 * release is refused as already queued or blocklisted. Returns the one grabbed, or null.
 */
async function grabBest(
  env: Env,
  db: Database,
  logger: Logger | undefined,
  movieId: number,
  decisions: readonly RankedDecision[],
  source: "automatic" | "rss",
): Promise<RankedDecision | null> {
  for (const decision of decisions) {
    if (!decision.accepted) continue;
    const release = decision.release as IndexerRelease;
    try {
      await grabRelease(env, db, logger, { movieId, release: stripParsed(release), source });
      return decision;
    } catch (error) {
      if (!isReleaseRefusal(error)) throw error;
      logger?.info("release refused, trying the next", {
        movieId,
        title: release.title,
        error: (error as Error).message,
      });
    }
  }
  return null;
}

/** Automatic search for one movie, then a grab of the best accepted release (Radarr's MoviesSearch). */
export async function searchAndGrab(
  env: Env,
  db: Database,
  logger: Logger | undefined,
  movieId: number,
): Promise<{ grabbed: RankedDecision | null; decisions: RankedDecision[] }> {
  const decisions = await searchMovieReleases(env, db, logger, movieId, { interactive: false });
  const grabbed = await grabBest(env, db, logger, movieId, decisions, "automatic");
  return { grabbed, decisions };
}

function stripParsed<T extends IndexerRelease>(release: T): T {
  const { parsed: _parsed, ...rest } = release;
  return rest as T;
}

interface CachedSearch {
  movieId: number;
  searchedAt: string;
  releases: IndexerRelease[];
}

/**
 * Seals the indexers' secrets out of the releases' download URLs (in place: the decisions shown
 * hold the same objects) and keeps the releases for 30 minutes.
 */
async function sealAndCache(
  env: Env,
  movieId: number,
  releases: IndexerRelease[],
  indexerList: readonly IndexerWithStatus[],
) {
  const secrets = new Map<number, Record<string, string>>();
  for (const indexer of indexerList) secrets.set(indexer.id, await indexerSecrets(env, indexer));
  for (const release of releases) {
    const sealed = sealUrl(release.downloadUrl, secrets.get(release.indexerId) ?? {});
    if (sealed) release.downloadUrl = sealed;
  }
  const value: CachedSearch = { movieId, searchedAt: clock.nowIso(), releases: releases.map(stripParsed) };
  const recent = ((await env.CACHE.get<number[]>(RECENT_SEARCHES_KEY, "json")) ?? []).filter((id) => id !== movieId);
  await Promise.all([
    env.CACHE.put(releaseCacheKey(movieId), JSON.stringify(value), { expirationTtl: RELEASE_CACHE_TTL_SECONDS }),
    env.CACHE.put(RECENT_SEARCHES_KEY, JSON.stringify([movieId, ...recent].slice(0, RECENT_SEARCHES_KEPT)), {
      expirationTtl: RELEASE_CACHE_TTL_SECONDS,
    }),
  ]);
}

/**
 * A release from a recent interactive search, by indexer and guid (and the movie, when known),
 * with its download URL still sealed.
 */
export async function findCachedRelease(
  env: Env,
  guid: string,
  indexerId: number,
  movieId?: number,
): Promise<{ movieId: number; release: IndexerRelease } | null> {
  const movieIds =
    movieId !== undefined ? [movieId] : ((await env.CACHE.get<number[]>(RECENT_SEARCHES_KEY, "json")) ?? []);
  for (const id of movieIds) {
    const cached = await env.CACHE.get<CachedSearch>(releaseCacheKey(id), "json");
    const release = cached?.releases.find((r) => r.guid === guid && r.indexerId === indexerId);
    if (release) return { movieId: id, release };
  }
  return null;
}

/** Grabs a cached release for its movie (the interactive search's grab button). */
export async function grabCachedRelease(
  env: Env,
  db: Database,
  logger: Logger | undefined,
  movieId: number,
  release: IndexerRelease,
) {
  const indexer = (await loadIndexers(db)).find((i) => i.id === release.indexerId);
  const secrets = indexer ? await indexerSecrets(env, indexer) : {};
  const unsealed = { ...stripParsed(release), downloadUrl: unsealUrl(release.downloadUrl, secrets) };
  return grabRelease(env, db, logger, { movieId, release: unsealed, source: "interactive" });
}

const isAvailable = (movie: MovieRow) =>
  isMovieAvailable(
    {
      inCinemas: movie.inCinemas,
      digitalRelease: movie.digitalRelease,
      physicalRelease: movie.physicalRelease,
      status: movie.status as MovieStatus,
      minimumAvailability: movie.minimumAvailability as MinimumAvailability,
    },
    clock.now(),
  );

/** Monitored movies without a file that have reached their minimum availability (Radarr's "Missing"). */
export async function missingMovieIds(db: Database): Promise<number[]> {
  const rows = await db
    .select()
    .from(movies)
    .where(and(eq(movies.monitored, true), eq(movies.hasFile, false)))
    .orderBy(asc(movies.sortTitle));
  return rows.filter(isAvailable).map((m) => m.id);
}

/** Monitored movies whose file has not reached the profile's quality or format-score cutoff. */
export async function cutoffUnmetMovieIds(db: Database): Promise<number[]> {
  const rows = await db
    .select({ movie: movies, quality: movieFiles.quality, score: movieFiles.customFormatScore })
    .from(movies)
    .innerJoin(movieFiles, eq(movieFiles.movieId, movies.id))
    .where(eq(movies.monitored, true))
    .orderBy(asc(movies.sortTitle));
  const byProfile = new Map<number, typeof rows>();
  for (const row of rows)
    byProfile.set(row.movie.qualityProfileId, [...(byProfile.get(row.movie.qualityProfileId) ?? []), row]);
  const ids: number[] = [];
  for (const group of byProfile.values()) {
    // The cutoff depends on the profile and settings only: one context per profile.
    const context = prepareDecisionContext(await loadDecisionContext(db, group[0].movie));
    for (const row of group) {
      if (cutoffNotMet(context, toComparableQuality(row.quality), row.score)) ids.push(row.movie.id);
    }
  }
  return ids;
}

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
}

/**
 * RSS sync: the newest releases of every RSS-enabled indexer, each matched to a library movie,
 * judged for it, and the best accepted release of each monitored, available movie grabbed.
 */
export async function rssSync(env: Env, db: Database, logger: Logger | undefined): Promise<RssSyncOutcome> {
  const all = await loadIndexers(db);
  const runs = await Promise.all(
    all.filter((i) => i.enableRss).map((indexer) => runIndexer(env, db, logger, indexer, (client) => client.rss())),
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
    const movie =
      (release.tmdbId
        ? await lookup(
            `tmdb:${release.tmdbId}`,
            async () =>
              (
                await db
                  .select()
                  .from(movies)
                  .where(eq(movies.tmdbId, release.tmdbId as number))
              )[0],
          )
        : undefined) ??
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
  outcome.movies = byMovie.size;
  for (const { movie, releases: candidates } of byMovie.values()) {
    try {
      const decisions = await decideReleases(env, db, logger, movie, candidates, { indexers: all });
      const grabbed = await grabBest(env, db, logger, movie.id, decisions, "rss");
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
  logger?.info("rss sync", {
    releases: outcome.releases,
    movies: outcome.movies,
    grabbed: outcome.grabbed.length,
    failures: outcome.failures.length,
  });
  return outcome;
}
