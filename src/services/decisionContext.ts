import * as clock from "../clock";
import type { Database } from "../db/client";
import { blocklistRepository } from "../db/repositories/blocklist";
import { customFormatRepository } from "../db/repositories/customFormats";
import { downloadRepository } from "../db/repositories/downloads";
import { movieFileRepository } from "../db/repositories/movieFiles";
import { MovieRepository, type MovieRow } from "../db/repositories/movies";
import { qualityDefinitionRepository } from "../db/repositories/qualityDefinitions";
import { type QualityProfileRow, qualityProfileRepository } from "../db/repositories/qualityProfiles";
import type {
  BlocklistEntry,
  DecisionContext,
  ExistingMovieFile,
  IndexerDecisionSettings,
  QueuedRelease,
} from "../domain/decisions";
import { cleanTitle } from "../domain/library/titles";
import type { ParsedMovieInfo } from "../domain/parser";
import { delayProfileForMovie } from "./delayProfiles";
import { loadIndexers } from "./indexers";
import { releaseProfilesForMovie } from "./releaseProfiles";
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
  const [profile, definitions, formats, indexer, blocked, queue, movieFile, service, delay, restrictions] =
    await Promise.all([
      // The movie's profile exists: movies.quality_profile_id references it.
      qualityProfileRepository(db).get(movie.qualityProfileId) as Promise<QualityProfileRow>,
      qualityDefinitionRepository(db).all(),
      customFormatRepository(db).all(),
      readSettings(db, "indexer"),
      loadBlocklistEntries(db, movie.id),
      loadQueuedReleases(db, movie.id),
      loadMovieFile(db, movie.id),
      // TMDb unreachable: judge as if nothing streams rather than fail the decision.
      streaming?.active ? streaming.serviceFor(movie.tmdbId).catch(() => null) : null,
      delayProfileForMovie(db, movie.id),
      releaseProfilesForMovie(db, movie.id),
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
    ...(delay ? { delayProfile: delay } : {}),
    releaseProfiles: restrictions,
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

/** Per-indexer decision settings (minimum seeders, required flags, MULTI languages) from the indexers' settings. */
export function indexerDecisionSettings(
  list: readonly { id: number; settings: unknown }[],
): Record<number, IndexerDecisionSettings> {
  const out: Record<number, IndexerDecisionSettings> = {};
  for (const indexer of list) {
    const s = indexer.settings as { minimumSeeders?: number; requiredFlags?: number[]; multiLanguages?: number[] };
    out[indexer.id] = {
      ...(typeof s.minimumSeeders === "number" ? { minimumSeeders: s.minimumSeeders } : {}),
      ...(Array.isArray(s.requiredFlags) && s.requiredFlags.length ? { requiredFlags: s.requiredFlags } : {}),
      ...(Array.isArray(s.multiLanguages) && s.multiLanguages.length ? { multiLanguages: s.multiLanguages } : {}),
    };
  }
  return out;
}

/**
 * The decision context with every indexer's own settings (MULTI languages, minimum seeders,
 * required flags): a grab (interactive, pushed, pending) judges its release as the search did.
 */
export async function withIndexerSettings(db: Database, context: DecisionContext): Promise<DecisionContext> {
  const indexers = indexerDecisionSettings(await loadIndexers(db));
  return { ...context, settings: { ...context.settings, indexers } };
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
const QUEUED_STATES = ["grabPending", "downloading", "importPending", "importing", "failedPending"] as const;

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
  return downloadRepository(db).queuedReleasesForMovie(movieId, QUEUED_STATES);
}

/** The movie's file, so upgrades are judged against it. */
async function loadMovieFile(db: Database, movieId: number): Promise<ExistingMovieFile | null> {
  const file = await movieFileRepository(db).ofMovie(movieId);
  if (!file) return null;
  return {
    quality: file.quality,
    customFormatScore: file.customFormatScore,
    ...(file.sceneName ? { sceneName: file.sceneName } : {}),
    ...(file.releaseGroup ? { releaseGroup: file.releaseGroup } : {}),
  };
}
