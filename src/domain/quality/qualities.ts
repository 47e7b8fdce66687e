/**
 * Radarr's quality list (`Quality.cs`) and its shipped quality definitions: the one place the
 * project defines quality ids, names, sources, resolutions, modifiers, default weights and size
 * limits. Ids are Radarr's, so they round-trip through Radarr-shaped API payloads unchanged.
 */

export type QualitySource =
  | "unknown"
  | "cam"
  | "telesync"
  | "telecine"
  | "workprint"
  | "dvd"
  | "tv"
  | "webdl"
  | "webrip"
  | "bluray";

export type QualityModifier = "none" | "regional" | "screener" | "rawhd" | "brdisk" | "remux";

export interface Quality {
  readonly id: number;
  readonly name: QualityName;
  readonly source: QualitySource;
  /** Vertical resolution in lines; 0 when the quality does not imply one. */
  readonly resolution: number;
  readonly modifier: QualityModifier;
}

export type QualityName =
  | "Unknown"
  | "WORKPRINT"
  | "CAM"
  | "TELESYNC"
  | "TELECINE"
  | "DVDSCR"
  | "REGIONAL"
  | "SDTV"
  | "DVD"
  | "DVD-R"
  | "HDTV-720p"
  | "HDTV-1080p"
  | "HDTV-2160p"
  | "WEBDL-480p"
  | "WEBDL-720p"
  | "WEBDL-1080p"
  | "WEBDL-2160p"
  | "WEBRip-480p"
  | "WEBRip-720p"
  | "WEBRip-1080p"
  | "WEBRip-2160p"
  | "Bluray-480p"
  | "Bluray-576p"
  | "Bluray-720p"
  | "Bluray-1080p"
  | "Bluray-2160p"
  | "Remux-1080p"
  | "Remux-2160p"
  | "BR-DISK"
  | "Raw-HD";

function quality(
  id: number,
  name: QualityName,
  source: QualitySource,
  resolution: number,
  modifier: QualityModifier = "none",
): Quality {
  return Object.freeze({ id, name, source, resolution, modifier });
}

/** Every quality by its Radarr constant name, for code that refers to one specific quality. */
export const Qualities = Object.freeze({
  Unknown: quality(0, "Unknown", "unknown", 0),
  WORKPRINT: quality(24, "WORKPRINT", "workprint", 0),
  CAM: quality(25, "CAM", "cam", 0),
  TELESYNC: quality(26, "TELESYNC", "telesync", 0),
  TELECINE: quality(27, "TELECINE", "telecine", 0),
  DVDSCR: quality(28, "DVDSCR", "dvd", 480, "screener"),
  REGIONAL: quality(29, "REGIONAL", "dvd", 480, "regional"),
  SDTV: quality(1, "SDTV", "tv", 480),
  DVD: quality(2, "DVD", "dvd", 480),
  DVDR: quality(23, "DVD-R", "dvd", 480, "remux"),
  HDTV720p: quality(4, "HDTV-720p", "tv", 720),
  HDTV1080p: quality(9, "HDTV-1080p", "tv", 1080),
  HDTV2160p: quality(16, "HDTV-2160p", "tv", 2160),
  WEBDL480p: quality(8, "WEBDL-480p", "webdl", 480),
  WEBDL720p: quality(5, "WEBDL-720p", "webdl", 720),
  WEBDL1080p: quality(3, "WEBDL-1080p", "webdl", 1080),
  WEBDL2160p: quality(18, "WEBDL-2160p", "webdl", 2160),
  WEBRip480p: quality(12, "WEBRip-480p", "webrip", 480),
  WEBRip720p: quality(14, "WEBRip-720p", "webrip", 720),
  WEBRip1080p: quality(15, "WEBRip-1080p", "webrip", 1080),
  WEBRip2160p: quality(17, "WEBRip-2160p", "webrip", 2160),
  Bluray480p: quality(20, "Bluray-480p", "bluray", 480),
  Bluray576p: quality(21, "Bluray-576p", "bluray", 576),
  Bluray720p: quality(6, "Bluray-720p", "bluray", 720),
  Bluray1080p: quality(7, "Bluray-1080p", "bluray", 1080),
  Bluray2160p: quality(19, "Bluray-2160p", "bluray", 2160),
  Remux1080p: quality(30, "Remux-1080p", "bluray", 1080, "remux"),
  Remux2160p: quality(31, "Remux-2160p", "bluray", 2160, "remux"),
  BRDISK: quality(22, "BR-DISK", "bluray", 1080, "brdisk"),
  RAWHD: quality(10, "Raw-HD", "tv", 1080, "rawhd"),
});

/** All qualities in Radarr's `Quality.All` order. */
export const QUALITIES: readonly Quality[] = Object.freeze([
  Qualities.Unknown,
  Qualities.WORKPRINT,
  Qualities.CAM,
  Qualities.TELESYNC,
  Qualities.TELECINE,
  Qualities.DVDSCR,
  Qualities.REGIONAL,
  Qualities.SDTV,
  Qualities.DVD,
  Qualities.DVDR,
  Qualities.HDTV720p,
  Qualities.HDTV1080p,
  Qualities.HDTV2160p,
  Qualities.WEBDL480p,
  Qualities.WEBDL720p,
  Qualities.WEBDL1080p,
  Qualities.WEBDL2160p,
  Qualities.WEBRip480p,
  Qualities.WEBRip720p,
  Qualities.WEBRip1080p,
  Qualities.WEBRip2160p,
  Qualities.Bluray480p,
  Qualities.Bluray576p,
  Qualities.Bluray720p,
  Qualities.Bluray1080p,
  Qualities.Bluray2160p,
  Qualities.Remux1080p,
  Qualities.Remux2160p,
  Qualities.BRDISK,
  Qualities.RAWHD,
]);

const QUALITY_BY_ID = new Map(QUALITIES.map((q) => [q.id, q]));
const QUALITY_BY_NAME = new Map(QUALITIES.map((q) => [q.name.toLowerCase(), q]));

export function qualityById(id: number): Quality | undefined {
  return QUALITY_BY_ID.get(id);
}

/** Looks a quality up by its Radarr name, ignoring case (`"bluray-1080p"` finds Bluray-1080p). */
export function qualityByName(name: string): Quality | undefined {
  return QUALITY_BY_NAME.get(name.toLowerCase());
}

/**
 * The quality with exactly this source, resolution and modifier. A 720p or SD remux has no quality
 * of its own in Radarr, so it falls back to the plain Bluray quality at that resolution.
 */
export function qualityBySourceAndResolution(
  source: QualitySource,
  resolution: number,
  modifier: QualityModifier,
): Quality {
  const exact = QUALITIES.find((q) => q.source === source && q.resolution === resolution && q.modifier === modifier);
  if (exact) return exact;
  const unmodified = QUALITIES.find((q) => q.source === source && q.resolution === resolution && q.modifier === "none");
  return unmodified ?? Qualities.Unknown;
}

/** The bounds of a definition's sizes, megabytes per minute (Radarr's QualityDefinitionLimits). */
export const QUALITY_SIZE_LIMITS = Object.freeze({ min: 0, max: 2000 });

export interface QualityDefinition {
  readonly quality: Quality;
  /** Default rank; higher is better. WEB-DL and WEBRip of one resolution share a weight. */
  readonly weight: number;
  /** Qualities Radarr groups together in the default profile ("WEB 1080p"). */
  readonly groupName?: string;
  /** Size limits in megabytes per minute of runtime; null means no limit. */
  readonly minSize: number;
  readonly maxSize: number | null;
  readonly preferredSize: number | null;
}

function definition(
  quality: Quality,
  weight: number,
  maxSize: number | null,
  preferredSize: number | null,
  groupName?: string,
): QualityDefinition {
  return Object.freeze({ quality, weight, minSize: 0, maxSize, preferredSize, ...(groupName ? { groupName } : {}) });
}

/** Radarr's shipped `DefaultQualityDefinitions`, ordered by weight (worst first). */
export const DEFAULT_QUALITY_DEFINITIONS: readonly QualityDefinition[] = Object.freeze([
  definition(Qualities.Unknown, 1, 100, 95),
  definition(Qualities.WORKPRINT, 2, 100, 95),
  definition(Qualities.CAM, 3, 100, 95),
  definition(Qualities.TELESYNC, 4, 100, 95),
  definition(Qualities.TELECINE, 5, 100, 95),
  definition(Qualities.REGIONAL, 6, 100, 95),
  definition(Qualities.DVDSCR, 7, 100, 95),
  definition(Qualities.SDTV, 8, 100, 95),
  definition(Qualities.DVD, 9, 100, 95),
  definition(Qualities.DVDR, 10, 100, 95),
  definition(Qualities.WEBDL480p, 11, 100, 95, "WEB 480p"),
  definition(Qualities.WEBRip480p, 11, 100, 95, "WEB 480p"),
  definition(Qualities.Bluray480p, 12, 100, 95),
  definition(Qualities.Bluray576p, 13, 100, 95),
  definition(Qualities.HDTV720p, 14, 100, 95),
  definition(Qualities.WEBDL720p, 15, 100, 95, "WEB 720p"),
  definition(Qualities.WEBRip720p, 15, 100, 95, "WEB 720p"),
  definition(Qualities.Bluray720p, 16, 100, 95),
  definition(Qualities.HDTV1080p, 17, 100, 95),
  definition(Qualities.WEBDL1080p, 18, 100, 95, "WEB 1080p"),
  definition(Qualities.WEBRip1080p, 18, 100, 95, "WEB 1080p"),
  definition(Qualities.Bluray1080p, 19, null, null),
  definition(Qualities.Remux1080p, 20, null, null),
  definition(Qualities.HDTV2160p, 21, null, null),
  definition(Qualities.WEBDL2160p, 22, null, null, "WEB 2160p"),
  definition(Qualities.WEBRip2160p, 22, null, null, "WEB 2160p"),
  definition(Qualities.Bluray2160p, 23, null, null),
  definition(Qualities.Remux2160p, 24, null, null),
  definition(Qualities.BRDISK, 25, null, null),
  definition(Qualities.RAWHD, 26, null, null),
]);
