import { describe, expect, test } from "vitest";
import {
  DECISION_SPECIFICATIONS,
  type DecisionContext,
  evaluateReleases,
  prepareDecisionContext,
  type Release,
  remainingDelay,
  termMatcher,
} from "../../src/domain/decisions";
import { DEFAULT_QUALITY_PROFILES } from "../../src/domain/quality/profiles";
import { Qualities } from "../../src/domain/quality/qualities";

/** The release profile rule, the protocol rule and the delay (Radarr's DelaySpecification), pure. */

const NOW = Date.parse("2024-06-01T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const HD = DEFAULT_QUALITY_PROFILES.find((p) => p.name === "HD - 720p/1080p");
if (!HD) throw new Error("profile missing");

function context(extra: Partial<DecisionContext> = {}): DecisionContext {
  return {
    movie: { id: 1, title: "Movie", year: 2022, runtime: 100 },
    profile: { ...HD, upgradeAllowed: true, cutoff: Qualities.Bluray1080p.id } as DecisionContext["profile"],
    customFormats: [],
    settings: {
      minimumAgeMinutes: 0,
      retentionDays: 0,
      maximumSizeMb: 0,
      preferredProtocol: "usenet",
      downloadPropersAndRepacks: "preferAndUpgrade",
    },
    now: NOW,
    ...extra,
  };
}

const release = (title: string, extra: Partial<Release> = {}): Release => ({
  title,
  size: 4 * 1024 ** 3,
  indexer: "Tracker",
  indexerId: 1,
  protocol: "torrent",
  publishDate: minutesAgo(30),
  seeders: 20,
  ...extra,
});

function judge(name: string, r: Release, ctx: DecisionContext) {
  const rule = DECISION_SPECIFICATIONS.find((s) => s.name === name);
  if (!rule) throw new Error(`no specification ${name}`);
  return evaluateReleases([r], ctx, [rule])[0].rejections[0];
}

const TITLE = "Movie.2022.1080p.WEB-DL.x264-GRP";

describe("release restrictions", () => {
  test("a required term must be present, an ignored one absent, case-insensitively or as /regex/", () => {
    const profiles = (required: string[], ignored: string[] = [], indexerId = 0) => ({
      releaseProfiles: [{ required, ignored, indexerId }],
    });
    expect(judge("releaseRestrictions", release(TITLE), context(profiles(["X264"])))).toBeUndefined();
    expect(judge("releaseRestrictions", release(TITLE), context(profiles(["/web-?dl/i"])))).toBeUndefined();
    expect(judge("releaseRestrictions", release(TITLE), context(profiles(["/WEB-dl/"])))).toMatchObject({
      reason: "mustContainMissing",
      message: "Does not contain one of the required terms: /WEB-dl/",
      type: "permanent",
    });
    expect(judge("releaseRestrictions", release(TITLE), context(profiles([], ["grp", "hdr"])))).toMatchObject({
      reason: "mustNotContainPresent",
      message: "Contains these ignored terms: grp",
    });
    // A profile for another indexer does not apply.
    expect(judge("releaseRestrictions", release(TITLE), context(profiles(["HEVC"], [], 2)))).toBeUndefined();
    expect(judge("releaseRestrictions", release(TITLE), context(profiles(["HEVC"], [], 1)))).toBeDefined();
  });

  test("terms: /regex/ with flags, invalid modifiers refused", () => {
    expect(termMatcher("/\\bx264\\b/")("a.x264.b")).toBe(true);
    expect(termMatcher("remux")("Movie.REMUX")).toBe(true);
    expect(() => termMatcher("/x/q")).toThrow(/modifier/);
  });
});

describe("protocol and delay", () => {
  const delayProfile = {
    enableUsenet: true,
    enableTorrent: false,
    preferredProtocol: "usenet" as const,
    usenetDelay: 0,
    torrentDelay: 60,
    bypassIfHighestQuality: false,
    bypassIfAboveCustomFormatScore: false,
    minimumCustomFormatScore: 0,
  };

  test("a protocol the movie's delay profile disables is rejected", () => {
    expect(judge("protocolEnabled", release(TITLE), context({ delayProfile }))).toMatchObject({
      reason: "protocolDisabled",
      message: "Torrent is not enabled for this movie",
    });
    expect(judge("protocolEnabled", release(TITLE, { protocol: "usenet" }), context({ delayProfile }))).toBeUndefined();
  });

  test("a release waits until it is as old as its protocol's delay, unless a bypass applies", () => {
    const ctx = prepareDecisionContext(context());
    const decide = (r: Release) => evaluateReleases([r], context())[0];
    const young = decide(release(TITLE, { publishDate: minutesAgo(20) }));
    expect(remainingDelay(young, ctx, delayProfile, null)).toBeCloseTo(40);
    expect(remainingDelay(decide(release(TITLE, { publishDate: minutesAgo(90) })), ctx, delayProfile, null)).toBe(0);
    // The movie's oldest pending release waited longer than the delay: no more waiting.
    expect(remainingDelay(young, ctx, delayProfile, 61)).toBe(0);
    // Usenet has no delay.
    const usenet = decide(release(TITLE, { protocol: "usenet", publishDate: minutesAgo(1) }));
    expect(remainingDelay(usenet, ctx, { ...delayProfile, torrentDelay: 0, usenetDelay: 0 }, null)).toBe(0);
    // Bypasses count for the preferred protocol only.
    const torrentFirst = { ...delayProfile, preferredProtocol: "torrent" as const };
    const best = decide(release("Movie.2022.1080p.BluRay.REMUX-GRP", { publishDate: minutesAgo(1) }));
    expect(remainingDelay(best, ctx, { ...torrentFirst, bypassIfHighestQuality: true }, null)).toBe(0);
    expect(remainingDelay(best, ctx, { ...delayProfile, bypassIfHighestQuality: true }, null)).toBeGreaterThan(0);
    expect(remainingDelay(young, ctx, { ...torrentFirst, bypassIfAboveCustomFormatScore: true }, null)).toBe(0);
    expect(
      remainingDelay(
        young,
        ctx,
        { ...torrentFirst, bypassIfAboveCustomFormatScore: true, minimumCustomFormatScore: 10 },
        null,
      ),
    ).toBeGreaterThan(0);
  });
});
