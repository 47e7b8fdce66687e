import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, test } from "vitest";
import type { MovieMetadata } from "../../src/domain/library/movieMetadata";
import { cleanTitle, sortTitle } from "../../src/domain/library/titles";
import {
  addRootFolder,
  addTag,
  call,
  expectFieldError,
  getJson,
  type Movie,
  qualityProfileId,
  sendJson,
} from "./helpers";

/** One library row as the fixture writes it; the expectations below are computed from these. */
interface LibraryMovie {
  id: number;
  title: string;
  year: number;
  monitored: boolean;
  hasFile: boolean;
  sizeOnDisk: number;
  status: "announced" | "inCinemas" | "released";
  rating: number;
  added: string;
  genres: string[];
  tags: number[];
  qualityProfileId: number;
}

interface MoviePage {
  page: number;
  pageSize: number;
  sortKey: string;
  sortDirection: "ascending" | "descending";
  totalRecords: number;
  records: Movie[];
}

const LIBRARY_SIZE = 60;
const DAY_MS = 86_400_000;
// The first few titles exercise sorting and search; the rest are "Movie 07" … "Movie 59".
const SPECIAL_TITLES = [
  "The Alpha",
  "Spider-Man: Into the Verse",
  "An Omega Point",
  "A Quiet Place",
  "Zulu Dawn",
  "Aardvark Nights",
  "Amélie",
];
const GENRE_SETS = [["Drama"], ["Comedy"], ["Action", "Drama"], ["Horror"]];

let library: LibraryMovie[];
let tagA: number;
let tagB: number;
let hdProfile: number;
let sdProfile: number;

function libraryMovie(i: number): LibraryMovie {
  const hasFile = i % 3 === 0;
  return {
    id: i + 1,
    title: SPECIAL_TITLES[i] ?? `Movie ${String(i).padStart(2, "0")}`,
    year: 1960 + i,
    monitored: i % 2 === 0,
    hasFile,
    sizeOnDisk: hasFile ? (i + 1) * 1_000_000_000 : 0,
    status: i % 10 === 9 ? "announced" : i % 10 === 8 ? "inCinemas" : "released",
    rating: ((i * 37) % 100) / 10,
    added: new Date(Date.UTC(2020, 0, 1) + ((i * 13) % LIBRARY_SIZE) * DAY_MS).toISOString(),
    genres: GENRE_SETS[i % 4],
    tags: [...(i % 5 === 0 ? [tagA] : []), ...(i % 7 === 0 ? [tagB] : [])],
    qualityProfileId: i % 3 === 1 ? sdProfile : hdProfile,
  };
}

function metadata(m: LibraryMovie): MovieMetadata {
  return {
    overview: `Overview of ${m.title}`,
    images: [],
    alternateTitles: [],
    ratings: { tmdb: { votes: 100, value: m.rating, type: "user" } },
    keywords: [],
    studio: "Fixture Studios",
    website: "",
    youTubeTrailerId: "",
    certification: "PG",
    originalLanguage: { id: 1, name: "English" },
  };
}

/** Writes the library straight into D1, mirroring what the app stores for an added movie. */
async function insertLibrary(movies: LibraryMovie[]) {
  const db = env.DB;
  const statements: D1PreparedStatement[] = [];
  for (const m of movies) {
    const inCinemas = m.status === "announced" ? null : `${m.year}-06-01T00:00:00.000Z`;
    statements.push(
      db
        .prepare(
          `insert into movies (id, tmdb_id, imdb_id, title, original_title, sort_title, clean_title, year, status,
             runtime, in_cinemas, physical_release, digital_release, monitored, minimum_availability,
             quality_profile_id, root_folder_path, path, has_file, size_on_disk, rating, popularity, genres,
             metadata, add_options, added, last_info_sync, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, ?, 'released', ?, '/movies', ?, ?, ?, ?, ?, ?, ?,
             null, ?, ?, ?)`,
        )
        .bind(
          m.id,
          900_000 + m.id,
          `tt${String(9_000_000 + m.id)}`,
          m.title,
          m.title,
          sortTitle(m.title),
          cleanTitle(m.title),
          m.year,
          m.status,
          100 + m.id,
          inCinemas,
          m.monitored ? 1 : 0,
          m.qualityProfileId,
          `/movies/${m.title.replace(/:/g, "")} (${m.year})`,
          m.hasFile ? 1 : 0,
          m.sizeOnDisk,
          m.rating,
          m.id,
          JSON.stringify(m.genres),
          JSON.stringify(metadata(m)),
          m.added,
          m.added,
          m.added,
        ),
    );
    for (const genre of m.genres) {
      statements.push(db.prepare("insert into movie_genres (movie_id, genre) values (?, ?)").bind(m.id, genre));
    }
    for (const tag of m.tags) {
      statements.push(db.prepare("insert into movie_tags (movie_id, tag_id) values (?, ?)").bind(m.id, tag));
    }
  }
  await db.batch(statements);
}

beforeEach(async () => {
  await addRootFolder("/movies");
  [tagA, tagB] = [(await addTag("alpha")).id, (await addTag("beta")).id];
  [hdProfile, sdProfile] = [await qualityProfileId("HD-1080p"), await qualityProfileId("SD")];
  library = Array.from({ length: LIBRARY_SIZE }, (_, i) => libraryMovie(i));
  await insertLibrary(library);
});

const paged = (query: string) => getJson<MoviePage>(`/api/v3/movie/paged?${query}`);

/** The whole filtered result, in one page. */
const all = async (query: string) => (await paged(`pageSize=1000&${query}`)).records;

const expectOrdered = <T>(values: T[], direction: "ascending" | "descending") => {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  expect(values).toEqual(direction === "ascending" ? sorted : sorted.reverse());
};

describe("the page envelope", () => {
  test("defaults to page 1 of 50, sorted by title ascending", async () => {
    const page = await paged("");
    expect(page).toMatchObject({
      page: 1,
      pageSize: 50,
      sortKey: "title",
      sortDirection: "ascending",
      totalRecords: LIBRARY_SIZE,
    });
    expect(page.records).toHaveLength(50);
  });

  test("pages cover the library once, without gaps or repeats", async () => {
    const pages = await Promise.all([1, 2, 3].map((n) => paged(`page=${n}&pageSize=25`)));
    expect(pages.map((p) => p.records.length)).toEqual([25, 25, 10]);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    const ids = pages.flatMap((p) => p.records.map((m) => m.id));
    expect(new Set(ids).size).toBe(LIBRARY_SIZE);
    expect(ids).toEqual((await all("")).map((m) => m.id));
  });

  test("a page past the end is empty but still counts the library", async () => {
    const page = await paged("page=10&pageSize=10");
    expect(page).toMatchObject({ page: 10, pageSize: 10, totalRecords: LIBRARY_SIZE, records: [] });
  });

  test("records are full movie resources, the same as /movie/{id}", async () => {
    const [first] = (await paged("pageSize=1")).records;
    expect(await getJson<Movie>(`/api/v3/movie/${first.id}`)).toEqual(first);
  });
});

describe("sorting", () => {
  test("by title ignores a leading article", async () => {
    const titles = (await paged("pageSize=3")).records.map((m) => m.title);
    expect(titles).toEqual(["Aardvark Nights", "The Alpha", "Amélie"]);
  });

  test("by title descending starts at the end of the alphabet", async () => {
    const titles = (await paged("pageSize=3&sortDirection=descending")).records.map((m) => m.title);
    expect(titles).toEqual(["Zulu Dawn", "Spider-Man: Into the Verse", "A Quiet Place"]);
  });

  const keys: [string, (m: Movie) => string | number][] = [
    ["title", (m) => m.sortTitle],
    ["year", (m) => m.year],
    ["added", (m) => m.added],
    ["rating", (m) => m.ratings.tmdb.value],
    ["size", (m) => m.sizeOnDisk],
  ];

  for (const [sortKey, value] of keys) {
    for (const direction of ["ascending", "descending"] as const) {
      test(`by ${sortKey} ${direction}`, async () => {
        const page = await paged(`pageSize=1000&sortKey=${sortKey}&sortDirection=${direction}`);
        expect(page).toMatchObject({ sortKey, sortDirection: direction, totalRecords: LIBRARY_SIZE });
        expect(page.records).toHaveLength(LIBRARY_SIZE);
        expectOrdered(page.records.map(value), direction);
      });
    }
  }

  test("ties are broken by title", async () => {
    const records = await all("sortKey=size");
    const withoutFile = records.filter((m) => m.sizeOnDisk === 0);
    expect(withoutFile).toHaveLength(40);
    expectOrdered(
      withoutFile.map((m) => m.sortTitle),
      "ascending",
    );
  });

  test("Radarr's sort key names are accepted as aliases", async () => {
    expect((await paged("sortKey=sortTitle")).sortKey).toBe("title");
    expect((await paged("sortKey=dateAdded")).sortKey).toBe("added");
    expect((await paged("sortKey=sizeOnDisk")).sortKey).toBe("size");
  });
});

describe("filtering", () => {
  /** Asserts a filter returns exactly the fixture movies the predicate picks. */
  async function expectFilter(query: string, pick: (m: LibraryMovie) => boolean) {
    const expected = library.filter(pick).map((m) => m.id);
    expect(expected.length, "the fixture should exercise this filter").toBeGreaterThan(0);
    const page = await paged(`pageSize=1000&${query}`);
    expect(page.totalRecords).toBe(expected.length);
    expect(page.records.map((m) => m.id).sort((a, b) => a - b)).toEqual(expected);
  }

  test("search matches titles across punctuation and case", async () => {
    await expectFilter("search=spider man", (m) => m.title.startsWith("Spider-Man"));
    await expectFilter("search=SPIDER-MAN:", (m) => m.title.startsWith("Spider-Man"));
  });

  test("search folds accents", async () => {
    await expectFilter("search=amelie", (m) => m.title === "Amélie");
  });

  test("search matches inside titles", async () => {
    await expectFilter("search=movie 1", (m) => /^Movie 1\d$/.test(m.title));
  });

  test("search with no match is empty", async () => {
    expect(await paged("search=nothing-like-this")).toMatchObject({ totalRecords: 0, records: [] });
  });

  test("monitored", async () => {
    await expectFilter("monitored=true", (m) => m.monitored);
    await expectFilter("monitored=false", (m) => !m.monitored);
  });

  test("hasFile", async () => {
    await expectFilter("hasFile=true", (m) => m.hasFile);
    await expectFilter("hasFile=0", (m) => !m.hasFile);
  });

  test("status", async () => {
    await expectFilter("status=announced", (m) => m.status === "announced");
    await expectFilter("status=inCinemas", (m) => m.status === "inCinemas");
  });

  test("year range, inclusive", async () => {
    await expectFilter("yearFrom=2000&yearTo=2009", (m) => m.year >= 2000 && m.year <= 2009);
    await expectFilter("yearFrom=2015", (m) => m.year >= 2015);
    await expectFilter("yearTo=1962", (m) => m.year <= 1962);
  });

  test("genre", async () => {
    await expectFilter("genre=Drama", (m) => m.genres.includes("Drama"));
    await expectFilter("genre=Horror", (m) => m.genres.includes("Horror"));
  });

  test("tag", async () => {
    await expectFilter(`tagId=${tagA}`, (m) => m.tags.includes(tagA));
    await expectFilter(`tagId=${tagB}`, (m) => m.tags.includes(tagB));
  });

  test("quality profile", async () => {
    await expectFilter(`qualityProfileId=${sdProfile}`, (m) => m.qualityProfileId === sdProfile);
  });

  test("combined filters all apply", async () => {
    await expectFilter("monitored=true&hasFile=true&genre=Drama", (m) => m.monitored && m.hasFile);
    await expectFilter(`tagId=${tagA}&monitored=true`, (m) => m.tags.includes(tagA) && m.monitored);
    await expectFilter("search=movie&yearFrom=2010&status=released", (m) => m.year >= 2010 && m.status === "released");
  });

  test("filters combine with paging and sorting", async () => {
    const page = await paged("monitored=true&sortKey=year&sortDirection=descending&page=2&pageSize=5");
    const expected = library
      .filter((m) => m.monitored)
      .sort((a, b) => b.year - a.year)
      .slice(5, 10)
      .map((m) => m.title);
    expect(page.totalRecords).toBe(30);
    expect(page.records.map((m) => m.title)).toEqual(expected);
  });
});

describe("bad paging input", () => {
  test("an unknown sortKey answers 400 naming sortKey", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/paged?sortKey=bogus"), "sortKey");
  });

  test("pageSize 0 answers 400 naming pageSize", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/paged?pageSize=0"), "pageSize");
  });

  test("page 0 answers 400 naming page", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/paged?page=0"), "page");
  });

  test("yearFrom after yearTo answers 400 naming yearFrom", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/paged?yearFrom=2010&yearTo=2000"), "yearFrom");
  });

  test("an unknown status answers 400 naming status", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/paged?status=lost"), "status");
  });

  test("a non-boolean monitored answers 400 naming monitored", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/paged?monitored=maybe"), "monitored");
  });
});

describe("the whole-library list", () => {
  test("GET /movie returns every movie, sorted by title", async () => {
    const movies = await getJson<Movie[]>("/api/v3/movie");
    expect(movies).toHaveLength(LIBRARY_SIZE);
    expect(movies.map((m) => m.id)).toEqual((await all("")).map((m) => m.id));
  });

  test("each entry has the same shape as /movie/{id}", async () => {
    const movies = await getJson<Movie[]>("/api/v3/movie");
    const tagged = movies.find((m) => m.tags.length === 2);
    const plain = movies.find((m) => m.tags.length === 0 && m.status === "announced");
    for (const movie of [tagged, plain]) {
      expect(movie).toBeDefined();
      expect(await getJson<Movie>(`/api/v3/movie/${movie?.id}`)).toEqual(movie);
    }
  });

  test("paged records have the same shape as /movie/{id}", async () => {
    const page = await getJson<{ records: Movie[] }>("/api/v3/movie/paged?pageSize=1000");
    const tagged = page.records.find((m) => m.tags.length === 2);
    const plain = page.records.find((m) => m.tags.length === 0);
    for (const movie of [tagged, plain]) {
      expect(movie).toBeDefined();
      expect(await getJson<Movie>(`/api/v3/movie/${movie?.id}`)).toEqual(movie);
    }
  });

  test("reports isAvailable from the release dates", async () => {
    const movies = await getJson<Movie[]>("/api/v3/movie");
    for (const movie of movies) expect(movie.isAvailable).toBe(movie.status !== "announced");
  });

  test("notices a PUT", async () => {
    const before = await getJson<Movie[]>("/api/v3/movie");
    const target = before.find((m) => m.monitored);
    await sendJson("PUT", `/api/v3/movie/${target?.id}`, { monitored: false }, 202);
    const after = await getJson<Movie[]>("/api/v3/movie");
    expect(after.find((m) => m.id === target?.id)?.monitored).toBe(false);
    expect(after.filter((m) => m.monitored)).toHaveLength(before.filter((m) => m.monitored).length - 1);
  });

  test("notices a tag change made through the movie editor", async () => {
    await getJson<Movie[]>("/api/v3/movie");
    await sendJson("PUT", "/api/v3/movie/editor", { movieIds: [2], tags: [tagA], applyTags: "add" }, 202);
    const after = await getJson<Movie[]>("/api/v3/movie");
    expect(after.find((m) => m.id === 2)?.tags).toEqual([tagA]);
  });

  test("notices a deleted tag leaving its movies", async () => {
    await getJson<Movie[]>("/api/v3/movie");
    expect((await call("DELETE", `/api/v3/tag/${tagB}`)).status).toBe(200);
    const after = await getJson<Movie[]>("/api/v3/movie");
    expect(after.filter((m) => m.tags.includes(tagB))).toEqual([]);
  });

  test("notices a deleted movie", async () => {
    await getJson<Movie[]>("/api/v3/movie");
    expect((await call("DELETE", "/api/v3/movie/1")).status).toBe(200);
    const after = await getJson<Movie[]>("/api/v3/movie");
    expect(after).toHaveLength(LIBRARY_SIZE - 1);
    expect(after.map((m) => m.id)).not.toContain(1);
  });

  test("notices a write made directly in the database", async () => {
    await getJson<Movie[]>("/api/v3/movie");
    await env.DB.prepare("update movies set title = 'Renamed' where id = 3").run();
    const after = await getJson<Movie[]>("/api/v3/movie");
    expect(after.find((m) => m.id === 3)?.title).toBe("Renamed");
  });
});
