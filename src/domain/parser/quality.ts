import { Qualities, type Quality } from "../quality/qualities";
import { pathExtension, qualityForExtension } from "./fileExtensions";
import { qualityFromName } from "./qualityFromName";

/** Where a part of the quality was read from. */
type QualityDetectionSource = "Unknown" | "Name" | "Extension" | "MediaInfo";

interface Revision {
  /** 1 for a first release; each PROPER, REPACK or RERIP adds one (v2 tags set it directly). */
  version: number;
  /** How many times the name says REAL (in capitals): a real proper outranks a proper. */
  real: number;
  isRepack: boolean;
}

export interface QualityModel {
  quality: Quality;
  revision: Revision;
  /** How the source (Bluray, WEB-DL, ...) was found. */
  qualityDetectionSource: QualityDetectionSource;
  resolutionDetectionSource: QualityDetectionSource;
  /** How the revision or remux/disc modifier was found. */
  modifierDetectionSource: QualityDetectionSource;
}

const PROPER = /\bproper\b/i;
const REPACK = /\b(?:repack\d?|rerip\d?)\b/i;
/** "01v2", "2018 v2 ", "[v3]", "REPACK2": an explicit revision number. */
const VERSION = /\d[-._ ]?v(?<v1>\d)[-._ ]|\[v(?<v2>\d)\]|repack(?<v3>\d)|rerip(?<v4>\d)/i;
const REAL = /\bREAL\b/g;

function parseRevision(name: string, normalizedName: string): { revision: Revision; found: boolean } {
  const revision: Revision = { version: 1, real: 0, isRepack: false };
  let found = false;

  const versionMatch = VERSION.exec(normalizedName);
  const statedVersion = versionMatch
    ? Number(versionMatch.groups?.v1 ?? versionMatch.groups?.v2 ?? versionMatch.groups?.v3 ?? versionMatch.groups?.v4)
    : undefined;
  if (statedVersion !== undefined) {
    revision.version = statedVersion;
    found = true;
  }
  if (PROPER.test(normalizedName)) {
    revision.version = statedVersion !== undefined ? statedVersion + 1 : 2;
    found = true;
  }
  if (REPACK.test(normalizedName)) {
    revision.version = statedVersion !== undefined ? statedVersion + 1 : 2;
    revision.isRepack = true;
    found = true;
  }
  const realCount = name.includes("REAL") ? (name.match(REAL)?.length ?? 0) : 0;
  if (realCount > 0) {
    revision.real = realCount;
    found = true;
  }
  return { revision, found };
}

/** The quality a name states, without looking at its file extension. */
export function parseQualityName(name: string): QualityModel {
  const normalizedName = name.replaceAll("_", " ").trim();
  const { revision, found: revisionFound } = parseRevision(name, normalizedName);
  const fromName = qualityFromName(name, normalizedName);
  return {
    quality: fromName.quality,
    revision,
    qualityDetectionSource: fromName.sourceFromName ? "Name" : fromName.sourceFromExtension ? "Extension" : "Unknown",
    resolutionDetectionSource: fromName.resolutionFromName ? "Name" : "Unknown",
    modifierDetectionSource: revisionFound ? "Name" : "Unknown",
  };
}

/**
 * The quality of a release or file name: what the name states, else what its container
 * implies (".mkv" is a 720p WEB-DL, ".avi" SDTV, ".m2ts" a 720p Bluray).
 */
export function parseQuality(name: string): QualityModel {
  const trimmed = name.trim();
  const result = parseQualityName(trimmed);
  if (result.quality !== Qualities.Unknown) return result;

  // Like Radarr, the extension is consulted (and reported as the source) even when it is not a
  // media container, in which case the quality stays Unknown.
  return {
    ...result,
    quality: qualityForExtension(pathExtension(trimmed)),
    qualityDetectionSource: "Extension",
    resolutionDetectionSource: "Extension",
    modifierDetectionSource: "Extension",
  };
}
