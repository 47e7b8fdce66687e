import type { CustomFormat } from "../customFormats";
import type { Language, ParsedMovieInfo, QualityModel } from "../parser";
import type { ProfileItem } from "../quality/profiles";
import type { Quality } from "../quality/qualities";
import type { DelayProfileRules } from "./delay";
import type { ReleaseProfileTerms } from "./terms";

export type DownloadProtocol = "torrent" | "usenet";

/** Radarr's "Download Propers and Repacks" setting. */
type ProperDownloadPreference = "preferAndUpgrade" | "doNotUpgrade" | "doNotPrefer";

/** One indexer search or RSS result. */
export interface Release {
  guid?: string;
  title: string;
  /** Bytes; 0 when the indexer did not say. */
  size: number;
  indexer: string;
  indexerId: number;
  /** Radarr's indexer priority: 1 is tried first, 25 is the default, 50 last. */
  indexerPriority?: number;
  protocol: DownloadProtocol;
  /** ISO 8601. */
  publishDate?: string;
  /** Age in whole days, hours and minutes; derived from `publishDate` and the context's clock when absent. */
  age?: number;
  ageHours?: number;
  ageMinutes?: number;
  seeders?: number | null;
  leechers?: number | null;
  infoHash?: string;
  /** Bitmask of `IndexerFlags`. */
  indexerFlags?: number;
  downloadUrl?: string;
  infoUrl?: string;
  /** The parsed title when the caller parsed it already; parsed here otherwise. */
  parsed?: ParsedMovieInfo | null;
}

export interface RevisionInput {
  version: number;
  real: number;
  isRepack?: boolean;
}

/** A quality as stored or sent by the API: the quality by id (or as an object) with its revision. */
export interface QualityModelInput {
  quality: number | { id: number };
  revision: RevisionInput;
}

export interface ExistingMovieFile {
  quality: QualityModelInput;
  /** The file's custom format score; computed from `sceneName` when absent, else 0. */
  customFormatScore?: number;
  sceneName?: string;
  releaseGroup?: string;
}

export interface DecisionMovie {
  id?: number;
  title?: string;
  tmdbId?: number;
  year: number;
  /** Minutes; 0 when unknown. */
  runtime: number;
  originalLanguage?: Language | null;
  movieFile?: ExistingMovieFile | null;
}

/** The parts of a quality profile decisions use; a stored profile or Radarr's resource fits. */
export interface DecisionProfile {
  upgradeAllowed: boolean;
  /** A quality id, or the id of a group (≥ 1000). */
  cutoff: number;
  /** Worst first, as Radarr orders them. */
  items: ProfileItem[];
  minFormatScore: number;
  cutoffFormatScore: number;
  minUpgradeFormatScore: number;
  formatItems: { format: number; score: number }[];
  /** The wanted language; Any (-1) accepts all, Original (-2) the movie's original language. */
  language?: { id: number; name?: string };
}

/** Size limits of one quality in megabytes per minute of runtime; null or absent means none. */
export interface QualitySizeDefinition {
  quality: { id: number };
  minSize?: number | null;
  maxSize?: number | null;
  preferredSize?: number | null;
}

export interface IndexerDecisionSettings {
  /** Torrents with fewer seeders are rejected; Radarr's default is 1. */
  minimumSeeders?: number;
  /** A release must carry at least one of these `IndexerFlags` bits. */
  requiredFlags?: number[];
  /** The language ids a release marked MULTI holds (the indexer's "Multi Languages"). */
  multiLanguages?: number[];
}

export interface DecisionSettings {
  /** Usenet releases younger than this many minutes wait. 0 disables. */
  minimumAgeMinutes: number;
  /** Usenet retention in days. 0 is unlimited. */
  retentionDays: number;
  /** Megabytes. 0 is unlimited. */
  maximumSizeMb: number;
  preferredProtocol: DownloadProtocol;
  downloadPropersAndRepacks: ProperDownloadPreference;
  /** Rank releases by indexer flags (freeleech, internal...) right after indexer priority, as Radarr's option does; otherwise flags only break final ties. */
  preferIndexerFlags?: boolean;
  /** Per-indexer settings by indexer id. */
  indexers?: Record<number, IndexerDecisionSettings>;
}

export interface BlocklistEntry {
  title: string;
  indexer?: string;
  protocol?: DownloadProtocol;
  infoHash?: string;
}

/** A release already grabbed for the movie and still downloading. */
export interface QueuedRelease {
  title: string;
  quality: QualityModelInput;
  /** Computed from the title when absent. */
  customFormatScore?: number;
  size?: number;
  /** Radarr skips items that failed and are waiting to be removed. */
  trackedDownloadState?: "downloading" | "importPending" | "importing" | "failedPending" | string;
}

type StreamingAvailability = (movie: DecisionMovie) => { service: string } | null;

export interface DecisionContext {
  movie: DecisionMovie;
  profile: DecisionProfile;
  /** Defaults to Radarr's shipped definitions. */
  qualityDefinitions?: readonly QualitySizeDefinition[];
  customFormats: readonly CustomFormat[];
  settings: DecisionSettings;
  blocklist?: readonly BlocklistEntry[];
  queue?: readonly QueuedRelease[];
  /** A service the user subscribes to that streams the movie, or null. No hook: nothing streams. */
  streamingAvailability?: StreamingAvailability;
  /** Epoch milliseconds release ages are measured against; defaults to the current time. */
  now?: number;
  /**
   * A release group's reputation bonus (0 for none or unknown groups), from the scene-group
   * analysis; ranking uses it as a small tie-break among otherwise equal releases.
   */
  releaseGroupBonus?: (releaseGroup: string) => number;
  /** The movie's delay profile (by its tags): which protocols it may use. None: both. */
  delayProfile?: DelayProfileRules;
  /** The enabled release profiles for the movie's tags; each applies to its indexer (0: all). */
  releaseProfiles?: readonly ReleaseProfileTerms[];
}

/** Everything known about one release while specifications judge it (Radarr's `RemoteMovie`). */
export interface ReleaseSubject {
  release: Release;
  parsed: ParsedMovieInfo;
  quality: QualityModel;
  languages: readonly Language[];
  customFormats: CustomFormat[];
  customFormatScore: number;
  age: ReleaseAge;
}

/** How old a release is (Radarr's `Age`, `AgeHours`, `AgeMinutes`). */
export interface ReleaseAge {
  /** False when neither an age nor a publish date was given; age rules then pass. */
  known: boolean;
  days: number;
  hours: number;
  minutes: number;
}

export type RejectionType = "permanent" | "temporary";

export type SpecificationResult = { accepted: true } | { accepted: false; reason: string; message: string };

/** A quality normalised for comparison. */
export interface ComparableQuality {
  quality: Quality;
  revision: { version: number; real: number; isRepack: boolean };
}

export interface Rejection {
  specification: string;
  reason: string;
  message: string;
  type: RejectionType;
}

export interface ReleaseDecision {
  release: Release;
  parsed: ParsedMovieInfo | null;
  quality: QualityModel | null;
  languages: readonly Language[];
  customFormats: CustomFormat[];
  customFormatScore: number;
  accepted: boolean;
  rejections: Rejection[];
}
