import { expect, test } from "vitest";
import { movieById } from "../../sim/src/data/catalogue";
import { movieRanking } from "../../sim/src/data/lists-tmdb";
import { recommendationsFor } from "../../sim/src/data/related";
import { addMovie, addRootFolder, call, callsDuring, expectFieldError, getJson, tmdbFaults } from "./helpers";

interface DiscoverItem {
  tmdbId: number;
  mediaType: "movie" | "tv";
  title: string;
  year: number | null;
  posterUrl: string | null;
  genreIds: number[];
  inLibrary: boolean;
  movieId: number | null;
  moviesOnly: boolean;
}

interface DiscoverPage {
  row: string;
  name: string;
  page: number;
  totalPages: number;
  totalResults: number;
  results: DiscoverItem[];
}

interface Recommended {
  seeds: { movieId: number; tmdbId: number; title: string }[];
  results: (DiscoverItem & { recommendedBy: number[] })[];
}

interface DiscoverMovie {
  tmdbId: number;
  title: string;
  year: number | null;
  overview: string;
  genres: string[];
  cast: { name: string; character: string | null }[];
  directors: string[];
  trailer: { site: string; key: string } | null;
  ratings: { tmdb: { value: number; votes: number } };
  collection: { tmdbId: number; name: string } | null;
  inLibrary: boolean;
  movieId: number | null;
  watch: { region: string; available: boolean; offers: Record<string, { name: string }[]> } | null;
}

const THE_MATRIX = 603;
const FIGHT_CLUB = 550;
const addFault = tmdbFaults();

test("the popular row is TMDb's popular movies, each saying whether it is in the library", async () => {
  const first = await getJson<DiscoverPage>("/api/v3/discover/popular");
  expect(first).toMatchObject({ row: "popular", name: "Popular", page: 1 });
  const expected = movieRanking("popular").movies.slice(0, 20);
  expect(first.results.map((r) => r.tmdbId)).toEqual(expected.map((m) => m.id));
  expect(first.results.every((r) => r.mediaType === "movie" && !r.moviesOnly && !r.inLibrary)).toBe(true);

  await addRootFolder();
  const added = await addMovie(first.results[2].tmdbId);
  const again = await getJson<DiscoverPage>("/api/v3/discover/popular");
  expect(again.results[2]).toMatchObject({ inLibrary: true, movieId: added.id });
  expect(again.results.filter((r) => r.inLibrary)).toHaveLength(1);

  const second = await getJson<DiscoverPage>("/api/v3/discover/popular?page=2");
  expect(second.results.map((r) => r.tmdbId)).toEqual(
    movieRanking("popular")
      .movies.slice(20, 40)
      .map((m) => m.id),
  );
});

test("trending mixes movies and TV; TV titles are kept, marked movies-only; a cached row does not call TMDb again", async () => {
  const { result, calls } = await callsDuring("tmdb", "/3/trending/all/week", async () => [
    await getJson<DiscoverPage>("/api/v3/discover/trending?page=3"),
    await getJson<DiscoverPage>("/api/v3/discover/trending?page=3"),
  ]);
  expect(calls).toBe(1);
  const [page] = result;
  expect(page).toMatchObject({ row: "trending", page: 3 });
  const tv = page.results.filter((r) => r.mediaType === "tv");
  expect(tv.length).toBeGreaterThan(0);
  expect(tv.every((r) => r.moviesOnly && !r.inLibrary && r.movieId === null)).toBe(true);
  expect(page.results.some((r) => r.mediaType === "movie" && !r.moviesOnly)).toBe(true);
});

test("top rated and upcoming are rows too", async () => {
  const topRated = await getJson<DiscoverPage>("/api/v3/discover/topRated");
  expect(topRated.results.map((r) => r.tmdbId)).toEqual(
    movieRanking("top_rated")
      .movies.slice(0, 20)
      .map((m) => m.id),
  );
  const upcoming = await getJson<DiscoverPage>("/api/v3/discover/upcoming");
  expect(upcoming).toMatchObject({ name: "Upcoming" });
  expect(upcoming.results.length).toBeGreaterThan(0);
});

test("genre rows: the genre list, a genre's movies, and a genre TMDb does not list is not found", async () => {
  const { genres } = await getJson<{ genres: { id: number; name: string }[] }>("/api/v3/discover/genres");
  expect(genres).toContainEqual({ id: 878, name: "Science Fiction" });
  const sciFi = await getJson<DiscoverPage>("/api/v3/discover/genre/878");
  expect(sciFi).toMatchObject({ row: "genre", name: "Science Fiction" });
  expect(sciFi.results.length).toBe(20);
  expect(sciFi.results.every((r) => r.genreIds.includes(878))).toBe(true);
  expect((await call("GET", "/api/v3/discover/genre/4242")).status).toBe(404);
});

test("studio rows: the studio chips and a studio's movies", async () => {
  const { studios } = await getJson<{ studios: { id: number; name: string }[] }>("/api/v3/discover/studios");
  expect(studios).toContainEqual({ id: 2, name: "Walt Disney Pictures" });
  const disney = await getJson<DiscoverPage>("/api/v3/discover/studio/2");
  expect(disney).toMatchObject({ row: "studio", name: "Walt Disney Pictures" });
  expect(disney.results.length).toBeGreaterThan(0);
});

test("recommended starts from the latest library movies and leaves out what the library holds", async () => {
  expect(await getJson<Recommended>("/api/v3/discover/recommended")).toEqual({ seeds: [], results: [] });
  await addRootFolder();
  const matrix = await addMovie(THE_MATRIX);
  const body = await getJson<Recommended>("/api/v3/discover/recommended");
  expect(body.seeds).toEqual([{ movieId: matrix.id, tmdbId: THE_MATRIX, title: "The Matrix" }]);
  const seed = movieById(THE_MATRIX);
  if (!seed) throw new Error("the demo catalogue has no Matrix");
  const expected = recommendationsFor(seed).map((m) => m.id);
  expect(body.results.length).toBeGreaterThan(0);
  expect(body.results.every((r) => expected.includes(r.tmdbId) && r.recommendedBy.includes(THE_MATRIX))).toBe(true);
  expect(body.results.some((r) => r.tmdbId === THE_MATRIX || r.inLibrary)).toBe(false);
});

test("a seed TMDb does not know adds no recommendations, fails nothing, and is not asked again", async () => {
  await addRootFolder();
  await addMovie(THE_MATRIX);
  await addMovie(FIGHT_CLUB);
  await addFault({ match: `/3/movie/${FIGHT_CLUB}/recommendations`, kind: "status", status: 404 });
  const body = await getJson<Recommended>("/api/v3/discover/recommended");
  expect(body.seeds.map((s) => s.tmdbId)).toEqual([FIGHT_CLUB, THE_MATRIX]);
  expect(body.results.length).toBeGreaterThan(0);
  expect(body.results.every((r) => r.recommendedBy.length === 1 && r.recommendedBy[0] === THE_MATRIX)).toBe(true);
  // TMDb's "no such movie" is an answer, cached like one: the next read does not ask again.
  const again = await callsDuring("tmdb", `/3/movie/${FIGHT_CLUB}/recommendations`, () =>
    getJson<Recommended>("/api/v3/discover/recommended"),
  );
  expect(again.calls).toBe(0);
  expect(again.result).toEqual(body);
});

test("a movie's page: overview, cast, trailer, ratings, where to watch, and whether it is in the library", async () => {
  const movie = await getJson<DiscoverMovie>(`/api/v3/discover/movie/${THE_MATRIX}`);
  expect(movie).toMatchObject({ tmdbId: THE_MATRIX, title: "The Matrix", year: 1999, inLibrary: false, movieId: null });
  expect(movie.overview.length).toBeGreaterThan(0);
  expect(movie.cast.length).toBeGreaterThan(0);
  expect(movie.directors.length).toBeGreaterThan(0);
  expect(movie.trailer?.site).toBe("YouTube");
  expect(movie.ratings.tmdb.votes).toBeGreaterThan(0);
  expect(movie.collection).toEqual({ tmdbId: 2344, name: "The Matrix Collection" });
  expect(movie.watch?.region).toBe("US");

  await addRootFolder();
  const added = await addMovie(THE_MATRIX);
  expect(await getJson<DiscoverMovie>(`/api/v3/discover/movie/${THE_MATRIX}`)).toMatchObject({
    inLibrary: true,
    movieId: added.id,
  });
});

test("bad rows, pages and ids are 400s naming the field; an unknown TMDb id is a 404", async () => {
  await expectFieldError(await call("GET", "/api/v3/discover/nowhere"), "row");
  await expectFieldError(await call("GET", "/api/v3/discover/popular?page=0"), "page");
  await expectFieldError(await call("GET", "/api/v3/discover/genre/scifi"), "id");
  await expectFieldError(await call("GET", "/api/v3/discover/movie/-3"), "tmdbId");
  const missing = await call("GET", "/api/v3/discover/movie/99999999");
  expect(missing.status).toBe(404);
  expect((await missing.json<{ message: string }>()).message).toContain("99999999");
});

test("a TMDb failure is an upstream error the client can read, not a 500", async () => {
  await addFault({ match: "/3/movie/top_rated?page=9&", kind: "malformed" });
  const res = await call("GET", "/api/v3/discover/topRated?page=9");
  expect(res.status).toBe(502);
  expect((await res.json<{ message: string }>()).message).toMatch(/tmdb/i);
});

test("Discover is behind the API key", async () => {
  expect((await call("GET", "/api/v3/discover/popular", { key: null })).status).toBe(401);
});
