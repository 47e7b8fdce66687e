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
