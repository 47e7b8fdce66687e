import { describe, expect, test } from "vitest";
import {
  type CustomFormat,
  type CustomFormatInput,
  type CustomFormatSpecification,
  compileDotNetRegex,
  customFormatSchema,
  customFormatScore,
  DEFAULT_CUSTOM_FORMATS,
  fromCustomFormatResource,
  IndexerFlags,
  matchCustomFormats,
  SPECIFICATION_DEFINITIONS,
  toCustomFormatResource,
  validateCustomFormat,
} from "../../src/domain/customFormats";
import { Languages, parseMovieTitle } from "../../src/domain/parser";

const GB = 1024 ** 3;

function input(title: string, extra: Partial<Omit<CustomFormatInput, "parsed" | "releaseTitle">> = {}) {
  const parsed = parseMovieTitle(title);
  if (!parsed) throw new Error(`expected "${title}" to parse`);
  return { parsed, releaseTitle: title, ...extra };
}

function spec(
  implementation: string,
  fields: Record<string, unknown>,
  options: Partial<Pick<CustomFormatSpecification, "negate" | "required" | "name">> = {},
): CustomFormatSpecification {
  return { name: options.name ?? implementation, implementation, negate: false, required: false, fields, ...options };
}

let nextId = 1;
function format(name: string, ...specifications: CustomFormatSpecification[]): CustomFormat {
  return { id: nextId++, name, includeCustomFormatWhenRenaming: false, specifications };
}

function matches(f: CustomFormat, i: CustomFormatInput): boolean {
  return matchCustomFormats([f], i).length === 1;
}

const BLURAY = "Movie.2022.1080p.BluRay.x264-GRP";

describe("release title specification", () => {
  const x265 = format("x265", spec("ReleaseTitleSpecification", { value: "[xh]\\.?265|HEVC" }));

  test("matches a pattern in the title", () => {
    expect(matches(x265, input("Movie.2022.1080p.BluRay.x265-GRP"))).toBe(true);
  });

  test("matches regardless of case", () => {
    expect(matches(x265, input("Movie.2022.1080p.BluRay.hevc-GRP"))).toBe(true);
  });

  test("does not match a title without the pattern", () => {
    expect(matches(x265, input(BLURAY))).toBe(false);
  });
});

describe("whole-word release title patterns", () => {
  const title = (name: string, value: string) => format(name, spec("ReleaseTitleSpecification", { value }));
  // One profile, so the words share one scan of each title.
  const formats = [
    title("Multi", String.raw`\bMULTI\b`),
    title("Groups", String.raw`\b(FLUX|NTb)\b`),
    title("DTS", String.raw`\bDTS\b`),
    title("DTS-HD", String.raw`\b(?:DTSHD|DTS)\b`),
    title("Not a word pattern", String.raw`\bHDR(10)?\b`),
  ];
  const names = (name: string, extra: Partial<CustomFormatInput> = {}) =>
    matchCustomFormats(formats, { ...input(name), ...extra }).map((f) => f.name);

  test.each([
    ["Movie.2022.MULTI.1080p.BluRay.x264-NTb", ["Groups", "Multi"]],
    ["Movie.2022.multi.1080p.BluRay.DTS.x264-flux", ["DTS", "DTS-HD", "Groups", "Multi"]],
    ["Movie.2022.MULTIPLE.1080p.BluRay.DTSHD.x264-FLUXX", ["DTS-HD"]],
    ["Movie.2022.1080p.BluRay.HDR10.x264-GRP", ["Not a word pattern"]],
  ])("%s matches %j", (name, expected) => {
    expect(names(name)).toEqual(expected);
  });

  test("the title as parsed is read too when it differs", () => {
    expect(names("Movie.2022.1080p.BluRay.x264-FLUX.mkv", { releaseTitle: "Movie 2022 GRP" })).toEqual(["Groups"]);
  });
});

describe("edition specification", () => {
  const cut = format("Director's Cut", spec("EditionSpecification", { value: "Director'?s.?Cut" }));

  test("matches the parsed edition", () => {
    expect(matches(cut, input("Movie.2022.Directors.Cut.1080p.BluRay.x264-GRP"))).toBe(true);
  });

  test("does not match a release without an edition", () => {
    expect(matches(cut, input(BLURAY))).toBe(false);
  });
});

describe("release group specification", () => {
  const group = format("Good group", spec("ReleaseGroupSpecification", { value: "^(GRP|TEAM)$" }));

  test("matches the parsed group", () => {
    expect(matches(group, input(BLURAY))).toBe(true);
  });

  test("does not match another group", () => {
    expect(matches(group, input("Movie.2022.1080p.BluRay.x264-GRPX"))).toBe(false);
  });
});

describe("language specification", () => {
  const french = format("French", spec("LanguageSpecification", { value: Languages.French.id }));
  const original = format("Original", spec("LanguageSpecification", { value: Languages.Original.id }));
  const notEnglish = format(
    "Not only English",
    spec("LanguageSpecification", { value: Languages.English.id, exceptLanguage: true }),
  );
  const frenchMovie = { year: 2022, originalLanguage: Languages.French };
  const englishMovie = { year: 2022, originalLanguage: Languages.English };

  test("matches a release in the language", () => {
    expect(matches(french, input("Movie.2022.FRENCH.1080p.BluRay.x264-GRP"))).toBe(true);
  });

  test("does not match a release in another language", () => {
    expect(matches(french, input("Movie.2022.GERMAN.1080p.BluRay.x264-GRP"))).toBe(false);
  });

  test("Original matches the movie's original language", () => {
    expect(matches(original, input("Movie.2022.FRENCH.1080p.BluRay.x264-GRP", { movie: frenchMovie }))).toBe(true);
  });

  test("Original does not match another language", () => {
    expect(matches(original, input("Movie.2022.FRENCH.1080p.BluRay.x264-GRP", { movie: englishMovie }))).toBe(false);
  });

  test("a release naming no language counts as the movie's original language", () => {
    expect(matches(french, input(BLURAY, { movie: frenchMovie }))).toBe(true);
  });

  test("a dual-language (DL) release carries the original language", () => {
    const dl = input("Movie.2022.GERMAN.DL.1080p.BluRay.x264-GRP", { movie: frenchMovie });
    expect(matches(french, dl)).toBe(true);
  });

  test("except language matches a release with any other language", () => {
    expect(matches(notEnglish, input("Movie.2022.FRENCH.1080p.BluRay.x264-GRP"))).toBe(true);
  });

  test("except language does not match a release only in that language", () => {
    expect(matches(notEnglish, input(BLURAY, { movie: englishMovie }))).toBe(false);
  });
});

describe("indexer flag specification", () => {
  const freeleech = format("Freeleech", spec("IndexerFlagSpecification", { value: IndexerFlags.freeleech }));

  test("matches when the flag is set among others", () => {
    expect(matches(freeleech, input(BLURAY, { indexerFlags: IndexerFlags.freeleech | IndexerFlags.internal }))).toBe(
      true,
    );
  });

  test("does not match when the flag is not set", () => {
    expect(matches(freeleech, input(BLURAY, { indexerFlags: IndexerFlags.halfleech }))).toBe(false);
  });

  test("does not match when the indexer reported no flags", () => {
    expect(matches(freeleech, input(BLURAY))).toBe(false);
  });
});

describe("quality specifications", () => {
  test("source matches Radarr's Source value of the parsed quality", () => {
    const bluray = format("Bluray", spec("SourceSpecification", { value: 9 }));
    expect(matches(bluray, input(BLURAY))).toBe(true);
    expect(matches(bluray, input("Movie.2022.1080p.WEB-DL.x264-GRP"))).toBe(false);
  });

  test("source accepts the value sent as a string", () => {
    const webdl = format("WEB-DL", spec("SourceSpecification", { value: "7" }));
    expect(matches(webdl, input("Movie.2022.1080p.WEB-DL.x264-GRP"))).toBe(true);
  });

  test("resolution matches the parsed resolution", () => {
    const uhd = format("2160p", spec("ResolutionSpecification", { value: 2160 }));
    expect(matches(uhd, input("Movie.2022.2160p.WEB-DL.x265-GRP"))).toBe(true);
    expect(matches(uhd, input(BLURAY))).toBe(false);
  });

  test("quality modifier matches a remux", () => {
    const remux = format("Remux", spec("QualityModifierSpecification", { value: 5 }));
    expect(matches(remux, input("Movie.2022.1080p.BluRay.REMUX.AVC-GRP"))).toBe(true);
    expect(matches(remux, input(BLURAY))).toBe(false);
  });
});

describe("size specification", () => {
  const midSize = format("1-10 GB", spec("SizeSpecification", { min: 1, max: 10 }));

  test("matches a size inside the range", () => {
    expect(matches(midSize, input(BLURAY, { size: 5 * GB }))).toBe(true);
  });

  test("excludes the minimum and includes the maximum, as Radarr does", () => {
    expect(matches(midSize, input(BLURAY, { size: 1 * GB }))).toBe(false);
    expect(matches(midSize, input(BLURAY, { size: 10 * GB }))).toBe(true);
  });

  test("does not match an unknown size", () => {
    expect(matches(midSize, input(BLURAY))).toBe(false);
  });
});

describe("year specification", () => {
  const noughties = format("2000s", spec("YearSpecification", { min: 2000, max: 2009 }));

  test("matches a parsed year inside the range", () => {
    expect(matches(noughties, input("Movie.2005.1080p.BluRay.x264-GRP"))).toBe(true);
  });

  test("does not match a year outside the range", () => {
    expect(matches(noughties, input(BLURAY))).toBe(false);
  });

  test("matches the range bounds", () => {
    expect(matches(noughties, input("Movie.2000.1080p.BluRay.x264-GRP"))).toBe(true);
    expect(matches(noughties, input("Movie.2009.1080p.BluRay.x264-GRP"))).toBe(true);
  });
});

describe("matching semantics", () => {
  const title = (value: string, options = {}) => spec("ReleaseTitleSpecification", { value }, options);
  const resolution = (value: number, options = {}) => spec("ResolutionSpecification", { value }, options);

  test("negate inverts a specification", () => {
    const notX265 = format("Not x265", title("x265", { negate: true }));
    expect(matches(notX265, input(BLURAY))).toBe(true);
    expect(matches(notX265, input("Movie.2022.1080p.BluRay.x265-GRP"))).toBe(false);
  });

  test("specifications of one kind match when any of them matches", () => {
    const hdr = format("HDR", title("\\bHDR\\b"), title("\\bDV\\b"));
    expect(matches(hdr, input("Movie.2022.2160p.WEB-DL.DV.x265-GRP"))).toBe(true);
  });

  test("specifications of different kinds must all match", () => {
    const uhdX265 = format("UHD x265", title("x265"), resolution(2160));
    expect(matches(uhdX265, input("Movie.2022.1080p.BluRay.x265-GRP"))).toBe(false);
    expect(matches(uhdX265, input("Movie.2022.2160p.BluRay.x265-GRP"))).toBe(true);
  });

  test("a failing required specification fails the format even when another of its kind matches", () => {
    const strict = format("Strict", title("x265"), title("\\bHDR\\b", { required: true }));
    expect(matches(strict, input("Movie.2022.2160p.BluRay.x265-GRP"))).toBe(false);
    expect(matches(strict, input("Movie.2022.2160p.BluRay.HDR.x265-GRP"))).toBe(true);
  });

  test("a negated required specification fails the format when its condition holds", () => {
    const noRemux = format(
      "WEB, never remux",
      title("WEB"),
      spec("QualityModifierSpecification", { value: 5 }, { negate: true, required: true }),
    );
    expect(matches(noRemux, input("Movie.2022.1080p.BluRay.REMUX.AVC-GRP"))).toBe(false);
  });

  test("a group where no specification matches fails the format", () => {
    const either = format("Either", title("x265"), title("HEVC"));
    expect(matches(either, input(BLURAY))).toBe(false);
  });

  test("an invalid format never matches, even negated", () => {
    const broken = format("Broken", title("(unclosed", { negate: true }));
    expect(matchCustomFormats([broken], input(BLURAY))).toEqual([]);
  });

  test("formats sharing a condition each apply their own negation to it", () => {
    const x265 = format("x265", title("x265"));
    const notX265 = format("Not x265", title("x265", { negate: true }));
    expect(matchCustomFormats([x265, notX265], input("Movie.2022.1080p.BluRay.x265-GRP")).map((f) => f.name)).toEqual([
      "x265",
    ]);
  });

  test("matched formats come back ordered by name", () => {
    const b = format("B", title("BluRay"));
    const a = format("A", title("x264"));
    expect(matchCustomFormats([b, a], input(BLURAY)).map((f) => f.name)).toEqual(["A", "B"]);
  });
});

describe("custom format score", () => {
  test("sums the profile's scores of the matched formats", () => {
    const matched = [{ id: 1 }, { id: 2 }];
    expect(
      customFormatScore(
        [
          { format: 1, score: 10 },
          { format: 2, score: -3 },
          { format: 3, score: 100 },
        ],
        matched,
      ),
    ).toBe(7);
  });

  test("formats the profile does not score add nothing", () => {
    expect(customFormatScore([{ format: 1, score: 10 }], [{ id: 9 }])).toBe(0);
  });
});

describe(".NET regular expressions", () => {
  test("an inline (?i) option is dropped, matching stays case-insensitive", () => {
    const compiled = compileDotNetRegex("(?i)\\bremux\\b");
    expect(compiled.ok && compiled.regex.test("Movie.REMUX")).toBe(true);
  });

  test("\\A and \\Z anchors become ^ and $", () => {
    const compiled = compileDotNetRegex("\\AMovie.*GRP\\Z");
    expect(compiled.ok && compiled.regex.test(BLURAY)).toBe(true);
  });

  test("atomic groups and quoted group names are converted", () => {
    const compiled = compileDotNetRegex("(?>x26(?'v'[45]))");
    expect(compiled.ok && compiled.regex.exec(BLURAY)?.groups?.v).toBe("4");
  });

  test("Unicode blocks become script properties", () => {
    const compiled = compileDotNetRegex("\\p{IsCyrillic}");
    expect(compiled.ok && compiled.regex.test("Фильм")).toBe(true);
  });

  test("character class subtraction is reported, not mis-matched", () => {
    expect(compileDotNetRegex("[a-z-[aeiou]]").ok).toBe(false);
  });

  test("an unbalanced pattern is an error", () => {
    const compiled = compileDotNetRegex("(x265");
    expect(compiled.ok).toBe(false);
  });
});

describe("validation", () => {
  const valid = format("x265", spec("ReleaseTitleSpecification", { value: "x265" }));

  test("a valid format has no problems", () => {
    expect(validateCustomFormat(valid)).toEqual([]);
  });

  test("a name is required", () => {
    expect(validateCustomFormat({ ...valid, name: " " })).toEqual([
      { path: "name", message: "a custom format needs a name" },
    ]);
  });

  test("at least one specification is required", () => {
    expect(validateCustomFormat({ ...valid, specifications: [] }).map((p) => p.path)).toEqual(["specifications"]);
  });

  test("an invalid regular expression names its field path", () => {
    const problems = validateCustomFormat(
      format("Bad", spec("ReleaseTitleSpecification", { value: "x265" }), spec("EditionSpecification", { value: "(" })),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe("specifications.1.fields.value");
    expect(problems[0].message).toMatch(/invalid regular expression/);
  });

  test("an empty regular expression is rejected", () => {
    expect(validateCustomFormat(format("Empty", spec("ReleaseGroupSpecification", { value: "" })))[0].path).toBe(
      "specifications.0.fields.value",
    );
  });

  test("an unknown implementation is named", () => {
    const problems = validateCustomFormat(format("Odd", spec("PreferredWordSpecification", { value: "x" })));
    expect(problems).toEqual([
      { path: "specifications.0.implementation", message: 'unknown implementation "PreferredWordSpecification"' },
    ]);
  });

  test("an option value outside Radarr's enum is rejected", () => {
    const problems = validateCustomFormat(format("Source", spec("SourceSpecification", { value: 42 })));
    expect(problems.map((p) => p.path)).toEqual(["specifications.0.fields.value"]);
  });

  test("an unknown language id is rejected", () => {
    const problems = validateCustomFormat(format("Lang", spec("LanguageSpecification", { value: 999 })));
    expect(problems.map((p) => p.path)).toEqual(["specifications.0.fields.value"]);
  });

  test("a size range with its maximum not above its minimum is rejected", () => {
    const problems = validateCustomFormat(format("Size", spec("SizeSpecification", { min: 10, max: 5 })));
    expect(problems.map((p) => p.path)).toEqual(["specifications.0.fields.max"]);
  });

  test("a negative or missing year bound is rejected", () => {
    const problems = validateCustomFormat(format("Year", spec("YearSpecification", { min: -1 })));
    expect(problems.map((p) => p.path)).toEqual(["specifications.0.fields.min", "specifications.0.fields.max"]);
  });

  test("a specification needs a name", () => {
    const problems = validateCustomFormat(
      format("Unnamed", spec("ResolutionSpecification", { value: 720 }, { name: "" })),
    );
    expect(problems.map((p) => p.path)).toEqual(["specifications.0.name"]);
  });
});

describe("default formats", () => {
  test("every default format is valid", () => {
    for (const f of DEFAULT_CUSTOM_FORMATS) expect(validateCustomFormat(f), f.name).toEqual([]);
  });

  test("default names are unique", () => {
    const names = DEFAULT_CUSTOM_FORMATS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test("a Dolby Vision x265 Atmos release matches the matching defaults", () => {
    const formats = DEFAULT_CUSTOM_FORMATS.map((f, i) => ({ ...f, id: i + 1 }));
    const matched = matchCustomFormats(formats, input("Movie.2022.2160p.WEB-DL.DV.DDP5.1.Atmos.HEVC-GRP"));
    expect(matched.map((f) => f.name)).toEqual(["Atmos", "Dolby Vision", "HDR", "x265"]);
  });

  test("freeleech and scene defaults follow the indexer flags", () => {
    const formats = DEFAULT_CUSTOM_FORMATS.map((f, i) => ({ ...f, id: i + 1 }));
    const flags = IndexerFlags.freeleech | IndexerFlags.scene;
    const matched = matchCustomFormats(formats, input(BLURAY, { indexerFlags: flags }));
    expect(matched.map((f) => f.name)).toEqual(["Freeleech", "Scene"]);
  });
});

describe("Radarr resource shape", () => {
  const stored = format(
    "Big French",
    spec("LanguageSpecification", { value: Languages.French.id, exceptLanguage: false }),
    spec("SizeSpecification", { min: 5, max: 50 }, { required: true }),
  );

  test("fields become a list of named values", () => {
    const resource = toCustomFormatResource(stored);
    expect(resource.id).toBe(stored.id);
    expect(resource.specifications[1].fields.map((f) => [f.name, f.value])).toEqual([
      ["min", 5],
      ["max", 50],
    ]);
    expect(resource.specifications[0].implementationName).toBe("Language");
  });

  test("a resource converts back to the stored shape", () => {
    expect(fromCustomFormatResource(toCustomFormatResource(stored))).toEqual(stored);
  });

  test("a client may send fields with only names and values", () => {
    const draft = fromCustomFormatResource({
      name: "x265",
      specifications: [
        { name: "x265", implementation: "ReleaseTitleSpecification", fields: [{ name: "value", value: "x265" }] },
      ],
    });
    expect(draft.specifications[0]).toEqual(spec("ReleaseTitleSpecification", { value: "x265" }, { name: "x265" }));
    expect(validateCustomFormat(draft)).toEqual([]);
  });

  test("the schema offers one template per implementation", () => {
    const schema = customFormatSchema();
    expect(schema.map((s) => s.implementation)).toEqual(SPECIFICATION_DEFINITIONS.map((d) => d.implementation));
    expect(schema.map((s) => s.implementation)).toContain("YearSpecification");
  });
});
