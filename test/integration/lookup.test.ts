import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder, call, type ErrorBody, expectFieldError, getJson, type Movie } from "./helpers";

// Searches through the simulated TMDb. Ids: the three "Dune"s and The Matrix (603 / tt0133093).
const DUNE_2021 = 438631;
const DUNE_1984 = 841;
const DUNE_PART_TWO = 693134;

const lookup = (term: string) => getJson<Movie[]>(`/api/v3/movie/lookup?term=${encodeURIComponent(term)}`);

describe("free-text lookup", () => {
  test("finds every matching movie with Radarr's lookup fields", async () => {
    const results = await lookup("dune");
    expect(results.map((m) => m.tmdbId)).toEqual([DUNE_2021, DUNE_1984, DUNE_PART_TWO]);
    expect(results[1]).toMatchObject({
      title: "Dune",
      year: 1984,
      sortTitle: "dune",
      cleanTitle: "dune",
      folder: "Dune (1984)",
      monitored: false,
      hasFile: false,
      tags: [],
      genres: ["Action", "Science Fiction"],
      remotePoster: `${env.TMDB_IMAGE_URL}/t/p/original/841-poster.jpg`,
    });
    expect(results.every((m) => m.id === 0)).toBe(true);
  });

  test("sets the library id of a movie already added", async () => {
    await addRootFolder();
    const added = await addMovie(DUNE_1984);
    const results = await lookup("dune");
    expect(results.find((m) => m.tmdbId === DUNE_1984)?.id).toBe(added.id);
    expect(results.filter((m) => m.id !== 0)).toHaveLength(1);
  });

  test("narrows to a trailing year", async () => {
    expect((await lookup("dune 1984")).map((m) => m.tmdbId)).toEqual([DUNE_1984]);
    expect((await lookup("dune (1984)")).map((m) => m.tmdbId)).toEqual([DUNE_1984]);
  });

  test("answers an empty list when nothing matches", async () => {
    expect(await lookup("qwxzzy nothing at all")).toEqual([]);
  });
});

describe("id lookup through the search box", () => {
  test("tmdb:<id> answers that movie with full details", async () => {
    const [matrix, ...rest] = await lookup("tmdb:603");
    expect(rest).toEqual([]);
    expect(matrix).toMatchObject({ tmdbId: 603, imdbId: "tt0133093", title: "The Matrix", year: 1999, runtime: 136 });
    expect(matrix.collection).toEqual({ title: "The Matrix Collection", tmdbId: 2344 });
  });

  test("an IMDb id answers that movie", async () => {
    expect((await lookup("tt0133093")).map((m) => m.tmdbId)).toEqual([603]);
    expect((await lookup("imdb:tt0133093")).map((m) => m.tmdbId)).toEqual([603]);
  });

  test("an id TMDb does not know answers an empty list", async () => {
    expect(await lookup("tmdb:99999999")).toEqual([]);
    expect(await lookup("tt9999999")).toEqual([]);
  });
});

describe("lookup by id", () => {
  test("/lookup/tmdb answers the movie", async () => {
    const movie = await getJson<Movie>("/api/v3/movie/lookup/tmdb?tmdbId=603");
    expect(movie).toMatchObject({ tmdbId: 603, title: "The Matrix", imdbId: "tt0133093", folder: "The Matrix (1999)" });
    // Radarr answers id 0 for a movie not in the library.
    expect(movie.id).toBe(0);
  });

  test("/lookup/imdb answers the movie", async () => {
    const movie = await getJson<Movie>("/api/v3/movie/lookup/imdb?imdbId=tt0133093");
    expect(movie).toMatchObject({ tmdbId: 603, title: "The Matrix" });
  });

  test("/lookup/tmdb sets the library id of a movie already added", async () => {
    await addRootFolder();
    const added = await addMovie(603);
    expect((await getJson<Movie>("/api/v3/movie/lookup/tmdb?tmdbId=603")).id).toBe(added.id);
  });

  test("/lookup/tmdb answers 404 for an id TMDb does not know", async () => {
    const res = await call("GET", "/api/v3/movie/lookup/tmdb?tmdbId=99999999");
    expect(res.status).toBe(404);
    expect((await res.json<ErrorBody>()).message).toContain("99999999");
  });

  test("/lookup/imdb answers 404 for an id TMDb does not know", async () => {
    expect((await call("GET", "/api/v3/movie/lookup/imdb?imdbId=tt9999999")).status).toBe(404);
  });
});

describe("bad lookup input", () => {
  test("a missing term answers 400 naming term", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/lookup"), "term");
  });

  test("a blank term answers 400 naming term", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/lookup?term=%20%20"), "term");
  });

  test("a malformed IMDb id answers 400 naming imdbId", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/lookup/imdb?imdbId=0133093"), "imdbId");
  });

  test("a non-numeric TMDb id answers 400 naming tmdbId", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/lookup/tmdb?tmdbId=matrix"), "tmdbId");
  });
});
