import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder, call, getJson, sendJson, tmdbCalls, tmdbFaults } from "./helpers";

/** GET /movie/{id}/similar and /recommendations: TMDb's related titles of a library movie, through the KV cache. */

interface RelatedMovie {
  tmdbId: number;
  title: string;
  year: number;
  images: { coverType: string; url: string }[];
  ratings: { tmdb: { votes: number; value: number } };
  genres: string[];
  movieId: number | null;
  isExcluded: boolean;
}

const MATRIX = 603;
const FIGHT_CLUB = 550;
const INTERSTELLAR = 157336;

describe("similar and recommended titles", () => {
  test("a library movie's similar titles come from TMDb, marked in library or excluded", async () => {
    await addRootFolder();
    const movie = await addMovie(MATRIX);
    const first = await getJson<RelatedMovie[]>(`/api/v3/movie/${movie.id}/similar`);
    expect(first.length).toBeGreaterThan(0);
    expect(first.some((m) => m.tmdbId === MATRIX)).toBe(false);
    expect(first[0]).toMatchObject({ title: expect.any(String), movieId: null, isExcluded: false });
    expect(first[0].genres.length).toBeGreaterThan(0);
    expect(first.every((m) => m.year > 1900)).toBe(true);

    // One of them added to the library, another excluded: the next read says so.
    const [inLibrary, excluded] = first;
    const added = await addMovie(inLibrary.tmdbId);
    await sendJson(
      "POST",
      "/api/v3/exclusions/bulk",
      [{ tmdbId: excluded.tmdbId, movieTitle: excluded.title, movieYear: excluded.year }],
      200,
    );
    const again = await getJson<RelatedMovie[]>(`/api/v3/movie/${movie.id}/similar`);
    expect(again.map((m) => m.tmdbId)).toEqual(first.map((m) => m.tmdbId));
    expect(again.find((m) => m.tmdbId === inLibrary.tmdbId)?.movieId).toBe(added.id);
    expect(again.find((m) => m.tmdbId === excluded.tmdbId)?.isExcluded).toBe(true);
  });

  test("recommendations are TMDb's other list, read once a day from TMDb", async () => {
    await addRootFolder();
    const movie = await addMovie(FIGHT_CLUB);
    const path = `/3/movie/${FIGHT_CLUB}/recommendations`;
    const before = await tmdbCalls(path);
    const recommended = await getJson<RelatedMovie[]>(`/api/v3/movie/${movie.id}/recommendations`);
    expect(recommended.length).toBeGreaterThan(0);
    expect(await tmdbCalls(path)).toBe(before + 1);
    // Cached: a second read costs TMDb nothing.
    expect(await getJson(`/api/v3/movie/${movie.id}/recommendations`)).toEqual(recommended);
    expect(await tmdbCalls(path)).toBe(before + 1);
    const similar = await getJson<RelatedMovie[]>(`/api/v3/movie/${movie.id}/similar`);
    expect(similar.map((m) => m.tmdbId)).not.toEqual(recommended.map((m) => m.tmdbId));
  });

  test("an unknown movie is a 404, a malformed id a 400", async () => {
    expect((await call("GET", "/api/v3/movie/999999/similar")).status).toBe(404);
    const bad = await call("GET", "/api/v3/movie/abc/recommendations");
    expect(bad.status).toBe(400);
  });

  const faults = tmdbFaults();
  test("TMDb failing is an upstream error, not a 500", async () => {
    await addRootFolder();
    const movie = await addMovie(INTERSTELLAR);
    await faults({ match: `/3/movie/${INTERSTELLAR}/similar`, kind: "status", status: 500 });
    const res = await call("GET", `/api/v3/movie/${movie.id}/similar`);
    expect(res.status).toBeGreaterThanOrEqual(502);
    expect(res.status).not.toBe(500);
  });
});
