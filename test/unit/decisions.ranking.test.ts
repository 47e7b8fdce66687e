import { describe, expect, test } from "vitest";
import { type CustomFormat, IndexerFlags } from "../../src/domain/customFormats";
import {
  type DecisionContext,
  type DecisionSettings,
  evaluateReleases,
  type Release,
  rankReleases,
} from "../../src/domain/decisions";
import { Languages } from "../../src/domain/parser";
import { DEFAULT_QUALITY_PROFILES } from "../../src/domain/quality/profiles";
import { Qualities } from "../../src/domain/quality/qualities";

const MB = 1024 * 1024;
const GB = 1024 * MB;
const NOW = Date.parse("2024-06-01T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

const HDR: CustomFormat = {
  id: 1,
  name: "HDR",
  includeCustomFormatWhenRenaming: false,
  specifications: [
    {
      name: "HDR",
      implementation: "ReleaseTitleSpecification",
      negate: false,
      required: false,
      fields: { value: "HDR" },
    },
  ],
};

const PROFILE = (() => {
  const found = DEFAULT_QUALITY_PROFILES.find((p) => p.name === "HD - 720p/1080p");
  if (!found) throw new Error("profile missing");
  return found;
})();

function context(settings: Partial<DecisionSettings> = {}, extra: Partial<DecisionContext> = {}): DecisionContext {
  return {
    movie: { id: 1, year: 2022, runtime: 100, originalLanguage: Languages.English },
    profile: {
      ...PROFILE,
      upgradeAllowed: true,
      cutoff: Qualities.Bluray1080p.id,
      formatItems: [{ format: 1, score: 50 }],
    },
    customFormats: [HDR],
    settings: {
      minimumAgeMinutes: 0,
      retentionDays: 0,
      maximumSizeMb: 0,
      preferredProtocol: "torrent",
      downloadPropersAndRepacks: "preferAndUpgrade",
      ...settings,
    },
    now: NOW,
    ...extra,
  };
}

function torrent(title: string, overrides: Partial<Release> = {}): Release {
  return {
    title,
    size: 8 * GB,
    indexer: "Tracker",
    indexerId: 1,
    protocol: "torrent",
    publishDate: hoursAgo(48),
    seeders: 50,
    leechers: 5,
    ...overrides,
  };
}

function nzb(title: string, overrides: Partial<Release> = {}): Release {
  return torrent(title, {
    protocol: "usenet",
    indexer: "Newznab",
    indexerId: 2,
    seeders: null,
    leechers: null,
    ...overrides,
  });
}

/** Evaluates and ranks the releases. */
function ranked(releases: Release[], ctx: DecisionContext = context()) {
  return rankReleases(evaluateReleases(releases, ctx), ctx);
}

function order(releases: Release[], ctx: DecisionContext = context()): (string | undefined)[] {
  return ranked(releases, ctx).map((d) => d.release.guid);
}

const BLURAY = "Movie.2022.1080p.BluRay.x264-GRP";
const WEBDL = "Movie.2022.1080p.WEB-DL.x264-GRP";

describe("rankReleases", () => {
  test("a better quality ranks first even with a lower format score", () => {
    const releases = [
      torrent("Movie.2022.1080p.WEB-DL.HDR.x264-GRP", { guid: "web-hdr" }),
      torrent(BLURAY, { guid: "bluray" }),
    ];
    expect(order(releases)).toEqual(["bluray", "web-hdr"]);
  });

  test("within one quality, the higher format score ranks first", () => {
    const releases = [
      torrent(BLURAY, { guid: "plain" }),
      torrent("Movie.2022.1080p.BluRay.HDR.x264-GRP", { guid: "hdr" }),
    ];
    expect(order(releases)).toEqual(["hdr", "plain"]);
  });

  test("qualities in one group tie, leaving the decision to later keys", () => {
    const releases = [
      torrent(WEBDL, { guid: "webdl", seeders: 5 }),
      torrent("Movie.2022.1080p.WEBRip.x264-GRP", { guid: "webrip", seeders: 500 }),
    ];
    const result = ranked(releases);
    expect(result.map((d) => d.release.guid)).toEqual(["webrip", "webdl"]);
    expect(result[0].decidedBy).toBe("seeders");
  });

  test("with propers preferred, a proper ranks above the original", () => {
    const releases = [
      torrent(BLURAY, { guid: "v1" }),
      torrent("Movie.2022.PROPER.1080p.BluRay.x264-GRP", { guid: "v2" }),
    ];
    expect(order(releases)).toEqual(["v2", "v1"]);
  });

  test("with propers not preferred, the revision does not rank", () => {
    const releases = [
      torrent(BLURAY, { guid: "v1" }),
      torrent("Movie.2022.PROPER.1080p.BluRay.x264-GRP", { guid: "v2" }),
    ];
    const result = ranked(releases, context({ downloadPropersAndRepacks: "doNotPrefer" }));
    expect(result.map((d) => d.release.guid)).toEqual(["v1", "v2"]);
    expect(result[0].rankingKeys.revision).toBeNull();
  });

  test("the preferred protocol ranks first at equal quality and score", () => {
    const releases = [nzb(BLURAY, { guid: "usenet" }), torrent(BLURAY, { guid: "torrent" })];
    expect(order(releases)).toEqual(["torrent", "usenet"]);
    expect(order(releases, context({ preferredProtocol: "usenet" }))).toEqual(["usenet", "torrent"]);
  });

  test("the indexer with the lower priority number ranks first", () => {
    const releases = [
      torrent(BLURAY, { guid: "low", indexerPriority: 40 }),
      torrent(BLURAY, { guid: "high", indexerPriority: 10 }),
    ];
    expect(order(releases)).toEqual(["high", "low"]);
  });

  test("torrents with more seeders (by order of magnitude) rank first", () => {
    const releases = [torrent(BLURAY, { guid: "few", seeders: 3 }), torrent(BLURAY, { guid: "many", seeders: 300 })];
    expect(order(releases)).toEqual(["many", "few"]);
  });

  test("seeder counts of the same magnitude tie", () => {
    const releases = [torrent(BLURAY, { guid: "40", seeders: 40 }), torrent(BLURAY, { guid: "60", seeders: 60 })];
    const result = ranked(releases);
    expect(result.map((d) => d.release.guid)).toEqual(["40", "60"]);
    expect(result[0].rankingKeys.seeders).toBe(result[1].rankingKeys.seeders);
  });

  test("newer Usenet posts rank first", () => {
    const releases = [
      nzb(BLURAY, { guid: "old", publishDate: hoursAgo(24 * 30) }),
      nzb(BLURAY, { guid: "new", publishDate: hoursAgo(0.5) }),
    ];
    const result = ranked(releases);
    expect(result.map((d) => d.release.guid)).toEqual(["new", "old"]);
    expect(result[0].decidedBy).toBe("age");
  });

  test("the size closest to the preferred size ranks first", () => {
    // Preferred 50 MB per minute × 100 minutes ≈ 4.9 GB.
    const ctx = context(
      {},
      { qualityDefinitions: [{ quality: Qualities.Bluray1080p, minSize: 0, maxSize: null, preferredSize: 50 }] },
    );
    const releases = [torrent(BLURAY, { guid: "big", size: 12 * GB }), torrent(BLURAY, { guid: "near", size: 5 * GB })];
    const result = ranked(releases, ctx);
    expect(result.map((d) => d.release.guid)).toEqual(["near", "big"]);
    expect(result[0].decidedBy).toBe("size");
  });

  test("without a preferred size the larger release ranks first", () => {
    const releases = [
      torrent(BLURAY, { guid: "small", size: 4 * GB }),
      torrent(BLURAY, { guid: "large", size: 9 * GB }),
    ];
    expect(order(releases)).toEqual(["large", "small"]);
  });

  test("freeleech breaks an otherwise full tie", () => {
    const releases = [
      torrent(BLURAY, { guid: "paid" }),
      torrent(BLURAY, { guid: "free", indexerFlags: IndexerFlags.freeleech }),
    ];
    const result = ranked(releases);
    expect(result.map((d) => d.release.guid)).toEqual(["free", "paid"]);
    expect(result[0].decidedBy).toBe("indexerFlags");
  });

  test("freeleech does not outrank more seeders by default", () => {
    const releases = [
      torrent(BLURAY, { guid: "free", seeders: 5, indexerFlags: IndexerFlags.freeleech }),
      torrent(BLURAY, { guid: "seeded", seeders: 500 }),
    ];
    expect(order(releases)).toEqual(["seeded", "free"]);
  });

  test("with indexer flags preferred, freeleech outranks more seeders", () => {
    const releases = [
      torrent(BLURAY, { guid: "free", seeders: 5, indexerFlags: IndexerFlags.freeleech }),
      torrent(BLURAY, { guid: "seeded", seeders: 500 }),
    ];
    expect(order(releases, context({ preferIndexerFlags: true }))).toEqual(["free", "seeded"]);
  });

  test("rejected releases are left out", () => {
    const releases = [torrent("Movie.2022.DVDRip.x264-GRP", { guid: "dvd" }), torrent(BLURAY, { guid: "bluray" })];
    expect(order(releases)).toEqual(["bluray"]);
  });

  test("ranks are numbered from 1 and the last release has no deciding key", () => {
    const result = ranked([
      torrent(WEBDL, { guid: "a" }),
      torrent(BLURAY, { guid: "b" }),
      torrent(BLURAY, { guid: "c", seeders: 1 }),
    ]);
    expect(result.map((d) => [d.release.guid, d.rank, d.decidedBy])).toEqual([
      ["b", 1, "seeders"],
      ["c", 2, "quality"],
      ["a", 3, null],
    ]);
  });

  test("each ranked decision carries the keys it was compared by", () => {
    const [best] = ranked([torrent("Movie.2022.1080p.BluRay.HDR.x264-GRP", { seeders: 120, leechers: 30 })]);
    expect(best.rankingKeys).toMatchObject({
      customFormatScore: 50,
      preferredProtocol: true,
      indexerPriority: 25,
      seeders: 2,
      peers: 2,
      age: null,
      revision: { version: 1, real: 0 },
    });
  });
});
