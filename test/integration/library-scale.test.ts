import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, test } from "vitest";
import { librarySeedSql } from "../../scripts/lib/seed-library.mjs";
import { createDatabase } from "../../src/db/client";
import { sourcesOf } from "../../src/db/repositories/movieFilterLists";
import {
  choosePlan,
  type MoviePageQuery,
  type PagePlan,
  pageIdsSql,
  totalSql,
} from "../../src/db/repositories/movieQuery";
import { MovieRepository } from "../../src/db/repositories/movies";
import { cleanTitle } from "../../src/domain/library/titles";
import { call, getJson, type Movie, sendJson } from "./helpers";

// More movies than one chunk of the streamed whole-library list (1,000), and the bench's own
// generated titles: a tenth with an original title, a fifth with an alternate title.
const LIBRARY_SIZE = 2_150;

interface MoviePage {
  page: number;
  pageSize: number;
  totalRecords: number;
  records: Movie[];
}

const paged = (query: string) => getJson<MoviePage>(`/api/v3/movie/paged?${query}`);

/** Every title a movie answers a search by, clean (folded, letters and digits). */
const titlesOf = (m: Movie) =>
  [m.title, m.originalTitle ?? "", ...m.alternateTitles.map((t) => t.title)].map(cleanTitle);

const byTitle = (a: Movie, b: Movie) =>
  a.sortTitle === b.sortTitle ? a.id - b.id : (a.sortTitle ?? "") < (b.sortTitle ?? "") ? -1 : 1;

/** The same order as the server's: the key, then title ascending, then id. */
function byKey(key: (m: Movie) => number | string, descending: boolean) {
  return (a: Movie, b: Movie) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    return byTitle(a, b);
  };
}

let library: Movie[];

// Every test starts from an empty database (setup.ts): the library is written again for each.
beforeEach(async () => {
  const statements = librarySeedSql(LIBRARY_SIZE)
    .split(";\n")
    .map((s) => s.trim())
    .filter(Boolean);
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  library = await getJson<Movie[]>("/api/v3/movie");
});

describe("the whole-library list, streamed in chunks", () => {
  test("holds every movie once, in title order, across chunk boundaries", async () => {
    expect(library).toHaveLength(LIBRARY_SIZE);
    expect(new Set(library.map((m) => m.id)).size).toBe(LIBRARY_SIZE);
    expect(library.map((m) => m.id)).toEqual([...library].sort(byTitle).map((m) => m.id));
  });

  test("answers the same list again from its cache", async () => {
    const res = await call("GET", "/api/v3/movie");
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual(library);
  });
});

describe("search over every title, any length", () => {
  test("terms of 1, 2 and more characters match inside any title", async () => {
    for (const term of ["riviere", "quasar", "river", "zephyr 12", "ze", "q", "7"]) {
      const key = cleanTitle(term);
      const expected = library.filter((m) => titlesOf(m).some((t) => t.includes(key))).sort(byTitle);
      expect(expected.length, `the generated library should match '${term}'`).toBeGreaterThan(0);
      const page = await paged(`pageSize=1000&search=${encodeURIComponent(term)}`);
      expect(page.totalRecords, term).toBe(expected.length);
      expect(
        page.records.map((m) => m.id),
        term,
      ).toEqual(expected.slice(0, 1000).map((m) => m.id));
    }
  });

  test("an original or alternate title alone finds its movie", async () => {
    const foreign = library.find((m) => m.originalTitle !== m.title);
    const alternate = library.find((m) => m.alternateTitles.length > 0);
    for (const [movie, title] of [
      [foreign, foreign?.originalTitle],
      [alternate, alternate?.alternateTitles[0].title],
    ] as const) {
      const page = await paged(`search=${encodeURIComponent(title ?? "")}`);
      expect(page.records.map((m) => m.id)).toContain(movie?.id);
    }
  });
});

describe("every sort and filter, any page", () => {
  const rating = (m: Movie) => m.ratings?.tmdb?.value ?? 0;
  const cases: [string, (m: Movie) => boolean, (a: Movie, b: Movie) => number][] = [
    ["sortKey=title", () => true, byTitle],
    ["sortKey=title&sortDirection=descending", () => true, (a, b) => byTitle(b, a)],
    ["sortKey=year&search=river", (m) => titlesOf(m).some((t) => t.includes("river")), byKey((m) => m.year, false)],
    ["sortKey=year&sortDirection=descending&monitored=true", (m) => m.monitored, byKey((m) => m.year, true)],
    [
      "sortKey=added&hasFile=false&genre=Drama",
      (m) => !m.hasFile && m.genres.includes("Drama"),
      byKey((m) => m.added ?? "", false),
    ],
    [
      "sortKey=rating&sortDirection=descending&yearFrom=1990&yearTo=2010",
      (m) => m.year >= 1990 && m.year <= 2010,
      byKey(rating, true),
    ],
    [
      "sortKey=size&sortDirection=descending&status=released&qualityProfileId=2",
      (m) => m.status === "released" && m.qualityProfileId === 2,
      byKey((m) => m.sizeOnDisk ?? 0, true),
    ],
    [
      "sortKey=popularity&tagId=2&search=a",
      (m) => m.tags.includes(2) && titlesOf(m).some((t) => t.includes("a")),
      byKey((m) => m.popularity ?? 0, false),
    ],
  ];

  test("a deep page of each, the next one and the same again are slices of the whole order", async () => {
    for (const [query, pick, order] of cases) {
      const expected = library.filter(pick).sort(order);
      expect(expected.length, `${query} should leave several pages`).toBeGreaterThan(30);
      const deepPage = Math.ceil(expected.length / 10 / 2);
      // The second and third reads start from where the first left off (keyset), not an offset.
      for (const n of [deepPage, deepPage + 1, deepPage]) {
        const page = await paged(`${query}&pageSize=10&page=${n}`);
        expect(page.totalRecords, query).toBe(expected.length);
        expect(
          page.records.map((m) => m.id),
          `${query} page ${n}`,
        ).toEqual(expected.slice((n - 1) * 10, n * 10).map((m) => m.id));
      }
    }
  });
});

describe("a rare filter builds from its own list, a common one walks the sort index", () => {
  const rating = (m: Movie) => m.ratings?.tmdb?.value ?? 0;
  const hasTitle = (key: string) => (m: Movie) => titlesOf(m).some((t) => t.includes(key));
  // [query, its filter and sort as MoviePageQuery fields, the same filter in plain code, the order]
  const cases: [string, Partial<MoviePageQuery>, (m: Movie) => boolean, (a: Movie, b: Movie) => number][] = [
    ["search=golden harbor", { search: "goldenharbor" }, hasTitle("goldenharbor"), byTitle],
    [
      "tag 3, War, tba by rating",
      { sortKey: "rating", sortDirection: "descending", tagId: 3, genre: "War", status: "tba" },
      (m) => m.tags.includes(3) && m.genres.includes("War") && m.status === "tba",
      byKey(rating, true),
    ],
    [
      "riviere, monitored, by year",
      { sortKey: "year", search: "riviere", monitored: true },
      (m) => hasTitle("riviere")(m) && m.monitored,
      byKey((m) => m.year, false),
    ],
    [
      "profile 4, tba, no file, by size",
      { sortKey: "size", sortDirection: "descending", qualityProfileId: 4, status: "tba", hasFile: false },
      (m) => m.qualityProfileId === 4 && m.status === "tba" && !m.hasFile,
      byKey((m) => m.sizeOnDisk ?? 0, true),
    ],
    ["tag 2", { tagId: 2 }, (m) => m.tags.includes(2), byTitle],
    [
      "tag 3 by rating",
      { sortKey: "rating", sortDirection: "descending", tagId: 3 },
      (m) => m.tags.includes(3),
      byKey(rating, true),
    ],
    [
      "river + Comedy by added",
      { sortKey: "added", search: "river", genre: "Comedy" },
      (m) => hasTitle("river")(m) && m.genres.includes("Comedy"),
      byKey((m) => m.added ?? "", false),
    ],
    [
      "ri + tag 1 + 1990s",
      { search: "ri", tagId: 1, yearFrom: 1990, yearTo: 1999 },
      (m) => hasTitle("ri")(m) && m.tags.includes(1) && m.year >= 1990 && m.year <= 1999,
      byTitle,
    ],
  ];

  test("every plan reads the same pages and total as a plain filter over the whole library", async () => {
    const movies = new MovieRepository(createDatabase(env.DB));
    const rows = async (sql: { text: string; params: (string | number)[] }) =>
      (
        await env.DB.prepare(sql.text)
          .bind(...sql.params)
          .all<{ id: number; total: number }>()
      ).results;
    for (const [name, fields, pick, order] of cases) {
      const expected = library.filter(pick).sort(order);
      expect(expected.length, `${name} should match some movies`).toBeGreaterThan(0);
      const searchKey = fields.search;
      const { counts } = await movies.pages.filterCounts(fields, searchKey);
      const total = totalSql(fields, searchKey, counts);
      expect(typeof total === "number" ? total : (await rows(total))[0].total, name).toBe(expected.length);
      const plans: PagePlan[] = [
        { kind: "walk" },
        ...sourcesOf(fields, searchKey).map((source) => ({ kind: "build" as const, source })),
      ];
      for (const plan of plans)
        for (const page of [1, 2]) {
          const query = {
            sortKey: "title",
            sortDirection: "ascending",
            ...fields,
            page,
            pageSize: 4,
          } as MoviePageQuery;
          expect(
            (await rows(pageIdsSql(query, searchKey, undefined, plan))).map((r) => r.id),
            `${name} ${plan.kind} ${"source" in plan ? plan.source : ""} page ${page}`,
          ).toEqual(expected.slice((page - 1) * 4, page * 4).map((m) => m.id));
        }
    }
  });

  test("the counts choose a build for rare filters and a walk for common ones, and the route serves either", async () => {
    // Tag 3 made rare: kept on one movie in ten (about 14 of the 2,150).
    await env.DB.prepare("delete from movie_tags where tag_id = 3 and movie_id % 10 <> 0").run();
    library = await getJson<Movie[]>("/api/v3/movie");
    const movies = new MovieRepository(createDatabase(env.DB));
    const chosen: Record<string, string> = {};
    for (const [name, fields, pick, order] of cases) {
      const { counts } = await movies.pages.filterCounts(fields, fields.search);
      counts.total = library.filter(pick).length;
      const query = {
        sortKey: "title",
        sortDirection: "ascending",
        ...fields,
        page: 1,
        pageSize: 10,
      } as MoviePageQuery;
      const plan = choosePlan(query, fields.search, counts);
      chosen[name] = plan.kind === "build" ? `build ${plan.source}` : "walk";
      const params = new URLSearchParams({
        pageSize: "10",
        sortKey: query.sortKey,
        sortDirection: query.sortDirection,
      });
      for (const k of [
        "search",
        "tagId",
        "genre",
        "status",
        "qualityProfileId",
        "monitored",
        "hasFile",
        "yearFrom",
        "yearTo",
      ] as const)
        if (fields[k] !== undefined) params.set(k, String(fields[k]));
      const page = await paged(params.toString());
      const expected = library.filter(pick).sort(order);
      expect(page.totalRecords, name).toBe(expected.length);
      expect(
        page.records.map((m) => m.id),
        name,
      ).toEqual(expected.slice(0, 10).map((m) => m.id));
    }
    expect(chosen).toMatchObject({
      "search=golden harbor": "build search",
      "tag 3, War, tba by rating": "build tag",
      "tag 3 by rating": "build tag",
      "tag 2": "walk",
      // A common search and a common genre whose overlap is rare: the search's list kept to the
      // ids the genre lists too, so only those rows are read (a walk would pass most of the index).
      "river + Comedy by added": "build search",
    });
  });
});

describe("the index follows writes", () => {
  test("a total counted for a filter moves when the library changes", async () => {
    const before = await paged("monitored=true&genre=Western");
    const target = library.find((m) => m.monitored && m.genres.includes("Western"));
    await sendJson("PUT", `/api/v3/movie/${target?.id}`, { monitored: false }, 202);
    expect((await paged("monitored=true&genre=Western")).totalRecords).toBe(before.totalRecords - 1);
  });

  test("a changed alternate title is searchable, a deleted movie is not", async () => {
    const [movie, gone] = library.filter((m) => m.alternateTitles.length === 0);
    await env.DB.prepare(
      `update movies set metadata = json_set(metadata, '$.alternateTitles', json('[{"title":"Xylophone Vale","cleanTitle":"xylophonevale"}]')) where id = ?`,
    )
      .bind(movie.id)
      .run();
    expect((await paged("search=xylophone")).records.map((m) => m.id)).toEqual([movie.id]);
    const term = cleanTitle(gone.title);
    expect((await paged(`search=${term}`)).records.map((m) => m.id)).toContain(gone.id);
    expect((await call("DELETE", `/api/v3/movie/${gone.id}`)).status).toBe(200);
    expect((await paged(`search=${term}`)).records.map((m) => m.id)).not.toContain(gone.id);
  });
});
