import * as clock from "../clock";
import type { Database } from "../db/client";
import { historyRepository } from "../db/repositories/history";
import { type MovieFileChanges, type MovieFileRow, movieFileRepository } from "../db/repositories/movieFiles";
import { MovieRepository, type MovieWithTags } from "../db/repositories/movies";
import { downloadClientRepository } from "../db/repositories/providers";
import type { CustomFormat } from "../domain/customFormats";
import {
  cutoffNotMet,
  type PreparedDecisionContext,
  prepareDecisionContext,
  toComparableQuality,
} from "../domain/decisions";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import { type ExtraFile, extraFilesOf } from "../domain/files/downloadFiles";
import {
  type MediaInfoResource,
  type MovieFileResource,
  mediaInfoFromName,
  movieFileResource,
  qualityCutoffCheck,
} from "../domain/library/movieFileResource";
import { type ParsedMovieInfo, parseMovieTitle } from "../domain/parser";
import { lastPathSegment } from "../domain/parser/fileExtensions";
import { qualityById } from "../domain/quality/qualities";
import type { ServiceContext } from "./context";
import { loadDecisionContext } from "./decisionContext";
import { openDownloadClient } from "./downloadClients";
import { deleteMovieFileThroughClient } from "./movieFileDeletion";

/**
 * Radarr's movie files (`/api/v3/moviefile`): a library movie's one imported file, with the
 * custom formats its name matches under the movie's profile and whether it meets the cutoff.
 */

export interface MovieFileView {
  row: MovieFileRow;
  movie: MovieWithTags;
  /** What the file's name states, with the file's own quality, languages, group and edition. */
  parsed: ParsedMovieInfo | null;
  customFormats: CustomFormat[];
  customFormatScore: number;
  qualityCutoffNotMet: boolean;
  /** Radarr's QualityCutoffNotMet(profile, quality): the quality alone, as the movie's embedded file says. */
  qualityOnlyCutoffNotMet: boolean;
  /** What the release name states about the streams: stored at import and rescan, else worked out now. */
  mediaInfo: MediaInfoResource | null;
}

/** The name a file is judged by: its release name, else its file name. */
const nameOf = (row: MovieFileRow) => row.sceneName || lastPathSegment(row.relativePath);

/** Radarr's ParseCustomFormat(MovieFile): the name parsed, with what is stored on the file taking precedence. */
function fileInfo(row: MovieFileRow): ParsedMovieInfo | null {
  const parsed = parseMovieTitle(nameOf(row));
  if (!parsed) return null;
  const quality = qualityById(row.quality.quality);
  return {
    ...parsed,
    quality: quality ? { ...parsed.quality, quality, revision: row.quality.revision } : parsed.quality,
    languages: row.languages.length ? row.languages : parsed.languages,
    releaseGroup: row.releaseGroup ?? parsed.releaseGroup,
    edition: row.edition ?? parsed.edition,
  };
}

function view(row: MovieFileRow, movie: MovieWithTags, context: PreparedDecisionContext): MovieFileView {
  const parsed = fileInfo(row);
  const customFormats = parsed
    ? context.matcher.match({
        parsed,
        releaseTitle: nameOf(row),
        size: row.size,
        indexerFlags: row.indexerFlags,
        movie: { year: movie.year, originalLanguage: movie.metadata.originalLanguage },
      })
    : [];
  const customFormatScore = context.scoreOf(customFormats);
  return {
    row,
    movie,
    parsed,
    customFormats,
    customFormatScore,
    qualityCutoffNotMet: cutoffNotMet(context, toComparableQuality(row.quality), customFormatScore),
    qualityOnlyCutoffNotMet: qualityCutoffCheck(context.profile)(row.quality.quality),
    mediaInfo: row.mediaInfo ?? mediaInfoFromName(parsed, row.quality.quality, row.languages),
  };
}

/** The media info a file's name states, as import, edits and rescans store it. */
export function nameMediaInfo(row: Pick<MovieFileRow, "sceneName" | "relativePath" | "quality" | "languages">) {
  return mediaInfoFromName(fileInfo(row as MovieFileRow), row.quality.quality, row.languages);
}

/**
 * The movie's file as GET /movie/{id} embeds it: with its custom formats and their score judged
 * now under the movie's profile (one file, one profile: cheap, unlike the whole list).
 */
export async function judgedMovieFile(db: Database, movieId: number): Promise<MovieFileResource | undefined> {
  const row = await movieFileRepository(db).ofMovie(movieId);
  const [file] = row ? await views(db, [row]) : [];
  if (!file) return undefined;
  return movieFileResource(
    { ...file.row, mediaInfo: file.mediaInfo },
    {
      qualityCutoffNotMet: file.qualityOnlyCutoffNotMet,
      customFormats: file.customFormats.map((f) => ({ id: f.id, name: f.name })),
      customFormatScore: file.customFormatScore,
    },
  );
}

/** The files as views, each judged under its movie's profile (one decision context per movie). */
export async function views(db: Database, rows: readonly MovieFileRow[]): Promise<MovieFileView[]> {
  if (!rows.length) return [];
  const movies = await new MovieRepository(db).byIds([...new Set(rows.map((r) => r.movieId))]);
  const contexts = new Map(
    await Promise.all(
      movies.map(async (m) => [m.id, prepareDecisionContext(await loadDecisionContext(db, m))] as const),
    ),
  );
  const byId = new Map(movies.map((m) => [m.id, m]));
  return rows.flatMap((row) => {
    const movie = byId.get(row.movieId);
    const context = contexts.get(row.movieId);
    return movie && context ? [view(row, movie, context)] : [];
  });
}

/** `GET /moviefile?movieId=…` or `?movieFileIds=…` (one of them is required, as in Radarr). */
export async function listMovieFiles(db: Database, query: { movieIds: number[]; movieFileIds: number[] }) {
  if (!query.movieIds.length && !query.movieFileIds.length)
    throw invalidInput("movieId", "movieId or movieFileIds must be provided");
  const files = movieFileRepository(db);
  return views(
    db,
    query.movieIds.length ? await files.ofMovies(query.movieIds) : await files.byIds(query.movieFileIds),
  );
}

export async function getMovieFile(db: Database, id: number): Promise<MovieFileView> {
  const row = await movieFileRepository(db).get(id);
  const [found] = row ? await views(db, [row]) : [];
  if (!found) throw resourceNotFound(`Movie file ${id}`);
  return found;
}

/** Applies each file's changes in one batch and answers the files as they are now. */
export async function editMovieFiles(
  db: Database,
  edits: readonly { id: number; changes: MovieFileChanges }[],
): Promise<MovieFileView[]> {
  const files = movieFileRepository(db);
  const ids = edits.map((e) => e.id);
  const rows = new Map((await files.byIds(ids)).map((r) => [r.id, r]));
  const missing = ids.find((id) => !rows.has(id));
  if (missing !== undefined) throw resourceNotFound(`Movie file ${missing}`);
  const updates = edits.map(({ id, changes }) => {
    const kept = withoutAnyLanguage(changes);
    // What the name states follows an edited scene name, quality or languages.
    const mediaInfo = nameMediaInfo({ ...(rows.get(id) as MovieFileRow), ...kept });
    return files.update(id, { ...kept, mediaInfo });
  });
  await files.batch(updates);
  return views(db, await files.byIds(ids));
}

// Radarr keeps "Any" (-1) and "Original" (-2) off files: they describe wishes, not a file.
function withoutAnyLanguage(changes: MovieFileChanges): MovieFileChanges {
  if (!changes.languages) return changes;
  return { ...changes, languages: changes.languages.filter((l) => l.id !== -1 && l.id !== -2) };
}

/**
 * Deletes files through the download clients holding them (the Worker has no disk): each file's
 * client deletes its download with the data, then the file goes from the library, the movie has
 * no file, and history records `movieFileDeleted`. A file no client can reach is refused (409 with why).
 */
export async function deleteMovieFiles(ctx: ServiceContext, ids: readonly number[]): Promise<void> {
  const files = movieFileRepository(ctx.db);
  const rows = await files.byIds(ids);
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing !== undefined) throw resourceNotFound(`Movie file ${missing}`);
  const movies = await new MovieRepository(ctx.db).byIds([...new Set(rows.map((r) => r.movieId))]);
  for (const row of rows) {
    const movie = movies.find((m) => m.id === row.movieId);
    if (!movie) continue;
    await deleteMovieFileThroughClient(ctx, movie);
    const now = clock.nowIso();
    await files.batch([
      files.remove(row.id, row.movieId),
      files.markMovieWithoutFile(row.movieId, now),
      historyRepository(ctx.db).insert({
        movieId: row.movieId,
        sourceTitle: row.sceneName || row.path,
        toQuality: row.quality,
        toFormatScore: row.customFormatScore,
        customFormatIds: row.customFormatIds,
        languages: row.languages,
        downloadId: row.downloadId,
        eventType: "movieFileDeleted",
        date: now,
        data: { reason: "Manual", path: row.path, size: String(row.size), releaseGroup: row.releaseGroup ?? "" },
      }),
    ]);
    ctx.logger.info("movie file deleted", { movieId: row.movieId, movieFileId: row.id });
  }
}

/**
 * Radarr's extra files at the edge: the files beside the movie in its download, as the client
 * holding it lists them (subtitles, the release's .nfo, the rest); none when no client holds it.
 */
export async function extraFiles(
  ctx: ServiceContext,
  movieId: number,
): Promise<(ExtraFile & { movieFileId: number })[]> {
  const file = await movieFileRepository(ctx.db).ofMovie(movieId);
  if (file?.downloadClientId == null || !file.downloadId) return [];
  const client = await downloadClientRepository(ctx.db).get(file.downloadClientId);
  if (!client) return [];
  const opened = await openDownloadClient(ctx.env, client, ctx.logger);
  const files = await opened.files(file.downloadId);
  return extraFilesOf(files).map((extra) => ({ ...extra, movieFileId: file.id }));
}
