import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import {
  addMovie,
  addRootFolder,
  addTag,
  call,
  expectFieldError,
  getJson,
  type Movie,
  qualityProfileId,
  sendJson,
} from "./helpers";

// TMDb ids this file adds (the simulator's catalogue): The Matrix, Fight Club, The Matrix Reloaded.
const MATRIX = 603;
const FIGHT_CLUB = 550;
const RELOADED = 604;
const NOT_ON_TMDB = 99_999_999;

beforeEach(async () => {
  await addRootFolder("/movies");
});

describe("adding a movie", () => {
  test("answers 201 with its TMDb metadata and Radarr's folder layout", async () => {
    const profileId = await qualityProfileId("HD-1080p");
    const movie = await sendJson<Movie>(
      "POST",
      "/api/v3/movie",
      { tmdbId: MATRIX, qualityProfileId: profileId, rootFolderPath: "/movies" },
      201,
    );
    expect(movie).toMatchObject({
      id: expect.any(Number),
      tmdbId: MATRIX,
      imdbId: "tt0133093",
      title: "The Matrix",
      sortTitle: "matrix",
      cleanTitle: "thematrix",
      year: 1999,
      runtime: 136,
      certification: "R",
      genres: ["Action", "Science Fiction"],
      collection: { title: "The Matrix Collection", tmdbId: 2344 },
      status: "released",
      qualityProfileId: profileId,
      rootFolderPath: "/movies",
      path: "/movies/The Matrix (1999)",
      folder: "The Matrix (1999)",
      monitored: true,
      minimumAvailability: "released",
      isAvailable: true,
      hasFile: false,
      sizeOnDisk: 0,
      tags: [],
    });
    // Radarr's shape: the cover's path under the API (Bazarr fetches /api/v3 + it), TMDb's address as remoteUrl.
    expect(movie.images).toContainEqual({
      coverType: "poster",
      url: `/MediaCover/${movie.id}/poster.jpg`,
      remoteUrl: `${env.TMDB_IMAGE_URL}/t/p/original/603-poster.jpg`,
    });
    const [listed] = (await getJson<Movie[]>("/api/v3/movie")).filter((m) => m.id === movie.id);
    expect(listed.images).toEqual(movie.images);
    const cover = await call("GET", `/api/v3${String(listed.images[0]?.url).replace(".jpg", "-500.jpg")}`);
    expect(cover.status).toBe(200);
    expect(cover.headers.get("content-type")).toMatch(/^image\//);
    expect(movie.images.map((i) => i.coverType)).toContain("fanart");
    expect(clock.now() - Date.parse(movie.added)).toBeLessThan(60_000);
  });

  test("keeps the caller's choices: monitored, minimum availability and tags", async () => {
    const tag = await addTag("keep");
    const movie = await addMovie(MATRIX, { monitored: false, minimumAvailability: "inCinemas", tags: [tag.id] });
    expect(movie).toMatchObject({ monitored: false, minimumAvailability: "inCinemas", tags: [tag.id] });
  });

  test("takes an explicit path and derives the root folder from it", async () => {
    const movie = await addMovie(MATRIX, { rootFolderPath: undefined, path: "/movies/Matrix" });
    expect(movie).toMatchObject({ path: "/movies/Matrix", rootFolderPath: "/movies", folder: "Matrix" });
  });

  test("rejects a movie already in the library, naming tmdbId", async () => {
    await addMovie(MATRIX);
    const res = await call("POST", "/api/v3/movie", {
      body: { tmdbId: MATRIX, qualityProfileId: await qualityProfileId(), rootFolderPath: "/movies" },
    });
    await expectFieldError(res, "tmdbId");
    expect(await getJson<Movie[]>("/api/v3/movie")).toHaveLength(1);
  });

  test("adds a movie once when several adds race: the others are refused naming tmdbId, never a 500", async () => {
    const body = { tmdbId: FIGHT_CLUB, qualityProfileId: await qualityProfileId(), rootFolderPath: "/movies" };
    const answers = await Promise.all(Array.from({ length: 4 }, () => call("POST", "/api/v3/movie", { body })));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 400, 400, 400]);
    for (const res of answers.filter((r) => r.status === 400)) await expectFieldError(res, "tmdbId");
    const library = await getJson<Movie[]>("/api/v3/movie");
    expect(library.map((m) => m.tmdbId)).toEqual([FIGHT_CLUB]);
  });

  test("rejects an unknown quality profile, naming qualityProfileId", async () => {
    const res = await call("POST", "/api/v3/movie", {
      body: { tmdbId: MATRIX, qualityProfileId: 999, rootFolderPath: "/movies" },
    });
    await expectFieldError(res, "qualityProfileId");
  });

  test("rejects a root folder that is not configured, naming rootFolderPath", async () => {
    const res = await call("POST", "/api/v3/movie", {
      body: { tmdbId: MATRIX, qualityProfileId: await qualityProfileId(), rootFolderPath: "/elsewhere" },
    });
    await expectFieldError(res, "rootFolderPath");
  });

  test("rejects an unknown tag, naming tags", async () => {
    const res = await call("POST", "/api/v3/movie", {
      body: { tmdbId: MATRIX, qualityProfileId: await qualityProfileId(), rootFolderPath: "/movies", tags: [999] },
    });
    await expectFieldError(res, "tags");
  });

  test("rejects a body with neither rootFolderPath nor path, naming rootFolderPath", async () => {
    const res = await call("POST", "/api/v3/movie", {
      body: { tmdbId: MATRIX, qualityProfileId: await qualityProfileId() },
    });
    await expectFieldError(res, "rootFolderPath");
  });

  test("rejects a TMDb id TMDb does not know, and adds nothing", async () => {
    const res = await call("POST", "/api/v3/movie", {
      body: { tmdbId: NOT_ON_TMDB, qualityProfileId: await qualityProfileId(), rootFolderPath: "/movies" },
    });
    const body = await expectFieldError(res, "tmdbId");
    expect(body.message).toContain(String(NOT_ON_TMDB));
    expect(await getJson<Movie[]>("/api/v3/movie")).toEqual([]);
  });
});

describe("reading movies", () => {
  test("GET /movie lists the library sorted by title", async () => {
    await addMovie(MATRIX);
    await addMovie(FIGHT_CLUB);
    const movies = await getJson<Movie[]>("/api/v3/movie");
    expect(movies.map((m) => m.title)).toEqual(["Fight Club", "The Matrix"]);
    for (const movie of movies) expect(movie.isAvailable).toEqual(expect.any(Boolean));
  });

  test("GET /movie?tmdbId= filters to that movie", async () => {
    await addMovie(MATRIX);
    const fightClub = await addMovie(FIGHT_CLUB);
    expect(await getJson<Movie[]>(`/api/v3/movie?tmdbId=${FIGHT_CLUB}`)).toEqual([fightClub]);
    expect(await getJson<Movie[]>("/api/v3/movie?tmdbId=12345")).toEqual([]);
  });

  test("GET /movie/{id} answers the movie as it was added", async () => {
    const added = await addMovie(MATRIX);
    expect(await getJson<Movie>(`/api/v3/movie/${added.id}`)).toEqual(added);
  });

  test("GET /movie/{id} answers 404 for an id not in the library", async () => {
    const res = await call("GET", "/api/v3/movie/9999");
    expect(res.status).toBe(404);
    expect((await res.json<{ message: string }>()).message).toContain("9999");
  });
});

describe("editing one movie", () => {
  test("PUT changes monitored, tags and quality profile", async () => {
    const movie = await addMovie(MATRIX);
    const tag = await addTag("favourite");
    const sd = await qualityProfileId("SD");
    const edited = await sendJson<Movie>(
      "PUT",
      `/api/v3/movie/${movie.id}`,
      { ...movie, monitored: false, tags: [tag.id], qualityProfileId: sd },
      202,
    );
    expect(edited).toMatchObject({ monitored: false, tags: [tag.id], qualityProfileId: sd, title: "The Matrix" });
    expect(await getJson<Movie>(`/api/v3/movie/${movie.id}`)).toEqual(edited);
  });

  test("PUT with a new root folder moves the movie's folder under it", async () => {
    await addRootFolder("/archive");
    const movie = await addMovie(MATRIX);
    const edited = await sendJson<Movie>("PUT", `/api/v3/movie/${movie.id}`, { rootFolderPath: "/archive" }, 202);
    expect(edited).toMatchObject({ rootFolderPath: "/archive", path: "/archive/The Matrix (1999)" });
  });

  test("PUT rejects an unknown quality profile and changes nothing", async () => {
    const movie = await addMovie(MATRIX);
    const res = await call("PUT", `/api/v3/movie/${movie.id}`, { body: { monitored: false, qualityProfileId: 999 } });
    await expectFieldError(res, "qualityProfileId");
    expect(await getJson<Movie>(`/api/v3/movie/${movie.id}`)).toMatchObject({ monitored: true });
  });

  test("PUT answers 404 for an id not in the library", async () => {
    expect((await call("PUT", "/api/v3/movie/9999", { body: { monitored: false } })).status).toBe(404);
  });
});

describe("deleting one movie", () => {
  test("DELETE removes it", async () => {
    const movie = await addMovie(MATRIX);
    expect((await call("DELETE", `/api/v3/movie/${movie.id}`)).status).toBe(200);
    expect((await call("GET", `/api/v3/movie/${movie.id}`)).status).toBe(404);
    expect(await getJson("/api/v3/exclusions")).toEqual([]);
  });

  test("DELETE with addImportExclusion=true excludes it from future imports", async () => {
    const movie = await addMovie(MATRIX);
    expect((await call("DELETE", `/api/v3/movie/${movie.id}?addImportExclusion=true`)).status).toBe(200);
    expect(await getJson("/api/v3/exclusions")).toEqual([
      { id: expect.any(Number), tmdbId: MATRIX, movieTitle: "The Matrix", movieYear: 1999 },
    ]);
  });

  test("DELETE answers 404 for an id not in the library", async () => {
    expect((await call("DELETE", "/api/v3/movie/9999")).status).toBe(404);
  });
});

describe("the movie editor", () => {
  let matrix: Movie;
  let fightClub: Movie;
  let reloaded: Movie;

  beforeEach(async () => {
    matrix = await addMovie(MATRIX);
    fightClub = await addMovie(FIGHT_CLUB);
    reloaded = await addMovie(RELOADED);
  });

  const editor = (body: Record<string, unknown>) => sendJson<Movie[]>("PUT", "/api/v3/movie/editor", body, 202);
  const movie = (id: number) => getJson<Movie>(`/api/v3/movie/${id}`);

  test("sets monitored on the chosen movies only", async () => {
    const edited = await editor({ movieIds: [matrix.id, fightClub.id], monitored: false });
    expect(edited.map((m) => m.monitored)).toEqual([false, false]);
    expect((await movie(reloaded.id)).monitored).toBe(true);
  });

  test("sets the quality profile", async () => {
    const ultra = await qualityProfileId("Ultra-HD");
    await editor({ movieIds: [matrix.id, reloaded.id], qualityProfileId: ultra });
    expect((await movie(matrix.id)).qualityProfileId).toBe(ultra);
    expect((await movie(reloaded.id)).qualityProfileId).toBe(ultra);
    expect((await movie(fightClub.id)).qualityProfileId).toBe(matrix.qualityProfileId);
  });

  test("adds tags to those already set", async () => {
    const [a, b] = [await addTag("a"), await addTag("b")];
    await editor({ movieIds: [matrix.id], tags: [a.id], applyTags: "replace" });
    await editor({ movieIds: [matrix.id, fightClub.id], tags: [b.id], applyTags: "add" });
    expect((await movie(matrix.id)).tags.sort()).toEqual([a.id, b.id].sort());
    expect((await movie(fightClub.id)).tags).toEqual([b.id]);
    expect((await movie(reloaded.id)).tags).toEqual([]);
  });

  test("removes only the given tags", async () => {
    const [a, b] = [await addTag("a"), await addTag("b")];
    await editor({ movieIds: [matrix.id, fightClub.id], tags: [a.id, b.id], applyTags: "add" });
    await editor({ movieIds: [matrix.id, fightClub.id], tags: [a.id], applyTags: "remove" });
    expect((await movie(matrix.id)).tags).toEqual([b.id]);
    expect((await movie(fightClub.id)).tags).toEqual([b.id]);
  });

  test("replaces tags", async () => {
    const [a, b] = [await addTag("a"), await addTag("b")];
    await editor({ movieIds: [matrix.id, fightClub.id], tags: [a.id], applyTags: "add" });
    await editor({ movieIds: [matrix.id, fightClub.id], tags: [b.id], applyTags: "replace" });
    expect((await movie(matrix.id)).tags).toEqual([b.id]);
    expect((await movie(fightClub.id)).tags).toEqual([b.id]);
  });

  test("replacing with no tags clears them", async () => {
    const a = await addTag("a");
    await editor({ movieIds: [matrix.id], tags: [a.id], applyTags: "add" });
    await editor({ movieIds: [matrix.id], tags: [], applyTags: "replace" });
    expect((await movie(matrix.id)).tags).toEqual([]);
  });

  test("moves the movies' folders to a new root folder", async () => {
    await addRootFolder("/archive");
    const edited = await editor({ movieIds: [matrix.id, fightClub.id], rootFolderPath: "/archive" });
    expect(edited.map((m) => m.path).sort()).toEqual(["/archive/Fight Club (1999)", "/archive/The Matrix (1999)"]);
    expect(edited.every((m) => m.rootFolderPath === "/archive")).toBe(true);
    expect((await movie(reloaded.id)).path).toBe("/movies/The Matrix Reloaded (2003)");
    const folders = await getJson<{ path: string; movieCount: number }[]>("/api/v3/rootfolder");
    expect(folders.map((f) => [f.path, f.movieCount])).toEqual([
      ["/archive", 2],
      ["/movies", 1],
    ]);
  });

  test("rejects an unknown movie id, naming movieIds, and changes nothing", async () => {
    const res = await call("PUT", "/api/v3/movie/editor", { body: { movieIds: [matrix.id, 9999], monitored: false } });
    await expectFieldError(res, "movieIds");
    expect((await movie(matrix.id)).monitored).toBe(true);
  });

  test("rejects an unknown root folder, naming rootFolderPath", async () => {
    const res = await call("PUT", "/api/v3/movie/editor", { body: { movieIds: [matrix.id], rootFolderPath: "/x" } });
    await expectFieldError(res, "rootFolderPath");
  });

  test("deletes the chosen movies, with import exclusions when asked", async () => {
    const res = await call("DELETE", "/api/v3/movie/editor", {
      body: { movieIds: [matrix.id, fightClub.id], addImportExclusion: true },
    });
    expect(res.status).toBe(200);
    expect((await getJson<Movie[]>("/api/v3/movie")).map((m) => m.id)).toEqual([reloaded.id]);
    const exclusions = await getJson<{ tmdbId: number }[]>("/api/v3/exclusions");
    expect(exclusions.map((e) => e.tmdbId).sort()).toEqual([FIGHT_CLUB, MATRIX].sort());
  });

  test("deletes without exclusions by default", async () => {
    await sendJson("DELETE", "/api/v3/movie/editor", { movieIds: [reloaded.id] }, 200);
    expect(await getJson<Movie[]>("/api/v3/movie")).toHaveLength(2);
    expect(await getJson("/api/v3/exclusions")).toEqual([]);
  });
});
