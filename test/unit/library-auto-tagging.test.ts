import { describe, expect, test } from "vitest";
import {
  type AutoTagCondition,
  type AutoTagDraft,
  type AutoTagSubject,
  autoTagChanges,
  autoTagMatches,
  validateAutoTag,
} from "../../src/domain/library/autoTagging";
import { autoTagSchema } from "../../src/domain/library/autoTagging/resource";
import { localToRemote, mappingFolder, remoteToLocal } from "../../src/domain/library/remotePathMapping";

const MATRIX: AutoTagSubject = {
  monitored: true,
  qualityProfileId: 1,
  rootFolderPath: "/movies",
  tags: [],
  year: 1999,
  runtime: 136,
  status: "released",
  genres: ["Action", "Science Fiction"],
  keywords: ["dystopia", "virtual reality"],
  studio: "Warner Bros. Pictures",
  originalLanguageId: 1,
};

const condition = (implementation: string, fields: Record<string, unknown>, flags: Partial<AutoTagCondition> = {}) => ({
  name: implementation,
  implementation,
  negate: false,
  required: false,
  fields,
  ...flags,
});

const rule = (specifications: AutoTagCondition[], tags = [7], removeTagsAutomatically = false): AutoTagDraft => ({
  name: "rule",
  removeTagsAutomatically,
  tags,
  specifications,
});

describe("auto tagging conditions", () => {
  test.each([
    ["GenreSpecification", { value: ["science fiction"] }, true],
    ["GenreSpecification", { value: ["Horror"] }, false],
    ["KeywordSpecification", { value: ["Dystopia"] }, true],
    ["StudioSpecification", { value: ["warner bros. pictures"] }, true],
    ["StudioSpecification", { value: ["Warner"] }, false],
    ["OriginalLanguageSpecification", { value: 1 }, true],
    ["OriginalLanguageSpecification", { value: 2 }, false],
    ["QualityProfileSpecification", { value: 1 }, true],
    ["RootFolderSpecification", { value: "/movies/" }, true],
    ["RootFolderSpecification", { value: "/films" }, false],
    ["StatusSpecification", { status: 3 }, true],
    ["StatusSpecification", { status: 1 }, false],
    ["YearSpecification", { min: 1990, max: 1999 }, true],
    ["YearSpecification", { min: 2000, max: 2010 }, false],
    ["RuntimeSpecification", { min: 0, max: 120 }, false],
    ["RuntimeSpecification", { min: 120, max: 180 }, true],
    ["MonitoredSpecification", {}, true],
    ["TagSpecification", { value: 3 }, false],
  ])("%s %j on The Matrix: %s", (implementation, fields, expected) => {
    expect(autoTagMatches(rule([condition(implementation, fields)]), MATRIX)).toBe(expected);
  });

  test("negate inverts a condition", () => {
    expect(
      autoTagMatches(rule([condition("GenreSpecification", { value: ["Horror"] }, { negate: true })]), MATRIX),
    ).toBe(true);
  });

  test("conditions of one kind need any one to hold; of different kinds all", () => {
    const either = [
      condition("GenreSpecification", { value: ["Horror"] }),
      condition("GenreSpecification", { value: ["Action"] }),
    ];
    expect(autoTagMatches(rule(either), MATRIX)).toBe(true);
    const both = [...either, condition("YearSpecification", { min: 2000, max: 2020 })];
    expect(autoTagMatches(rule(both), MATRIX)).toBe(false);
  });

  test("a required condition that fails fails its kind, whatever else in it holds", () => {
    const specs = [
      condition("GenreSpecification", { value: ["Horror"] }, { required: true }),
      condition("GenreSpecification", { value: ["Action"] }),
    ];
    expect(autoTagMatches(rule(specs), MATRIX)).toBe(false);
  });
});

describe("tag changes", () => {
  const action = rule([condition("GenreSpecification", { value: ["Action"] })], [7]);
  const horror = (remove: boolean) => rule([condition("GenreSpecification", { value: ["Horror"] })], [8], remove);

  test("a matching rule adds its tags the movie lacks", () => {
    expect(autoTagChanges([action], MATRIX)).toEqual({ add: [7], remove: [] });
    expect(autoTagChanges([action], { ...MATRIX, tags: [7] })).toEqual({ add: [], remove: [] });
  });

  test("a rule that stops matching takes its tags off only when it removes automatically", () => {
    expect(autoTagChanges([horror(false)], { ...MATRIX, tags: [8] })).toEqual({ add: [], remove: [] });
    expect(autoTagChanges([horror(true)], { ...MATRIX, tags: [8] })).toEqual({ add: [], remove: [8] });
  });

  test("a tag one rule adds stays, whatever another takes off", () => {
    const also8 = rule([condition("YearSpecification", { min: 1990, max: 2000 })], [8]);
    expect(autoTagChanges([horror(true), also8], { ...MATRIX, tags: [8] })).toEqual({ add: [], remove: [] });
  });

  test("an invalid rule never matches", () => {
    expect(autoTagChanges([rule([condition("YearSpecification", { min: 2000, max: 1990 })])], MATRIX).add).toEqual([]);
  });
});

describe("validation", () => {
  test("names the field at fault", () => {
    const problems = validateAutoTag(rule([condition("YearSpecification", { min: 2000, max: 1990 })], []));
    expect(problems.map((p) => p.path)).toEqual(["tags", "specifications.0.fields.max"]);
    expect(validateAutoTag(rule([condition("NopeSpecification", {})])).map((p) => p.path)).toEqual([
      "specifications.0.implementation",
    ]);
  });

  test("the schema offers every kind Radarr has, with its fields", () => {
    const schema = autoTagSchema();
    expect(schema.map((s) => s.implementation)).toContain("KeywordSpecification");
    expect(schema.find((s) => s.implementation === "StatusSpecification")?.fields[0]).toMatchObject({
      name: "status",
      type: "select",
    });
  });
});

describe("remote path mappings", () => {
  const mappings = [
    { host: "nas", remotePath: "/downloads/", localPath: "/data/downloads/" },
    { host: "nas", remotePath: "/downloads/movies/", localPath: "/mnt/films/" },
    { host: "seedbox", remotePath: "D:\\Torrents\\", localPath: "/seedbox/" },
  ];

  test("folders are stored normalised with a trailing separator", () => {
    expect(mappingFolder("/downloads//x")).toEqual({ path: "/downloads/x/" });
    expect(mappingFolder("D:/Torrents")).toEqual({ path: "D:\\Torrents\\" });
    expect(mappingFolder("downloads").problem).toMatch(/absolute/);
  });

  test("remote to local by the deepest mapping of the client's host", () => {
    expect(remoteToLocal(mappings, "NAS", "/downloads/x/The.Matrix.mkv")).toBe("/data/downloads/x/The.Matrix.mkv");
    expect(remoteToLocal(mappings, "nas", "/downloads/movies/The Matrix")).toBe("/mnt/films/The Matrix");
    expect(remoteToLocal(mappings, "nas", "/downloads")).toBe("/data/downloads");
    expect(remoteToLocal(mappings, "other", "/downloads/x")).toBe("/downloads/x");
    expect(remoteToLocal(mappings, "nas", "/downloadsx/y")).toBe("/downloadsx/y");
  });

  test("a Windows client's paths (either separator, any case) become the app's", () => {
    expect(remoteToLocal(mappings, "seedbox", "d:\\torrents\\The Matrix\\m.mkv")).toBe("/seedbox/The Matrix/m.mkv");
    expect(remoteToLocal(mappings, "seedbox", "D:/Torrents/a")).toBe("/seedbox/a");
  });

  test("local to remote, in the client's separator", () => {
    expect(localToRemote(mappings, "seedbox", "/seedbox/The Matrix (1999)")).toBe("D:\\Torrents\\The Matrix (1999)");
    expect(localToRemote(mappings, "nas", "/mnt/films/The Matrix (1999)")).toBe("/downloads/movies/The Matrix (1999)");
    expect(localToRemote(mappings, "nas", "/movies/x")).toBe("/movies/x");
  });
});
