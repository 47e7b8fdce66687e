import { describe, expect, test } from "vitest";
import {
  DEFAULT_QUALITY_PROFILES,
  defaultProfileItems,
  type ProfileItem,
  validateProfileItems,
} from "../../src/domain/quality/profiles";
import { Qualities, type QualityName, qualityById, qualityByName } from "../../src/domain/quality/qualities";

const Q = Qualities;

/** The default item tree with only Bluray-1080p allowed: a valid profile to break one rule at a time. */
const validItems = () => defaultProfileItems([Q.Bluray1080p]);

const problemsOf = (items: ProfileItem[], cutoff = Q.Bluray1080p.id) => validateProfileItems(items, cutoff);

describe("validateProfileItems", () => {
  test("accepts every quality listed once with the cutoff allowed", () => {
    expect(problemsOf(validItems())).toEqual([]);
  });

  test("accepts an allowed group as the cutoff", () => {
    const items = defaultProfileItems([Q.WEBDL1080p]);
    const web1080 = items.find((i) => i.name === "WEB 1080p");
    expect(web1080?.allowed).toBe(true);
    expect(problemsOf(items, web1080?.id)).toEqual([]);
  });

  test("a single quality cannot hold items", () => {
    const items = validItems();
    items[0].items = [{ quality: Q.CAM.id, items: [], allowed: false }];
    expect(problemsOf(items)).toContainEqual({
      path: "items.0.items",
      message: expect.stringMatching(/cannot contain/),
    });
  });

  test("rejects an unknown quality id", () => {
    const items = [...validItems(), { quality: 999, items: [], allowed: false }];
    expect(problemsOf(items)).toContainEqual({
      path: `items.${items.length - 1}.quality`,
      message: "unknown quality id 999",
    });
  });

  test("rejects a quality listed twice", () => {
    const items = [...validItems(), { quality: Q.CAM.id, items: [], allowed: false }];
    expect(problemsOf(items)).toContainEqual({
      path: `items.${items.length - 1}.quality`,
      message: expect.stringMatching(/more than once/),
    });
  });

  test("requires every quality to be listed", () => {
    const items = validItems().filter((i) => i.quality !== Q.CAM.id);
    expect(problemsOf(items)).toContainEqual({ path: "items", message: expect.stringContaining("missing CAM") });
  });

  test("requires at least one allowed quality", () => {
    const none = defaultProfileItems([]);
    expect(problemsOf(none)).toEqual([{ path: "items", message: "at least one quality must be allowed" }]);
  });

  test("requires the cutoff to be allowed", () => {
    expect(problemsOf(validItems(), Q.Remux2160p.id)).toEqual([
      { path: "cutoff", message: expect.stringContaining(`cutoff ${Q.Remux2160p.id}`) },
    ]);
  });

  test("rejects a cutoff naming a disallowed group", () => {
    const items = validItems();
    const group = items.find((i) => i.name === "WEB 720p");
    expect(problemsOf(items, group?.id)).toEqual([{ path: "cutoff", message: expect.any(String) }]);
  });

  describe("groups", () => {
    const groupIndex = (items: ProfileItem[]) => items.findIndex((i) => i.name === "WEB 480p");

    test("need an id of 1000 or more", () => {
      const items = validItems();
      const g = groupIndex(items);
      items[g].id = 5;
      expect(problemsOf(items)).toContainEqual({ path: `items.${g}.id`, message: expect.stringContaining("1000") });
    });

    test("need distinct ids", () => {
      const items = validItems();
      const [first, second] = items.filter((i) => i.id !== undefined);
      second.id = first.id;
      const index = items.indexOf(second);
      expect(problemsOf(items)).toContainEqual({
        path: `items.${index}.id`,
        message: expect.stringMatching(/more than once/),
      });
    });

    test("need a name", () => {
      const items = validItems();
      const g = groupIndex(items);
      items[g].name = "  ";
      expect(problemsOf(items)).toContainEqual({ path: `items.${g}.name`, message: "a group needs a name" });
    });

    test("need at least one quality", () => {
      const items = validItems();
      const g = groupIndex(items);
      const members = items[g].items;
      items[g].items = [];
      items.push(...members);
      expect(problemsOf(items)).toContainEqual({
        path: `items.${g}.items`,
        message: "a group needs at least one quality",
      });
    });

    test("hold single qualities only", () => {
      const items = validItems();
      const g = groupIndex(items);
      items[g].items[0] = { id: 1500, name: "Nested", items: [items[g].items[0]], allowed: false };
      expect(problemsOf(items)).toContainEqual({
        path: `items.${g}.items.0.quality`,
        message: "groups hold single qualities only",
      });
    });

    test("reject unknown and repeated member qualities", () => {
      const items = validItems();
      const g = groupIndex(items);
      items[g].items.push(
        { quality: 999, items: [], allowed: false },
        { quality: Q.CAM.id, items: [], allowed: false },
      );
      const problems = problemsOf(items);
      expect(problems).toContainEqual({ path: `items.${g}.items.2.quality`, message: "unknown quality id 999" });
      expect(problems).toContainEqual({
        path: `items.${g}.items.3.quality`,
        message: expect.stringMatching(/more than once/),
      });
    });
  });
});

// Radarr's QualityProfileService.InstallDefaultProfiles: name, cutoff quality, allowed qualities.
const RADARR_DEFAULTS: [string, QualityName, QualityName[]][] = [
  [
    "Any",
    "Bluray-480p",
    [
      "WORKPRINT",
      "CAM",
      "TELESYNC",
      "TELECINE",
      "DVDSCR",
      "REGIONAL",
      "SDTV",
      "DVD",
      "DVD-R",
      "HDTV-720p",
      "HDTV-1080p",
      "HDTV-2160p",
      "WEBDL-480p",
      "WEBRip-480p",
      "WEBDL-720p",
      "WEBRip-720p",
      "WEBDL-1080p",
      "WEBRip-1080p",
      "WEBDL-2160p",
      "WEBRip-2160p",
      "Bluray-480p",
      "Bluray-576p",
      "Bluray-720p",
      "Bluray-1080p",
      "Bluray-2160p",
      "Remux-1080p",
      "Remux-2160p",
      "BR-DISK",
    ],
  ],
  [
    "SD",
    "Bluray-480p",
    [
      "WORKPRINT",
      "CAM",
      "TELESYNC",
      "TELECINE",
      "DVDSCR",
      "REGIONAL",
      "SDTV",
      "DVD",
      "WEBDL-480p",
      "WEBRip-480p",
      "Bluray-480p",
      "Bluray-576p",
    ],
  ],
  ["HD-720p", "Bluray-720p", ["HDTV-720p", "WEBDL-720p", "WEBRip-720p", "Bluray-720p"]],
  ["HD-1080p", "Bluray-1080p", ["HDTV-1080p", "WEBDL-1080p", "WEBRip-1080p", "Bluray-1080p", "Remux-1080p"]],
  ["Ultra-HD", "Remux-2160p", ["HDTV-2160p", "WEBDL-2160p", "WEBRip-2160p", "Bluray-2160p", "Remux-2160p"]],
  [
    "HD - 720p/1080p",
    "Bluray-720p",
    [
      "HDTV-720p",
      "HDTV-1080p",
      "WEBDL-720p",
      "WEBRip-720p",
      "WEBDL-1080p",
      "WEBRip-1080p",
      "Bluray-720p",
      "Bluray-1080p",
      "Remux-1080p",
    ],
  ],
];

const allowedNames = (items: ProfileItem[]): string[] =>
  items
    .flatMap((i) => (i.quality !== undefined ? (i.allowed ? [i.quality] : []) : allowedIds(i)))
    .map((id) => qualityById(id)?.name ?? `#${id}`)
    .sort();
const allowedIds = (group: ProfileItem): number[] =>
  group.allowed ? group.items.flatMap((m) => (m.quality !== undefined ? [m.quality] : [])) : [];

describe("DEFAULT_QUALITY_PROFILES", () => {
  test("are Radarr's six, in Radarr's order", () => {
    expect(DEFAULT_QUALITY_PROFILES.map((p) => p.name)).toEqual(RADARR_DEFAULTS.map(([name]) => name));
  });

  test.each(RADARR_DEFAULTS)("%s allows exactly Radarr's qualities", (name, _cutoff, allowed) => {
    const profile = DEFAULT_QUALITY_PROFILES.find((p) => p.name === name);
    expect(allowedNames(profile?.items ?? [])).toEqual([...allowed].sort());
  });

  test.each(RADARR_DEFAULTS)("%s has Radarr's cutoff (its group's id when grouped)", (name, cutoff) => {
    const profile = DEFAULT_QUALITY_PROFILES.find((p) => p.name === name);
    const quality = qualityByName(cutoff);
    const group = profile?.items.find((i) => i.items.some((m) => m.quality === quality?.id));
    expect(profile?.cutoff).toBe(group?.id ?? quality?.id);
  });

  test.each(DEFAULT_QUALITY_PROFILES.map((p) => [p.name, p] as const))("%s passes its own validation", (_, p) => {
    expect(validateProfileItems(p.items, p.cutoff)).toEqual([]);
  });

  test("group WEB-DL and WEBRip per resolution as Radarr does (ids 1000-1003)", () => {
    const groups = DEFAULT_QUALITY_PROFILES[0].items.filter((i) => i.quality === undefined);
    expect(groups.map((g) => [g.id, g.name, g.items.map((m) => qualityById(m.quality ?? -1)?.name)])).toEqual([
      [1000, "WEB 480p", ["WEBDL-480p", "WEBRip-480p"]],
      [1001, "WEB 720p", ["WEBDL-720p", "WEBRip-720p"]],
      [1002, "WEB 1080p", ["WEBDL-1080p", "WEBRip-1080p"]],
      [1003, "WEB 2160p", ["WEBDL-2160p", "WEBRip-2160p"]],
    ]);
  });

  test("start without upgrades, custom format scores or formats, in English", () => {
    for (const p of DEFAULT_QUALITY_PROFILES) {
      expect(p).toMatchObject({
        upgradeAllowed: false,
        minFormatScore: 0,
        cutoffFormatScore: 0,
        minUpgradeFormatScore: 1,
        formatItems: [],
        language: { id: 1, name: "English" },
      });
    }
  });
});
