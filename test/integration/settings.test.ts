import { describe, expect, test } from "vitest";
import {
  addMovie,
  addRootFolder,
  addTag,
  call,
  type ErrorBody,
  expectFieldError,
  getJson,
  type Movie,
  qualityProfileId,
  sendJson,
} from "./helpers";

// Tags, root folders, import exclusions, quality profiles and quality definitions.
// TMDb ids this file adds: Batman Begins, The Dark Knight.
const BATMAN_BEGINS = 272;
const DARK_KNIGHT = 155;

interface Tag {
  id: number;
  label: string;
}

interface RootFolder {
  id: number;
  path: string;
  accessible: boolean;
  freeSpace: number | null;
  movieCount: number;
}

interface Exclusion {
  id: number;
  tmdbId: number;
  movieTitle: string;
  movieYear: number;
}

interface ProfileItem {
  id?: number;
  name?: string;
  quality?: { id: number; name: string };
  items: ProfileItem[];
  allowed: boolean;
}

interface QualityProfile {
  id: number;
  name: string;
  upgradeAllowed: boolean;
  cutoff: number;
  items: ProfileItem[];
}

interface QualityDefinition {
  id: number;
  quality: { id: number; name: string };
  title: string;
  weight: number;
  minSize: number | null;
  maxSize: number | null;
  preferredSize: number | null;
}

const BLURAY_1080P = 7;
const REMUX_2160P = 31;

async function expectNotFound(res: Response) {
  expect(res.status).toBe(404);
  expect((await res.json<ErrorBody>()).message).toMatch(/not found/);
}

describe("tags", () => {
  test("are created with a lower-case label", async () => {
    const tag = await addTag("4K-HDR");
    expect(tag).toEqual({ id: expect.any(Number), label: "4k-hdr" });
    expect(await getJson<Tag[]>("/api/v3/tag")).toEqual([tag]);
    expect(await getJson<Tag>(`/api/v3/tag/${tag.id}`)).toEqual(tag);
  });

  test("creating an existing label answers that tag", async () => {
    const first = await addTag("kids");
    expect(await addTag("Kids")).toEqual(first);
    expect(await getJson<Tag[]>("/api/v3/tag")).toHaveLength(1);
  });

  test("are renamed with PUT", async () => {
    const tag = await addTag("old");
    expect(await sendJson("PUT", `/api/v3/tag/${tag.id}`, { label: "new" }, 202)).toEqual({ id: tag.id, label: "new" });
  });

  test("cannot be renamed to another tag's label", async () => {
    await addTag("taken");
    const tag = await addTag("free");
    await expectFieldError(await call("PUT", `/api/v3/tag/${tag.id}`, { body: { label: "taken" } }), "label");
  });

  test("list the movies that carry them in /tag/detail", async () => {
    await addRootFolder();
    const tag = await addTag("batman");
    const movie = await addMovie(BATMAN_BEGINS, { tags: [tag.id] });
    expect(await getJson("/api/v3/tag/detail")).toEqual([
      expect.objectContaining({ id: tag.id, label: "batman", movieIds: [movie.id] }),
    ]);
  });

  test("deleting a tag removes it from its movies", async () => {
    await addRootFolder();
    const tag = await addTag("gone");
    const movie = await addMovie(BATMAN_BEGINS, { tags: [tag.id] });
    expect((await call("DELETE", `/api/v3/tag/${tag.id}`)).status).toBe(200);
    expect((await getJson<Movie>(`/api/v3/movie/${movie.id}`)).tags).toEqual([]);
    expect((await getJson<Movie[]>("/api/v3/movie"))[0].tags).toEqual([]);
  });

  test("answer 404 for unknown ids", async () => {
    await expectNotFound(await call("GET", "/api/v3/tag/999"));
    await expectNotFound(await call("PUT", "/api/v3/tag/999", { body: { label: "x" } }));
    await expectNotFound(await call("DELETE", "/api/v3/tag/999"));
  });
});

describe("root folders", () => {
  test("are added with an absolute path, trailing slash trimmed", async () => {
    const folder = await addRootFolder("/data/movies/");
    expect(folder).toMatchObject({ path: "/data/movies", accessible: true, movieCount: 0 });
    expect(await getJson<RootFolder[]>("/api/v3/rootfolder")).toEqual([folder]);
    expect(await getJson<RootFolder>(`/api/v3/rootfolder/${folder.id}`)).toEqual(folder);
  });

  test("accept Windows drive paths", async () => {
    expect(await addRootFolder("D:\\Movies")).toMatchObject({ path: "D:\\Movies" });
  });

  test("reject a relative path, naming path", async () => {
    await expectFieldError(await call("POST", "/api/v3/rootfolder", { body: { path: "movies" } }), "path");
  });

  test("reject a path already added, naming path", async () => {
    await addRootFolder("/movies");
    await expectFieldError(await call("POST", "/api/v3/rootfolder", { body: { path: "/movies/" } }), "path");
  });

  test("count the movies under them", async () => {
    await addRootFolder("/movies");
    await addRootFolder("/empty");
    await addMovie(BATMAN_BEGINS);
    await addMovie(DARK_KNIGHT);
    const folders = await getJson<RootFolder[]>("/api/v3/rootfolder");
    expect(folders.map((f) => [f.path, f.movieCount])).toEqual([
      ["/empty", 0],
      ["/movies", 2],
    ]);
  });

  test("cannot be deleted while movies use them", async () => {
    const folder = await addRootFolder("/movies");
    await addMovie(BATMAN_BEGINS);
    await expectFieldError(await call("DELETE", `/api/v3/rootfolder/${folder.id}`), "id");
    expect(await getJson<RootFolder[]>("/api/v3/rootfolder")).toHaveLength(1);
  });

  test("are deleted when unused", async () => {
    const folder = await addRootFolder("/unused");
    expect((await call("DELETE", `/api/v3/rootfolder/${folder.id}`)).status).toBe(200);
    expect(await getJson("/api/v3/rootfolder")).toEqual([]);
  });

  test("answer 404 for unknown ids", async () => {
    await expectNotFound(await call("GET", "/api/v3/rootfolder/999"));
    await expectNotFound(await call("DELETE", "/api/v3/rootfolder/999"));
  });
});

describe("import exclusions", () => {
  const excludeMatrix = () =>
    sendJson<Exclusion>("POST", "/api/v3/exclusions", { tmdbId: 603, movieTitle: "The Matrix", movieYear: 1999 }, 201);

  test("are created and listed", async () => {
    const exclusion = await excludeMatrix();
    expect(exclusion).toEqual({ id: expect.any(Number), tmdbId: 603, movieTitle: "The Matrix", movieYear: 1999 });
    expect(await getJson("/api/v3/exclusions")).toEqual([exclusion]);
    expect(await getJson(`/api/v3/exclusions/${exclusion.id}`)).toEqual(exclusion);
  });

  test("are listed by title", async () => {
    await sendJson("POST", "/api/v3/exclusions", { tmdbId: 550, movieTitle: "Fight Club" }, 201);
    await excludeMatrix();
    await sendJson("POST", "/api/v3/exclusions", { tmdbId: 11, movieTitle: "Star Wars", movieYear: 1977 }, 201);
    const titles = (await getJson<Exclusion[]>("/api/v3/exclusions")).map((e) => e.movieTitle);
    expect(titles).toEqual(["Fight Club", "Star Wars", "The Matrix"]);
  });

  test("reject a TMDb id already excluded, naming tmdbId", async () => {
    await excludeMatrix();
    const res = await call("POST", "/api/v3/exclusions", { body: { tmdbId: 603, movieTitle: "Matrix again" } });
    await expectFieldError(res, "tmdbId");
  });

  test("are deleted", async () => {
    const exclusion = await excludeMatrix();
    expect((await call("DELETE", `/api/v3/exclusions/${exclusion.id}`)).status).toBe(200);
    await expectNotFound(await call("GET", `/api/v3/exclusions/${exclusion.id}`));
    await expectNotFound(await call("DELETE", `/api/v3/exclusions/${exclusion.id}`));
  });
});

describe("quality profiles", () => {
  /** A new profile from the schema template with exactly one quality allowed. */
  async function draftAllowing(qualityId: number, name: string) {
    const template = await getJson<QualityProfile>("/api/v3/qualityprofile/schema");
    const allow = (items: ProfileItem[]): ProfileItem[] =>
      items.map((i) => ({ ...i, allowed: i.quality?.id === qualityId, items: allow(i.items) }));
    const { id: _unused, ...draft } = template;
    return { ...draft, name, cutoff: qualityId, items: allow(template.items) };
  }

  const allowedQualities = (items: ProfileItem[]): number[] =>
    items.flatMap((i) => (i.quality ? (i.allowed ? [i.quality.id] : []) : allowedQualities(i.items)));

  test("Radarr's six defaults are seeded", async () => {
    const profiles = await getJson<QualityProfile[]>("/api/v3/qualityprofile");
    expect(profiles.map((p) => p.name)).toEqual(["Any", "SD", "HD-720p", "HD-1080p", "Ultra-HD", "HD - 720p/1080p"]);
    const ultra = profiles.find((p) => p.name === "Ultra-HD");
    expect(ultra?.cutoff).toBe(REMUX_2160P);
    expect(allowedQualities(ultra?.items ?? []).sort((a, b) => a - b)).toEqual([16, 17, 18, 19, 31]);
  });

  test("the schema lists every quality with none allowed", async () => {
    const template = await getJson<QualityProfile>("/api/v3/qualityprofile/schema");
    expect(template.name).toBe("");
    const all = (items: ProfileItem[]): ProfileItem[] => items.flatMap((i) => (i.quality ? [i] : all(i.items)));
    expect(all(template.items)).toHaveLength(30);
    expect(allowedQualities(template.items)).toEqual([]);
  });

  test("are created from the schema with one quality allowed and the cutoff on it", async () => {
    const created = await sendJson<QualityProfile>(
      "POST",
      "/api/v3/qualityprofile",
      await draftAllowing(BLURAY_1080P, "Just Bluray"),
      201,
    );
    expect(created).toMatchObject({ name: "Just Bluray", cutoff: BLURAY_1080P });
    expect(allowedQualities(created.items)).toEqual([BLURAY_1080P]);
    expect(await getJson(`/api/v3/qualityprofile/${created.id}`)).toEqual(created);
  });

  test("reject a cutoff that is not allowed, naming cutoff", async () => {
    const draft = { ...(await draftAllowing(BLURAY_1080P, "Bad cutoff")), cutoff: REMUX_2160P };
    await expectFieldError(await call("POST", "/api/v3/qualityprofile", { body: draft }), "cutoff");
  });

  test("reject a profile with nothing allowed, naming items", async () => {
    const template = await getJson<QualityProfile>("/api/v3/qualityprofile/schema");
    const { id: _unused, ...draft } = template;
    const res = await call("POST", "/api/v3/qualityprofile", { body: { ...draft, name: "Nothing" } });
    await expectFieldError(res, "items");
  });

  test("reject a profile that leaves a quality out, naming items", async () => {
    const draft = await draftAllowing(BLURAY_1080P, "Partial");
    const res = await call("POST", "/api/v3/qualityprofile", { body: { ...draft, items: draft.items.slice(1) } });
    const body = await expectFieldError(res, "items");
    expect(body.message).toContain("missing Unknown");
  });

  test("reject a name already used, naming name", async () => {
    const res = await call("POST", "/api/v3/qualityprofile", { body: await draftAllowing(BLURAY_1080P, "HD-1080p") });
    await expectFieldError(res, "name");
  });

  test("are updated with PUT", async () => {
    const created = await sendJson<QualityProfile>(
      "POST",
      "/api/v3/qualityprofile",
      await draftAllowing(BLURAY_1080P, "Before"),
      201,
    );
    const updated = await sendJson<QualityProfile>(
      "PUT",
      `/api/v3/qualityprofile/${created.id}`,
      { ...(await draftAllowing(REMUX_2160P, "After")), upgradeAllowed: true },
      202,
    );
    expect(updated).toMatchObject({ id: created.id, name: "After", cutoff: REMUX_2160P, upgradeAllowed: true });
    expect(allowedQualities(updated.items)).toEqual([REMUX_2160P]);
  });

  test("keep their own name on PUT without a clash", async () => {
    const id = await qualityProfileId("SD");
    const profile = await getJson<QualityProfile>(`/api/v3/qualityprofile/${id}`);
    const res = await call("PUT", `/api/v3/qualityprofile/${id}`, { body: { ...profile, upgradeAllowed: true } });
    expect(res.status).toBe(202);
  });

  test("cannot be deleted while a movie uses them", async () => {
    await addRootFolder();
    const movie = await addMovie(BATMAN_BEGINS);
    const res = await call("DELETE", `/api/v3/qualityprofile/${movie.qualityProfileId}`);
    await expectFieldError(res, "id");
  });

  test("are deleted when unused", async () => {
    const id = await qualityProfileId("SD");
    expect((await call("DELETE", `/api/v3/qualityprofile/${id}`)).status).toBe(200);
    await expectNotFound(await call("GET", `/api/v3/qualityprofile/${id}`));
  });

  test("answer 404 for unknown ids", async () => {
    await expectNotFound(await call("GET", "/api/v3/qualityprofile/999"));
    await expectNotFound(await call("DELETE", "/api/v3/qualityprofile/999"));
    const res = await call("PUT", "/api/v3/qualityprofile/999", { body: await draftAllowing(BLURAY_1080P, "Ghost") });
    await expectNotFound(res);
  });
});

describe("quality definitions", () => {
  test("list Radarr's 30 qualities by weight", async () => {
    const definitions = await getJson<QualityDefinition[]>("/api/v3/qualitydefinition");
    expect(definitions).toHaveLength(30);
    expect(definitions[0]).toMatchObject({ title: "Unknown", quality: { id: 0, name: "Unknown" }, weight: 1 });
    expect(definitions.at(-1)).toMatchObject({ title: "Raw-HD", quality: { id: 10 } });
    const weights = definitions.map((d) => d.weight);
    expect(weights).toEqual([...weights].sort((a, b) => a - b));
  });

  test("PUT sets one definition's sizes", async () => {
    const [first] = await getJson<QualityDefinition[]>("/api/v3/qualitydefinition");
    const sizes = { minSize: 1.5, maxSize: 80, preferredSize: 40 };
    const updated = await sendJson("PUT", `/api/v3/qualitydefinition/${first.id}`, { id: first.id, ...sizes }, 202);
    expect(updated).toMatchObject(sizes);
    expect(await getJson(`/api/v3/qualitydefinition/${first.id}`)).toMatchObject(sizes);
  });

  test("PUT accepts no upper limit", async () => {
    const [first] = await getJson<QualityDefinition[]>("/api/v3/qualitydefinition");
    const body = { id: first.id, minSize: 0, maxSize: null, preferredSize: null };
    expect(await sendJson("PUT", `/api/v3/qualitydefinition/${first.id}`, body, 202)).toMatchObject(body);
  });

  test("PUT rejects a minimum above the maximum, naming minSize", async () => {
    const [first] = await getJson<QualityDefinition[]>("/api/v3/qualitydefinition");
    const body = { id: first.id, minSize: 90, maxSize: 10, preferredSize: null };
    await expectFieldError(await call("PUT", `/api/v3/qualitydefinition/${first.id}`, { body }), "minSize");
  });

  test("PUT rejects a preferred size outside the limits, naming preferredSize", async () => {
    const [first] = await getJson<QualityDefinition[]>("/api/v3/qualitydefinition");
    const body = { id: first.id, minSize: 10, maxSize: 20, preferredSize: 30 };
    await expectFieldError(await call("PUT", `/api/v3/qualitydefinition/${first.id}`, { body }), "preferredSize");
  });

  test("PUT rejects a body id that differs from the path", async () => {
    const [first, second] = await getJson<QualityDefinition[]>("/api/v3/qualitydefinition");
    const body = { id: second.id, minSize: 0, maxSize: 10, preferredSize: 5 };
    await expectFieldError(await call("PUT", `/api/v3/qualitydefinition/${first.id}`, { body }), "id");
  });

  test("PUT /update sets several at once", async () => {
    const [a, b] = await getJson<QualityDefinition[]>("/api/v3/qualitydefinition");
    const updated = await sendJson<QualityDefinition[]>(
      "PUT",
      "/api/v3/qualitydefinition/update",
      [
        { id: a.id, minSize: 1, maxSize: 2, preferredSize: 2 },
        { id: b.id, minSize: 3, maxSize: 4, preferredSize: null },
      ],
      202,
    );
    expect(updated).toHaveLength(30);
    expect(updated.find((d) => d.id === a.id)).toMatchObject({ minSize: 1, maxSize: 2, preferredSize: 2 });
    expect(updated.find((d) => d.id === b.id)).toMatchObject({ minSize: 3, maxSize: 4, preferredSize: null });
  });

  test("PUT /update rejects an unknown id and changes nothing", async () => {
    const [a] = await getJson<QualityDefinition[]>("/api/v3/qualitydefinition");
    const res = await call("PUT", "/api/v3/qualitydefinition/update", {
      body: [
        { id: a.id, minSize: 5, maxSize: 6, preferredSize: null },
        { id: 9999, minSize: 0, maxSize: 1, preferredSize: null },
      ],
    });
    await expectFieldError(res, "id");
    expect(await getJson(`/api/v3/qualitydefinition/${a.id}`)).toEqual(a);
  });
});
