import { Qualities, type Quality, type QualitySource, qualityBySourceAndResolution } from "../quality/qualities";
import { pathExtension, qualityForExtension } from "./fileExtensions";

/** Reading a quality from a release name: the source tag, the resolution, remux and disc markers. */

type SourceTag =
  | "bluray"
  | "webdl"
  | "webrip"
  | "hdtv"
  | "bdrip"
  | "brrip"
  | "dvdr"
  | "dvd"
  | "dsr"
  | "regional"
  | "scr"
  | "ts"
  | "tc"
  | "cam"
  | "wp"
  | "pdtv"
  | "sdtv"
  | "tvrip";

/**
 * Source tags, tried in this order at every position; the last tag in the name wins, so a
 * "4K.WEB-DL" re-encode of a "BluRay" reads as the later tag. Each alternative is one capture
 * group (numbered, not named: a match then builds no groups object); its tag decides the quality.
 */
const SOURCE_PATTERNS: readonly (readonly [SourceTag, string])[] = [
  ["bluray", "M?Blu[-_. ]?Ray|HD[-_. ]?DVD|BD(?!$)|UHD2?BD|BDISO|BDMux|BD25|BD50|BR[-_. ]?DISK"],
  [
    "webdl",
    String.raw`WEB[-_. ]?DL(?:mux)?|AmazonHD|AmazonSD|iTunesHD|MaxdomeHD|NetflixU?HD|WebHD|HBOMaxHD|DisneyHD|[. ]WEB[. ](?:[xh][ .]?26[45]|AVC|HEVC|DDP?5[. ]1)|(?:\d{3,4}0p)[-. ](?:Hybrid[-_. ]?)?WEB[-. ]|[-. ]WEB[-. ]\d{3,4}0p|\b\s\/\sWEB\s\/\s\b|(?:AMZN|NF|DP)[. -]WEB[. -](?!Rip)`,
  ],
  ["webrip", "WebRip|Web-Rip|WEBMux"],
  ["hdtv", "HDTV"],
  ["bdrip", "BDRip|BDLight|HD[-_. ]?DVDRip|UHDBDRip"],
  ["brrip", "BRRip"],
  ["dvdr", String.raw`\d?x?M?DVD-?[R59]`],
  ["dvd", "DVD(?!-R)|DVDRip|xvidvd"],
  ["dsr", "WS[-_. ]DSR|DSR"],
  ["regional", "R[0-9]{1}|REGIONAL"],
  ["scr", "SCR|SCREENER|DVDSCR|DVDSCREENER"],
  ["ts", "TS[-_. ]|TELESYNCH?|HD-TS|HDTS|PDVD|TSRip|HDTSRip"],
  ["tc", "TC|TELECINE|HD-TC|HDTC"],
  ["cam", "CAMRIP|(?:NEW)?CAM|HD-?CAM(?:Rip)?|HQCAM"],
  ["wp", "WORKPRINT|WP"],
  ["pdtv", "PDTV"],
  ["sdtv", "SDTV"],
  ["tvrip", "TVRip"],
];

const SOURCE = new RegExp(
  String.raw`\b(?:(${SOURCE_PATTERNS.map(([, pattern]) => pattern).join(")|(")}))(?:\b|$|[ .])`,
  "gi",
);

/** A bare "WEB" closing the name; only in capitals, since "...The.Web" is a title word. */
const TRAILING_WEB = /\b[. ]WEB$/;

const RAW_HD = /\b(?:RawHD|Raw[-_. ]HD)\b/i;
const MPEG2 = /\bMPEG[-_. ]?2\b/;

/**
 * A full disc (BR-DISK): a Blu-ray/HD-DVD tag with a disc video codec or container, or an
 * explicit disc tag (BD25, BD50, BR-DISK, COMPLETE BLURAY), unless something says it was
 * re-encoded (x264, 720p, BDRip, REMUX, MKV, XviD) or is a German dual-language remux.
 */
const BR_DISK =
  /^(?!.*\b((?<!HD[._ -]|HD)DVD|BDRip|720p|MKV|XviD|WMV|d3g|(BD)?REMUX|^(?=.*1080p)(?=.*HEVC)|[xh][-_. ]?26[45]|German.*[DM]L|((?<=\d{4}).*German.*([DM]L)?)(?=.*\b(AVC|HEVC|VC[-_. ]?1|MVC|MPEG[-_. ]?2)\b))\b)(((?=.*\b(Blu[-_. ]?ray|BD|HD[-_. ]?DVD)\b)(?=.*\b(AVC|HEVC|VC[-_. ]?1|MVC|MPEG[-_. ]?2|BDMV|ISO)\b))|^((?=.*\b(((?=.*\b((.*_)?COMPLETE.*|Dis[ck])\b)(?=.*(Blu[-_. ]?ray|HD[-_. ]?DVD)))|3D[-_. ]?BD|BR[-_. ]?DISK|Full[-_. ]?Blu[-_. ]?ray|^((?=.*((BD|UHD)[-_. ]?(25|50|66|100|ISO)))))))).*/i;

/** Every name BR_DISK accepts mentions one of these. */
const MENTIONS_DISC = /bd|blu|dvd|br[-_. ]?disk/i;
const MENTIONS_GERMAN = /german/i;
/** A German scene remux always says "Blu-ray" (or "BluRay"). */
const MENTIONS_BLURAY = /blu-?ray/i;

/** Resolution tags, one capture group per resolution (numbered, so a match builds no groups object). */
const RESOLUTION_PATTERNS: readonly (readonly [number, string])[] = [
  [360, "360p"],
  [480, "480p|480i|640x480|848x480"],
  [540, "540p"],
  [576, "576p"],
  [720, "720p|1280x720|960p"],
  [1080, "1080p|1920x1080|1440p|FHD|1080i|4kto1080p"],
  [2160, String.raw`2160p|3840x2160|4k[-_. ](?:UHD|HEVC|BD|H\.?265)|(?:UHD|HEVC|BD|H\.?265)[-_. ]4k`],
];
const RESOLUTION = new RegExp(
  String.raw`\b(?:(${RESOLUTION_PATTERNS.map(([, pattern]) => pattern).join(")|(")}))\b`,
  "i",
);
/** With no resolution stated, "UHD" or "[4K]" still means 2160p. */
const IMPLIED_2160P = /\bUHD\b|\[4K\]/i;

const CODEC = /\b(?:(?<x264>x264)|(?<h264>h264)|(?<xvidhd>XvidHD)|(?<xvid>X-?vid)|(?<divx>divx))\b/i;
const SPACED_TV_SOURCE = /(?<hdtv>HD[-_. ]TV)|(?<sdtv>SD[-_. ]TV)/i;
const ANIME_BLURAY = /bd(?:720|1080|2160)|(?<=[-_. ([])bd(?=[-_. )\]])/i;
const ANIME_WEBDL = /\[WEB\]|[[(]WEB[ .]/i;
/** "HR.WS.PDTV": high-resolution widescreen captures are 720p. */
const HIGH_DEF_PDTV = /hr[-_. ]ws/i;
const REMUX =
  /(?:[_. [](?:(?:BD|UHD)[-_. ]?)?Remux\b|\d{4}p-(?:(?:BD|UHD)[-_. ]?)?Remux\b|\bHybrid-(?:(?:BD|UHD)[-_. ]?)?Remux\b)|(?:(?:BD|UHD)[-_. ]?)?Remux[_. ]\d{4}p/i;
/** German scene remuxes say "German DL/ML ... AVC ... BluRay" and never "REMUX". */
const GERMAN_REMUX = /((?<=\d{4}).*German.*([DM]L)?)(?=.*\b(AVC|HEVC|VC[_. -]?1|MVC|MPEG[_. -]?2))(?=.*Blu-?ray)/i;

/** The resolution a name states, in lines; 0 when it states none. */
function parseResolution(name: string): number {
  const match = RESOLUTION.exec(name);
  if (match) {
    for (let i = 0; i < RESOLUTION_PATTERNS.length; i++) if (match[i + 1]) return RESOLUTION_PATTERNS[i][0];
  }
  return IMPLIED_2160P.test(name) ? 2160 : 0;
}

function lastSourceTag(normalizedName: string): SourceTag | undefined {
  let tag: SourceTag | undefined;
  SOURCE.lastIndex = 0;
  for (let match = SOURCE.exec(normalizedName); match !== null; match = SOURCE.exec(normalizedName)) {
    tag = undefined;
    for (let i = 0; i < SOURCE_PATTERNS.length; i++) {
      if (match[i + 1] !== undefined) {
        tag = SOURCE_PATTERNS[i][0];
        break;
      }
    }
  }
  // A trailing bare "WEB" can only be the last tag, since nothing can follow it.
  if (normalizedName.endsWith("WEB") && TRAILING_WEB.test(normalizedName)) tag = "webdl";
  return tag;
}

function isStandardDefinition(resolution: number): boolean {
  return resolution === 360 || resolution === 480 || resolution === 540 || resolution === 576;
}

function containsIgnoreCase(text: string, part: string): boolean {
  return text.toLowerCase().includes(part);
}

interface NameQuality {
  quality: Quality;
  sourceFromName: boolean;
  resolutionFromName: boolean;
  sourceFromExtension?: boolean;
}

type Named = (quality: Quality, sourceFromName?: boolean, resolutionFromName?: boolean) => NameQuality;

const named: Named = (quality, sourceFromName = true, resolutionFromName = true) => ({
  quality,
  sourceFromName,
  resolutionFromName,
});

/** What a name says, read once and shared by the rules below. */
interface NameFacts {
  name: string;
  normalizedName: string;
  resolution: number;
  hasResolution: boolean;
}

/** A remux, by its tag or as a German scene remux; read only by the rules that need it. */
function isRemux(normalizedName: string): boolean {
  return (
    REMUX.test(normalizedName) ||
    (MENTIONS_GERMAN.test(normalizedName) && MENTIONS_BLURAY.test(normalizedName) && GERMAN_REMUX.test(normalizedName))
  );
}

/** The legacy codec tags (x264, XviD, DivX) a name states; read only by the rules that need them. */
function codecOf(normalizedName: string): Record<string, string | undefined> | undefined {
  return CODEC.exec(normalizedName)?.groups;
}

/** Whole-disc detection is the costliest test; only names naming a disc format can pass it. */
function isBrDisk(normalizedName: string): boolean {
  return MENTIONS_DISC.test(normalizedName) && BR_DISK.test(normalizedName);
}

/** The quality a name states; Unknown when it states nothing that decides one. */
export function qualityFromName(name: string, normalizedName: string): NameQuality {
  if (RAW_HD.test(normalizedName) && !isBrDisk(normalizedName)) return named(Qualities.RAWHD);

  const resolution = parseResolution(normalizedName);
  const facts: NameFacts = {
    name,
    normalizedName,
    resolution,
    hasResolution: resolution !== 0,
  };
  const source = lastSourceTag(normalizedName);
  if (source) return bySourceTag(source, facts);
  return animeQuality(facts) ?? (facts.hasResolution ? byResolutionOnly(facts) : byOtherHints(facts));
}

/** A Bluray source tag: a disc, a remux or an encode by its resolution. */
function blurayQuality({ normalizedName, resolution }: NameFacts): Quality {
  if (isBrDisk(normalizedName)) return Qualities.BRDISK;
  const codec = codecOf(normalizedName);
  if (codec?.xvid || codec?.divx) return Qualities.Bluray480p;
  const remux = isRemux(normalizedName);
  if (resolution === 2160) return remux ? Qualities.Remux2160p : Qualities.Bluray2160p;
  if (resolution === 1080) return remux ? Qualities.Remux1080p : Qualities.Bluray1080p;
  if (resolution === 576) return Qualities.Bluray576p;
  if (resolution === 360 || resolution === 480 || resolution === 540) return Qualities.Bluray480p;
  // A remux without a resolution is a 1080p remux; a 720p "remux" is just a 720p encode.
  if (remux && resolution !== 720) return Qualities.Remux1080p;
  return Qualities.Bluray720p;
}

/** The quality the name's last source tag decides, with its resolution. */
function bySourceTag(source: SourceTag, facts: NameFacts): NameQuality {
  const { normalizedName, resolution, hasResolution } = facts;
  // A source tag always names the source; the resolution only when the name states one. The
  // rules return a quality and this wraps it, so no closure is built per name.
  if (source === "pdtv" || source === "sdtv" || source === "dsr" || source === "tvrip") {
    if (resolution === 1080 || containsIgnoreCase(normalizedName, "1080p")) return named(Qualities.HDTV1080p);
    if (resolution === 720 || containsIgnoreCase(normalizedName, "720p")) return named(Qualities.HDTV720p);
    if (HIGH_DEF_PDTV.test(normalizedName)) return named(Qualities.HDTV720p);
  }
  return named(sourceTagQuality(source, facts), true, hasResolution);
}

function sourceTagQuality(source: SourceTag, facts: NameFacts): Quality {
  const { name, normalizedName, resolution } = facts;
  switch (source) {
    case "bluray":
      return blurayQuality(facts);
    case "webdl":
      if (resolution === 2160) return Qualities.WEBDL2160p;
      if (resolution === 1080) return Qualities.WEBDL1080p;
      if (resolution === 720) return Qualities.WEBDL720p;
      if (name.includes("[WEBDL]")) return Qualities.WEBDL720p;
      return Qualities.WEBDL480p;
    case "webrip":
      if (resolution === 2160) return Qualities.WEBRip2160p;
      if (resolution === 1080) return Qualities.WEBRip1080p;
      if (resolution === 720) return Qualities.WEBRip720p;
      return Qualities.WEBRip480p;
    case "scr":
      return Qualities.DVDSCR;
    case "cam":
      return Qualities.CAM;
    case "ts":
      return Qualities.TELESYNC;
    case "tc":
      return Qualities.TELECINE;
    case "wp":
      return Qualities.WORKPRINT;
    case "regional":
      return Qualities.REGIONAL;
    case "hdtv":
      if (MPEG2.test(normalizedName)) return Qualities.RAWHD;
      if (resolution === 2160) return Qualities.HDTV2160p;
      if (resolution === 1080) return Qualities.HDTV1080p;
      if (resolution === 720) return Qualities.HDTV720p;
      if (name.includes("[HDTV]")) return Qualities.HDTV720p;
      return Qualities.SDTV;
    case "bdrip":
    case "brrip":
      if (resolution === 720) return Qualities.Bluray720p;
      if (resolution === 1080) return Qualities.Bluray1080p;
      if (resolution === 2160) return Qualities.Bluray2160p;
      if (resolution === 576) return Qualities.Bluray576p;
      return Qualities.Bluray480p;
    case "dvdr":
      return Qualities.DVDR;
    case "dvd":
      return Qualities.DVD;
    case "pdtv":
    case "sdtv":
    case "dsr":
    case "tvrip":
      return Qualities.SDTV;
  }
}

/** Anime naming ("[BD 1080p]", "[WEB]"): a Bluray or a WEB-DL by its resolution; undefined otherwise. */
function animeQuality({ normalizedName, resolution, hasResolution }: NameFacts): NameQuality | undefined {
  // Most names are neither; the resolution words are only read for those that are.
  const bluray = ANIME_BLURAY.test(normalizedName);
  if (!bluray && !ANIME_WEBDL.test(normalizedName)) return undefined;
  const sd = isStandardDefinition(resolution) || containsIgnoreCase(normalizedName, "480p");
  const fullHd = resolution === 1080 || containsIgnoreCase(normalizedName, "1080p");
  const uhd = resolution === 2160 || containsIgnoreCase(normalizedName, "2160p");
  if (bluray) {
    const remux = isRemux(normalizedName);
    if (sd) return named(Qualities.DVD, true, hasResolution);
    if (fullHd) return named(remux ? Qualities.Remux1080p : Qualities.Bluray1080p, true, hasResolution);
    if (uhd) return named(remux ? Qualities.Remux2160p : Qualities.Bluray2160p, true, hasResolution);
    if (remux && resolution !== 720) return named(Qualities.Remux1080p, true, hasResolution);
    return named(Qualities.Bluray720p, true, hasResolution);
  }
  if (sd) return named(Qualities.WEBDL480p, true, hasResolution);
  if (fullHd) return named(Qualities.WEBDL1080p, true, hasResolution);
  if (uhd) return named(Qualities.WEBDL2160p, true, hasResolution);
  return named(Qualities.WEBDL720p, true, hasResolution);
}

/**
 * The resolution is stated but not the source: a remux is a Bluray, otherwise the container may
 * tell (an .avi at 720p is an HDTV capture); failing both, assume HDTV.
 */
function byResolutionOnly({ name, normalizedName, resolution }: NameFacts): NameQuality {
  const remux = isRemux(normalizedName);
  let assumedSource: QualitySource = "unknown";
  let sourceFromName = false;
  let sourceFromExtension = false;
  if (remux) {
    assumedSource = "bluray";
    sourceFromName = true;
  } else {
    const byExtension = qualityForExtension(pathExtension(name));
    if (byExtension !== Qualities.Unknown) {
      assumedSource = byExtension.source;
      sourceFromExtension = true;
    }
  }
  const lines = resolution === 2160 || resolution === 1080 || resolution === 720 ? resolution : 480;
  const quality =
    assumedSource === "unknown"
      ? assumedHdtvQuality(lines)
      : qualityBySourceAndResolution(assumedSource, lines, remux ? "remux" : "none");
  return { quality, sourceFromName, resolutionFromName: true, sourceFromExtension };
}

/** A capture of this many lines when nothing says where it came from. */
function assumedHdtvQuality(lines: number): Quality {
  if (lines === 2160) return Qualities.HDTV2160p;
  if (lines === 1080) return Qualities.HDTV1080p;
  if (lines === 720) return Qualities.HDTV720p;
  return Qualities.SDTV;
}

/** No source tag and no resolution: a codec, a frame size or a spaced "HD TV" may still tell. */
function byOtherHints({ normalizedName }: NameFacts): NameQuality {
  if (codecOf(normalizedName)?.x264) return named(Qualities.SDTV);

  if (containsIgnoreCase(normalizedName, "848x480")) {
    if (normalizedName.includes("dvd")) return named(Qualities.DVD);
    if (containsIgnoreCase(normalizedName, "bluray")) return named(Qualities.Bluray480p);
    return named(Qualities.SDTV);
  }
  if (containsIgnoreCase(normalizedName, "1280x720")) {
    return named(containsIgnoreCase(normalizedName, "bluray") ? Qualities.Bluray720p : Qualities.HDTV720p);
  }
  if (containsIgnoreCase(normalizedName, "1920x1080")) {
    return named(containsIgnoreCase(normalizedName, "bluray") ? Qualities.Bluray1080p : Qualities.HDTV1080p);
  }
  if (containsIgnoreCase(normalizedName, "bluray720p")) return named(Qualities.Bluray720p);
  if (containsIgnoreCase(normalizedName, "bluray1080p")) return named(Qualities.Bluray1080p);
  if (containsIgnoreCase(normalizedName, "bluray2160p")) return named(Qualities.Bluray2160p);

  const spacedTv = SPACED_TV_SOURCE.exec(normalizedName)?.groups;
  // "HD TV" states a source but no resolution; 720p is only the assumption.
  if (spacedTv?.sdtv) return named(Qualities.SDTV, true, false);
  if (spacedTv?.hdtv) return named(Qualities.HDTV720p, true, false);

  return named(Qualities.Unknown, false, false);
}
