import type { MovieFileResource } from "./movieFileResource";
import type { MovieMetadata } from "./movieMetadata";
import type { MinimumAvailability, MovieStatus } from "./movieStatus";

/**
 * Radarr v3's MovieResource, as this app fills it: the stored TMDb metadata and the library's own
 * fields. The services shape it; the api's movie schema (`movieResourceSchema`) describes exactly
 * this type, checked at compile time where the schema is declared.
 */
export interface MovieResource extends MovieMetadata {
  id?: number;
  title: string;
  originalTitle: string;
  secondaryYearSourceId: number;
  sortTitle: string;
  sizeOnDisk: number;
  status: MovieStatus;
  inCinemas?: string;
  physicalRelease?: string;
  digitalRelease?: string;
  releaseDate?: string;
  year: number;
  path?: string;
  qualityProfileId: number;
  hasFile: boolean;
  movieFileId: number;
  /** The movie's file, when it has one (Radarr embeds it; Bazarr syncs only movies carrying it). */
  movieFile?: MovieFileResource;
  monitored: boolean;
  minimumAvailability: MinimumAvailability;
  isAvailable: boolean;
  folderName?: string;
  runtime: number;
  cleanTitle: string;
  imdbId?: string;
  tmdbId: number;
  titleSlug: string;
  rootFolderPath?: string;
  folder?: string;
  genres: string[];
  tags: number[];
  added: string;
  addOptions?: Record<string, unknown>;
  /** Set while a list left the movie unmonitored because it streams on this subscribed service. */
  streamingUnmonitoredService?: string;
  popularity: number;
  lastSearchTime?: string;
  statistics: { movieFileCount: number; sizeOnDisk: number; releaseGroups: string[] };
}

/**
 * Where a library movie's cover is served, as Radarr's MovieResource names it: a path under the
 * API's `/MediaCover/{movieId}/{coverType}.jpg` (Bazarr and other clients fetch it through
 * `/api/v3` + this path, asking sizes as `poster-500.jpg`); `remoteUrl` keeps TMDb's address.
 */
const localCoverUrl = (movieId: number, coverType: string) => `/MediaCover/${movieId}/${coverType}.jpg`;

/** A library movie's images with their `url` pointing at its covers here. */
export function withLocalCovers<I extends { coverType: string; url?: string }>(movieId: number, images: I[]): I[] {
  return images.map((image) => ({ ...image, url: localCoverUrl(movieId, image.coverType) }));
}

const STORED_COVER = /"coverType":"([a-z]+)","url":"[^"]*"/g;

/**
 * The same for a movie's stored metadata JSON (the whole-library list splices it unparsed): each
 * image's `url`, stored right after its `coverType`, is rewritten in the text.
 */
export function metadataJsonWithLocalCovers(movieId: number, metadataJson: string): string {
  return metadataJson.replace(
    STORED_COVER,
    (_, coverType: string) => `"coverType":"${coverType}","url":"${localCoverUrl(movieId, coverType)}"`,
  );
}
