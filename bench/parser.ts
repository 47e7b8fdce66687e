/**
 * Parser benchmark: accuracy per corpus kind and names/second for our parser and for
 * @ctrl/video-filename-parser (a TypeScript Radarr-style parser) on the same corpus, same run.
 */
import { filenameParse, parseQuality as peerParseQuality } from "@ctrl/video-filename-parser";
import { parseMovieTitle } from "../src/domain/parser";
import { CHECKS, CORE_KINDS, CORPUS_FILES, type CorpusCase, readCorpus } from "../test/corpus/corpus";

type Check = (name: string, expected: string) => boolean;

// The peer reports editions as flags; these are the names Radarr gives the same editions.
const PEER_EDITION_NAMES: Record<string, string> = {
  extended: "Extended",
  directors: "Director's Cut",
  theatrical: "Theatrical",
  unrated: "Unrated",
  uncut: "Uncut",
  remastered: "Remastered",
  imax: "IMAX",
  criterion: "Criterion",
  limited: "Limited",
  fanEdit: "Fan Edit",
};

function peerQualityName(name: string): string {
  const q = peerParseQuality(name);
  const res = q.resolution ? Number.parseInt(q.resolution, 10) : 0;
  const source = q.sources[0];
  if (q.modifier === "BRDISK") return "BR-DISK";
  if (q.modifier === "RAWHD") return "Raw-HD";
  if (q.modifier === "REMUX") return res >= 2160 ? "Remux-2160p" : res >= 1080 ? "Remux-1080p" : "Bluray-720p";
  switch (source) {
    case "BLURAY":
      return `Bluray-${res || 720}p`;
    case "WEBDL":
      return `WEBDL-${res || 480}p`;
    case "WEBRIP":
      return `WEBRip-${res || 480}p`;
    case "TV":
      return res >= 720 ? `HDTV-${res}p` : "SDTV";
    case "DVD":
      return "DVD";
    case "SCREENER":
      return "DVDSCR";
    case "CAM":
    case "TELESYNC":
    case "TELECINE":
    case "WORKPRINT":
      return source;
    default:
      return res >= 720 ? `HDTV-${res}p` : res > 0 ? "SDTV" : "Unknown";
  }
}

/** The peer's answer for each kind it can express; other kinds count as not supported. */
const PEER_CHECKS: Record<string, Check> = {
  title: (name, expected) => filenameParse(name, false).title === expected,
  year: (name, expected) => Number(filenameParse(name, false).year ?? 0) === Number(expected),
  edition: (name, expected) => {
    const flags = Object.entries(filenameParse(name, false).edition ?? {})
      .filter(([flag, on]) => on && PEER_EDITION_NAMES[flag])
      .map(([flag]) => PEER_EDITION_NAMES[flag]);
    return flags.join(" ") === expected;
  },
  group: (name, expected) => (filenameParse(name, false).group ?? "") === expected,
  quality: (name, expected) => peerQualityName(name) === expected,
  proper: (name, expected) => (peerParseQuality(name).revision.version === 2) === (expected === "true"),
  revision_version: (name, expected) => peerParseQuality(name).revision.version === Number(expected),
  revision_real: (name, expected) => peerParseQuality(name).revision.real === Number(expected),
  resolution: (name, expected) => Number.parseInt(peerParseQuality(name).resolution ?? "0", 10) === Number(expected),
  languages_exact: (name, expected) => {
    const found = filenameParse(name, false).languages;
    const wanted = expected.split(",");
    return found.length === wanted.length && wanted.every((l) => found.includes(l as never));
  },
  language_contains: (name, expected) => filenameParse(name, false).languages.includes(expected as never),
  path_title: (name, expected) => filenameParse(name.split(/[\\/]/).at(-1) ?? name, false).title === expected,
};

function accuracy(check: Check | undefined, cases: CorpusCase[]): number | null {
  if (!check) return null;
  let passed = 0;
  for (const c of cases) {
    try {
      if (check(c.name, c.expected)) passed++;
    } catch {
      // A throw is a wrong answer.
    }
  }
  return passed / cases.length;
}

function namesPerSecond(parse: (name: string) => unknown, names: string[], minimumMs = 1500): number {
  for (const n of names) parse(n);
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < minimumMs) {
    for (const n of names) parse(n);
    count += names.length;
  }
  return Math.round(count / ((performance.now() - started) / 1000));
}

export interface ParserBenchResult {
  kinds: { kind: string; cases: number; core: boolean; ours: number; peer: number | null }[];
  oursNamesPerSecond: number;
  peerNamesPerSecond: number;
}

export function runParserBench(): ParserBenchResult {
  const cases = CORPUS_FILES.flatMap((f) => readCorpus(f));
  const kinds = [...new Set(cases.map((c) => c.kind))];
  const rows = kinds.map((kind) => {
    const ofKind = cases.filter((c) => c.kind === kind);
    return {
      kind,
      cases: ofKind.length,
      core: CORE_KINDS.has(kind),
      ours: accuracy(CHECKS[kind], ofKind) ?? 0,
      peer: accuracy(PEER_CHECKS[kind], ofKind),
    };
  });
  const names = [...new Set(cases.map((c) => c.name))];
  return {
    kinds: rows,
    oursNamesPerSecond: namesPerSecond((n) => parseMovieTitle(n), names),
    peerNamesPerSecond: namesPerSecond((n) => filenameParse(n, false), names),
  };
}
