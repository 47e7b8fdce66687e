import type { MovieResource } from "../api/schemas/movie";
import type { MovieWithTags } from "../db/movies";
import type { MovieMetadata } from "../db/schema";
import { isMovieAvailable, type MinimumAvailability, type MovieStatus } from "../domain/library/movieStatus";
import { cleanTitle, movieFolderName, sortTitle } from "../domain/library/titles";
import type { MovieInfo } from "../integrations/tmdb/mapping";

const orUndefined = <T>(value: T | null | undefined) => (value === null ? undefined : value);

function metadataFields(metadata: MovieMetadata) {
  const poster = metadata.images.find((i) => i.coverType === "poster");
  return {
    originalLanguage: metadata.originalLanguage,
    alternateTitles: metadata.alternateTitles,
    overview: metadata.overview,
    images: metadata.images.map((i) => ({ coverType: i.coverType, url: i.remoteUrl, remoteUrl: i.remoteUrl })),
    remotePoster: poster?.remoteUrl,
    website: metadata.website,
    youTubeTrailerId: metadata.youTubeTrailerId,
    studio: metadata.studio,
    certification: metadata.certification || undefined,
    keywords: metadata.keywords,
    ratings: metadata.ratings,
    collection: orUndefined(metadata.collection),
  };
}

function releaseDate(row: { digitalRelease: string | null; physicalRelease: string | null; inCinemas: string | null }) {
  return orUndefined(row.digitalRelease ?? row.physicalRelease ?? row.inCinemas);
}

/** A library row as Radarr's MovieResource. */
export function movieResource(row: MovieWithTags, now = Date.now()): MovieResource {
  const status = row.status as MovieStatus;
  const minimumAvailability = row.minimumAvailability as MinimumAvailability;
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
    releaseDate: releaseDate(row),
    year: row.year,
    path: row.path,
    qualityProfileId: row.qualityProfileId,
    hasFile: row.hasFile,
    movieFileId: 0,
    monitored: row.monitored,
    minimumAvailability,
    isAvailable: isMovieAvailable({ ...row, status, minimumAvailability }, now),
    folderName: row.path,
    runtime: row.runtime,
    cleanTitle: row.cleanTitle,
    imdbId: orUndefined(row.imdbId),
    tmdbId: row.tmdbId,
    titleSlug: String(row.tmdbId),
    rootFolderPath: row.rootFolderPath,
    folder: row.path.slice(row.rootFolderPath.length).replace(/^\/+/, ""),
    genres: row.genres,
    tags: row.tags,
    added: row.added,
    addOptions: row.addOptions ?? undefined,
    popularity: row.popularity,
    statistics: { movieFileCount: row.hasFile ? 1 : 0, sizeOnDisk: row.sizeOnDisk, releaseGroups: [] },
    ...metadataFields(row.metadata),
  };
}

/** A lookup result not (necessarily) in the library, with Radarr's defaults for the choices. */
export function lookupResource(info: MovieInfo, libraryId?: number, now = Date.now()): MovieResource {
  return {
    id: libraryId,
    title: info.title,
    originalTitle: info.originalTitle,
    secondaryYearSourceId: 0,
    sortTitle: sortTitle(info.title),
    sizeOnDisk: 0,
    status: info.status,
    inCinemas: orUndefined(info.inCinemas),
    physicalRelease: orUndefined(info.physicalRelease),
    digitalRelease: orUndefined(info.digitalRelease),
    releaseDate: releaseDate(info),
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
    ...metadataFields(info.metadata),
  };
}
