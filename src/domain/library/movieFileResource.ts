import { profileOrder } from "../decisions/qualityComparer";
import type { ParsedMovieInfo } from "../parser/types";
import type { ProfileItem } from "../quality/profiles";
import { qualityById } from "../quality/qualities";

/**
 * Radarr v3's MovieFileResource as this app fills it, both where `/moviefile` answers it and where
 * the movie resource embeds it (`movieFile`). The Worker cannot read a file: its media info is what
 * the release name states, worked out when the file is imported or rescanned and stored on its row.
 */

export interface MediaInfoResource {
  id: number;
  audioBitrate: number;
  audioChannels: number;
  audioCodec: string | null;
  audioLanguages: string | null;
  audioStreamCount: number;
  videoBitDepth: number;
  videoBitrate: number;
  videoCodec: string | null;
  videoFps: number;
  videoDynamicRange: string | null;
  videoDynamicRangeType: string | null;
  resolution: string | null;
  runTime: string | null;
  scanType: string | null;
  subtitles: string | null;
}

/** Radarr's QualityModel: the full quality and the revision. */
export interface QualityModelResource {
  quality: { id: number; name: string; source: string; resolution: number; modifier: string };
  revision: { version: number; real: number; isRepack: boolean };
}

/** The fields of a stored quality (the quality's id and the revision). */
interface StoredQuality {
  quality: number;
  revision: QualityModelResource["revision"];
}

export interface MovieFileResource {
  id: number;
  movieId: number;
  relativePath: string;
  path: string;
  size: number;
  dateAdded: string;
  sceneName: string | null;
  releaseGroup: string | null;
  edition: string | null;
  languages: { id: number; name: string }[];
  quality: QualityModelResource;
  /** Judged under the movie's profile: on single reads only (Radarr leaves them out of the movie). */
  customFormats?: { id: number; name: string }[];
  customFormatScore?: number;
  indexerFlags: number;
  /** Absent when the release name states no stream detail (Radarr omits a null). */
  mediaInfo?: MediaInfoResource;
  originalFilePath: string | null;
  qualityCutoffNotMet: boolean;
}

/** The stored file fields the resource is made of: its own, but the quality as stored and media info nullable. */
export type MovieFileFields = Pick<
  MovieFileResource,
  | "id"
  | "movieId"
  | "relativePath"
  | "path"
  | "size"
  | "dateAdded"
  | "sceneName"
  | "releaseGroup"
  | "edition"
  | "languages"
  | "indexerFlags"
> & { quality: StoredQuality; mediaInfo: MediaInfoResource | null };

export function qualityModelOf(stored: StoredQuality): QualityModelResource {
  const quality = qualityById(stored.quality);
  return {
    quality: quality
      ? {
          id: quality.id,
          name: quality.name,
          source: quality.source,
          resolution: quality.resolution,
          modifier: quality.modifier,
        }
      : { id: stored.quality, name: "Unknown", source: "unknown", resolution: 0, modifier: "none" },
    revision: stored.revision,
  };
}

const RESOLUTIONS: Record<number, string> = {
  2160: "3840x2160",
  1080: "1920x1080",
  720: "1280x720",
  576: "720x576",
  540: "960x540",
  480: "720x480",
  360: "640x360",
};

/** The media info a release name states (0 and null: not stated); null when it states no stream detail. */
export function mediaInfoFromName(
  parsed: ParsedMovieInfo | null,
  qualityId: number,
  languages: readonly { name: string }[],
): MediaInfoResource | null {
  if (!parsed || !(parsed.videoCodec || parsed.audioCodec || parsed.hdrFormat)) return null;
  const resolution = qualityById(qualityId)?.resolution ?? 0;
  return {
    id: 0,
    audioBitrate: 0,
    audioChannels: parsed.audioChannels ?? 0,
    audioCodec: parsed.audioCodec ?? null,
    audioLanguages: languages.map((l) => l.name).join("/") || null,
    audioStreamCount: parsed.audioCodec ? 1 : 0,
    videoBitDepth: parsed.hdrFormat ? 10 : 0,
    videoBitrate: 0,
    videoCodec: parsed.videoCodec ?? null,
    videoFps: 0,
    videoDynamicRange: parsed.hdrFormat ? "HDR" : "",
    videoDynamicRangeType: parsed.hdrFormat ?? "",
    resolution: RESOLUTIONS[resolution] ?? null,
    runTime: null,
    scanType: null,
    subtitles: null,
  };
}

/**
 * A file as Radarr's MovieFileResource. `judged` carries what needs the movie's profile: the
 * cutoff always, the custom formats and their score only where the caller evaluated them.
 */
export function movieFileResource(
  file: MovieFileFields,
  judged: {
    qualityCutoffNotMet: boolean;
    customFormats?: { id: number; name: string }[];
    customFormatScore?: number;
  },
): MovieFileResource {
  return {
    id: file.id,
    movieId: file.movieId,
    relativePath: file.relativePath,
    path: file.path,
    size: file.size,
    dateAdded: file.dateAdded,
    sceneName: file.sceneName,
    releaseGroup: file.releaseGroup,
    edition: file.edition,
    languages: file.languages,
    quality: qualityModelOf(file.quality),
    ...(judged.customFormats ? { customFormats: judged.customFormats } : {}),
    ...(judged.customFormatScore !== undefined ? { customFormatScore: judged.customFormatScore } : {}),
    indexerFlags: file.indexerFlags,
    ...(file.mediaInfo ? { mediaInfo: file.mediaInfo } : {}),
    originalFilePath: null,
    qualityCutoffNotMet: judged.qualityCutoffNotMet,
  };
}

/** Profile fields Radarr's QualityCutoffNotMet(profile, quality) reads. */
interface CutoffProfile {
  upgradeAllowed: boolean;
  cutoff: number;
  items: readonly ProfileItem[];
}

/**
 * Radarr's UpgradableSpecification.QualityCutoffNotMet(profile, quality), which is what the movie
 * resource's embedded file carries: the quality alone against the profile's cutoff (the first
 * allowed item when upgrades are off), answered per quality id.
 */
export function qualityCutoffCheck(profile: CutoffProfile): (qualityId: number) => boolean {
  const order = profileOrder(profile.items);
  const cutoff = profile.upgradeAllowed ? order.ofItem(profile.cutoff) : order.firstAllowedIndex;
  return (qualityId) => order.ofQuality(qualityId).index < cutoff;
}
