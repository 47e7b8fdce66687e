/**
 * The API's resource shapes as the site uses them. The movie comes from the Worker's own zod
 * schema (a type-only import: nothing of the server reaches the bundle); the smaller resources
 * are written here from the Radarr v3 shapes the routes return.
 */
import type { MovieResource } from "../../../src/api/schemas/movie";
import type { MinimumAvailability, MovieStatus } from "../../../src/domain/library/movieStatus";

export type { MinimumAvailability, MovieStatus };

/** A movie as the API returns it; generated and older rows may carry `collection: null`. */
export type Movie = Omit<MovieResource, "collection"> & { collection?: { title: string; tmdbId: number } | null };

export type SortKey = "title" | "year" | "added" | "rating" | "size" | "popularity";
export type SortDirection = "ascending" | "descending";

export interface MoviePageQuery {
  page: number;
  pageSize: number;
  sortKey: SortKey;
  sortDirection: SortDirection;
  search?: string;
  monitored?: boolean;
  hasFile?: boolean;
  status?: Exclude<MovieStatus, "deleted">;
  yearFrom?: number;
  yearTo?: number;
  genre?: string;
  tagId?: number;
  qualityProfileId?: number;
}

export interface MoviePage {
  page: number;
  pageSize: number;
  sortKey: string;
  sortDirection: SortDirection;
  totalRecords: number;
  records: Movie[];
}

/** The fields PUT /movie/{id} changes. */
export interface MovieEdit {
  monitored: boolean;
  qualityProfileId: number;
  minimumAvailability: MinimumAvailability;
  rootFolderPath: string;
  path: string;
  tags: number[];
}

export interface MovieAdd {
  tmdbId: number;
  title?: string;
  qualityProfileId: number;
  rootFolderPath: string;
  monitored: boolean;
  minimumAvailability: MinimumAvailability;
  tags: number[];
  addOptions: { searchForMovie: boolean; monitor: "movieOnly" | "movieAndCollection" | "none"; addMethod: "manual" };
}

export interface Quality {
  id: number;
  name: string;
  source: string;
  resolution: number;
  modifier: string;
}

/** A profile item is either one quality or a named group of them. */
export interface QualityProfileItem {
  id?: number;
  name?: string;
  quality?: Quality;
  items: QualityProfileItem[];
  allowed: boolean;
}

export interface QualityProfile {
  id: number;
  name: string;
  upgradeAllowed: boolean;
  cutoff: number;
  items: QualityProfileItem[];
  minFormatScore: number;
  cutoffFormatScore: number;
  minUpgradeFormatScore: number;
}

export interface RootFolder {
  id: number;
  path: string;
  accessible: boolean;
  freeSpace: number | null;
  totalSpace: number | null;
  movieCount: number;
}

export interface Tag {
  id: number;
  label: string;
}

export interface ImportExclusion {
  id: number;
  tmdbId: number;
  movieTitle: string;
  movieYear: number;
}

export interface Session {
  authenticated: boolean;
  passwordLogin: boolean;
  demoMode: boolean;
}

export interface SystemStatus {
  appName: string;
  instanceName: string;
  version: string;
  buildTime: string;
  startTime: string;
  runtimeName: string;
  runtimeVersion: string;
  databaseType: string;
  migrationVersion: number;
  authentication: string;
  branch: string;
  demoMode: boolean;
}

export interface HealthCheck {
  source: string;
  type: "ok" | "notice" | "warning" | "error";
  message: string;
  wikiUrl: string;
}

export interface FieldError {
  path: string;
  message: string;
}
