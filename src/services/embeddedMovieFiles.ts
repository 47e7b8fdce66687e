import type { Database } from "../db/client";
import { embeddedMovieFiles } from "../db/repositories/movieFiles";
import { type CutoffProfileRow, qualityProfileRepository } from "../db/repositories/qualityProfiles";
import {
  type MovieFileFields,
  type MovieFileResource,
  movieFileResource,
  qualityCutoffCheck,
} from "../domain/library/movieFileResource";

/** The file a movie resource embeds (`movieFile`), found by the movie. */
export type EmbeddedFiles = (movie: { id: number; qualityProfileId: number }) => MovieFileResource | undefined;

const NONE: EmbeddedFiles = () => undefined;

/**
 * The files the movie resources embed, for the whole library (no ids) or these movies: the rows in
 * one read and the quality profiles in another, never a read per movie. Like Radarr's movie list,
 * the embedded copy is judged by quality alone (qualityCutoffNotMet) and carries no custom formats:
 * matching every file's name against every custom format on each list would cost most of the list
 * (a 20k library), and stored matches go stale when a format or a profile changes. Single-movie
 * reads add them (`judgedMovieFile`).
 */
export async function embeddedFiles(db: Database, movieIds?: readonly number[]): Promise<EmbeddedFiles> {
  if (movieIds && movieIds.length === 0) return NONE;
  const [rows, judge] = await Promise.all([embeddedMovieFiles(db, movieIds), embeddedFileJudge(db)]);
  if (rows.length === 0) return NONE;
  const byMovie = new Map(rows.map((r) => [r.movieId, r]));
  return (movie) => {
    const file = byMovie.get(movie.id);
    return file ? judge(movie, file) : undefined;
  };
}

/** Makes a movie's file, already read, into the resource its movie embeds. */
export type EmbeddedFileJudge = (movie: { qualityProfileId: number }, file: MovieFileFields) => MovieFileResource;

/**
 * Judges files read beside their movies (the streamed whole-library list reads each chunk's files
 * with its movies) under the quality profiles, read once here.
 */
export async function embeddedFileJudge(db: Database): Promise<EmbeddedFileJudge> {
  return fileJudge(await qualityProfileRepository(db).list());
}

/** Judges files read beside their movies under these quality profiles (read beside them too: a page's batch). */
export function fileJudge(profiles: readonly CutoffProfileRow[]): EmbeddedFileJudge {
  const cutoffChecks = new Map(profiles.map((p) => [p.id, qualityCutoffCheck(p)]));
  return (movie, file) => {
    const notMet = cutoffChecks.get(movie.qualityProfileId);
    return movieFileResource(file, { qualityCutoffNotMet: notMet ? notMet(file.quality.quality) : false });
  };
}
