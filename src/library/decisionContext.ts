import { eq, inArray, or } from "drizzle-orm";
import type { Database } from "../db/client";
import type { MovieRow } from "../db/movies";
import { customFormats, movies, qualityDefinitions, qualityProfiles } from "../db/schema";
import type { DecisionContext } from "../domain/decisions";
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
  const [[profile], definitions, formats, indexer, service] = await Promise.all([
    db.select().from(qualityProfiles).where(eq(qualityProfiles.id, movie.qualityProfileId)),
    db.select().from(qualityDefinitions),
    db.select().from(customFormats),
    readSettings(db, "indexer"),
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
      movieFile: null,
    },
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
  if (parsed.tmdbId || parsed.imdbId) {
    const byId = or(
      parsed.tmdbId ? eq(movies.tmdbId, parsed.tmdbId) : undefined,
      parsed.imdbId ? eq(movies.imdbId, parsed.imdbId) : undefined,
    );
    const [found] = await db.select().from(movies).where(byId).limit(1);
    if (found) return found;
  }
  const titles = [...new Set(parsed.movieTitles.map(cleanTitle).filter(Boolean))];
  if (titles.length === 0) return undefined;
  const candidates = await db.select().from(movies).where(inArray(movies.cleanTitle, titles));
  if (parsed.year > 0) {
    return (
      candidates.find((m) => m.year === parsed.year) ?? candidates.find((m) => Math.abs(m.year - parsed.year) === 1)
    );
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}
