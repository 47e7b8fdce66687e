import type { MovieRow } from "../../db/repositories/movies";
import {
  type DecisionContext,
  evaluateReleases,
  type RankedDecision,
  type Rejection,
  type ReleaseDecision,
  rankReleases,
} from "../../domain/decisions";
import { cleanTitle } from "../../domain/library/titles";
import { parseMovieTitle } from "../../domain/parser";
import type { IndexerRelease } from "../../integrations/indexers";
import type { ServiceContext } from "../context";
import { indexerDecisionSettings, loadDecisionContext } from "../decisionContext";
import { grabRelease, releaseRefusal } from "../grab";
import { releaseGroupBonus } from "../groupAnalysis";
import { type IndexerRun, type IndexerWithStatus, loadIndexers } from "../indexers";
import { delayGate, dropGrabbed, holdRelease } from "../pendingReleases";
import { StreamingAvailabilityLookup } from "../streamingAvailability";

/**
 * Release search: every enabled indexer asked in parallel, every result judged by the decision
 * engine against the movie and ranked (accepted first, best first). Interactive searches are
 * kept in KV for 30 minutes (Radarr's release cache) so one of them can be grabbed by guid.
 */

/** How one indexer's part of a search went. */
export interface IndexerSearchReport {
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

export function report(run: IndexerRun): IndexerSearchReport {
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

/** The decision context for a movie, with indexer settings and the scene-group ranking bonus. */
async function releaseDecisionContext(
  ctx: ServiceContext,
  movie: MovieRow,
  releases: readonly IndexerRelease[],
  indexerList?: readonly IndexerWithStatus[],
): Promise<DecisionContext> {
  const { db } = ctx;
  const [context, bonus, list] = await Promise.all([
    loadDecisionContext(db, movie, await StreamingAvailabilityLookup.open(ctx)),
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
  ctx: ServiceContext,
  movie: MovieRow,
  releases: IndexerRelease[],
  options: { checkMovie?: boolean; indexers?: readonly IndexerWithStatus[] } = {},
): Promise<RankedDecision[]> {
  for (const release of releases) release.parsed ??= parseMovieTitle(release.title);
  const context = await releaseDecisionContext(ctx, movie, releases, options.indexers);
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

/**
 * Grabs the best accepted release among `decisions` (ranked), going down the list while a
 * release is refused as already queued or blocklisted. Unless the user asked for the search, the
 * movie's delay profile holds back releases still within their delay (pending, grabbed by a later
 * RSS sync); after a grab, pending releases no better than it are dropped. Returns the one grabbed, or null.
 */
export async function grabBest(
  ctx: ServiceContext,
  movieId: number,
  decisions: readonly RankedDecision[],
  source: "automatic" | "rss" | "push",
  options: { userInvoked?: boolean } = {},
): Promise<RankedDecision | null> {
  const { db, logger } = ctx;
  const delay = options.userInvoked ? null : await delayGate(ctx, movieId);
  for (const decision of decisions) {
    if (!decision.accepted) continue;
    const release = stripParsed(decision.release as IndexerRelease);
    const refusal = await releaseRefusal(db, movieId, release);
    if (refusal) {
      logger?.info("release refused, trying the next", { movieId, title: release.title, error: refusal.message });
      continue;
    }
    if (delay && delay(decision) > 0) {
      await holdRelease(ctx, movieId, { ...decision, release }, source);
      continue;
    }
    await grabRelease(ctx, { movieId, release, source });
    await dropGrabbed(ctx, movieId, decision);
    return decision;
  }
  return null;
}

export function stripParsed<T extends IndexerRelease>(release: T): T {
  const { parsed: _parsed, ...rest } = release;
  return rest as T;
}
