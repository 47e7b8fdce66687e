/**
 * The API's resource shapes as the site uses them. The movie comes from the Worker's own zod
 * schema (a type-only import: nothing of the server reaches the bundle); the smaller resources
 * are written here from the Radarr v3 shapes the routes return.
 */
import type { MovieResource } from "../../../src/api/schemas/movie";
import type {
  CustomFormatResource,
  CustomFormatSpecificationResource,
  FieldResource,
} from "../../../src/domain/customFormats/resource";
import type { Rejection } from "../../../src/domain/decisions/types";
import type { MinimumAvailability, MovieStatus } from "../../../src/domain/library/movieStatus";
import type { Language, ParsedMovieInfo as ParserResult, Revision } from "../../../src/domain/parser";

export type { Language, MinimumAvailability, MovieStatus, Rejection, Revision };

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
  /** Every custom format with this profile's score for it (0 when unset). */
  formatItems: FormatScore[];
  language: { id: number; name: string };
}

export interface FormatScore {
  format: number;
  name: string;
  score: number;
}

/** A quality's size limits in megabytes per minute of runtime; null max/preferred is unlimited. */
export interface QualityDefinition {
  id: number;
  quality: Quality;
  title: string;
  weight: number;
  minSize: number | null;
  maxSize: number | null;
  preferredSize: number | null;
}

/** A custom format and its specifications in Radarr's resource shape (fields as `[{name, value}]`). */
export type CustomFormat = CustomFormatResource;
export type CustomFormatSpecification = CustomFormatSpecificationResource;
export type SpecificationField = FieldResource;

/** What `GET /parse` reads from a release name: the parser's result with the quality as the API sends it. */
export type ParsedMovieInfo = Pick<
  ParserResult,
  | "movieTitles"
  | "primaryMovieTitle"
  | "originalTitle"
  | "year"
  | "edition"
  | "releaseGroup"
  | "releaseHash"
  | "imdbId"
  | "tmdbId"
  | "hardcodedSubs"
  | "videoCodec"
  | "audioCodec"
  | "audioChannels"
  | "hdrFormat"
  | "is3D"
  | "infoHash"
  | "isSample"
> & { quality: { quality: Quality; revision: Revision }; languages: Language[] };

export interface ParseQuery {
  title: string;
  movieId?: number;
  /** Bytes. */
  size?: number;
  protocol?: "torrent" | "usenet";
  seeders?: number;
  /** Bitmask of indexer flags. */
  indexerFlags?: number;
  ageMinutes?: number;
}

export interface ParseResult {
  title: string;
  parsedMovieInfo: ParsedMovieInfo | null;
  /** The library movie the name matched, or the one asked about with `movieId`. */
  movie?: Movie;
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  /** Present when a movie is known: the release judged against that movie's quality profile. */
  decision?: { accepted: boolean; rejections: Rejection[] };
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
