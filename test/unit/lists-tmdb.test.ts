import { describe, expect, test } from "vitest";
import type { ListResponse, ListSourceEnvironment } from "../../src/domain/lists/source";
import {
  tmdbCollectionSource,
  tmdbCompanySource,
  tmdbKeywordSource,
  tmdbListSource,
  tmdbPersonSource,
  tmdbPopularSource,
} from "../../src/domain/lists/sources/tmdb";

// TMDb list sources: the requests they make and how they read TMDb's documented responses.
// Fixtures are built inline in the shapes developer.themoviedb.org documents.

const env: ListSourceEnvironment = {
  tmdbApiUrl: "https://api.themoviedb.org",
  tmdbApiKey: "key123",
  traktApiUrl: "https://api.trakt.tv",
  imdbUrl: "https://www.imdb.com",
  plexDiscoverUrl: "https://discover.provider.plex.tv",
};

function response(url: string, body: unknown): ListResponse {
  return { url, status: 200, headers: new Headers({ "content-type": "application/json" }), text: JSON.stringify(body) };
}

/** A movie as TMDb lists, discover and rankings show it. */
function tmdbMovie(id: number, title: string, releaseDate: string, extra: Record<string, unknown> = {}) {
  return {
    adult: false,
    backdrop_path: `/${id}-backdrop.jpg`,
    genre_ids: [28, 878],
    id,
    original_language: "en",
    original_title: title,
    overview: `${title}, the overview.`,
    popularity: 50,
    poster_path: `/${id}-poster.jpg`,
    release_date: releaseDate,
    title,
    video: false,
    vote_average: 7.5,
    vote_count: 2000,
    ...extra,
  };
}

function moviePage(page: number, totalPages: number, results: unknown[]) {
  return { page, results, total_pages: totalPages, total_results: totalPages * 20 };
}

const pageOf = (url: string | undefined) => (url ? new URL(url).searchParams.get("page") : undefined);

describe("TMDb requests", async () => {
  test("send the API key as api_key when no read token is configured", async () => {
    const request = tmdbListSource.firstRequest({ listId: "8100001" }, env);
    expect(request).toEqual({
      service: "tmdb",
      url: "https://api.themoviedb.org/4/list/8100001?page=1&api_key=key123",
      headers: { Accept: "application/json" },
    });
  });

  test("send the read access token as a Bearer header instead of api_key", async () => {
    const request = tmdbCollectionSource.firstRequest(
      { collectionId: "2344" },
      { ...env, tmdbReadToken: "read-token", tmdbApiKey: "key123" },
    );
    expect(request.url).toBe("https://api.themoviedb.org/3/collection/2344");
    expect(request.headers).toEqual({ Accept: "application/json", Authorization: "Bearer read-token" });
  });

  test("without any TMDb credential say which setting is missing", async () => {
    expect(() =>
      tmdbCollectionSource.firstRequest({ collectionId: "2344" }, { ...env, tmdbApiKey: undefined }),
    ).toThrow(
      expect.objectContaining({ kind: "authenticationFailed", message: expect.stringContaining("TMDB_API_KEY") }),
    );
  });
});

describe("TMDbListImport (v4 lists)", async () => {
  const settings = tmdbListSource.settings.parse({ listId: "8100001" });

  test("keeps dated movies, leaves out TV shows and undated movies, and carries TMDb's facts", async () => {
    const page = await tmdbListSource.parse(
      response("https://api.themoviedb.org/4/list/8100001?page=1", {
        id: 8100001,
        name: "Demo",
        page: 1,
        results: [
          { ...tmdbMovie(603, "The Matrix", "1999-03-30"), media_type: "movie" },
          { id: 1399, media_type: "tv", name: "A Show", first_air_date: "2011-04-17" },
          { ...tmdbMovie(2000001, "Someday", ""), media_type: "movie" },
          { ...tmdbMovie(604, "The Matrix Reloaded", "2003-05-15"), media_type: "movie" },
        ],
        total_pages: 1,
        total_results: 4,
      }),
      settings,
      env,
    );
    expect(page).toEqual({
      items: [
        {
          tmdbId: 603,
          title: "The Matrix",
          year: 1999,
          metadata: {
            poster_path: "/603-poster.jpg",
            backdrop_path: "/603-backdrop.jpg",
            overview: "The Matrix, the overview.",
            release_date: "1999-03-30",
            original_title: "The Matrix",
            original_language: "en",
            vote_average: 7.5,
            vote_count: 2000,
            popularity: 50,
            genre_ids: [28, 878],
          },
        },
        expect.objectContaining({ tmdbId: 604, title: "The Matrix Reloaded", year: 2003 }),
      ],
      next: undefined,
    });
  });

  test("asks for the next page until total_pages", async () => {
    const body = (page: number) => ({ id: 8100001, page, results: [], total_pages: 3, total_results: 60 });
    const first = await tmdbListSource.parse(response("u", body(1)), settings, env);
    expect(first.next?.url).toBe("https://api.themoviedb.org/4/list/8100001?page=2&api_key=key123");
    expect(pageOf((await tmdbListSource.parse(response("u", body(2)), settings, env)).next?.url)).toBe("3");
    expect((await tmdbListSource.parse(response("u", body(3)), settings, env)).next).toBeUndefined();
  });

  test("reads the list id from a number, a string or a pasted themoviedb.org address", async () => {
    expect(tmdbListSource.settings.parse({ listId: 8100001 })).toEqual({ listId: "8100001" });
    expect(tmdbListSource.settings.parse({ listId: " 42 " })).toEqual({ listId: "42" });
    expect(tmdbListSource.settings.parse({ listId: "https://www.themoviedb.org/list/8100001-my-picks" })).toEqual({
      listId: "8100001",
    });
  });

  test("rejects ids that are not TMDb ids, naming the field", async () => {
    for (const listId of ["", "abc", "0", "-3", undefined]) {
      const result = tmdbListSource.settings.safeParse({ listId });
      expect(result.success, String(listId)).toBe(false);
      expect(result.error?.issues[0].path).toEqual(["listId"]);
    }
  });

  test("an unreadable or unexpected body is a parse error naming what was wrong", async () => {
    const garbled: ListResponse = { url: "u", status: 200, headers: new Headers(), text: '{"page": 1, "res' };
    await expect(async () => tmdbListSource.parse(garbled, settings, env)).rejects.toThrow(
      expect.objectContaining({ kind: "parseError", message: "TMDb sent list page that is not valid JSON" }),
    );
    await expect(async () =>
      tmdbListSource.parse(response("u", { id: 1, page: 1, results: [] }), settings, env),
    ).rejects.toThrow(expect.objectContaining({ kind: "parseError", message: expect.stringContaining("total_pages") }));
    const badMovie = { id: 1, page: 1, results: [{ media_type: "movie", id: "x" }], total_pages: 1, total_results: 1 };
    await expect(async () => tmdbListSource.parse(response("u", badMovie), settings, env)).rejects.toThrow(
      expect.objectContaining({ kind: "parseError", message: expect.stringContaining("list entry") }),
    );
  });
});

describe("TMDbCollectionImport", async () => {
  test("lists the collection's dated parts in one request", async () => {
    const settings = tmdbCollectionSource.settings.parse({ collectionId: "2344" });
    const page = await tmdbCollectionSource.parse(
      response("https://api.themoviedb.org/3/collection/2344", {
        id: 2344,
        name: "The Matrix Collection",
        parts: [
          { ...tmdbMovie(603, "The Matrix", "1999-03-30"), media_type: "movie" },
          { ...tmdbMovie(624860, "The Matrix Resurrections", "2021-12-16"), media_type: "movie" },
          { ...tmdbMovie(2999999, "The Matrix 5", ""), media_type: "movie" },
        ],
      }),
      settings,
      env,
    );
    expect(page.items.map((item) => [item.tmdbId, item.year])).toEqual([
      [603, 1999],
      [624860, 2021],
    ]);
    expect(page.next).toBeUndefined();
  });
});

describe("TMDbPersonImport", async () => {
  const credits = {
    id: 9000001,
    cast: [
      { ...tmdbMovie(1, "Acted In", "2001-01-01"), character: "Hero", credit_id: "a", order: 0 },
      { ...tmdbMovie(2, "Barely Rated", "2002-01-01", { vote_average: 4.1 }), character: "Extra", credit_id: "b" },
    ],
    crew: [
      { ...tmdbMovie(3, "Directed", "2003-01-01"), department: "Directing", job: "Director", credit_id: "c" },
      { ...tmdbMovie(3, "Directed", "2003-01-01"), department: "Writing", job: "Screenplay", credit_id: "d" },
      { ...tmdbMovie(4, "Scored", "2004-01-01"), department: "Sound", job: "Original Music Composer", credit_id: "e" },
      { ...tmdbMovie(5, "Produced", "2005-01-01"), department: "Production", job: "Producer", credit_id: "f" },
      { ...tmdbMovie(6, "Shot", "2006-01-01"), department: "Camera", job: "Director of Photography", credit_id: "g" },
    ],
  };
  const idsFor = async (fields: Record<string, unknown>) => {
    const settings = tmdbPersonSource.settings.parse({ personId: "9000001", ...fields });
    return (await tmdbPersonSource.parse(response("u", credits), settings, env)).items.map((item) => item.tmdbId);
  };

  test("asks for the person's movie credits", async () => {
    const settings = tmdbPersonSource.settings.parse({ personId: 9000001, personCast: true });
    expect(tmdbPersonSource.firstRequest(settings, env).url).toBe(
      "https://api.themoviedb.org/3/person/9000001/movie_credits?api_key=key123",
    );
  });

  test("keeps the cast and the chosen crew departments, each movie once", async () => {
    expect(await idsFor({ personCast: true })).toEqual([1, 2]);
    expect(await idsFor({ personCastDirector: true })).toEqual([3]);
    expect(await idsFor({ personCastDirector: true, personCastWriting: true })).toEqual([3]);
    expect(await idsFor({ personCastSound: true, personCastProducer: true })).toEqual([4, 5]);
    expect(await idsFor({ personCast: true, personCastDirector: true, personCastWriting: true })).toEqual([1, 2, 3]);
  });

  test("applies the vote filters", async () => {
    expect(await idsFor({ personCast: true, minVoteAverage: "5" })).toEqual([1]);
    expect(await idsFor({ personCast: true, minVotes: 2001 })).toEqual([]);
  });

  test("needs at least one kind of credit", async () => {
    const result = tmdbPersonSource.settings.safeParse({ personId: "9000001" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["personCast"], message: expect.stringContaining("credit") });
  });
});

describe("TMDbKeywordImport and TMDbCompanyImport (discover)", async () => {
  test("discover movies with the keyword or company, most popular first, page by page", async () => {
    const keyword = tmdbKeywordSource.settings.parse({ keywordId: "9500003" });
    expect(tmdbKeywordSource.firstRequest(keyword, env).url).toBe(
      "https://api.themoviedb.org/3/discover/movie?with_keywords=9500003&sort_by=popularity.desc&page=1&api_key=key123",
    );
    const company = tmdbCompanySource.settings.parse({ companyId: 9800001 });
    expect(tmdbCompanySource.firstRequest(company, env).url).toBe(
      "https://api.themoviedb.org/3/discover/movie?with_companies=9800001&sort_by=popularity.desc&page=1&api_key=key123",
    );
  });

  test("read every page to total_pages", async () => {
    const settings = tmdbKeywordSource.settings.parse({ keywordId: "9500003" });
    const first = await tmdbKeywordSource.parse(
      response("u", moviePage(1, 41, [tmdbMovie(10, "Ten", "2010-10-10")])),
      settings,
      env,
    );
    expect(first.items.map((item) => item.tmdbId)).toEqual([10]);
    expect(first.next?.url).toBe(
      "https://api.themoviedb.org/3/discover/movie?with_keywords=9500003&sort_by=popularity.desc&page=2&api_key=key123",
    );
    expect((await tmdbKeywordSource.parse(response("u", moviePage(41, 41, [])), settings, env)).next).toBeUndefined();
  });

  test("stop at page 500, the last TMDb serves", async () => {
    const settings = tmdbCompanySource.settings.parse({ companyId: "1" });
    expect(
      pageOf((await tmdbCompanySource.parse(response("u", moviePage(499, 900, [])), settings, env)).next?.url),
    ).toBe("500");
    expect((await tmdbCompanySource.parse(response("u", moviePage(500, 900, [])), settings, env)).next).toBeUndefined();
  });
});

describe("TMDbPopularImport", async () => {
  const parseSettings = (input: Record<string, unknown>) => tmdbPopularSource.settings.parse(input);

  test("reads the TMDb ranking the list type names", async () => {
    const paths = [1, 2, 3, 4].map(
      (tmdbListType) => new URL(tmdbPopularSource.firstRequest(parseSettings({ tmdbListType }), env).url).pathname,
    );
    expect(paths).toEqual(["/3/movie/now_playing", "/3/movie/popular", "/3/movie/top_rated", "/3/movie/upcoming"]);
  });

  test("defaults to Popular with no filters", async () => {
    expect(parseSettings({})).toEqual({ tmdbListType: 2, "filterCriteria.languageCode": undefined });
  });

  test("reads Radarr's dotted filterCriteria.* field names and its language index", async () => {
    const settings = parseSettings({
      tmdbListType: "3",
      "filterCriteria.minVoteAverage": "6.5",
      "filterCriteria.minVotes": "100",
      "filterCriteria.includeGenreIds": "28|12",
      "filterCriteria.excludeGenreIds": "27",
      "filterCriteria.languageCode": 2,
    });
    expect(settings).toEqual({
      tmdbListType: 3,
      "filterCriteria.minVoteAverage": 6.5,
      "filterCriteria.minVotes": 100,
      "filterCriteria.includeGenreIds": "28|12",
      "filterCriteria.excludeGenreIds": "27",
      "filterCriteria.languageCode": 2,
    });
    // A nested filterCriteria object and ISO codes are read too; what is stored reads back the same.
    expect(parseSettings({ filterCriteria: { languageCode: "fr", minVotes: 10 } })).toEqual({
      tmdbListType: 2,
      "filterCriteria.minVotes": 10,
      "filterCriteria.languageCode": 4,
    });
    expect(parseSettings(settings)).toEqual(settings);
  });

  test("rejects an unknown list type and bad filters, naming the field", async () => {
    const paths = (input: Record<string, unknown>) =>
      tmdbPopularSource.settings.safeParse(input).error?.issues.map((issue) => issue.path.join("."));
    expect(paths({ tmdbListType: 9 })).toEqual(["tmdbListType"]);
    expect(paths({ "filterCriteria.minVoteAverage": "11" })).toEqual(["filterCriteria.minVoteAverage"]);
    expect(paths({ "filterCriteria.includeGenreIds": "action" })).toEqual(["filterCriteria.includeGenreIds"]);
    expect(paths({ "filterCriteria.languageCode": 99 })).toEqual(["filterCriteria.languageCode"]);
  });

  test("filters by votes, genres and original language", async () => {
    const results = [
      tmdbMovie(1, "Keeps", "2020-01-01"),
      tmdbMovie(2, "Low Rated", "2020-01-01", { vote_average: 4.9 }),
      tmdbMovie(3, "Few Votes", "2020-01-01", { vote_count: 12 }),
      tmdbMovie(4, "Horror Too", "2020-01-01", { genre_ids: [28, 27] }),
      tmdbMovie(5, "No Action", "2020-01-01", { genre_ids: [18] }),
      tmdbMovie(6, "French", "2020-01-01", { original_language: "fr" }),
    ];
    const settings = parseSettings({
      filterCriteria: {
        minVoteAverage: 5,
        minVotes: "100",
        includeGenreIds: "28",
        excludeGenreIds: "27",
        languageCode: 2,
      },
    });
    const page = await tmdbPopularSource.parse(response("u", moviePage(1, 3, results)), settings, env);
    expect(page.items.map((item) => item.tmdbId)).toEqual([1]);
  });

  test("reads the first ten pages of a ranking at most", async () => {
    const settings = parseSettings({});
    expect(pageOf((await tmdbPopularSource.parse(response("u", moviePage(9, 500, [])), settings, env)).next?.url)).toBe(
      "10",
    );
    expect((await tmdbPopularSource.parse(response("u", moviePage(10, 500, [])), settings, env)).next).toBeUndefined();
    expect((await tmdbPopularSource.parse(response("u", moviePage(2, 2, [])), settings, env)).next).toBeUndefined();
  });
});

describe("provider schema", async () => {
  test("each source names Radarr's implementation and contract, and its fields match its settings", async () => {
    const sources = [
      tmdbListSource,
      tmdbCollectionSource,
      tmdbPersonSource,
      tmdbKeywordSource,
      tmdbCompanySource,
      tmdbPopularSource,
    ];
    expect(sources.map((source) => [source.implementation, source.configContract])).toEqual([
      ["TMDbListImport", "TMDbListSettings"],
      ["TMDbCollectionImport", "TMDbCollectionSettings"],
      ["TMDbPersonImport", "TMDbPersonSettings"],
      ["TMDbKeywordImport", "TMDbKeywordSettings"],
      ["TMDbCompanyImport", "TMDbCompanySettings"],
      ["TMDbPopularImport", "TMDbPopularSettings"],
    ]);
    expect(tmdbPersonSource.fields.map((field) => field.name)).toEqual([
      "personId",
      "personCast",
      "personCastDirector",
      "personCastProducer",
      "personCastSound",
      "personCastWriting",
      "minVoteAverage",
      "minVotes",
    ]);
    expect(tmdbPopularSource.fields.find((field) => field.name === "tmdbListType")?.selectOptions).toEqual([
      { value: 1, name: "In Theaters" },
      { value: 2, name: "Popular" },
      { value: 3, name: "Top Rated" },
      { value: 4, name: "Upcoming" },
    ]);
    // TMDb answers 401 for a list that is not public; elsewhere 401 means the key was refused.
    expect(tmdbListSource.refusalKind?.(401)).toBe("private");
    expect(tmdbCollectionSource.refusalKind).toBeUndefined();
    // Every field's default value is a valid setting.
    const defaults = Object.fromEntries(
      tmdbPopularSource.fields.flatMap((field) => (field.value === undefined ? [] : [[field.name, field.value]])),
    );
    expect(tmdbPopularSource.settings.safeParse(defaults).success).toBe(true);
  });
});
