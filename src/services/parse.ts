import type { Database } from "../db/client";
import { customFormatRepository } from "../db/repositories/customFormats";
import { MovieRepository, type MovieWithTags } from "../db/repositories/movies";
import { qualityProfileRepository } from "../db/repositories/qualityProfiles";
import { customFormatScore, matchCustomFormats } from "../domain/customFormats";
import { evaluateReleases, type ReleaseDecision } from "../domain/decisions";
import { resourceNotFound } from "../domain/failures/failure";
import { type ParsedMovieInfo, parseMovieTitle } from "../domain/parser";
import type { ServiceContext } from "./context";
import { findMovieForRelease, loadDecisionContext } from "./decisionContext";
import { StreamingAvailabilityLookup } from "./streamingAvailability";

export interface ParseQuery {
  title: string;
  movieId?: number;
  size?: number;
  protocol: "torrent" | "usenet";
  seeders?: number;
  indexerFlags: number;
  ageMinutes?: number;
}

export interface ParseResult {
  parsed: ParsedMovieInfo | null;
  movie?: MovieWithTags;
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  decision?: Pick<ReleaseDecision, "accepted" | "rejections">;
}

/** The library movie a parse is about: the one asked for, else the one the release names. */
async function movieFor(db: Database, query: ParseQuery, parsed: ParsedMovieInfo | null) {
  const repo = new MovieRepository(db);
  let movie = query.movieId !== undefined ? await repo.get(query.movieId) : undefined;
  if (query.movieId !== undefined && !movie) throw resourceNotFound(`Movie ${query.movieId}`);
  if (!movie && parsed) {
    const found = await findMovieForRelease(db, parsed);
    movie = found ? await repo.get(found.id) : undefined;
  }
  return movie;
}

/** What a release name says, which library movie it is for, its custom formats and the decision. */
export async function parseRelease(ctx: ServiceContext, query: ParseQuery): Promise<ParseResult> {
  const { db } = ctx;
  const parsed = parseMovieTitle(query.title);
  const movie = await movieFor(db, query, parsed);
  if (!parsed) return { parsed: null, customFormats: [], customFormatScore: 0 };
  const matched = matchCustomFormats(await customFormatRepository(db).all(), {
    parsed,
    releaseTitle: query.title,
    size: query.size,
    indexerFlags: query.indexerFlags,
    movie: movie ? { year: movie.year, originalLanguage: movie.metadata.originalLanguage } : undefined,
  });
  if (!movie) return { parsed, customFormats: matched, customFormatScore: 0 };
  const profile = await qualityProfileRepository(db).get(movie.qualityProfileId);
  const score = customFormatScore(profile?.formatItems ?? [], matched);
  const ageMinutes = query.ageMinutes;
  const [judged] = evaluateReleases(
    [
      {
        title: query.title,
        size: query.size ?? 0,
        indexer: "manual",
        indexerId: 0,
        protocol: query.protocol,
        seeders: query.seeders ?? null,
        indexerFlags: query.indexerFlags,
        parsed,
        ...(ageMinutes !== undefined
          ? { age: Math.floor(ageMinutes / 1440), ageHours: ageMinutes / 60, ageMinutes }
          : {}),
      },
    ],
    await loadDecisionContext(db, movie, await StreamingAvailabilityLookup.open(ctx)),
  );
  return {
    parsed,
    movie,
    customFormats: matched,
    customFormatScore: score,
    decision: { accepted: judged.accepted, rejections: judged.rejections },
  };
}
