import { describe, expect, test } from "vitest";
import { addDays, allMovies, catalogueReferenceDate, movieById } from "../../sim/src/data/catalogue";
import { COMPANY_FIRST_ID, KEYWORD_FIRST_ID, movieDetails } from "../../sim/src/data/details";
import { TEN_THOUSAND, TMDB_LIST_IDS } from "../../sim/src/data/lists-tmdb";
import {
  castMovieIds,
  crewMovieIds,
  movieIdsWithCompany,
  movieIdsWithKeyword,
} from "../../sim/src/data/lists-tmdb-credits";
import { ACTORS, CREW_DEPARTMENTS, crewFor } from "../../sim/src/data/people";
import app from "../../sim/src/index";

// The simulated TMDb's list routes: v4 lists, person credits, discover and the movie rankings.

// biome-ignore lint/suspicious/noExplicitAny: tests read TMDb's JSON freely and assert on its shape.
type Body = Record<string, any>;

async function tmdb(path: string, init?: RequestInit): Promise<Response> {
  return app.request(`/tmdb${path}${path.includes("?") ? "&" : "?"}api_key=test-key`, init);
}

async function tmdbJson(path: string): Promise<Body> {
  const response = await tmdb(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as Body;
}

describe("the credits index (replayed from details.ts's draws)", () => {
  // Every eleventh movie: real and generated, released, in production and planned ones.
  const sample = allMovies().filter((_, index) => index % 11 === 0);
  const details = new Map(sample.map((movie) => [movie.id, movieDetails(movie)]));
  const ids = (list: { id: number }[]) => list.map((entry) => entry.id).sort((a, b) => a - b);

  test("credits the same people movieDetails() does", () => {
    const actors = ACTORS.filter((_, index) => index % 60 === 0).map((person) => person.id);
    const crew = CREW_DEPARTMENTS.flatMap(({ department }) => crewFor(department).slice(0, 4)).map((p) => p.id);
    const inSample = (movieIds: number[]) => movieIds.filter((id) => details.has(id));
    for (const personId of [...actors, ...crew]) {
      const credited = (pick: (d: ReturnType<typeof movieDetails>) => { person: { id: number } }[]) =>
        sample
          .filter((movie) => pick(details.get(movie.id) ?? movieDetails(movie)).some((c) => c.person.id === personId))
          .map((movie) => movie.id);
      expect(inSample(castMovieIds(personId)), `cast of ${personId}`).toEqual(credited((d) => d.cast));
      expect(inSample(crewMovieIds(personId)), `crew of ${personId}`).toEqual(credited((d) => d.crew));
    }
  });

  test("gives movies the keywords and companies movieDetails() does", () => {
    const keywordIds = Array.from({ length: 67 }, (_, index) => KEYWORD_FIRST_ID + index);
    const companyIds = Array.from({ length: 16 }, (_, index) => COMPANY_FIRST_ID + index);
    const withKeyword = new Map(keywordIds.map((id) => [id, new Set(movieIdsWithKeyword(id))]));
    const withCompany = new Map(companyIds.map((id) => [id, new Set(movieIdsWithCompany(id))]));
    for (const movie of sample) {
      const { keywords, companies } = details.get(movie.id) ?? movieDetails(movie);
      expect(
        keywordIds.filter((id) => withKeyword.get(id)?.has(movie.id)),
        `keywords of ${movie.id}`,
      ).toEqual(ids(keywords));
      expect(
        companyIds.filter((id) => withCompany.get(id)?.has(movie.id)),
        `companies of ${movie.id}`,
      ).toEqual(ids(companies));
    }
  });
});

describe("/4/list/{id}", () => {
  test("pages a list 20 entries at a time in TMDb's v4 shape", async () => {
    const first = await tmdbJson(`/4/list/${TMDB_LIST_IDS.realClassics}`);
    expect(first).toMatchObject({
      id: TMDB_LIST_IDS.realClassics,
      page: 1,
      public: true,
      sort_by: "original_order.asc",
      iso_639_1: "en",
      created_by: { username: "radarr-edge-demo" },
    });
    expect(first.results).toHaveLength(20);
    expect(first.total_pages).toBe(Math.ceil(first.total_results / 20));
    expect(first.item_count).toBe(first.total_results);
    expect(first.results[0]).toMatchObject({ media_type: "movie", id: expect.any(Number), title: expect.any(String) });
    expect(Object.keys(first.comments)).toEqual(first.results.map((r: Body) => `movie:${r.id}`));
    const last = await tmdbJson(`/4/list/${TMDB_LIST_IDS.realClassics}?page=${first.total_pages}`);
    expect(last.results.length).toBe(first.total_results - (first.total_pages - 1) * 20);
  });

  test("holds 10,000 catalogue movies on 500 pages", async () => {
    const first = await tmdbJson(`/4/list/${TMDB_LIST_IDS.tenThousand}`);
    expect(first).toMatchObject({ total_results: TEN_THOUSAND, total_pages: 500 });
    const last = await tmdbJson(`/4/list/${TMDB_LIST_IDS.tenThousand}?page=500`);
    expect(last.results).toHaveLength(20);
    for (const result of last.results) expect(movieById(result.id)?.title).toBe(result.title);
  });

  test("mixes TV shows and an undated movie into the mixed list", async () => {
    const list = await tmdbJson(`/4/list/${TMDB_LIST_IDS.mixedMedia}?page=1`);
    const types = list.results.map((r: Body) => r.media_type);
    expect(types.filter((t: string) => t === "tv")).toHaveLength(2);
    expect(list.results.find((r: Body) => r.media_type === "tv")).toMatchObject({ name: expect.any(String) });
    expect(list.results.some((r: Body) => r.media_type === "movie" && r.release_date === "")).toBe(true);
  });

  test("answers 401 for a private list, 404 for an unknown one, 400 for a bad page, 401 without a key", async () => {
    const privateList = await tmdb(`/4/list/${TMDB_LIST_IDS.private}`);
    expect(privateList.status).toBe(401);
    expect(await privateList.json()).toMatchObject({ status_code: 3, success: false });
    expect((await tmdb("/4/list/1")).status).toBe(404);
    expect((await tmdb("/4/list/not-a-number")).status).toBe(404);
    expect((await tmdb(`/4/list/${TMDB_LIST_IDS.realClassics}?page=501`)).status).toBe(400);
    expect((await app.request(`/tmdb/4/list/${TMDB_LIST_IDS.realClassics}`)).status).toBe(401);
    const bearer = await app.request(`/tmdb/4/list/${TMDB_LIST_IDS.realClassics}`, {
      headers: { Authorization: "Bearer read-token" },
    });
    expect(bearer.status).toBe(200);
  });
});

describe("/3/person/{id}/movie_credits", () => {
  test("lists an actor's cast credits with character, order and credit id, matching the movie's credits", async () => {
    const actor = ACTORS[17];
    const credits = await tmdbJson(`/3/person/${actor.id}/movie_credits`);
    expect(credits.id).toBe(actor.id);
    expect(credits.crew).toEqual([]);
    expect(credits.cast.length).toBeGreaterThan(10);
    const credit = credits.cast[0];
    expect(credit).toMatchObject({ id: expect.any(Number), title: expect.any(String), character: expect.any(String) });
    const movieCredits = await tmdbJson(`/3/movie/${credit.id}/credits`);
    expect(movieCredits.cast).toContainEqual(
      expect.objectContaining({ id: actor.id, character: credit.character, credit_id: credit.credit_id }),
    );
  });

  test("lists a crew member's credits with department and job", async () => {
    const composer = crewFor("Sound")[3];
    const credits = await tmdbJson(`/3/person/${composer.id}/movie_credits`);
    expect(credits.cast).toEqual([]);
    expect(credits.crew.length).toBeGreaterThan(10);
    for (const credit of credits.crew)
      expect(credit).toMatchObject({ department: "Sound", job: "Original Music Composer" });
  });

  test("answers 404 for an unknown person", async () => {
    expect((await tmdb("/3/person/1/movie_credits")).status).toBe(404);
  });
});

describe("/3/discover/movie", () => {
  test("finds a keyword's movies, most popular first, paged", async () => {
    const keywordId = KEYWORD_FIRST_ID + 3;
    const first = await tmdbJson(`/3/discover/movie?with_keywords=${keywordId}`);
    expect(first.total_results).toBe(movieIdsWithKeyword(keywordId).filter((id) => !movieById(id)?.adult).length);
    expect(first.total_pages).toBe(Math.ceil(first.total_results / 20));
    const popularity = first.results.map((r: Body) => r.popularity);
    expect(popularity).toEqual([...popularity].sort((a, b) => b - a));
    const second = await tmdbJson(`/3/discover/movie?with_keywords=${keywordId}&page=2`);
    expect(second.results[0].id).not.toBe(first.results[0].id);
  });

  test("combines filters: all of (comma) and any of (pipe)", async () => {
    const [a, b] = [KEYWORD_FIRST_ID + 1, KEYWORD_FIRST_ID + 2];
    const both = (await tmdbJson(`/3/discover/movie?with_keywords=${a},${b}`)).total_results;
    const either = (await tmdbJson(`/3/discover/movie?with_keywords=${a}|${b}`)).total_results;
    const onlyA = (await tmdbJson(`/3/discover/movie?with_keywords=${a}`)).total_results;
    expect(both).toBeLessThan(onlyA);
    expect(either).toBeGreaterThan(onlyA);
    const company = await tmdbJson(`/3/discover/movie?with_companies=${COMPANY_FIRST_ID}`);
    expect(company.total_results).toBeGreaterThan(100);
  });

  test("rejects an unknown sort and a page past 500", async () => {
    expect((await tmdb("/3/discover/movie?sort_by=nonsense.desc")).status).toBe(422);
    expect((await tmdb("/3/discover/movie?page=501")).status).toBe(400);
  });
});

describe("/3/movie/popular, top_rated, upcoming, now_playing", () => {
  test("rank released movies by popularity and by rating", async () => {
    const popular = await tmdbJson("/3/movie/popular");
    expect(popular.total_pages).toBe(500);
    expect(popular.results[0].popularity).toBeGreaterThanOrEqual(popular.results[19].popularity);
    const top = await tmdbJson("/3/movie/top_rated?page=2");
    expect(top.page).toBe(2);
    expect(top.results[0].vote_average).toBeGreaterThanOrEqual(top.results[19].vote_average);
    for (const movie of top.results) expect(movie.vote_count).toBeGreaterThanOrEqual(300);
  });

  test("window upcoming and now playing around the catalogue's reference day", async () => {
    // Upcoming is the next 180 days and now playing the last 45, from the pinned clock's day.
    const day = catalogueReferenceDate();
    const upcoming = await tmdbJson("/3/movie/upcoming");
    expect(upcoming.dates).toEqual({ minimum: addDays(day, 1), maximum: addDays(day, 180) });
    expect(upcoming.results.length).toBeGreaterThan(0);
    for (const movie of upcoming.results) expect(movie.release_date >= addDays(day, 1)).toBe(true);
    const nowPlaying = await tmdbJson("/3/movie/now_playing");
    expect(nowPlaying.dates).toEqual({ minimum: addDays(day, -45), maximum: day });
    expect(nowPlaying.total_results).toBeGreaterThan(20);
  });

  test("leave /3/movie/{id} as it was", async () => {
    expect((await tmdbJson("/3/movie/603")).title).toBe("The Matrix");
  });
});
