import * as clock from "../clock";
import type { Database } from "../db/client";
import { type MovieColumns, type MoviePageQuery, MovieRepository, type RawMovie } from "../db/repositories/movies";
import type { MovieMetadata } from "../domain/library/movieMetadata";
import type { MovieResource } from "../domain/library/movieResource";
import { isMovieAvailable, type MinimumAvailability, type MovieStatus } from "../domain/library/movieStatus";
import { cleanTitle, movieFolderName, sortTitle } from "../domain/library/titles";
import type { MovieInfo } from "../integrations/tmdb/mapping";

type ResourceScalars = Omit<MovieResource, keyof MovieMetadata>;

const orUndefined = <T>(value: T | null | undefined) => (value === null ? undefined : value);

/** Everything in a library movie's resource except the stored TMDb metadata. */
function resourceScalars(row: MovieColumns, tags: number[], now: number): ResourceScalars {
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
    movieFileId: 0,
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
    folder: row.path.slice(row.rootFolderPath.length).replace(/^[\\/]+/, ""),
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

/** A library movie as Radarr's MovieResource. */
export function movieResource(
  row: MovieColumns & { metadata: MovieMetadata; tags: number[] },
  now = clock.now(),
): MovieResource {
  return { ...row.metadata, ...resourceScalars(row, row.tags, now) };
}

/**
 * The same resource as JSON text, splicing the stored metadata JSON in unparsed: this keeps the
 * whole-library list fast (20k movies) without a second way of shaping a movie.
 */
function movieResourceJson({ columns, metadataJson, tags }: RawMovie, now: number): string {
  const scalars = JSON.stringify(resourceScalars(columns, tags, now));
  return metadataJson.length > 2 ? `${scalars.slice(0, -1)},${metadataJson.slice(1)}` : scalars;
}

/** Raw library rows as one JSON array of MovieResources. */
export function moviesJson(rows: RawMovie[], now: number): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = movieResourceJson(rows[i], now);
  return `[${parts.join(",")}]`;
}

/** One page of raw rows as the JSON of Radarr's paging envelope. */
export function moviePageJson(
  query: MoviePageQuery,
  page: { rows: RawMovie[]; totalRecords: number },
  now: number,
): string {
  const envelope = JSON.stringify({
    page: query.page,
    pageSize: query.pageSize,
    sortKey: query.sortKey,
    sortDirection: query.sortDirection,
    totalRecords: page.totalRecords,
  });
  return `${envelope.slice(0, -1)},"records":${moviesJson(page.rows, now)}}`;
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
  return new Map(found.map((m) => [m.id, movieResource(m, now)]));
}
