import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, test } from "vitest";
import { meteredD1 } from "../../src/db/meteredD1";
import { call, qualityProfileId } from "./helpers";

// D1's rows read and written per request (from each statement's result meta), as the
// X-D1-Rows-Read / X-D1-Rows-Written headers and the radarr_d1_rows_*_total counters report them.

const LIBRARY_SIZE = 3_000;
const PAGE_SIZE = 20;
const METADATA = JSON.stringify({
  overview: "",
  images: [],
  alternateTitles: [],
  ratings: { tmdb: { votes: 10, value: 5, type: "user" } },
  keywords: [],
  studio: "",
  website: "",
  youTubeTrailerId: "",
  certification: "PG",
  originalLanguage: { id: 1, name: "English" },
});

/** 3,000 movies written straight into D1 in one statement (a recursive CTE), each with a genre. */
async function seedLibrary() {
  const profile = await qualityProfileId();
  await env.DB.batch([
    env.DB.prepare(
      `insert into movies (id, tmdb_id, imdb_id, title, original_title, sort_title, clean_title, year, status,
         runtime, in_cinemas, physical_release, digital_release, monitored, minimum_availability,
         quality_profile_id, root_folder_path, path, has_file, size_on_disk, rating, popularity, genres,
         metadata, add_options, added, last_info_sync, updated_at)
       with recursive n(i) as (select 1 union all select i + 1 from n where i < ?1)
       select 700000 + i, 700000 + i, 'tt' || (7000000 + i), 'Rows Movie ' || i, 'Rows Movie ' || i,
         'rows movie ' || i, 'rowsmovie' || i, 1950 + i % 70, 'released', 100, null, null, null, i % 2, 'released',
         ?2, '/movies', '/movies/Rows Movie ' || i, 0, 0, (i % 100) / 10.0, i, '["Drama"]', ?3, null,
         '2024-01-01T00:00:00.000Z', null, '2024-01-01T00:00:00.000Z'
       from n`,
    ).bind(LIBRARY_SIZE, profile, METADATA),
    env.DB.prepare(
      "insert into movie_genres (movie_id, genre) select id, 'Drama' from movies where id > 700000 and id <= ?1",
    ).bind(700000 + LIBRARY_SIZE),
  ]);
}

function rowsOf(res: Response) {
  return { read: Number(res.headers.get("x-d1-rows-read")), written: Number(res.headers.get("x-d1-rows-written")) };
}

/** A counter's value from /metrics: route/method labels, or binding/op/service for radarr_cf_operations_total. */
async function metricValue(name: string, route: string, method: string, service?: string): Promise<number> {
  const text = await (await call("GET", "/metrics")).text();
  const wanted = service
    ? [`binding="${route}"`, `op="${method}"`, `service="${service}"`]
    : [`route="${route}"`, `method="${method}"`];
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

beforeEach(seedLibrary);

describe("D1 rows per request", () => {
  test("a read reports the rows D1 read and none written; a write reports its rows written", async () => {
    const get = await call("GET", "/api/v3/movie/700010");
    expect(get.status).toBe(200);
    const read = rowsOf(get);
    expect(read.read).toBeGreaterThan(0);
    expect(read.written).toBe(0);

    const movie = await get.json<{ monitored: boolean }>();
    const put = await call("PUT", "/api/v3/movie/700010", { body: { monitored: !movie.monitored } });
    expect(put.status, await put.clone().text()).toBe(202);
    expect(rowsOf(put).written).toBeGreaterThan(0);
  });

  test("/metrics adds each request's rows under its route", async () => {
    const route = "/api/v3/movie/:id";
    const before = await metricValue("radarr_d1_rows_read_total", route, "GET");
    const res = await call("GET", "/api/v3/movie/700011");
    const after = await metricValue("radarr_d1_rows_read_total", route, "GET");
    expect(after - before).toBe(rowsOf(res).read);
  });

  test("the whole-library list reads the table (the baseline a page must stay far under)", async () => {
    const route = "/api/v3/movie";
    const before = await metricValue("radarr_d1_rows_read_total", route, "GET");
    const res = await call("GET", route);
    await res.arrayBuffer();
    // The list is streamed: what its chunks read after the headers left counts in /metrics only.
    expect((await metricValue("radarr_d1_rows_read_total", route, "GET")) - before).toBeGreaterThanOrEqual(
      LIBRARY_SIZE,
    );
  });

  test("/movie?tmdbId= reads that movie and its own tags, not every movie's tags", async () => {
    await env.DB.prepare("insert or ignore into tags (label) values ('rows-tag')").run();
    await env.DB.prepare(
      "insert or ignore into movie_tags (movie_id, tag_id) select id, (select id from tags where label = 'rows-tag') from movies where id > 700000",
    ).run();
    const res = await call("GET", "/api/v3/movie?tmdbId=700010");
    const [movie] = await res.json<{ id: number; tags: number[] }[]>();
    expect(movie.id).toBe(700010);
    expect(movie.tags).toHaveLength(1);
    // Its row, its tag and its file lookup: a handful, where every movie's tags were 3,000.
    expect(rowsOf(res).read).toBeLessThan(20);
  });

  test("the calendar walks its date indexes, not the table", async () => {
    await env.DB.prepare(
      "update movies set in_cinemas = '2026-12-' || printf('%02d', 1 + id % 28) || 'T00:00:00.000Z', monitored = 1 where id between 700001 and 700010",
    ).run();
    await env.DB.prepare(
      "update movies set digital_release = '2027-03-01T00:00:00.000Z' where id between 700011 and 700020",
    ).run();
    const res = await call(
      "GET",
      "/api/v3/calendar?start=2026-12-01T00:00:00Z&end=2026-12-31T23:59:59Z&unmonitored=true",
    );
    const movies = await res.json<{ id: number }[]>();
    expect(movies.map((m) => m.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => 700001 + i));
    // The ten movies' index entries and rows (and their files and tags), where the table is 3,000.
    expect(rowsOf(res).read).toBeLessThan(100);
  });

  // A page reads at most a few times pageSize rows plus its index walk, not the table: its total
  // is an index-only count (D1 counts each index entry walked, at most one per movie) and the
  // page itself adds no more than a few pages' rows. Measured for a page of 20: 127 to 168 rows
  // beyond the count (the page's walk, rows and tags 80, its files 40, the quality profiles 6, and
  // a deeper page's or a descending rating's longer walk up to 41 more).
  // On main with 3,000 movies these are index walks; year, added and size sorts, search and the
  // genre filters still read the table more than once (the `scale` work's indexes are for them).
  const INDEX_WALKS = [
    "sortKey=title&sortDirection=ascending",
    "sortKey=title&sortDirection=descending&page=3",
    "sortKey=rating&sortDirection=descending",
    "sortKey=title&monitored=true",
  ];
  for (const query of INDEX_WALKS) {
    test(`/movie/paged?${query} reads its count walk and a few pages' rows, not more`, async () => {
      const res = await call("GET", `/api/v3/movie/paged?pageSize=${PAGE_SIZE}&${query}`);
      expect(res.status).toBe(200);
      const body = await res.json<{ totalRecords: number; records: unknown[] }>();
      expect(body.records).toHaveLength(PAGE_SIZE);
      expect(rowsOf(res).read).toBeGreaterThan(PAGE_SIZE);
      expect(rowsOf(res).read).toBeLessThanOrEqual(LIBRARY_SIZE + 10 * PAGE_SIZE);
    });
  }

  // A rare filter (a tag on 5 movies, a search matching one title) starts from its own list: the
  // first request counts the list and reads the few movies, where a walk of the title index would
  // pass all 3,000 entries looking for a page of 20 (and its count would walk them again).
  for (const query of ["tagId=TAG", "search=rowsmovie2999", "search=rowsmovie299&sortKey=year&monitored=false"]) {
    test(`/movie/paged?${query} (rare) reads its list and its movies, not the index`, async () => {
      const [{ id: tagId }] = (
        await env.DB.prepare("insert into tags (label) values ('rare') returning id").all<{ id: number }>()
      ).results;
      await env.DB.prepare(
        "insert into movie_tags (movie_id, tag_id) select id, ? from movies where id between 700101 and 700105",
      )
        .bind(tagId)
        .run();
      const res = await call("GET", `/api/v3/movie/paged?pageSize=${PAGE_SIZE}&${query.replace("TAG", String(tagId))}`);
      expect(res.status).toBe(200);
      const body = await res.json<{ totalRecords: number; records: unknown[] }>();
      expect(body.totalRecords).toBeGreaterThan(0);
      expect(body.records).toHaveLength(body.totalRecords);
      expect(rowsOf(res).read).toBeLessThan(10 * PAGE_SIZE);
    });
  }

  test("raw() through the meter keeps positional rows with duplicate and integer-like column names", async () => {
    const usage = { rowsRead: 0, rowsWritten: 0 };
    const d1 = meteredD1(env.DB, (u) => {
      usage.rowsRead += u.rowsRead;
      usage.rowsWritten += u.rowsWritten;
    });
    const sql = `select m.id, g.movie_id as id, 7 as "1", m.title from movies m
      join movie_genres g on g.movie_id = m.id where m.id in (700001, 700002) order by m.id`;
    const rows = await d1.prepare(sql).raw();
    expect(rows).toEqual([
      [700001, 700001, 7, "Rows Movie 1"],
      [700002, 700002, 7, "Rows Movie 2"],
    ]);
    expect(await d1.prepare(sql).raw({ columnNames: true })).toEqual([["id", "id", "1", "title"], ...rows]);
    expect(usage.rowsRead).toBeGreaterThan(0);
    expect(await env.DB.prepare(sql).raw()).toEqual(rows);
  });
});

describe("KV, Durable Object and Queue operations per binding", () => {
  test("a cached upstream read counts its KV read and write and its Durable Object requests in /metrics", async () => {
    const series = (service: string, op: string, binding: string) =>
      metricValue("radarr_cf_operations_total", binding, op, service);
    const before = await Promise.all([series("kv", "read", "CACHE"), series("kv", "write", "CACHE")]);
    const budgetBefore = await series("durable_object", "request", "API_BUDGET");
    // TMDb's popular movies: a KV miss, the TMDb call (its budget is a Durable Object), the KV write.
    const res = await call("GET", "/api/v3/importlist/movie?includePopular=true&includeTrending=false");
    expect(res.status).toBe(200);
    const after = await Promise.all([series("kv", "read", "CACHE"), series("kv", "write", "CACHE")]);
    expect(after[0]).toBeGreaterThan(before[0]);
    expect(after[1]).toBeGreaterThan(before[1]);
    expect(await series("durable_object", "request", "API_BUDGET")).toBeGreaterThan(budgetBefore);
  });
});
