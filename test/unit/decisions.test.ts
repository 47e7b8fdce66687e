import { describe, expect, test } from "vitest";
import { type CustomFormat, IndexerFlags } from "../../src/domain/customFormats";
import {
  DECISION_SPECIFICATIONS,
  type DecisionContext,
  type DecisionMovie,
  type DecisionProfile,
  type DecisionSettings,
  type ExistingMovieFile,
  evaluateReleases,
  type Release,
} from "../../src/domain/decisions";
import { Languages, parseMovieTitle } from "../../src/domain/parser";
import { DEFAULT_QUALITY_PROFILES } from "../../src/domain/quality/profiles";
import { Qualities } from "../../src/domain/quality/qualities";

const MB = 1024 * 1024;
const GB = 1024 * MB;
const NOW = Date.parse("2024-06-01T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function titleFormat(id: number, name: string, value: string): CustomFormat {
  return {
    id,
    name,
    includeCustomFormatWhenRenaming: false,
    specifications: [
      { name, implementation: "ReleaseTitleSpecification", negate: false, required: false, fields: { value } },
    ],
  };
}

const FORMATS: CustomFormat[] = [
  titleFormat(1, "HDR", "\\bHDR\\b"),
  titleFormat(2, "x265", "x265|HEVC"),
  {
    id: 3,
    name: "Freeleech",
    includeCustomFormatWhenRenaming: false,
    specifications: [
      {
        name: "Freeleech",
        implementation: "IndexerFlagSpecification",
        negate: false,
        required: false,
        fields: { value: IndexerFlags.freeleech },
      },
    ],
  },
];

/** Radarr's "HD - 720p/1080p" profile, cut off at Bluray-1080p, upgrades on, HDR 50, x265 20, Freeleech 5. */
const HD_PROFILE = (() => {
  const found = DEFAULT_QUALITY_PROFILES.find((p) => p.name === "HD - 720p/1080p");
  if (!found) throw new Error("profile missing");
  return found;
})();

interface ContextOverrides extends Partial<Omit<DecisionContext, "movie" | "profile" | "settings">> {
  movie?: Partial<DecisionMovie>;
  profile?: Partial<DecisionProfile>;
  settings?: Partial<DecisionSettings>;
}

function context(overrides: ContextOverrides = {}): DecisionContext {
  const { movie, profile, settings, ...rest } = overrides;
  return {
    movie: { id: 1, title: "Movie", year: 2022, runtime: 100, originalLanguage: Languages.English, ...movie },
    profile: {
      ...HD_PROFILE,
      upgradeAllowed: true,
      cutoff: Qualities.Bluray1080p.id,
      cutoffFormatScore: 100,
      minUpgradeFormatScore: 1,
      formatItems: [
        { format: 1, score: 50 },
        { format: 2, score: 20 },
        { format: 3, score: 5 },
      ],
      ...profile,
    },
    customFormats: FORMATS,
    settings: {
      minimumAgeMinutes: 0,
      retentionDays: 0,
      maximumSizeMb: 0,
      preferredProtocol: "torrent",
      downloadPropersAndRepacks: "preferAndUpgrade",
      ...settings,
    },
    now: NOW,
    ...rest,
  };
}

function release(title: string, overrides: Partial<Release> = {}): Release {
  return {
    title,
    size: 8 * GB,
    indexer: "Tracker",
    indexerId: 1,
    protocol: "torrent",
    publishDate: minutesAgo(2 * 24 * 60),
    seeders: 50,
    leechers: 5,
    ...overrides,
  };
}

function usenet(title: string, overrides: Partial<Release> = {}): Release {
  return release(title, {
    indexer: "Newznab",
    indexerId: 2,
    protocol: "usenet",
    seeders: null,
    leechers: null,
    ...overrides,
  });
}

/** The rejection one specification gives, or undefined when it accepts. */
function judge(specification: string, r: Release, ctx: DecisionContext = context()) {
  const rule = DECISION_SPECIFICATIONS.find((s) => s.name === specification);
  if (!rule) throw new Error(`no specification ${specification}`);
  return evaluateReleases([r], ctx, [rule])[0].rejections[0];
}

function reasons(r: Release, ctx: DecisionContext): string[] {
  return evaluateReleases([r], ctx)[0].rejections.map((x) => x.reason);
}

function file(title: string, extra: Partial<ExistingMovieFile> = {}): ExistingMovieFile {
  const parsed = parseMovieTitle(title);
  if (!parsed) throw new Error(`expected "${title}" to parse`);
  return {
    quality: { quality: parsed.quality.quality.id, revision: parsed.quality.revision },
    releaseGroup: parsed.releaseGroup,
    ...extra,
  };
}

const BLURAY_1080 = "Movie.2022.1080p.BluRay.x264-GRP";
const WEBDL_1080 = "Movie.2022.1080p.WEB-DL.x264-GRP";

describe("evaluateReleases", () => {
  test("a wanted release with nothing against it is accepted with its quality and formats", () => {
    const [decision] = evaluateReleases([release("Movie.2022.1080p.BluRay.HDR.x265-GRP")], context());
    expect(decision.accepted).toBe(true);
    expect(decision.rejections).toEqual([]);
    expect(decision.quality?.quality.name).toBe("Bluray-1080p");
    expect(decision.customFormats.map((f) => f.name)).toEqual(["HDR", "x265"]);
    expect(decision.customFormatScore).toBe(70);
  });

  test("every failing specification is listed, not just the first", () => {
    const [decision] = evaluateReleases(
      [release("Movie.2022.DVDRip.x264-GRP", { size: 10 * MB, seeders: 0 })],
      context(),
    );
    expect(decision.rejections.map((r) => r.specification)).toEqual(["qualityAllowedByProfile", "minimumSeeders"]);
  });

  test("rejections carry specification, reason, message and type", () => {
    const [decision] = evaluateReleases([release("Movie.2022.DVDRip.x264-GRP")], context());
    expect(decision.rejections[0]).toEqual({
      specification: "qualityAllowedByProfile",
      reason: "qualityNotWanted",
      message: "DVD is not wanted in profile",
      type: "permanent",
    });
  });

  test("a title that does not parse is rejected as unparsable", () => {
    const [decision] = evaluateReleases([release("abc")], context());
    expect(decision.accepted).toBe(false);
    expect(decision.rejections.map((r) => r.reason)).toEqual(["unableToParse"]);
  });

  test("a parsed title given with the release is used instead of parsing again", () => {
    const parsed = parseMovieTitle(BLURAY_1080);
    if (!parsed) throw new Error("parse");
    const [decision] = evaluateReleases([release("unparsable name", { parsed })], context());
    expect(decision.parsed).toBe(parsed);
    expect(decision.accepted).toBe(true);
  });

  test("decisions come back in input order", () => {
    const titles = [WEBDL_1080, BLURAY_1080, "Movie.2022.720p.HDTV.x264-GRP"];
    const decisions = evaluateReleases(
      titles.map((t) => release(t)),
      context(),
    );
    expect(decisions.map((d) => d.release.title)).toEqual(titles);
  });
});

describe("qualityAllowedByProfile", () => {
  test("accepts an allowed quality", () => {
    expect(judge("qualityAllowedByProfile", release(BLURAY_1080))).toBeUndefined();
  });

  test("accepts a quality allowed through its group", () => {
    expect(judge("qualityAllowedByProfile", release("Movie.2022.1080p.WEBRip.x264-GRP"))).toBeUndefined();
  });

  test("rejects a quality the profile does not allow", () => {
    expect(judge("qualityAllowedByProfile", release("Movie.2022.2160p.BluRay.x265-GRP"))).toMatchObject({
      reason: "qualityNotWanted",
      message: "Bluray-2160p is not wanted in profile",
    });
  });
});

describe("customFormatAllowedByProfile", () => {
  const ctx = context({ profile: { minFormatScore: 20 } });

  test("accepts a release reaching the minimum format score", () => {
    expect(judge("customFormatAllowedByProfile", release("Movie.2022.1080p.BluRay.x265-GRP"), ctx)).toBeUndefined();
  });

  test("rejects a release below the minimum format score, naming formats and scores", () => {
    const rejection = judge("customFormatAllowedByProfile", release("Movie.2022.1080p.BluRay.x264-GRP"), ctx);
    expect(rejection?.reason).toBe("belowMinimumFormatScore");
    expect(rejection?.message).toBe("Custom formats [none] have score 0 below the profile minimum 20");
  });
});

describe("languageWanted", () => {
  test("a release naming no language counts as the movie's original language", () => {
    expect(judge("languageWanted", release(BLURAY_1080))).toBeUndefined();
  });

  test("rejects a release in another language than the profile's", () => {
    const rejection = judge("languageWanted", release("Movie.2022.FRENCH.1080p.BluRay.x264-GRP"));
    expect(rejection?.reason).toBe("languageNotWanted");
    expect(rejection?.message).toBe("Language English wanted, but found French");
  });

  test("Original wants the movie's original language", () => {
    const ctx = context({ profile: { language: Languages.Original }, movie: { originalLanguage: Languages.French } });
    expect(judge("languageWanted", release("Movie.2022.FRENCH.1080p.BluRay.x264-GRP"), ctx)).toBeUndefined();
  });

  test("Any accepts every language", () => {
    const ctx = context({ profile: { language: Languages.Any } });
    expect(judge("languageWanted", release("Movie.2022.GERMAN.1080p.BluRay.x264-GRP"), ctx)).toBeUndefined();
  });
});

describe("acceptableSize", () => {
  // WEBDL-1080p allows at most 100 MB per minute: 10,000 MB for a 100-minute movie.
  test("accepts a size within the quality's limits", () => {
    expect(judge("acceptableSize", release(WEBDL_1080, { size: 8 * GB }))).toBeUndefined();
  });

  test("rejects a release larger than the quality allows for the runtime", () => {
    const rejection = judge("acceptableSize", release(WEBDL_1080, { size: 12 * GB }));
    expect(rejection?.reason).toBe("tooLarge");
    expect(rejection?.message).toBe("12.0 GB is larger than the maximum 9.8 GB for WEBDL-1080p (100 min)");
  });

  test("each quality's limit is stated for it when a batch has several", () => {
    const rule = DECISION_SPECIFICATIONS.filter((s) => s.name === "acceptableSize");
    const batch = [
      release(WEBDL_1080, { size: 12 * GB }),
      release("Movie.2022.720p.WEB-DL.x264-GRP", { size: 12 * GB }),
      release(WEBDL_1080, { size: 13 * GB }),
    ];
    expect(evaluateReleases(batch, context(), rule).map((d) => d.rejections[0]?.message)).toEqual([
      "12.0 GB is larger than the maximum 9.8 GB for WEBDL-1080p (100 min)",
      "12.0 GB is larger than the maximum 9.8 GB for WEBDL-720p (100 min)",
      "13.0 GB is larger than the maximum 9.8 GB for WEBDL-1080p (100 min)",
    ]);
  });

  test("rejects a release smaller than the quality's minimum", () => {
    const ctx = context({ qualityDefinitions: [{ quality: Qualities.WEBDL1080p, minSize: 20, maxSize: 100 }] });
    const rejection = judge("acceptableSize", release(WEBDL_1080, { size: 1 * GB }), ctx);
    expect(rejection?.reason).toBe("tooSmall");
  });

  test("assumes a 110-minute runtime when the movie has none", () => {
    // 10.5 GB exceeds 100 min × 100 MB but fits 110 min × 100 MB.
    const r = release(WEBDL_1080, { size: 10.5 * GB });
    expect(judge("acceptableSize", r)?.reason).toBe("tooLarge");
    expect(judge("acceptableSize", r, context({ movie: { runtime: 0 } }))).toBeUndefined();
  });

  test("accepts a release of unknown size", () => {
    expect(judge("acceptableSize", release(WEBDL_1080, { size: 0 }))).toBeUndefined();
  });

  test("accepts any size for a quality without a maximum", () => {
    expect(judge("acceptableSize", release(BLURAY_1080, { size: 60 * GB }))).toBeUndefined();
  });
});

describe("maximumSize", () => {
  const ctx = context({ settings: { maximumSizeMb: 5000 } });

  test("accepts a release under the maximum size setting", () => {
    expect(judge("maximumSize", release(BLURAY_1080, { size: 4 * GB }), ctx)).toBeUndefined();
  });

  test("rejects a release over the maximum size setting", () => {
    expect(judge("maximumSize", release(BLURAY_1080, { size: 6 * GB }), ctx)).toMatchObject({
      reason: "exceedsMaximumSize",
      message: "6.0 GB is larger than the maximum size setting of 4.9 GB",
    });
  });

  test("a maximum of 0 means unlimited", () => {
    expect(judge("maximumSize", release(BLURAY_1080, { size: 60 * GB }))).toBeUndefined();
  });
});

describe("minimumAge", () => {
  const ctx = context({ settings: { minimumAgeMinutes: 60 } });

  test("a Usenet post younger than the minimum age is rejected temporarily", () => {
    expect(judge("minimumAge", usenet(BLURAY_1080, { publishDate: minutesAgo(30) }), ctx)).toEqual({
      specification: "minimumAge",
      reason: "belowMinimumAge",
      message: "Only 30 minutes old, minimum age is 60 minutes",
      type: "temporary",
    });
  });

  test("a Usenet post older than the minimum age is accepted", () => {
    expect(judge("minimumAge", usenet(BLURAY_1080, { publishDate: minutesAgo(90) }), ctx)).toBeUndefined();
  });

  test("torrents are not held back", () => {
    expect(judge("minimumAge", release(BLURAY_1080, { publishDate: minutesAgo(5) }), ctx)).toBeUndefined();
  });
});

describe("retention", () => {
  const ctx = context({ settings: { retentionDays: 100 } });

  test("rejects a Usenet post older than retention", () => {
    expect(judge("retention", usenet(BLURAY_1080, { publishDate: minutesAgo(150 * 24 * 60) }), ctx)).toMatchObject({
      reason: "outsideRetention",
      message: "150 days old, older than the retention of 100 days",
    });
  });

  test("accepts a Usenet post within retention", () => {
    expect(judge("retention", usenet(BLURAY_1080, { publishDate: minutesAgo(50 * 24 * 60) }), ctx)).toBeUndefined();
  });

  test("torrents have no retention", () => {
    expect(judge("retention", release(BLURAY_1080, { publishDate: minutesAgo(500 * 24 * 60) }), ctx)).toBeUndefined();
  });
});

describe("sample", () => {
  test("rejects a small release named as a sample", () => {
    expect(judge("sample", release("Movie.2022.1080p.BluRay.x264-GRP.sample", { size: 50 * MB }))?.reason).toBe(
      "sample",
    );
  });

  test("accepts a large release even when named as a sample", () => {
    expect(judge("sample", release("Movie.2022.1080p.BluRay.x264-GRP.sample", { size: 500 * MB }))).toBeUndefined();
  });

  test("accepts a small release not named as a sample", () => {
    expect(judge("sample", release(BLURAY_1080, { size: 50 * MB }))).toBeUndefined();
  });
});

describe("minimumSeeders", () => {
  test("rejects a torrent below Radarr's default minimum of one seeder", () => {
    expect(judge("minimumSeeders", release(BLURAY_1080, { seeders: 0 }))).toMatchObject({
      reason: "notEnoughSeeders",
      message: "Not enough seeders: 0. Minimum seeders: 1",
    });
  });

  test("uses the indexer's own minimum", () => {
    const ctx = context({ settings: { indexers: { 1: { minimumSeeders: 5 } } } });
    expect(judge("minimumSeeders", release(BLURAY_1080, { seeders: 3 }), ctx)?.reason).toBe("notEnoughSeeders");
  });

  test("accepts a torrent with enough seeders", () => {
    expect(judge("minimumSeeders", release(BLURAY_1080, { seeders: 1 }))).toBeUndefined();
  });

  test("accepts a torrent whose seeders are unknown", () => {
    expect(judge("minimumSeeders", release(BLURAY_1080, { seeders: null }))).toBeUndefined();
  });

  test("does not apply to Usenet", () => {
    expect(judge("minimumSeeders", usenet(BLURAY_1080, { seeders: 0 }))).toBeUndefined();
  });
});

describe("requiredIndexerFlags", () => {
  const ctx = context({
    settings: { indexers: { 1: { requiredFlags: [IndexerFlags.freeleech, IndexerFlags.internal] } } },
  });

  test("accepts a release carrying one of the required flags", () => {
    expect(
      judge("requiredIndexerFlags", release(BLURAY_1080, { indexerFlags: IndexerFlags.internal }), ctx),
    ).toBeUndefined();
  });

  test("rejects a release with none of the required flags, naming wanted and found flags", () => {
    expect(
      judge("requiredIndexerFlags", release(BLURAY_1080, { indexerFlags: IndexerFlags.halfleech }), ctx),
    ).toMatchObject({
      reason: "missingRequiredIndexerFlags",
      message: "None of the required indexer flags freeleech, internal were found. Found flags: halfleech",
    });
  });

  test("accepts anything from an indexer that requires no flags", () => {
    expect(judge("requiredIndexerFlags", release(BLURAY_1080, { indexerId: 7 }), ctx)).toBeUndefined();
  });
});

describe("blocklisted", () => {
  const ctx = context({
    blocklist: [
      { title: BLURAY_1080, indexer: "Tracker", protocol: "torrent", infoHash: "ABCDEF0123" },
      { title: WEBDL_1080, indexer: "Newznab", protocol: "usenet" },
    ],
  });

  test("rejects a torrent by its info hash, ignoring case", () => {
    expect(
      judge("blocklisted", release("Other.Name.2022.1080p.BluRay.x264-GRP", { infoHash: "abcdef0123" }), ctx),
    ).toMatchObject({ reason: "blocklisted" });
  });

  test("a torrent with a different info hash is not blocklisted by its title", () => {
    expect(judge("blocklisted", release(BLURAY_1080, { infoHash: "999" }), ctx)).toBeUndefined();
  });

  test("rejects a Usenet release by title and indexer", () => {
    expect(judge("blocklisted", usenet(WEBDL_1080), ctx)?.reason).toBe("blocklisted");
  });

  test("the same title from another indexer is not blocklisted", () => {
    expect(judge("blocklisted", usenet(WEBDL_1080, { indexer: "OtherIndexer" }), ctx)).toBeUndefined();
  });

  test("a torrent without an info hash is matched by title and indexer", () => {
    expect(judge("blocklisted", release(BLURAY_1080), ctx)?.reason).toBe("blocklisted");
  });
});

describe("alreadyInQueue", () => {
  const queued = (title: string, extra = {}) => {
    const f = file(title);
    return { title, quality: f.quality, ...extra };
  };

  test("rejects when a queued release already meets the cutoff", () => {
    const ctx = context({ queue: [queued(BLURAY_1080, { customFormatScore: 100 })] });
    expect(judge("alreadyInQueue", release(BLURAY_1080), ctx)?.reason).toBe("queuedReleaseMeetsCutoff");
  });

  test("rejects a release no better than the queued one", () => {
    const ctx = context({ queue: [queued(WEBDL_1080)] });
    expect(judge("alreadyInQueue", release("Movie.2022.720p.BluRay.x264-GRP"), ctx)).toMatchObject({
      reason: "queuedReleaseIsEqualOrBetter",
    });
  });

  test("accepts a release better than the queued one", () => {
    const ctx = context({ queue: [queued(WEBDL_1080)] });
    expect(judge("alreadyInQueue", release(BLURAY_1080), ctx)).toBeUndefined();
  });

  test("computes a queued release's format score from its title when not given", () => {
    // The queued HDR x265 release scores 70; the same quality without formats is no improvement.
    const ctx = context({ queue: [queued("Movie.2022.1080p.WEB-DL.HDR.x265-GRP")] });
    expect(judge("alreadyInQueue", release(WEBDL_1080), ctx)?.reason).toBe("queuedReleaseIsEqualOrBetter");
  });

  test("ignores a failed download awaiting removal", () => {
    const ctx = context({
      queue: [queued(BLURAY_1080, { customFormatScore: 100, trackedDownloadState: "failedPending" })],
    });
    expect(judge("alreadyInQueue", release(BLURAY_1080), ctx)).toBeUndefined();
  });

  test("rejects an upgrade of the queued release when the profile does not allow upgrades", () => {
    const ctx = context({
      profile: { upgradeAllowed: false, minFormatScore: 10 },
      queue: [queued(WEBDL_1080, { customFormatScore: 0 })],
    });
    expect(judge("alreadyInQueue", release("Movie.2022.1080p.WEB-DL.x265-GRP"), ctx)?.reason).toBe(
      "queuedAndUpgradesNotAllowed",
    );
  });
});

describe("notAvailableOnStreaming", () => {
  test("accepts when no streaming hook is configured", () => {
    expect(judge("notAvailableOnStreaming", release(BLURAY_1080))).toBeUndefined();
  });

  test("rejects when the movie streams on a subscribed service, naming it", () => {
    const ctx = context({ streamingAvailability: () => ({ service: "Netflix" }) });
    expect(judge("notAvailableOnStreaming", release(BLURAY_1080), ctx)).toMatchObject({
      reason: "availableOnStreaming",
      message: "Available to stream on Netflix, a service you subscribe to",
    });
  });

  test("accepts when the hook finds no subscribed service", () => {
    const ctx = context({ streamingAvailability: () => null });
    expect(judge("notAvailableOnStreaming", release(BLURAY_1080), ctx)).toBeUndefined();
  });

  test("asks the hook once per batch, with the movie", () => {
    const asked: unknown[] = [];
    const ctx = context({
      streamingAvailability: (movie) => {
        asked.push(movie.id);
        return null;
      },
    });
    evaluateReleases([release(BLURAY_1080), release(WEBDL_1080), release(BLURAY_1080)], ctx);
    expect(asked).toEqual([1]);
  });
});

describe("upgrades over the existing file", () => {
  test("with no file every upgrade rule accepts", () => {
    expect(reasons(release("Movie.2022.720p.HDTV.x264-GRP"), context())).toEqual([]);
  });

  test("a better quality below the cutoff is an upgrade", () => {
    const ctx = context({ movie: { movieFile: file("Movie.2022.720p.WEB-DL.x264-GRP") } });
    expect(reasons(release(WEBDL_1080), ctx)).toEqual([]);
  });

  test("a worse quality is not an upgrade", () => {
    const ctx = context({ movie: { movieFile: file(WEBDL_1080) } });
    const [decision] = evaluateReleases([release("Movie.2022.720p.BluRay.x264-GRP")], ctx);
    expect(decision.rejections.map((r) => r.reason)).toEqual(["existingFileHasBetterQuality"]);
    expect(decision.rejections[0].message).toContain("WEBDL-1080p v1");
  });

  test("a quality tied with the file (same group) and no better score is not an upgrade", () => {
    const ctx = context({ movie: { movieFile: file(WEBDL_1080) } });
    expect(reasons(release("Movie.2022.1080p.WEBRip.x264-GRP"), ctx)).toEqual([
      "existingFileHasEqualOrHigherFormatScore",
    ]);
  });

  test("at the quality cutoff, a better format score is still an upgrade while below the cutoff score", () => {
    const ctx = context({ movie: { movieFile: file(BLURAY_1080, { customFormatScore: 0 }) } });
    expect(reasons(release("Movie.2022.1080p.BluRay.HDR.x264-GRP"), ctx)).toEqual([]);
  });

  test("at the quality cutoff and the cutoff score, nothing is an upgrade", () => {
    const ctx = context({ movie: { movieFile: file(BLURAY_1080, { customFormatScore: 100 }) } });
    expect(reasons(release("Movie.2022.1080p.BluRay.HDR.x265-GRP"), ctx)).toEqual([
      "existingFileMeetsFormatScoreCutoff",
      "cutoffMet",
    ]);
  });

  test("the cutoff rejection names the cutoff, the file's quality and scores", () => {
    const ctx = context({ movie: { movieFile: file(BLURAY_1080, { customFormatScore: 100 }) } });
    expect(judge("cutoffNotMet", release(BLURAY_1080), ctx)?.message).toBe(
      "Existing file meets cutoff Bluray-1080p: Bluray-1080p v1 with format score 100 (cutoff score 100)",
    );
  });

  test("a file below the cutoff score is not at the cutoff even at the cutoff quality", () => {
    const ctx = context({ movie: { movieFile: file(BLURAY_1080, { customFormatScore: 99 }) } });
    expect(judge("cutoffNotMet", release(BLURAY_1080), ctx)).toBeUndefined();
  });

  test("a file below the cutoff quality is not at the cutoff even at the cutoff score", () => {
    const ctx = context({ movie: { movieFile: file(WEBDL_1080, { customFormatScore: 200 }) } });
    expect(judge("cutoffNotMet", release(BLURAY_1080), ctx)).toBeUndefined();
  });

  test("a format score gain below the minimum upgrade score is not an upgrade", () => {
    const ctx = context({
      profile: { minUpgradeFormatScore: 30 },
      movie: { movieFile: file(WEBDL_1080, { customFormatScore: 0 }) },
    });
    expect(reasons(release("Movie.2022.1080p.WEB-DL.x265-GRP"), ctx)).toEqual(["formatScoreGainBelowMinimumUpgrade"]);
  });

  test("a format score gain reaching the minimum upgrade score is an upgrade", () => {
    const ctx = context({
      profile: { minUpgradeFormatScore: 30 },
      movie: { movieFile: file(WEBDL_1080, { customFormatScore: 0 }) },
    });
    expect(reasons(release("Movie.2022.1080p.WEB-DL.HDR-GRP"), ctx)).toEqual([]);
  });

  test("the file's score is computed from its scene name when not given", () => {
    const ctx = context({ movie: { movieFile: file(WEBDL_1080, { sceneName: "Movie.2022.1080p.WEB-DL.HDR-GRP" }) } });
    expect(reasons(release("Movie.2022.1080p.WEB-DL.x265-GRP"), ctx)).toEqual([
      "existingFileHasEqualOrHigherFormatScore",
    ]);
  });

  test("with upgrades off, an existing file is never upgraded", () => {
    const ctx = context({
      profile: { upgradeAllowed: false },
      movie: { movieFile: file("Movie.2022.720p.HDTV.x264-GRP") },
    });
    // Past the (first allowed) cutoff only a format score gain could count, and there is none.
    expect(reasons(release(BLURAY_1080), ctx)).toEqual([
      "upgradesNotAllowed",
      "existingFileHasEqualOrHigherFormatScore",
      "cutoffMet",
    ]);
  });

  test("with upgrades off, a file below the minimum format score is not at the cutoff, yet still not upgraded", () => {
    const ctx = context({
      profile: { upgradeAllowed: false, minFormatScore: 0 },
      movie: { movieFile: file(WEBDL_1080, { customFormatScore: -10 }) },
    });
    expect(reasons(release(WEBDL_1080), ctx)).toEqual(["upgradesNotAllowed"]);
  });
});

describe("propers and repacks", () => {
  const atCutoff = { movieFile: file(BLURAY_1080, { customFormatScore: 100 }) };
  const PROPER = "Movie.2022.PROPER.1080p.BluRay.x264-GRP";
  const REPACK = "Movie.2022.REPACK.1080p.BluRay.x264-GRP";

  test("prefer and upgrade: a proper of the file's quality is grabbed even at the cutoff", () => {
    const ctx = context({ movie: atCutoff });
    expect(reasons(release(PROPER), ctx)).toEqual([]);
  });

  test("prefer and upgrade: a non-proper of a proper file is a revision downgrade", () => {
    const ctx = context({ movie: { movieFile: file(PROPER) } });
    expect(reasons(release("Movie.2022.1080p.BluRay.HDR.x264-GRP"), ctx)).toContain("existingFileHasBetterRevision");
  });

  test("do not upgrade: a proper of the file's quality is refused", () => {
    const ctx = context({ movie: atCutoff, settings: { downloadPropersAndRepacks: "doNotUpgrade" } });
    expect(reasons(release(PROPER), ctx)).toEqual(["properUpgradesDisabled"]);
  });

  test("do not prefer: a proper is judged like any release, so the cutoff holds", () => {
    const ctx = context({ movie: atCutoff, settings: { downloadPropersAndRepacks: "doNotPrefer" } });
    expect(reasons(release(PROPER), ctx)).toEqual(["existingFileMeetsFormatScoreCutoff", "cutoffMet"]);
  });

  test("do not prefer: a revision downgrade with a better format score is an upgrade", () => {
    const ctx = context({
      movie: { movieFile: file("Movie.2022.PROPER.1080p.WEB-DL.x264-GRP") },
      settings: { downloadPropersAndRepacks: "doNotPrefer" },
    });
    expect(reasons(release("Movie.2022.1080p.WEB-DL.HDR-GRP"), ctx)).toEqual([]);
  });

  test("prefer and upgrade: a repack from the file's group is grabbed", () => {
    const ctx = context({ movie: atCutoff });
    expect(reasons(release(REPACK), ctx)).toEqual([]);
  });

  test("prefer and upgrade: a repack from another group is refused", () => {
    const ctx = context({ movie: atCutoff });
    expect(judge("repack", release("Movie.2022.REPACK.1080p.BluRay.x264-OTHER"), ctx)).toMatchObject({
      reason: "repackForDifferentGroup",
      message: "Release is a repack for a different release group. Release group: OTHER. File release group: GRP",
    });
  });

  test("a repack is refused when the file's group is unknown", () => {
    const ctx = context({ movie: { movieFile: file(BLURAY_1080, { releaseGroup: "" }) } });
    expect(judge("repack", release(REPACK), ctx)?.reason).toBe("unknownFileReleaseGroup");
  });

  test("do not upgrade: a repack of the file's quality is refused", () => {
    const ctx = context({ movie: atCutoff, settings: { downloadPropersAndRepacks: "doNotUpgrade" } });
    expect(reasons(release(REPACK), ctx)).toEqual(["repackUpgradesDisabled"]);
  });

  test("do not prefer: the repack rule stands aside", () => {
    const ctx = context({ movie: atCutoff, settings: { downloadPropersAndRepacks: "doNotPrefer" } });
    expect(judge("repack", release("Movie.2022.REPACK.1080p.BluRay.x264-OTHER"), ctx)).toBeUndefined();
  });

  test("a repack of a different quality is not a revision upgrade and the repack rule stands aside", () => {
    const ctx = context({ movie: { movieFile: file(WEBDL_1080) } });
    expect(judge("repack", release("Movie.2022.REPACK.1080p.BluRay.x264-OTHER"), ctx)).toBeUndefined();
  });
});

describe("specification list", () => {
  test("every specification has a unique camelCase name and a rejection type", () => {
    const names = DECISION_SPECIFICATIONS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of DECISION_SPECIFICATIONS) {
      expect(s.name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(["permanent", "temporary"]).toContain(s.type);
    }
  });
});
