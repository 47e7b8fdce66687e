/**
 * Technical details a release name states about its streams. Radarr reads these from the file's
 * media info after download; before download the name is all there is.
 */
export interface ReleaseMediaInfo {
  videoCodec?: string;
  audioCodec?: string;
  /** Channel layout as a number: 7.1, 5.1, 2.0 (written 2). */
  audioChannels?: number;
  /** Radarr's dynamic range names: "DV", "DV HDR10", "DV HDR10Plus", "HDR10", "HDR10Plus", "HLG", ... */
  hdrFormat?: string;
  is3D?: boolean;
}

/** Tried in order; the first that matches names the codec. */
const VIDEO_CODECS: readonly (readonly [RegExp, string])[] = [
  [/\bx[-. ]?265\b/i, "x265"],
  [/\b(?:h[-. ]?265|HEVC)\b/i, "h265"],
  [/\bh[-. ]?266\b|\bVVC\b/i, "h266"],
  [/\bx[-. ]?264\b/i, "x264"],
  [/\b(?:h[-. ]?264|AVC)\b/i, "h264"],
  [/\bAV1\b/i, "AV1"],
  [/\bVP9\b/i, "VP9"],
  [/\bX-?vid(?:HD)?\b|\bxvidvd\b/i, "XviD"],
  [/\bdivx\b/i, "DivX"],
  [/\bVC[-. ]?1\b/i, "VC1"],
  [/\bMPEG[-. ]?2\b/i, "MPEG2"],
];

/** Best format first, so a name listing a lossless track and its AC3 core reads lossless. */
const AUDIO_CODECS: readonly (readonly [RegExp, string])[] = [
  [/\bTrue[-. ]?HD\b/i, "TrueHD"],
  [/\bDTS[-. ]?X\b/i, "DTS-X"],
  [/\bDTS[-. ]?(?:HD[-. ]?)?MA\b|\bDTSHD[-. ]?MA\b/i, "DTS-HD MA"],
  [/\bDTS[-. ]?(?:HD[-. ]?)?(?:HRA?|HR)\b/i, "DTS-HD HRA"],
  [/\bDTS[-. ]?ES\b/i, "DTS-ES"],
  [/\bDTS(?:[-. ]?HD)?\b|\bDTS(?=\d)/i, "DTS"],
  [/\b(?:E-?AC-?3|DDP|DD\+)|\bDDP(?=\d)|\bEAC3D?\b/i, "EAC3"],
  [/\b(?:AC-?3D?|DD)(?=\b|\d)/i, "AC3"],
  [/\bFLAC/i, "FLAC"],
  [/\bL?PCM/i, "PCM"],
  [/\bAAC/i, "AAC"],
  [/\bOpus\b/i, "Opus"],
  [/\bMP3\b/i, "MP3"],
];

const ATMOS = /\bAtmos\b/i;
/** Channels written after a codec: "DD5.1", "AAC2.0", "DDP.5.1", "DTS-HD MA 7 1", "DD+7.1". */
const CHANNELS_AFTER_CODEC =
  /(?:DDP?|DD\+|E?AC-?3D?|AAC|DTS(?:[-. ]?HD)?(?:[-. ]?(?:MA|HRA?|X|ES))?|TrueHD|FLAC|Opus|L?PCM|Atmos)[. ]?(?<speakers>[1-9])[. ](?<lfe>[01])(?!\d)/i;
/** A bare "5.1" or "7.1" set off by separators, as in "[5.1]". */
const STANDALONE_CHANNELS = /(?<![\d.])(?<speakers>[1-9])\.(?<lfe>[01])(?![\d.]|\s*GB)/i;

const DOLBY_VISION_TAG = /\bDV\b/;
const DOLBY_VISION_WORDS = /\bDoVi\b|\bDolby[-. ]?Vision\b/i;
const HDR10_PLUS = /\bHDR10(?:\+|P(?:lus)?\b)/i;
const HDR10 = /\bHDR(?:10)?\b/i;
const HLG = /\bHLG(?:10)?\b/i;
const SDR = /\bSDR\b/i;
const PQ = /\bPQ10\b/i;
const THREE_D = /\b3D\b|\b(?:H-?SBS|Half-?SBS|H-?OU|Half-?OU|SBS)\b|\bBD3D\b|\b3D-?BD\b/i;

/**
 * The patterns as one regex, each a numbered group in list order: at any position the first
 * alternative that matches is the best pattern matching there, so one scan (resumed one character
 * past each match, so no overlapping match is skipped) finds the best pattern matching anywhere.
 */
interface NamedScan {
  regex: RegExp;
  names: readonly string[];
}

function namedScan(patterns: readonly (readonly [RegExp, string])[]): NamedScan {
  const source = patterns.map(([pattern]) => `(${pattern.source})`).join("|");
  // Group i must be pattern i: a capturing group inside a pattern would shift the numbering.
  if ((new RegExp(`${source}|`).exec("")?.length ?? 0) !== patterns.length + 1) {
    throw new Error("media info patterns must not contain capturing groups");
  }
  return { regex: new RegExp(source, "gi"), names: patterns.map(([, name]) => name) };
}

const VIDEO_CODEC_SCAN = namedScan(VIDEO_CODECS);
const AUDIO_CODEC_SCAN = namedScan(AUDIO_CODECS);

/** The name of the first pattern in the list that matches the text anywhere. */
function firstNamed({ regex, names }: NamedScan, text: string): string | undefined {
  let best = names.length;
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null && best > 0; match = regex.exec(text)) {
    for (let i = 0; i < best; i++) {
      if (match[i + 1] !== undefined) {
        best = i;
        break;
      }
    }
    regex.lastIndex = match.index + 1;
  }
  return best < names.length ? names[best] : undefined;
}

/** Every dynamic range tag below contains one of these; most names carry none. */
const MENTIONS_DYNAMIC_RANGE = /dv|dovi|dolby|hdr|hlg|pq10/i;

function parseHdrFormat(title: string): string | undefined {
  if (!MENTIONS_DYNAMIC_RANGE.test(title)) return undefined;
  // "DV" is upper case in release names; lower-case "dv" is a word or a file extension.
  const dolbyVision = DOLBY_VISION_TAG.test(title) || DOLBY_VISION_WORDS.test(title);
  const hdr10Plus = HDR10_PLUS.test(title);
  const hdr10 = HDR10.test(title);
  if (dolbyVision) {
    if (hdr10Plus) return "DV HDR10Plus";
    if (hdr10) return "DV HDR10";
    if (HLG.test(title)) return "DV HLG";
    if (SDR.test(title)) return "DV SDR";
    return "DV";
  }
  if (hdr10Plus) return "HDR10Plus";
  if (hdr10) return "HDR10";
  if (HLG.test(title)) return "HLG";
  if (PQ.test(title)) return "PQ";
  return undefined;
}

function parseAudioChannels(title: string): number | undefined {
  const groups = CHANNELS_AFTER_CODEC.exec(title)?.groups ?? STANDALONE_CHANNELS.exec(title)?.groups;
  if (!groups) return undefined;
  return Number(`${groups.speakers}.${groups.lfe}`);
}

export function parseMediaInfo(title: string): ReleaseMediaInfo {
  const info: ReleaseMediaInfo = {};
  const videoCodec = firstNamed(VIDEO_CODEC_SCAN, title);
  if (videoCodec) info.videoCodec = videoCodec;

  let audioCodec = firstNamed(AUDIO_CODEC_SCAN, title);
  if (audioCodec && (audioCodec === "TrueHD" || audioCodec === "EAC3") && ATMOS.test(title)) {
    audioCodec = `${audioCodec} Atmos`;
  }
  if (audioCodec) info.audioCodec = audioCodec;

  const audioChannels = parseAudioChannels(title);
  if (audioChannels !== undefined) info.audioChannels = audioChannels;

  const hdrFormat = parseHdrFormat(title);
  if (hdrFormat) info.hdrFormat = hdrFormat;

  if (THREE_D.test(title)) info.is3D = true;
  return info;
}
