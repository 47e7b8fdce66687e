import { and, eq, inArray } from "drizzle-orm";
import * as clock from "../clock";
import type { Database } from "../db/client";
import { blocklistRepository } from "../db/repositories/blocklist";
import { MovieRepository, type MovieRow } from "../db/repositories/movies";
import { customFormats, downloads, movieFiles, qualityDefinitions, qualityProfiles } from "../db/schema";
import type { BlocklistEntry, DecisionContext, ExistingMovieFile, QueuedRelease } from "../domain/decisions";
import { cleanTitle } from "../domain/library/titles";
import type { ParsedMovieInfo } from "../domain/parser";
import { readSettings } from "./settings";
import type { StreamingAvailabilityLookup } from "./streamingAvailability";

/**
 * Everything the decision engine needs to judge releases for one library movie. With `streaming`
 * (and a subscribed service), the movie's watch providers are looked up first so the synchronous
 * streaming hook can name the service; without subscriptions nothing is fetched.
 */
export async function loadDecisionContext(
  db: Database,
  movie: MovieRow,
  streaming?: StreamingAvailabilityLookup,
): Promise<DecisionContext> {
  const [[profile], definitions, formats, indexer, blocked, queue, movieFile, service] = await Promise.all([
    db.select().from(qualityProfiles).where(eq(qualityProfiles.id, movie.qualityProfileId)),
    db.select().from(qualityDefinitions),
    db.select().from(customFormats),
    readSettings(db, "indexer"),
    loadBlocklistEntries(db, movie.id),
    loadQueuedReleases(db, movie.id),
    loadMovieFile(db, movie.id),
    // TMDb unreachable: judge as if nothing streams rather than fail the decision.
    streaming?.active ? streaming.serviceFor(movie.tmdbId).catch(() => null) : null,
  ]);
  return {
    ...(streaming?.active ? { streamingAvailability: () => (service ? { service } : null) } : {}),
    movie: {
      id: movie.id,
      title: movie.title,
      tmdbId: movie.tmdbId,
      year: movie.year,
      runtime: movie.runtime,
      originalLanguage: movie.metadata.originalLanguage,
      movieFile,
    },
    blocklist: blocked,
    queue,
    now: clock.now(),
    profile,
    qualityDefinitions: definitions.map((d) => ({
      quality: { id: d.qualityId },
      minSize: d.minSize,
      maxSize: d.maxSize,
      preferredSize: d.preferredSize,
    })),
    customFormats: formats,
    settings: {
      minimumAgeMinutes: indexer.minimumAge,
      retentionDays: indexer.retention,
      maximumSizeMb: indexer.maximumSize,
      preferredProtocol: indexer.preferredProtocol,
      downloadPropersAndRepacks: indexer.downloadPropersAndRepacks,
      preferIndexerFlags: indexer.preferIndexerFlags,
    },
  };
}

/**
 * The library movie a release name is for (Radarr's ParsingService.GetMovie): by TMDb or IMDb id
 * in the name, else by clean title — the year deciding between remakes, off by at most one year.
 */
export async function findMovieForRelease(db: Database, parsed: ParsedMovieInfo): Promise<MovieRow | undefined> {
  const repo = new MovieRepository(db);
  if (parsed.tmdbId || parsed.imdbId) {
    const found = await repo.byEitherId(parsed.tmdbId || undefined, parsed.imdbId || undefined);
    if (found) return found;
  }
  const titles = [...new Set(parsed.movieTitles.map(cleanTitle).filter(Boolean))];
  if (titles.length === 0) return undefined;
  const candidates = await repo.byCleanTitles(titles);
  if (parsed.year > 0) {
    return (
      candidates.find((m) => m.year === parsed.year) ?? candidates.find((m) => Math.abs(m.year - parsed.year) === 1)
    );
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

// Queue items still on their way (see ACTIVE_DOWNLOAD_STATES in grab.ts); failed ones stay visible
// as failedPending so the engine skips them as Radarr does.
const QUEUED_STATES = ["grabPending", "downloading", "importPending", "importing", "failedPending"];

/** The movie's blocklist entries still in force (no expiry, or expiring later). */
export async function loadBlocklistEntries(
  db: Database,
  movieId: number,
  now = clock.nowDate(),
): Promise<BlocklistEntry[]> {
  const rows = await blocklistRepository(db).activeForMovie(movieId, now.toISOString());
  return rows.map((r) => ({
    title: r.title,
    protocol: r.protocol,
    ...(r.indexer ? { indexer: r.indexer } : {}),
    ...(r.infoHash ? { infoHash: r.infoHash } : {}),
  }));
}

/** What is queued for the movie and not finished, as the decision engine compares releases against. */
async function loadQueuedReleases(db: Database, movieId: number): Promise<QueuedRelease[]> {
  const rows = await db
    .select({
      title: downloads.title,
      quality: downloads.quality,
      customFormatScore: downloads.customFormatScore,
      size: downloads.size,
      trackedDownloadState: downloads.trackedDownloadState,
    })
    .from(downloads)
    .where(and(eq(downloads.movieId, movieId), inArray(downloads.trackedDownloadState, QUEUED_STATES)));
  return rows;
}

/** The movie's file, so upgrades are judged against it. */
async function loadMovieFile(db: Database, movieId: number): Promise<ExistingMovieFile | null> {
  const [file] = await db
    .select({
      quality: movieFiles.quality,
      customFormatScore: movieFiles.customFormatScore,
      sceneName: movieFiles.sceneName,
      releaseGroup: movieFiles.releaseGroup,
    })
    .from(movieFiles)
    .where(eq(movieFiles.movieId, movieId));
  if (!file) return null;
  return {
    quality: file.quality,
    customFormatScore: file.customFormatScore,
    ...(file.sceneName ? { sceneName: file.sceneName } : {}),
    ...(file.releaseGroup ? { releaseGroup: file.releaseGroup } : {}),
  };
}
