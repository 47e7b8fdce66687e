import { describe, expect, test } from "vitest";
import { compareVersions, dotNetVersion, read, type Sent, send } from "./replay";

/**
 * Recyclarr's Radarr sync, replayed as it calls: recyclarr/recyclarr v8.7.1 (commit ca8dcc3c,
 * 2026-08-08), src/Recyclarr.Core/ServarrApi/* (Refit clients generated from Radarr's OpenAPI:
 * X-Api-Key header, System.Text.Json camelCase with null properties left out of request bodies)
 * driven by src/Recyclarr.Cli/Pipelines (custom formats, then quality profiles, quality sizes,
 * media naming, media management). Each gateway stashes what it read and sends it back with its
 * changes, so a resource must read back as it was sent, or every sync rewrites it.
 */

const recyclarr = (path: string, method = "GET", body?: unknown): Sent => ({
  path: `/api/v3/${path}`,
  method,
  key: "header",
  headers: body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" },
  body,
});

/** Radarr 5.9.0.9049 raised the quality size limits (RadarrCapabilities.QualityDefinitionLimitsIncreased). */
const LIMITS_INCREASED = [5, 9, 0, 9049];

describe("Recyclarr: the service check before a sync (ServiceAgnosticCapabilityEnforcer)", () => {
  test("system/status: version parses as a .NET Version at or above the raised limits", async () => {
    const status = await read<{ appName: string; version: string }>(recyclarr("system/status"));
    expect(compareVersions(dotNetVersion(status.version), LIMITS_INCREASED)).toBeGreaterThanOrEqual(0);
  });

  // Recyclarr refuses any appName but "Radarr" (case-insensitive): "Configuration is for Radarr,
  // but the service at … is Radarr Edge". The app's own name is under `application`.
  test("system/status: appName is Radarr, or Recyclarr refuses to sync", async () => {
    const status = await read<{ appName: string }>(recyclarr("system/status"));
    expect(status.appName.toLowerCase()).toBe("radarr");
  });
});

interface Field {
  name: string;
  value: unknown;
}
interface Spec {
  name: string;
  implementation: string;
  negate: boolean;
  required: boolean;
  fields: Field[];
}
interface CustomFormat {
  id: number;
  name: string;
  includeCustomFormatWhenRenaming: boolean;
  specifications: Spec[];
}

/** TRaSH guide custom formats as Recyclarr sends them (fields turned from an object into a list). */
const GUIDE_FORMATS: Omit<CustomFormat, "id">[] = [
  {
    name: "BR-DISK",
    includeCustomFormatWhenRenaming: false,
    specifications: [
      spec(
        "BR-DISK",
        "ReleaseTitleSpecification",
        false,
        true,
        "^(?!.*\\b((?<!HD[._ -]|HD)DVD|BDRip|720p|MKV|XviD|WMV|d3g|(BD)?REMUX|^(?=.*1080p)(?=.*HEVC)|[xh][-_. ]?26[45]|German.*[DM]L|((?<=\\d{4}).*German.*([DM]L)?)(?=.*\\b(AVC|HEVC|VC[-_. ]?1|MVC|MPEG[-_. ]?2)\\b))\\b)(((?=.*\\b(Blu[-_. ]?ray|BD|HD[-_. ]?DVD)\\b)(?=.*\\b(AVC|HEVC|VC[-_. ]?1|MVC|MPEG[-_. ]?2|BDMV|ISO)\\b))|^((?=.*\\b(((?=.*\\b((.*_)?COMPLETE.*|Dis[ck])\\b)(?=.*(Blu[-_. ]?ray|HD[-_. ]?DVD)))|3D[-_. ]?BD|BR[-_. ]?DISK|Full[-_. ]?Blu[-_. ]?ray|^((?=.*((BD|UHD)[-_. ]?(25|50|66|100|ISO)))))))).*",
      ),
      spec("Not WEBDL", "SourceSpecification", true, true, 7),
    ],
  },
  {
    name: "x265 (HD)",
    includeCustomFormatWhenRenaming: false,
    specifications: [
      spec("x265/HEVC", "ReleaseTitleSpecification", false, true, "[xh][ ._-]?265|\\bHEVC(\\b|\\d)"),
      spec("Not 2160p", "ResolutionSpecification", true, true, 2160),
    ],
  },
  {
    name: "Repack/Proper",
    includeCustomFormatWhenRenaming: true,
    specifications: [
      spec("Repack", "ReleaseTitleSpecification", false, false, "\\b(repack)\\b"),
      spec("Proper", "ReleaseTitleSpecification", false, false, "\\b(proper)\\b"),
    ],
  },
];

function spec(name: string, implementation: string, negate: boolean, required: boolean, value: unknown): Spec {
  return { name, implementation, negate, required, fields: [{ name: "value", value }] };
}

/** CustomFormatSpecificationData.Equals: name, implementation, negate, required and each field's value. */
function sameSpecs(mine: Spec[], theirs: Spec[]): boolean {
  if (mine.length !== theirs.length) return false;
  return mine.every((m, i) => {
    const t = theirs[i];
    const fieldsEqual = m.fields.every((f) => {
      const other = t.fields.find((g) => g.name === f.name);
      return other === undefined || JSON.stringify(other.value) === JSON.stringify(f.value);
    });
    return (
      m.name === t.name &&
      m.implementation === t.implementation &&
      m.negate === t.negate &&
      m.required === t.required &&
      fieldsEqual
    );
  });
}

describe("Recyclarr: custom formats (CustomFormatApiFetchPhase → …ApiPersistencePhase)", () => {
  test("create, read back unchanged (a second sync has nothing to do), update, delete", async () => {
    const before = await read<CustomFormat[]>(recyclarr("customformat"));
    expect(before.filter((cf) => GUIDE_FORMATS.some((g) => g.name === cf.name))).toEqual([]);

    // New formats: POST customformat with id 0 (Recyclarr's domain default); the answer's id is kept.
    const created: CustomFormat[] = [];
    for (const format of GUIDE_FORMATS) {
      const answer = await read<CustomFormat>(recyclarr("customformat", "POST", { id: 0, ...format }), 201);
      expect(answer.id).toBeGreaterThan(0);
      created.push(answer);
    }

    // The next sync reads them and finds nothing to change: names and specifications as sent.
    const service = await read<CustomFormat[]>(recyclarr("customformat"));
    for (const format of GUIDE_FORMATS) {
      const stored = service.find((cf) => cf.name === format.name);
      expect(stored, format.name).toBeDefined();
      expect(stored?.includeCustomFormatWhenRenaming).toBe(format.includeCustomFormatWhenRenaming);
      expect(sameSpecs(format.specifications, stored?.specifications ?? []), JSON.stringify(stored)).toBe(true);
    }

    // A guide change: PUT customformat/{id} (Refit passes the id as a string path segment).
    const [first] = created;
    const changed = { ...GUIDE_FORMATS[0], id: first.id, includeCustomFormatWhenRenaming: true };
    await read(recyclarr(`customformat/${first.id}`, "PUT", changed), 202);
    const updated = await read<CustomFormat>(recyclarr(`customformat/${first.id}`));
    expect(updated.includeCustomFormatWhenRenaming).toBe(true);

    // delete_old_custom_formats: DELETE customformat/{id}.
    expect((await send(recyclarr(`customformat/${created[2].id}`, "DELETE"))).status).toBe(200);
    const after = await read<CustomFormat[]>(recyclarr("customformat"));
    expect(after.map((cf) => cf.id)).not.toContain(created[2].id);
  });
});

interface Definition {
  id: number;
  quality: { id: number; name: string };
  title: string;
  weight: number;
  minSize: number;
  maxSize: number | null;
  preferredSize: number | null;
}

/**
 * quality_definition (type movie) as Recyclarr's own end-to-end config sets it: the guide's sizes
 * (min, preferred 1999 and max 2000, i.e. at the limits) with Bluray-1080p's max and preferred
 * "unlimited" and HDTV-1080p overridden to 0/100/50.
 */
const GUIDE_SIZES = [
  { quality: "WEBDL-1080p", min: 12.5, preferred: 1999, max: 2000 },
  { quality: "Bluray-1080p", min: 50.4, preferred: 1999, max: 2000 },
  { quality: "HDTV-1080p", min: 0, preferred: 50, max: 100 },
  { quality: "Remux-1080p", min: 102, preferred: 1999, max: 2000 },
];
const MAX_LIMIT = 2000;
const PREFERRED_LIMIT = 1999;

/** QualitySizeTransactionPhase.IsDifferent, with the raised limits. */
function sizeDiffers(server: Definition, guide: (typeof GUIDE_SIZES)[number]): boolean {
  if (server.minSize !== guide.min) return true;
  if ((server.maxSize ?? MAX_LIMIT) !== Math.min(guide.max, MAX_LIMIT)) return true;
  return (server.preferredSize ?? PREFERRED_LIMIT) !== Math.min(guide.preferred, PREFERRED_LIMIT);
}

describe("Recyclarr: quality sizes (QualitySizeApiFetchPhase → …ApiPersistencePhase)", () => {
  test("PUT qualitydefinition/update with the changed stashed definitions; sizes at the limits left out mean unlimited", async () => {
    const server = await read<Definition[]>(recyclarr("qualitydefinition"));
    const changed = GUIDE_SIZES.flatMap((guide) => {
      const entry = server.find((d) => d.quality.name === guide.quality);
      expect(entry, `a definition for ${guide.quality}`).toBeDefined();
      if (!entry || !sizeDiffers(entry, guide)) return [];
      // UpdatedQualityItem.BuildUpdatedItem onto the stashed DTO; WhenWritingNull drops the nulls.
      const { maxSize: _max, preferredSize: _preferred, ...rest } = entry;
      return [
        {
          ...rest,
          minSize: guide.min,
          ...(guide.max < MAX_LIMIT ? { maxSize: guide.max } : {}),
          ...(guide.preferred < PREFERRED_LIMIT ? { preferredSize: guide.preferred } : {}),
        },
      ];
    });
    expect(changed.length).toBeGreaterThan(0);
    await read(recyclarr("qualitydefinition/update", "PUT", changed), 202);

    // What Recyclarr's end-to-end test then reads, and the next sync finds every size up to date.
    const after = await read<Definition[]>(recyclarr("qualitydefinition"));
    const named = (name: string) => after.find((d) => d.quality.name === name);
    expect(named("Bluray-1080p")).toMatchObject({ minSize: 50.4, maxSize: null, preferredSize: null });
    expect(named("HDTV-1080p")).toMatchObject({ minSize: 0, maxSize: 100, preferredSize: 50 });
    expect(named("WEBDL-1080p")?.minSize).toBe(12.5);
    for (const guide of GUIDE_SIZES) {
      const entry = named(guide.quality);
      expect(entry && sizeDiffers(entry, guide), JSON.stringify(entry)).toBe(false);
    }
  });
});

interface Naming {
  id: number;
  renameMovies: boolean;
  standardMovieFormat: string;
  movieFolderFormat: string;
  [other: string]: unknown;
}

describe("Recyclarr: media naming (RadarrNamingApiFetchPhase → …ApiPersistencePhase)", () => {
  test("GET config/naming, then PUT config/naming/{id} with the stashed resource and the guide's formats", async () => {
    const stashed = await read<Naming>(recyclarr("config/naming"));
    // media_naming: folder "default", movie standard "standard", rename true (TRaSH's formats).
    const guide = {
      renameMovies: true,
      standardMovieFormat:
        "{Movie CleanTitle} {(Release Year)} {imdb-{ImdbId}} {edition-{Edition Tags}} {[Custom Formats]}{[Quality Full]}{[MediaInfo 3D]}{[MediaInfo VideoDynamicRangeType]}{[Mediainfo AudioCodec}{ Mediainfo AudioChannels]}{[Mediainfo VideoCodec]}{-Release Group}",
      movieFolderFormat: "{Movie CleanTitle} ({Release Year})",
    };
    await read(recyclarr(`config/naming/${stashed.id}`, "PUT", { ...stashed, ...guide }), 202);
    // RadarrNamingData.GetDifferences on the next sync: none.
    expect(await read<Naming>(recyclarr("config/naming"))).toMatchObject(guide);
  });
});

describe("Recyclarr: media management (MediaManagementApiFetchPhase → …ApiPersistencePhase)", () => {
  test("GET config/mediamanagement, then PUT config/mediamanagement/{id} with downloadPropersAndRepacks", async () => {
    const stashed = await read<{ id: number; downloadPropersAndRepacks: string }>(recyclarr("config/mediamanagement"));
    const sent = { ...stashed, downloadPropersAndRepacks: "doNotPrefer" };
    await read(recyclarr(`config/mediamanagement/${stashed.id}`, "PUT", sent), 202);
    expect(await read(recyclarr("config/mediamanagement"))).toMatchObject({ downloadPropersAndRepacks: "doNotPrefer" });
  });
});

interface ProfileItem {
  id?: number;
  name?: string;
  quality?: { id: number; name: string };
  items: ProfileItem[];
  allowed: boolean;
}
interface Profile {
  id?: number;
  name: string;
  upgradeAllowed: boolean;
  cutoff: number;
  items: ProfileItem[];
  minFormatScore: number;
  cutoffFormatScore: number;
  minUpgradeFormatScore: number;
  formatItems: { format: number; name: string; score: number }[];
  language: { id: number; name: string };
}

/** A profile's `qualities:` entry: a quality, or a group of qualities. */
type Wanted = string | { name: string; qualities: string[] };

/**
 * QualityItemOrganizer with quality_sort top: the wanted items, allowed, above the rest (Radarr's
 * list is lowest first), an existing group matched by name keeping its id, a new group numbered
 * as Radarr's UI numbers one (max(1000, highest id) + 1); what is not wanted stays, not allowed.
 */
function organize(base: ProfileItem[], wanted: Wanted[]): ProfileItem[] {
  const flat = base.flatMap((i) => [i, ...i.items]);
  const single = (name: string): ProfileItem => {
    const found = flat.find((i) => i.quality?.name === name);
    if (!found) throw new Error(`no quality ${name} in the profile`);
    return { ...found, items: [], allowed: true };
  };
  let nextId = Math.max(1000, ...flat.map((i) => i.id ?? 0)) + 1;
  const used = new Set(wanted.flatMap((w) => (typeof w === "string" ? [w] : w.qualities)));
  const top = wanted.map((w) => {
    if (typeof w === "string") return single(w);
    const existing = base.find((i) => !i.quality && i.name === w.name);
    return { id: existing?.id ?? nextId++, name: w.name, allowed: true, items: w.qualities.map(single) };
  });
  const rest = base
    .map((i) => ({
      ...i,
      allowed: false,
      items: i.items.filter((m) => !used.has(m.quality?.name ?? "")).map((m) => ({ ...m, allowed: false })),
    }))
    .filter((i) =>
      i.quality
        ? !used.has(i.quality.name)
        : i.items.length > 0 && !wanted.some((w) => typeof w !== "string" && w.name === i.name),
    );
  return [...rest, ...top.reverse()];
}

const itemId = (items: ProfileItem[], name: string) => {
  const item = items.find((i) => (i.quality ? i.quality.name === name : i.name === name));
  return item?.quality ? item.quality.id : item?.id;
};

describe("Recyclarr: quality profiles (QualityProfileApiFetchPhase → …ApiPersistencePhase)", () => {
  // Recyclarr fetches qualityprofile, qualityprofile/schema and language together (a failing one
  // fails the whole quality profile sync).
  test("Recyclarr's end-to-end config: HD-1080p updated (PUT), TRaSH's HD Bluray + WEB created (POST), both read back", async () => {
    // The custom format pipeline runs first: the profiles are read with its formats in place.
    const formats: CustomFormat[] = [];
    for (const format of GUIDE_FORMATS)
      formats.push(await read<CustomFormat>(recyclarr("customformat", "POST", { id: 0, ...format }), 201));
    const [profiles, schema, languages] = await Promise.all([
      read<Profile[]>(recyclarr("qualityprofile")),
      read<Profile>(recyclarr("qualityprofile/schema")),
      read<{ id: number; name: string }[]>(recyclarr("language")),
    ]);
    // MergeFormatItem: the stashed item with the score, or a new one; reset_unmatched_scores zeroes the rest.
    const scored = (profile: Profile, score: number) => [
      ...profile.formatItems.filter((f) => !formats.some((cf) => cf.id === f.format)).map((f) => ({ ...f, score: 0 })),
      ...formats.map((cf) => ({
        ...(profile.formatItems.find((f) => f.format === cf.id) ?? { format: cf.id, name: cf.name }),
        score,
      })),
    ];
    const scoredNames = (profile: Profile, score: number) =>
      profile.formatItems
        .filter((f) => f.score === score)
        .map((f) => f.name)
        .sort();

    // HD-1080p (user-defined): qualities, upgrade until the "Bluray-1080p" group and 10000, scores 500.
    const stashed = profiles.find((p) => p.name === "HD-1080p");
    if (!stashed?.id) throw new Error("no HD-1080p profile");
    const items = organize(stashed.items, [
      { name: "Bluray-1080p", qualities: ["Bluray-1080p", "Remux-1080p"] },
      { name: "WEB 1080p", qualities: ["WEBDL-1080p", "WEBRip-1080p"] },
      "HDTV-1080p",
    ]);
    const update: Profile = {
      ...stashed,
      upgradeAllowed: true,
      cutoff: itemId(items, "Bluray-1080p") ?? 0,
      cutoffFormatScore: 10000,
      minFormatScore: 0,
      minUpgradeFormatScore: 200,
      formatItems: scored(stashed, 500),
      items,
    };
    await read(recyclarr(`qualityprofile/${stashed.id}`, "PUT", update), 202);
    const hd = await read<Profile>(recyclarr(`qualityprofile/${stashed.id}`));
    expect(hd).toMatchObject({ upgradeAllowed: true, cutoff: update.cutoff, minUpgradeFormatScore: 200 });
    expect(hd.items).toEqual(update.items);
    expect(scoredNames(hd, 500)).toEqual(formats.map((f) => f.name).sort());

    // HD Bluray + WEB (TRaSH): built on the schema, language "Original".
    const found = languages.find((l) => l.name === "Original");
    expect(found, "Radarr's 'Original' language").toBeDefined();
    // MergeOntoDto: new RadarrApi.Language { Id, Name }.
    const original = { id: found?.id, name: found?.name };
    const guideItems = organize(schema.items, [
      "Bluray-1080p",
      { name: "WEB 1080p", qualities: ["WEBDL-1080p", "WEBRip-1080p"] },
      "Bluray-720p",
      { name: "WEB 720p", qualities: ["WEBDL-720p", "WEBRip-720p"] },
    ]);
    const created = await read<Profile>(
      recyclarr("qualityprofile", "POST", {
        ...schema,
        name: "HD Bluray + WEB",
        upgradeAllowed: true,
        cutoff: itemId(guideItems, "Bluray-1080p"),
        cutoffFormatScore: 10000,
        minFormatScore: 0,
        formatItems: scored(schema, -10000),
        items: guideItems,
        language: original,
      }),
      201,
    );
    expect(created.id).toBeGreaterThan(0);
    const stored = await read<Profile>(recyclarr(`qualityprofile/${created.id}`));
    expect(stored).toMatchObject({ name: "HD Bluray + WEB", upgradeAllowed: true, language: original });
    expect(stored.items).toEqual(guideItems);
    expect(scoredNames(stored, -10000)).toEqual(formats.map((f) => f.name).sort());
  });
});
