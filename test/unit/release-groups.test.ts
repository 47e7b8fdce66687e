import { describe, expect, test } from "vitest";
import {
  CONFIDENCE_PRIOR_RELEASES,
  confidenceOf,
  GROUP_FACTOR_WEIGHTS,
  GROUP_FACTORS,
  type GroupObservation,
  groupsToCsv,
  scoreGroup,
  scoreGroups,
  tierOf,
} from "../../src/domain/analysis/releaseGroups";
import type { DecisionContext, ReleaseDecision } from "../../src/domain/decisions";
import { rankReleases } from "../../src/domain/decisions";

const NOW = Date.parse("2025-06-01T00:00:00Z");
const GB = 1024 ** 3;
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

const observation = (overrides: Partial<GroupObservation> = {}): GroupObservation => ({
  releaseGroup: "GRP",
  qualityId: 7, // Bluray-1080p
  size: 10 * GB,
  seeders: 50,
  leechers: 1,
  timesCompleted: 300,
  internal: true,
  exclusive: false,
  uploadedAt: daysAgo(10),
  runtime: 120,
  ...overrides,
});

// Bluray-1080p: 50–400 MB per minute, preferred 95 (≈ 11 GB for two hours).
const limits = (qualityId: number) => (qualityId === 7 ? { minSize: 50, maxSize: 400, preferredSize: 95 } : undefined);

describe("group reputation", () => {
  test("the weights add up to 100", () => {
    expect(GROUP_FACTORS.reduce((sum, f) => sum + GROUP_FACTOR_WEIGHTS[f], 0)).toBe(100);
  });

  test("a prolific, well-seeded internal group with steady sizes scores high and is elite", () => {
    const list = Array.from({ length: 120 }, (_, i) => observation({ size: (10 + (i % 3) * 0.2) * GB }));
    const reputation = scoreGroup("GRP", list, { now: NOW, sizeLimits: limits });
    expect(reputation.score).toBeGreaterThanOrEqual(85);
    expect(reputation.tier).toBe("elite");
    expect(reputation.factors.internalShare).toBe(1);
    expect(reputation.factors.volume).toBe(1);
    expect(reputation.factors.sizeConsistency).toBeGreaterThan(0.95);
    expect(reputation.factors.sizeFit).toBeGreaterThan(0.9);
  });

  test("each factor moves the score the way it should", () => {
    const base = Array.from({ length: 10 }, () => observation());
    const score = (list: GroupObservation[]) => scoreGroup("GRP", list, { now: NOW, sizeLimits: limits }).score;
    const reference = score(base);
    expect(score(base.map((o) => ({ ...o, seeders: 1, leechers: 40 })))).toBeLessThan(reference);
    expect(score(base.map((o) => ({ ...o, internal: false })))).toBeLessThan(reference);
    expect(score(base.map((o) => ({ ...o, timesCompleted: 1, leechers: 30 })))).toBeLessThan(reference);
    expect(score(base.map((o, i) => ({ ...o, size: (i % 2 ? 4 : 20) * GB })))).toBeLessThan(reference);
    expect(score(base.map((o) => ({ ...o, uploadedAt: daysAgo(2000) })))).toBeLessThan(reference);
    expect(score(base.slice(0, 3))).toBeLessThan(reference);
    // 60 GB for two hours is far over Bluray-1080p's 400 MB a minute.
    expect(score(base.map((o) => ({ ...o, size: 60 * GB })))).toBeLessThan(reference);
  });

  test("recency fades with the newest upload's age", () => {
    const fresh = scoreGroup("A", [observation({ uploadedAt: daysAgo(0) })], { now: NOW });
    const yearOld = scoreGroup("A", [observation({ uploadedAt: daysAgo(365) })], { now: NOW });
    expect(fresh.factors.recency).toBe(1);
    expect(yearOld.factors.recency).toBeCloseTo(Math.exp(-1), 2);
  });

  test("without runtimes or size limits, size fit is neutral rather than a penalty", () => {
    const reputation = scoreGroup("A", [observation({ runtime: 0 })], { now: NOW, sizeLimits: limits });
    expect(reputation.factors.sizeFit).toBe(0.5);
  });

  test("tiers: too few releases is unproven whatever the score", () => {
    expect(tierOf(95, 2)).toBe("unproven");
    expect(tierOf(95, 3)).toBe("elite");
    expect(tierOf(70, 10)).toBe("trusted");
    expect(tierOf(50, 10)).toBe("established");
    expect(tierOf(30, 10)).toBe("mixed");
    expect(tierOf(10, 10)).toBe("poor");
  });

  test("groups are collected case-insensitively, nameless releases left out, best first", () => {
    const groups = scoreGroups(
      [
        observation({ releaseGroup: "good" }),
        observation({ releaseGroup: "GOOD" }),
        observation({ releaseGroup: "Bad", seeders: 0, leechers: 20, internal: false, timesCompleted: 0 }),
        observation({ releaseGroup: "" }),
      ],
      { now: NOW },
    );
    expect(groups.map((g) => [g.group, g.releases])).toEqual([
      ["GOOD", 2],
      ["BAD", 1],
    ]);
  });

  test("CSV has a header, one row per group, and defuses formula-like names", () => {
    const csv = groupsToCsv(scoreGroups([observation({ releaseGroup: "=HYPERLINK" })], { now: NOW }));
    const [header, row, end] = csv.split("\r\n");
    expect(header.split(",").slice(0, 4)).toEqual(["group", "score", "tier", "releases"]);
    expect(header.split(",")).toEqual(expect.arrayContaining([...GROUP_FACTORS]));
    expect(row.startsWith("'=HYPERLINK,")).toBe(true);
    expect(end).toBe("");
  });
});

describe("confidence", () => {
  test("grows with the sample as n / (n + 10), never reaching 1; it does not move the score", () => {
    expect(CONFIDENCE_PRIOR_RELEASES).toBe(10);
    expect([0, 1, 10, 30, 90, 1000].map(confidenceOf)).toEqual([0, 0.091, 0.5, 0.75, 0.9, 0.99]);
    const few = scoreGroup("GRP", [observation()], { now: NOW });
    const many = scoreGroup(
      "GRP",
      Array.from({ length: 30 }, () => observation()),
      { now: NOW },
    );
    expect(few).toMatchObject({ releases: 1, confidence: 0.091 });
    expect(many).toMatchObject({ releases: 30, confidence: 0.75 });
    expect(groupsToCsv([many]).split("\r\n")[1].split(",").slice(3, 5)).toEqual(["30", "0.75"]);
  });

  test("scores 45,000 observations well inside a queue chunk (the analyzer's full two-year collection)", () => {
    const groups = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"];
    const observations = Array.from({ length: 45_000 }, (_, i) =>
      observation({ releaseGroup: groups[i % groups.length], size: (8 + (i % 7)) * GB, uploadedAt: daysAgo(i % 730) }),
    );
    const started = performance.now();
    const scored = scoreGroups(observations, { now: NOW });
    const ms = performance.now() - started;
    console.log(`scored 45,000 observations in ${Math.round(ms)} ms`);
    expect(scored).toHaveLength(groups.length);
    expect(scored.every((g) => g.releases > 3000)).toBe(true);
    expect(ms).toBeLessThan(4_000);
  });
});

describe("the ranking bonus", () => {
  const context: DecisionContext = {
    movie: { year: 1999, runtime: 0 },
    profile: {
      upgradeAllowed: false,
      cutoff: 7,
      items: [{ quality: 7, items: [], allowed: true }],
      minFormatScore: 0,
      cutoffFormatScore: 0,
      minUpgradeFormatScore: 1,
      formatItems: [],
    },
    customFormats: [],
    settings: {
      minimumAgeMinutes: 0,
      retentionDays: 0,
      maximumSizeMb: 0,
      preferredProtocol: "torrent",
      downloadPropersAndRepacks: "preferAndUpgrade",
    },
  };
  const decision = (guid: string, group: string): ReleaseDecision => ({
    release: {
      guid,
      title: `Movie.1999.1080p.BluRay.x264-${group}`,
      size: 8 * GB,
      indexer: "x",
      indexerId: 1,
      protocol: "torrent",
      seeders: 20,
    },
    parsed: { releaseGroup: group, quality: { quality: { id: 7 }, revision: { version: 1, real: 0 } } } as never,
    quality: { quality: { id: 7, name: "Bluray-1080p" }, revision: { version: 1, real: 0, isRepack: false } } as never,
    languages: [],
    customFormats: [],
    customFormatScore: 0,
    accepted: true,
    rejections: [],
  });

  test("a reputable group wins a tie that size would otherwise leave to input order", () => {
    const decisions = [decision("plain", "NOBODY"), decision("known", "ELITE")];
    expect(rankReleases(decisions, context).map((d) => d.release.guid)).toEqual(["plain", "known"]);
    const ranked = rankReleases(decisions, { ...context, releaseGroupBonus: (g) => (g === "ELITE" ? 4 : 0) });
    expect(ranked.map((d) => d.release.guid)).toEqual(["known", "plain"]);
    expect(ranked[0].decidedBy).toBe("releaseGroup");
  });

  test("rejected decisions follow the accepted ones when asked for", () => {
    const rejected = { ...decision("rejected", "X"), accepted: false };
    const ranked = rankReleases([rejected, decision("ok", "Y")], context, { includeRejected: true });
    expect(ranked.map((d) => [d.release.guid, d.rank])).toEqual([
      ["ok", 1],
      ["rejected", 2],
    ]);
    expect(ranked[0].decidedBy).toBeNull();
  });
});
