/**
 * Decision engine benchmark: 10,000 releases for one movie judged against a profile scoring 25
 * custom formats, then ranked. Deterministic inputs; times are the median of several runs.
 */
import { type CustomFormat, DEFAULT_CUSTOM_FORMATS } from "../src/domain/customFormats";
import { type DecisionContext, evaluateReleases, type Release, rankReleases } from "../src/domain/decisions";
import { DEFAULT_QUALITY_PROFILES } from "../src/domain/quality/profiles";

const RELEASES = 10_000;
const FORMATS = 25;

const QUALITIES = [
  "2160p.UHD.BluRay.REMUX",
  "1080p.BluRay",
  "1080p.WEB-DL",
  "1080p.WEBRip",
  "720p.BluRay",
  "720p.HDTV",
  "2160p.WEB-DL",
  "DVDRip",
  "480p.WEB-DL",
  "1080p.BluRay.REMUX",
];
const CODECS = ["x264", "x265", "HEVC", "AVC", "H.264"];
const AUDIO = ["DTS-HD.MA.7.1", "TrueHD.Atmos.7.1", "DDP5.1", "AAC2.0", "AC3.5.1", "FLAC"];
const EXTRAS = ["", "PROPER", "REPACK", "HDR", "DV.HDR10", "IMAX", "Extended", "MULTI", "INTERNAL", "German.DL"];
const GROUPS = [
  "FraMeSToR",
  "SPARKS",
  "NTb",
  "FLUX",
  "HiFi",
  "CtrlHD",
  "playBD",
  "EVO",
  "YIFY",
  "RARBG",
  "TEPES",
  "DON",
];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function releases(): Release[] {
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const out: Release[] = [];
  for (let i = 0; i < RELEASES; i++) {
    const extra = pick(EXTRAS);
    const title =
      ["The.Matrix.1999", extra, pick(QUALITIES), pick(AUDIO), pick(CODECS)].filter(Boolean).join(".") +
      `-${pick(GROUPS)}`;
    const torrent = random() < 0.6;
    out.push({
      guid: `r${i}`,
      title,
      size: Math.floor((1 + random() * 60) * 1e9),
      indexer: torrent ? "Torznab" : "Newznab",
      indexerId: torrent ? 1 : 2,
      protocol: torrent ? "torrent" : "usenet",
      publishDate: new Date(Date.UTC(2026, 0, 1) - Math.floor(random() * 2000) * 86_400_000).toISOString(),
      seeders: torrent ? Math.floor(random() * 500) : null,
      indexerFlags: random() < 0.2 ? 1 : 0,
    });
  }
  return out;
}

/** The default formats plus release-title formats up to 25, each scored in the profile. */
function formats(): CustomFormat[] {
  const extra = [
    "\\bDTS-HD\\b",
    "\\bTrueHD\\b",
    "\\bFLAC\\b",
    "\\bAAC\\b",
    "\\bIMAX\\b",
    "\\bExtended\\b",
    "\\bREPACK\\b",
    "\\bPROPER\\b",
    "\\b(FLUX|NTb)\\b",
    "\\b(YIFY|RARBG)\\b",
    "\\bDDP5\\.1\\b",
    "\\bAC3\\b",
    "\\bGerman\\b",
    "\\bHEVC\\b",
    "\\bAVC\\b",
    "\\bUHD\\b",
  ];
  const all: CustomFormat[] = DEFAULT_CUSTOM_FORMATS.map((f, i) => ({ ...f, id: i + 1 }));
  for (const pattern of extra) {
    if (all.length >= FORMATS) break;
    all.push({
      id: all.length + 1,
      name: `Title ${pattern}`,
      includeCustomFormatWhenRenaming: false,
      specifications: [
        {
          name: pattern,
          implementation: "ReleaseTitleSpecification",
          negate: false,
          required: false,
          fields: { value: pattern },
        },
      ],
    });
  }
  return all.slice(0, FORMATS);
}

export interface DecisionBenchResult {
  releases: number;
  customFormats: number;
  accepted: number;
  evaluateMs: number;
  rankMs: number;
  totalMs: number;
}

function benchContext() {
  const list = releases();
  const customFormats = formats();
  const profile = DEFAULT_QUALITY_PROFILES.find((p) => p.name === "Any");
  if (!profile) throw new Error("no Any profile");
  const context: DecisionContext = {
    movie: {
      id: 1,
      title: "The Matrix",
      year: 1999,
      runtime: 136,
      originalLanguage: { id: 1, name: "English" },
      movieFile: null,
    },
    profile: { ...profile, formatItems: customFormats.map((f, i) => ({ format: f.id, score: (i % 7) * 10 - 10 })) },
    customFormats,
    settings: {
      minimumAgeMinutes: 0,
      retentionDays: 0,
      maximumSizeMb: 0,
      preferredProtocol: "usenet",
      downloadPropersAndRepacks: "preferAndUpgrade",
    },
    now: Date.UTC(2026, 0, 2),
  };
  return { list, context };
}

export function runDecisionBench(runs = 5): DecisionBenchResult {
  const { list, context } = benchContext();
  const evaluateTimes: number[] = [];
  const rankTimes: number[] = [];
  let accepted = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const decisions = evaluateReleases(list, context);
    const t1 = performance.now();
    const ranked = rankReleases(decisions, context);
    const t2 = performance.now();
    evaluateTimes.push(t1 - t0);
    rankTimes.push(t2 - t1);
    accepted = ranked.length;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const evaluateMs = Math.round(median(evaluateTimes));
  const rankMs = Math.round(median(rankTimes));
  return {
    releases: RELEASES,
    customFormats: context.customFormats.length,
    accepted,
    evaluateMs,
    rankMs,
    totalMs: evaluateMs + rankMs,
  };
}
