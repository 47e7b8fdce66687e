import * as clock from "../clock";
import type { Database } from "../db/client";
import type { ChunkMovie } from "../db/repositories/libraryChunks";
import { type MovieColumns, type MoviePageQuery, MovieRepository, type RawMovie } from "../db/repositories/movies";
import type { CutoffProfileRow } from "../db/repositories/qualityProfiles";
import type { MovieFileResource } from "../domain/library/movieFileResource";
import type { MovieMetadata } from "../domain/library/movieMetadata";
import { type MovieResource, metadataJsonWithLocalCovers, withLocalCovers } from "../domain/library/movieResource";
import { isMovieAvailable, type MinimumAvailability, type MovieStatus } from "../domain/library/movieStatus";
import { cleanTitle, movieFolderName, sortTitle } from "../domain/library/titles";
import type { MovieInfo } from "../integrations/tmdb/mapping";
import { type EmbeddedFileJudge, embeddedFiles, fileJudge } from "./embeddedMovieFiles";
import { judgedMovieFile } from "./movieFiles";

type ResourceScalars = Omit<MovieResource, keyof MovieMetadata>;

const orUndefined = <T>(value: T | null | undefined) => (value === null ? undefined : value);

/** The movie's folder below its root folder. */
const folderOf = (row: MovieColumns) => row.path.slice(row.rootFolderPath.length).replace(/^[\\/]+/, "");

/** Everything in a library movie's resource except the stored TMDb metadata; `file` is its file, if any (the shape resourceScalarsJson writes as text). */
export function resourceScalars(
  row: MovieColumns,
  tags: number[],
  now: number,
  file: MovieFileResource | undefined,
): ResourceScalars {
  const status = row.status as MovieStatus;
  const minimumAvailability = row.minimumAvailability as MinimumAvailability;
  const hasFile = Boolean(row.hasFile);
  return {
    id: row.id,
    title: row.title,
    originalTitle: row.originalTitle,
    secondaryYearSourceId: 0,
    sortTitle: row.sortTitle,
    sizeOnDisk: row.sizeOnDisk,
    status,
    inCinemas: orUndefined(row.inCinemas),
    physicalRelease: orUndefined(row.physicalRelease),
    digitalRelease: orUndefined(row.digitalRelease),
    releaseDate: orUndefined(row.digitalRelease ?? row.physicalRelease ?? row.inCinemas),
    year: row.year,
    path: row.path,
    qualityProfileId: row.qualityProfileId,
    hasFile,
    movieFileId: file?.id ?? 0,
    ...(file ? { movieFile: file } : {}),
    monitored: Boolean(row.monitored),
    minimumAvailability,
    isAvailable: isMovieAvailable({ ...row, status, minimumAvailability }, now),
    folderName: row.path,
    runtime: row.runtime,
    cleanTitle: row.cleanTitle,
    imdbId: orUndefined(row.imdbId),
    tmdbId: row.tmdbId,
    titleSlug: String(row.tmdbId),
    rootFolderPath: row.rootFolderPath,
    folder: folderOf(row),
    genres: row.genres,
    tags,
    added: row.added,
    // Radarr's AddMovieOptions always carries its (series-only) episode flags.
    addOptions: row.addOptions
      ? { ignoreEpisodesWithFiles: false, ignoreEpisodesWithoutFiles: false, ...row.addOptions }
      : undefined,
    ...(row.streamingUnmonitoredService ? { streamingUnmonitoredService: row.streamingUnmonitoredService } : {}),
    popularity: row.popularity,
    lastSearchTime: orUndefined(row.lastSearchTime),
    statistics: { movieFileCount: hasFile ? 1 : 0, sizeOnDisk: row.sizeOnDisk, releaseGroups: [] },
  };
}

type LibraryMovie = MovieColumns & { metadata: MovieMetadata; tags: number[] };

/** A library movie's stored metadata with its covers served here (Radarr's `/MediaCover` paths). */
const libraryMetadata = (row: LibraryMovie): MovieMetadata => ({
  ...row.metadata,
  images: withLocalCovers(row.id, row.metadata.images),
});

/**
 * A library movie as Radarr's MovieResource, without its file: for the places that show a movie
 * beside something else (history, parse, manual import), which Radarr also sends without it.
 */
export function movieResource(row: LibraryMovie, now = clock.now()): MovieResource {
  return { ...libraryMetadata(row), ...resourceScalars(row, row.tags, now, undefined) };
}

/**
 * A library movie as GET /movie/{id} answers it: with its file (`movieFile`, `movieFileId`), the
 * file's custom formats and score judged now under the movie's profile.
 */
export async function libraryMovieResource(db: Database, row: LibraryMovie, now = clock.now()): Promise<MovieResource> {
  return { ...libraryMetadata(row), ...resourceScalars(row, row.tags, now, await judgedMovieFile(db, row.id)) };
}

/**
 * libraryMovieResource by id, the movie and its file read side by side (each needs only the id),
 * so the request waits for one read less; undefined when there is no such movie.
 */
export async function libraryMovieResourceById(
  db: Database,
  movies: { get(id: number): Promise<LibraryMovie | undefined> },
  id: number,
  now = clock.now(),
): Promise<MovieResource | undefined> {
  const [row, file] = await Promise.all([movies.get(id), judgedMovieFile(db, id)]);
  return row && { ...libraryMetadata(row), ...resourceScalars(row, row.tags, now, file) };
}

/** Library movies as resources with their files, the files read in one go. */
export async function libraryMovieResources(
  db: Database,
  rows: LibraryMovie[],
  now = clock.now(),
): Promise<MovieResource[]> {
  const files = await embeddedFiles(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...libraryMetadata(row), ...resourceScalars(row, row.tags, now, files(row)) }));
}

const text = JSON.stringify;
/** `,"key":value` where resourceScalars keeps the key (orUndefined leaves a null out). */
const optional = (key: string, value: string | null) => (value === null ? "" : `,"${key}":${text(value)}`);

/**
 * JSON.stringify(resourceScalars(...)) written directly: the same keys in the same order, the
 * same values, without building the object (most of a 20k-movie list's time went there). A field
 * added to resourceScalars is added here too; movieResourceJson.test.ts holds the two equal.
 */
export function resourceScalarsJson(
  row: MovieColumns,
  tags: number[],
  now: number,
  file: MovieFileResource | undefined,
): string {
  return `${openResourceScalarsJson(row, tags, now, file)}}`;
}

/**
 * resourceScalarsJson without its closing brace, for splicing the metadata after it: slicing the
 * brace off instead would copy each movie's text once more.
 */
function openResourceScalarsJson(
  row: MovieColumns,
  tags: number[],
  now: number,
  file: MovieFileResource | undefined,
): string {
  const hasFile = Boolean(row.hasFile);
  const available = isMovieAvailable(row as MovieColumns & AvailabilityFields, now);
  const addOptions = row.addOptions
    ? `,"addOptions":${text({ ignoreEpisodesWithFiles: false, ignoreEpisodesWithoutFiles: false, ...row.addOptions })}`
    : "";
  const streaming = row.streamingUnmonitoredService
    ? `,"streamingUnmonitoredService":${text(row.streamingUnmonitoredService)}`
    : "";
  return `{"id":${text(row.id)},"title":${text(row.title)},"originalTitle":${text(row.originalTitle)},"secondaryYearSourceId":0,"sortTitle":${text(row.sortTitle)},"sizeOnDisk":${text(row.sizeOnDisk)},"status":${text(row.status)}${optional("inCinemas", row.inCinemas)}${optional("physicalRelease", row.physicalRelease)}${optional("digitalRelease", row.digitalRelease)}${optional("releaseDate", row.digitalRelease ?? row.physicalRelease ?? row.inCinemas)},"year":${text(row.year)},"path":${text(row.path)},"qualityProfileId":${text(row.qualityProfileId)},"hasFile":${hasFile},"movieFileId":${text(file?.id ?? 0)}${file ? `,"movieFile":${text(file)}` : ""},"monitored":${Boolean(row.monitored)},"minimumAvailability":${text(row.minimumAvailability)},"isAvailable":${available},"folderName":${text(row.path)},"runtime":${text(row.runtime)},"cleanTitle":${text(row.cleanTitle)}${optional("imdbId", row.imdbId)},"tmdbId":${text(row.tmdbId)},"titleSlug":${text(String(row.tmdbId))},"rootFolderPath":${text(row.rootFolderPath)},"folder":${text(folderOf(row))},"genres":${text(row.genres)},"tags":${text(tags)},"added":${text(row.added)}${addOptions}${streaming},"popularity":${text(row.popularity)}${optional("lastSearchTime", row.lastSearchTime)},"statistics":{"movieFileCount":${hasFile ? 1 : 0},"sizeOnDisk":${text(row.sizeOnDisk)},"releaseGroups":[]}`;
}

type AvailabilityFields = { status: MovieStatus; minimumAvailability: MinimumAvailability };

/**
 * The same resource as JSON text, splicing the stored metadata JSON in unparsed: this keeps the
 * whole-library list fast (20k movies).
 */
function movieResourceJson(
  { columns, metadataJson, tags }: RawMovie,
  now: number,
  file: MovieFileResource | undefined,
) {
  const scalars = openResourceScalarsJson(columns, tags, now, file);
  const metadata = metadataJsonWithLocalCovers(columns.id, metadataJson);
  return metadata.length > 2 ? `${scalars},${metadata.slice(1)}` : `${scalars}}`;
}

/**
 * Raw library rows as one JSON array of MovieResources, each with its file. `whole` says the rows
 * are the whole library: the files are then read whole too, not by id.
 */
export async function moviesJson(db: Database, rows: RawMovie[], now: number, whole = false): Promise<string> {
  const files = await embeddedFiles(db, whole ? undefined : rows.map((r) => r.columns.id));
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = movieResourceJson(rows[i], now, files(rows[i].columns));
  return `[${parts.join(",")}]`;
}

/** A chunk of the streamed whole library (movies read with their files) as JSON resources, comma-separated. */
export function libraryChunkJson(rows: ChunkMovie[], now: number, judge: EmbeddedFileJudge): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const { columns, file } = rows[i];
    parts[i] = movieResourceJson(rows[i], now, file && judge(columns, file));
  }
  return parts.join(",");
}

/**
 * One page of raw rows, read with their files and the profiles that judge them, as the JSON of
 * Radarr's paging envelope (no further read).
 */
export function moviePageJson(
  query: MoviePageQuery,
  page: { rows: ChunkMovie[]; profiles: readonly CutoffProfileRow[]; totalRecords: number },
  now: number,
): string {
  const envelope = JSON.stringify({
    page: query.page,
    pageSize: query.pageSize,
    sortKey: query.sortKey,
    sortDirection: query.sortDirection,
    totalRecords: page.totalRecords,
  });
  return `${envelope.slice(0, -1)},"records":[${libraryChunkJson(page.rows, now, fileJudge(page.profiles))}]}`;
}

/** A lookup result not in the library, with Radarr's defaults for the choices. */
function lookupResource(info: MovieInfo, now: number): MovieResource {
  return {
    ...info.metadata,
    // Radarr's lookup answers id 0 for a movie not in the library.
    id: 0,
    title: info.title,
    originalTitle: info.originalTitle,
    secondaryYearSourceId: 0,
    sortTitle: sortTitle(info.title),
    sizeOnDisk: 0,
    status: info.status,
    inCinemas: orUndefined(info.inCinemas),
    physicalRelease: orUndefined(info.physicalRelease),
    digitalRelease: orUndefined(info.digitalRelease),
    releaseDate: orUndefined(info.digitalRelease ?? info.physicalRelease ?? info.inCinemas),
    year: info.year,
    qualityProfileId: 0,
    hasFile: false,
    movieFileId: 0,
    monitored: false,
    minimumAvailability: "released",
    isAvailable: isMovieAvailable({ ...info, minimumAvailability: "released" }, now),
    folderName: movieFolderName(info.title, info.year),
    folder: movieFolderName(info.title, info.year),
    runtime: info.runtime,
    cleanTitle: cleanTitle(info.title),
    imdbId: orUndefined(info.imdbId),
    tmdbId: info.tmdbId,
    titleSlug: String(info.tmdbId),
    genres: info.genres,
    tags: [],
    added: "0001-01-01T00:00:00Z",
    popularity: info.popularity,
    statistics: { movieFileCount: 0, sizeOnDisk: 0, releaseGroups: [] },
  };
}

/**
 * Lookup results as Radarr answers them: a movie already in the library is the library's movie
 * (its id, monitored, quality profile, hasFile, path, tags) over TMDb's details; the others are
 * TMDb's with the defaults an add starts from.
 */
export async function lookupResources(db: Database, found: MovieInfo[], now = clock.now()): Promise<MovieResource[]> {
  const ids = await new MovieRepository(db).idsByTmdbIds(found.map((m) => m.tmdbId));
  const library = ids.size ? await movieResourcesByIds(db, [...ids.values()], now) : new Map<number, MovieResource>();
  return found.map((info) => {
    const id = ids.get(info.tmdbId);
    const own = id === undefined ? undefined : library.get(id);
    return own ? { ...lookupResource(info, now), ...own } : lookupResource(info, now);
  });
}

/** The library movies with these ids as resources, by id (ids not in the library are absent). */
export async function movieResourcesByIds(
  db: Database,
  ids: number[],
  now = clock.now(),
): Promise<Map<number, MovieResource>> {
  const found = await new MovieRepository(db).byIds([...new Set(ids)]);
  return new Map((await libraryMovieResources(db, found, now)).map((m) => [m.id as number, m]));
}
